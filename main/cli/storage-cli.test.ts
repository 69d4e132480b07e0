import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveExportResult, ArchiveImportResult, BackupResult, RestoreResult } from '../../shared/domain/archive';
import { runAttune } from '../test-support/cli-runner';
import { importSample, tempDir } from '../test-support/temp-library';
import { openServices } from '../services/services';
import { dumpTables } from '../services/storage/storage-test-library';

describe('attune backup, restore and archive', () => {
  let work: string;
  let library: string;
  let sessionId: string;

  beforeAll(async () => {
    work = tempDir('attune-cli-storage-');
    library = path.join(work, 'library');
    const services = openServices(library, { resumeTranscriptions: false });
    try {
      const session = await importSample(services, 'audio/jfk.wav');
      services.annotations.create({ sessionId: session.id, codeId: 'open-question', start: 1, end: 2, comment: 'A fine question' });
      sessionId = session.id;
    } finally {
      services.close();
    }
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  const tablesOf = (dir: string) => {
    const s = openServices(dir, { resumeTranscriptions: false });
    try {
      return dumpTables(s.db);
    } finally {
      s.close();
    }
  };

  it('backs up into a dated folder inside an existing folder, verified (--json), and restores it into an empty data dir', () => {
    const backups = path.join(work, 'backups');
    fs.mkdirSync(backups);
    const made = runAttune(library, ['backup', backups, '--json']);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    const backup = JSON.parse(made.stdout) as BackupResult;
    expect(backup.verified).toBe(true);
    expect(path.dirname(backup.path)).toBe(backups);
    expect(path.basename(backup.path)).toMatch(/^attune-backup-\d{4}-\d{2}-\d{2}-\d{4}$/);

    const fresh = path.join(work, 'restored');
    const restored = runAttune(fresh, ['restore', backup.path, '--json']);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect((JSON.parse(restored.stdout) as RestoreResult).sessions).toBe(1);
    expect(tablesOf(fresh)).toEqual(tablesOf(library));

    // Again: the library is not empty any more.
    const again = runAttune(fresh, ['restore', backup.path]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^attune restore: This library already holds 1 session\. Restoring the backup replaces everything in it\. Add --replace to replace it/);
    const replaced = runAttune(fresh, ['restore', backup.path, '--replace']);
    expect(replaced.code).toBe(0);
    expect(replaced.stderr).toMatch(/^Restored 1 session /);

    // A damaged backup: refused in plain words, nothing changed.
    const media = path.join(backup.path, 'media', fs.readdirSync(path.join(backup.path, 'media'))[0] as string);
    fs.appendFileSync(media, 'x');
    const damaged = runAttune(fresh, ['restore', backup.path, '--replace']);
    expect(damaged.code).toBe(1);
    expect(damaged.stderr).toMatch(/^attune restore: The backup is damaged: media\/\S+ holds \d+ bytes where the backup recorded \d+\. Nothing was changed/);
    expect(tablesOf(fresh)).toEqual(tablesOf(library));
  });

  it('backs up to one .attune-backup file and restores it into an empty data dir; a cut-short file is refused', () => {
    const file = path.join(work, 'library.attune-backup');
    const made = runAttune(library, ['backup', file]);
    expect(made.code).toBe(0);
    expect(made.stderr).toMatch(/^Backed up 1 session to .*library\.attune-backup \(\d+ files, .+\); every file was read back and verified\.\n$/);
    expect(fs.statSync(file).isFile()).toBe(true);
    expect(fs.readdirSync(work).filter((n) => n.includes('library.attune-backup'))).toEqual(['library.attune-backup']);

    const fresh = path.join(work, 'restored-from-file');
    const restored = runAttune(fresh, ['restore', file, '--json']);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(JSON.parse(restored.stdout) as RestoreResult).toMatchObject({ sessions: 1, path: file });
    expect(tablesOf(fresh)).toEqual(tablesOf(library));

    const again = runAttune(library, ['backup', file]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists\. Choose a new file name for the backup\./);

    const cut = path.join(work, 'cut.attune-backup');
    fs.writeFileSync(cut, fs.readFileSync(file).subarray(0, 5000));
    const damaged = runAttune(fresh, ['restore', cut, '--replace']);
    expect(damaged.code).toBe(1);
    expect(damaged.stderr).toMatch(/^attune restore: The backup is damaged: the file ends too early.*Nothing was changed/);
    expect(tablesOf(fresh)).toEqual(tablesOf(library));
  });

  it('refuses a backup to a folder that is not there, and a restore from a folder that is not a backup', () => {
    const missing = runAttune(library, ['backup', path.join(work, 'no', 'such', 'place')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^attune backup: The folder .*no[/\\]such does not exist\./);
    const notBackup = runAttune(path.join(work, 'other'), ['restore', work]);
    expect(notBackup.code).toBe(1);
    expect(notBackup.stderr).toMatch(/is not an Attune backup: it has no attune-backup\.json/);
    const usage = runAttune(library, ['backup']);
    expect(usage.code).toBe(2);
  });

  it('exports sessions to an archive and imports it elsewhere; a second import reports the duplicate', () => {
    const out = path.join(work, 'out');
    fs.mkdirSync(out);
    const exported = runAttune(library, ['archive', 'export', sessionId.slice(0, 8), '--out', out, '--json']);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    const archive = JSON.parse(exported.stdout) as ArchiveExportResult;
    expect(archive.path.startsWith(out)).toBe(true);
    expect(archive.path.endsWith('.attune-archive')).toBe(true);
    expect(archive.sessions).toBe(1);

    const exists = runAttune(library, ['archive', 'export', sessionId, '--out', archive.path]);
    expect(exists.code).toBe(1);
    expect(exists.stderr).toMatch(/already exists; add --force to replace it\./);

    const elsewhere = path.join(work, 'elsewhere');
    const first = runAttune(elsewhere, ['archive', 'import', archive.path, '--json']);
    expect(first.code).toBe(0);
    const imported = JSON.parse(first.stdout) as ArchiveImportResult;
    expect(imported.imported.map((s) => s.sessionId)).toEqual([sessionId]);
    const second = runAttune(elsewhere, ['archive', 'import', archive.path]);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/Imported 0 sessions from .*\n {2}Skipped “Jfk”: already in this library/);

    const bad = path.join(work, 'bad.attune-archive');
    fs.writeFileSync(bad, 'not a zip');
    const refused = runAttune(elsewhere, ['archive', 'import', bad]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('attune archive: “bad.attune-archive” is not an Attune session archive, or it is damaged. Nothing was imported.\n');
    expect(runAttune(elsewhere, ['archive', 'frobnicate']).code).toBe(2);
  });
});
