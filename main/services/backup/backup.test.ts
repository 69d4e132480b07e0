import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupResult, RestoreResult } from '../../../shared/domain/archive';
import { filesBelow, openTempServices, tempDir } from '../../test-support/temp-library';
import { openServices, type Services } from '../services';
import { backupTo, dumpTables, expectSameLibrary, fillSampleLibrary, restoreFrom, storedHashes } from '../storage/storage-test-library';
import { BACKUP_DATABASE, BACKUP_MANIFEST, backupManifestSchema } from './backup-manifest';
import { makeBackup } from './make-backup';
import { restoreBackup } from './restore-backup';

function copyFolder(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true });
}

describe('backup and restore', () => {
  let source: Services & { cleanup(): void };
  let backupRoot: string;
  let backupPath: string;
  let result: BackupResult;

  beforeAll(async () => {
    source = openTempServices();
    await fillSampleLibrary(source);
    backupRoot = tempDir('attune-backups-');
    result = await backupTo(source, path.join(backupRoot, 'nightly'));
    backupPath = result.path;
  });
  afterAll(() => {
    source.cleanup();
    fs.rmSync(backupRoot, { recursive: true, force: true });
  });

  it('writes a verified backup: the database, recordings and waveforms, listed with sizes and SHA-256, without the audio cache', () => {
    expect(result.verified).toBe(true);
    expect(result.sessions).toBe(2);
    expect(backupPath).toBe(path.join(backupRoot, 'nightly'));
    const manifest = backupManifestSchema.parse(JSON.parse(fs.readFileSync(path.join(backupPath, BACKUP_MANIFEST), 'utf8')));
    const listed = manifest.files.map((f) => f.path).sort();
    expect(listed).toEqual(filesBelow(backupPath).filter((f) => f !== BACKUP_MANIFEST));
    expect(listed.filter((f) => f.startsWith('media/'))).toHaveLength(2);
    expect(listed.filter((f) => f.startsWith('peaks/'))).toHaveLength(2);
    expect(listed.some((f) => f.endsWith('.pcm'))).toBe(false);
    expect(manifest.tables.sessions).toBe(2);
    expect(manifest.leftOut).toMatch(/transcription/);
    // No temporary folder is left beside it.
    expect(fs.readdirSync(backupRoot)).toEqual(['nightly']);
  });

  it('backup → wipe → restore gives an identical library: the same rows in every table and the same files', async () => {
    const dir = tempDir();
    const target = openServices(dir, { resumeTranscriptions: false });
    try {
      const outcome = await restoreFrom(target, backupPath);
      expect(outcome.kind).toBe('restore');
      expect((outcome as { result: RestoreResult }).result).toMatchObject({ sessions: 2, replaced: false });
      expectSameLibrary(target, source);
      // The search index was rebuilt by its triggers, and the restored sessions open.
      const hits = (db: Services['db']) => (db.prepare("SELECT count(*) AS n FROM search_fts WHERE search_fts MATCH 'worry'").get() as { n: number }).n;
      expect(hits(target.db)).toBe(hits(source.db));
      expect(hits(target.db)).toBeGreaterThan(0);
      expect(target.sessions.list().map((s) => s.title).sort()).toEqual(source.sessions.list().map((s) => s.title).sort());
    } finally {
      target.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(process.platform === 'win32')('writes the backup readable by its owner only: folders 0700, files 0600', () => {
    expect(fs.statSync(backupPath).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(backupPath, 'media')).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(backupPath, 'peaks')).mode & 0o777).toBe(0o700);
    const files = filesBelow(backupPath);
    expect(files.length).toBeGreaterThan(4);
    for (const f of files) expect(fs.statSync(path.join(backupPath, f)).mode & 0o777, f).toBe(0o600);
  });

  it('repairs a library file the disk damaged: the verified copy from the backup replaces it', async () => {
    const target = openTempServices();
    try {
      expect((await restoreFrom(target, backupPath)).kind).toBe('restore');
      const name = fs.readdirSync(target.paths.mediaDir)[0] as string;
      const file = path.join(target.paths.mediaDir, name);
      const bytes = fs.readFileSync(file);
      bytes[Math.floor(bytes.length / 2)] = (bytes[Math.floor(bytes.length / 2)] as number) ^ 0xff;
      fs.writeFileSync(file, bytes);
      expect(storedHashes(target)).not.toEqual(storedHashes(source));
      const outcome = await restoreFrom(target, backupPath, true);
      expect(outcome.kind).toBe('restore');
      expect(storedHashes(target)).toEqual(storedHashes(source));
    } finally {
      target.cleanup();
    }
  });

  it('keeps the record of deletions and warns about sessions of the backup that were deleted since', async () => {
    const target = openTempServices();
    try {
      await restoreFrom(target, backupPath);
      const victim = target.sessions.list()[0] as { id: string };
      await target.retention.delete(victim.id);
      const log = dumpTables(target.db).deletion_log;
      expect(log).toHaveLength(1);
      const outcome = await restoreFrom(target, backupPath, true);
      if (outcome.kind !== 'restore') throw new Error(JSON.stringify(outcome));
      expect(outcome.result.warnings).toHaveLength(1);
      expect(outcome.result.warnings[0]).toMatch(/^1 session in this backup was deleted from the library on \d{4}-\d{2}-\d{2}, and is back now\./);
      expect(target.sessions.list()).toHaveLength(2);
      expect(dumpTables(target.db).deletion_log).toEqual(log);
    } finally {
      target.cleanup();
    }
  });

  it('replaces the rows with SQLite’s secure_delete on: the replaced session’s text is not left in the database file', async () => {
    const target = openTempServices();
    try {
      const { importSample } = await import('../../test-support/temp-library');
      const mine = await importSample(target, 'audio/jfk.mp3');
      const marker = 'Qx7-replaced-session-marker-Zv9';
      target.sessions.update(mine.id, { notes: marker.repeat(20) });
      const dbFiles = () => [target.paths.dbFile, `${target.paths.dbFile}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f));
      target.db.pragma('wal_checkpoint(TRUNCATE)');
      expect(dbFiles().some((b) => b.includes(marker))).toBe(true);
      expect((await restoreFrom(target, backupPath, true)).kind).toBe('restore');
      target.db.pragma('wal_checkpoint(TRUNCATE)');
      expect(dbFiles().some((b) => b.includes(marker))).toBe(false);
      expect(target.db.pragma('secure_delete', { simple: true })).toBe(0);
    } finally {
      target.cleanup();
    }
  });

  it('reports trouble tidying up after the rows were replaced as a warning, not as a failure', async () => {
    const target = openTempServices();
    try {
      const { importSample } = await import('../../test-support/temp-library');
      await importSample(target, 'audio/jfk.mp3');
      const restoreTarget = {
        db: target.db,
        // The prepared-audio folder is gone: removing the replaced files fails after the commit.
        paths: { ...target.paths, pcmDir: path.join(target.paths.root, 'no-such-folder') },
        referencedFiles: () => target.sessions.referencedFiles(),
        busyReason: () => null,
      };
      const result = await restoreBackup(restoreTarget, backupPath, { replace: true });
      expect(result.warnings.some((w) => /The library was restored, but some files of the sessions it replaced could not be removed/.test(w))).toBe(true);
      expect(dumpTables(target.db).sessions).toEqual(dumpTables(source.db).sessions);
    } finally {
      target.cleanup();
    }
  });

  it('refuses to restore into a library that holds sessions unless asked to replace it', async () => {
    const target = openTempServices();
    try {
      const { importSample } = await import('../../test-support/temp-library');
      await importSample(target, 'audio/jfk.mp3');
      expect(() => target.storage.startRestore(backupPath, false)).toThrow(/already holds 1 session\. Restoring the backup replaces everything/);
      expect(target.sessions.list()).toHaveLength(1);
      const outcome = await restoreFrom(target, backupPath, true);
      expect(outcome.kind).toBe('restore');
      expect((outcome as { result: RestoreResult }).result.replaced).toBe(true);
      expect(dumpTables(target.db).sessions).toEqual(dumpTables(source.db).sessions);
      // The replaced session's files are gone; only the backup's are there.
      expect(Object.keys(storedHashes(target))).toEqual(Object.keys(storedHashes(source)));
    } finally {
      target.cleanup();
    }
  });

  describe('a damaged backup is refused before anything is replaced', () => {
    let target: Services & { cleanup(): void };
    let tablesBefore: Record<string, string[]>;
    let filesBefore: Record<string, string>;
    beforeAll(async () => {
      target = openTempServices();
      const { importSample } = await import('../../test-support/temp-library');
      await importSample(target, 'audio/jfk.mp3');
      tablesBefore = dumpTables(target.db);
      filesBefore = storedHashes(target);
    });
    afterAll(() => target.cleanup());

    const damages: [string, (dir: string) => void, RegExp][] = [
      [
        'a flipped byte in a recording',
        (dir) => {
          const media = path.join(dir, 'media', fs.readdirSync(path.join(dir, 'media'))[0] as string);
          const bytes = fs.readFileSync(media);
          bytes[Math.floor(bytes.length / 2)] = (bytes[Math.floor(bytes.length / 2)] as number) ^ 0xff;
          fs.writeFileSync(media, bytes);
        },
        /The backup is damaged: media\/.* does not match the fingerprint/,
      ],
      [
        'a truncated database',
        (dir) => {
          const db = path.join(dir, BACKUP_DATABASE);
          fs.truncateSync(db, Math.floor(fs.statSync(db).size / 2));
        },
        /The backup is damaged: attune\.sqlite holds \d+ bytes where the backup recorded \d+/,
      ],
      ['a missing waveform', (dir) => fs.rmSync(path.join(dir, 'peaks', fs.readdirSync(path.join(dir, 'peaks'))[0] as string)), /The backup is damaged: peaks\/.* is missing/],
      ['a corrupted manifest', (dir) => fs.writeFileSync(path.join(dir, BACKUP_MANIFEST), '{"format": "attune-backup", "files": [tru'), /list of contents .* is damaged/],
      [
        'a manifest naming a file outside the backup',
        (dir) => {
          const file = path.join(dir, BACKUP_MANIFEST);
          const m = JSON.parse(fs.readFileSync(file, 'utf8')) as { files: { path: string }[] };
          (m.files[1] as { path: string }).path = '../evil';
          fs.writeFileSync(file, JSON.stringify(m));
        },
        /cannot be used safely: the file “\.\.\/evil” would be written outside/,
      ],
    ];

    for (const [what, damage, message] of damages) {
      it(`${what}`, async () => {
        const copy = path.join(tempDir('attune-damaged-'), 'backup');
        copyFolder(backupPath, copy);
        damage(copy);
        const outcome = await restoreFrom(target, copy, true);
        expect(outcome.kind).toBe('failed');
        expect((outcome as { message: string }).message).toMatch(message);
        expect(dumpTables(target.db)).toEqual(tablesBefore);
        expect(storedHashes(target)).toEqual(filesBefore);
        expect(fs.readdirSync(target.paths.tmpDir)).toEqual([]);
        fs.rmSync(path.dirname(copy), { recursive: true, force: true });
      });
    }
  });

  it('a cancelled backup leaves nothing behind', async () => {
    const parent = tempDir('attune-cancel-');
    try {
      const controller = new AbortController();
      let sawProgress = false;
      const work = makeBackup({ db: source.db, paths: source.paths, appVersion: 't' }, path.join(parent, 'b'), {
        signal: controller.signal,
        pagesPerStep: 1,
        progress: () => {
          if (!sawProgress) {
            sawProgress = true;
            controller.abort();
          }
        },
      });
      await expect(work).rejects.toMatchObject({ code: 'cancelled' });
      expect(sawProgress).toBe(true);
      expect(fs.readdirSync(parent)).toEqual([]);
      // Cancelled while copying files, not only during the database step.
      const controller2 = new AbortController();
      const work2 = makeBackup({ db: source.db, paths: source.paths, appVersion: 't' }, path.join(parent, 'c'), {
        signal: controller2.signal,
        progress: (_p, stage) => {
          if (stage.startsWith('Copying recordings')) controller2.abort();
        },
      });
      await expect(work2).rejects.toMatchObject({ code: 'cancelled' });
      expect(fs.readdirSync(parent)).toEqual([]);
    } finally {
      fs.rmSync(parent, { recursive: true, force: true });
    }
  });

  it('refuses a backup over an existing folder name; a library file that no longer matches its fingerprint is copied faithfully, and its restore refused', async () => {
    await expect(makeBackup({ db: source.db, paths: source.paths, appVersion: 't' }, backupPath)).rejects.toMatchObject({ code: 'file_exists' });
    const other = openTempServices();
    const parent = tempDir('attune-rot-');
    try {
      const { importSample } = await import('../../test-support/temp-library');
      const s = await importSample(other, 'audio/jfk.wav');
      const media = path.join(other.paths.mediaDir, s.media.fileName);
      const bytes = fs.readFileSync(media);
      bytes[100] = (bytes[100] as number) ^ 1;
      fs.writeFileSync(media, bytes);
      // The backup is a byte-for-byte copy; its manifest keeps the fingerprint from the import.
      const made = await makeBackup({ db: other.db, paths: other.paths, appVersion: 't' }, path.join(parent, 'b'));
      expect(fs.readFileSync(path.join(made.path, 'media', s.media.fileName)).equals(bytes)).toBe(true);
      const fresh = tempDir('attune-rot-restore-');
      const target = openServices(fresh, { resumeTranscriptions: false });
      try {
        await expect(restoreBackup({ db: target.db, paths: target.paths, referencedFiles: () => target.sessions.referencedFiles(), busyReason: () => null }, made.path)).rejects.toThrow(/The backup is damaged: media\/.* does not match the fingerprint/);
        expect(target.sessions.list()).toEqual([]);
      } finally {
        target.close();
        fs.rmSync(fresh, { recursive: true, force: true });
      }
    } finally {
      other.cleanup();
      fs.rmSync(parent, { recursive: true, force: true });
    }
  });
});
