import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupResult } from '../../../shared/domain/archive';
import { openTempServices, tempDir } from '../../test-support/temp-library';
import type { Services } from '../services';
import { backupTo, dumpTables, expectSameLibrary, fillSampleLibrary, restoreFrom, storedHashes } from '../storage/storage-test-library';
import { BACKUP_MANIFEST } from './backup-manifest';
import { makeBackupFile } from './backup-file';
import { BLOCK, entryHeaders, readTarEntries, type TarEntry } from './backup-tar';

async function entriesOf(file: string): Promise<TarEntry[]> {
  const input = await fsp.open(file, 'r');
  try {
    const out: TarEntry[] = [];
    for await (const e of readTarEntries(input, (name, kind) => {
      throw new Error(`${kind} ${name}`);
    }))
      out.push(e);
    return out;
  } finally {
    await input.close();
  }
}

/** A hand-made tar: a folder, a manifest, then `extra` (header blocks and their bytes). */
async function craftedTar(file: string, manifest: Buffer, extra: Buffer): Promise<void> {
  const padding = Buffer.alloc((BLOCK - (manifest.length % BLOCK)) % BLOCK);
  await fsp.writeFile(file, Buffer.concat([entryHeaders('media', 'folder', 0, 0), entryHeaders(BACKUP_MANIFEST, 'file', manifest.length, 0), manifest, padding, extra, Buffer.alloc(2 * BLOCK)]), { flag: 'wx' });
}

function symlinkHeader(name: string, linkTarget: string): Buffer {
  const header = entryHeaders(name, 'file', 0, 0);
  header.write('2', 156, 1, 'ascii');
  header.write(linkTarget, 157, 100, 'utf8');
  header.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of header) sum += b;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
  return header;
}

describe('backup to one file and restore from it', () => {
  let source: Services & { cleanup(): void };
  let backupRoot: string;
  let backupFile: string;
  let result: BackupResult;

  beforeAll(async () => {
    source = openTempServices();
    await fillSampleLibrary(source);
    backupRoot = tempDir('attune-backup-files-');
    result = await backupTo(source, path.join(backupRoot, 'nightly.attune-backup'));
    backupFile = result.path;
  });
  afterAll(() => {
    source.cleanup();
    fs.rmSync(backupRoot, { recursive: true, force: true });
  });

  it('writes one verified tar file, owner-only, with nothing else left beside it', async () => {
    expect(result.verified).toBe(true);
    expect(result.sessions).toBe(2);
    expect(backupFile).toBe(path.join(backupRoot, 'nightly.attune-backup'));
    expect(fs.readdirSync(backupRoot)).toEqual(['nightly.attune-backup']);
    expect(fs.statSync(backupFile).isFile()).toBe(true);
    if (process.platform !== 'win32') expect(fs.statSync(backupFile).mode & 0o777).toBe(0o600);
    expect(fs.statSync(backupFile).size % (20 * BLOCK)).toBe(0);
    const names = (await entriesOf(backupFile)).map((e) => `${e.type}:${e.name}`);
    expect(names).toContain(`file:${BACKUP_MANIFEST}`);
    expect(names).toContain('file:attune.sqlite');
    expect(names).toContain('folder:media');
    expect(names.filter((n) => n.startsWith('file:media/'))).toHaveLength(2);
    expect(names.filter((n) => n.startsWith('file:peaks/'))).toHaveLength(2);
    // A standard tar: the system's tar lists the same entries.
    const { execFileSync } = await import('node:child_process');
    const listed = execFileSync('tar', ['-tf', backupFile], { encoding: 'utf8' }).trim().split('\n').map((n) => n.replace(/\/$/, ''));
    expect(listed.sort()).toEqual(names.map((n) => n.replace(/^\w+:/, '')).sort());
  });

  it('backup file → restore into an empty library gives identical rows and media hashes', async () => {
    const target = openTempServices();
    try {
      const outcome = await restoreFrom(target, backupFile);
      if (outcome.kind !== 'restore') throw new Error(JSON.stringify(outcome));
      expect(outcome.result).toMatchObject({ sessions: 2, replaced: false, path: backupFile });
      expectSameLibrary(target, source);
    } finally {
      target.cleanup();
    }
  });

  describe('a damaged or unsafe backup file is refused before anything is replaced', () => {
    let target: Services & { cleanup(): void };
    let tablesBefore: Record<string, string[]>;
    let filesBefore: Record<string, string>;
    let work: string;
    beforeAll(async () => {
      target = openTempServices();
      const { importSample } = await import('../../test-support/temp-library');
      await importSample(target, 'audio/jfk.wav');
      tablesBefore = dumpTables(target.db);
      filesBefore = storedHashes(target);
      work = tempDir('attune-bad-backup-files-');
    });
    afterAll(() => {
      target.cleanup();
      fs.rmSync(work, { recursive: true, force: true });
    });

    const refused = async (file: string, message: RegExp): Promise<void> => {
      const outcome = await restoreFrom(target, file, true);
      expect(outcome.kind).toBe('failed');
      expect((outcome as { message: string }).message).toMatch(message);
      expect(dumpTables(target.db)).toEqual(tablesBefore);
      expect(storedHashes(target)).toEqual(filesBefore);
      expect(fs.readdirSync(target.paths.tmpDir)).toEqual([]);
      expect(fs.existsSync(path.join(target.paths.root, 'evil'))).toBe(false);
    };

    it('a truncated file', async () => {
      const file = path.join(work, 'cut.attune-backup');
      const bytes = fs.readFileSync(backupFile);
      fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
      await refused(file, /^The backup is damaged: the file ends too early.*Nothing was changed/);
    });

    it('a flipped byte in a recording', async () => {
      const file = path.join(work, 'flipped.attune-backup');
      const bytes = fs.readFileSync(backupFile);
      const media = (await entriesOf(backupFile)).find((e) => e.type === 'file' && e.name.startsWith('media/')) as TarEntry;
      const at = media.offset + Math.floor(media.size / 2);
      bytes[at] = (bytes[at] as number) ^ 0x01;
      fs.writeFileSync(file, bytes);
      await refused(file, /^The backup is damaged: media\/\S+ does not match the fingerprint/);
    });

    it('a garbled header and a file that is not a backup at all', async () => {
      const file = path.join(work, 'garbled.attune-backup');
      const bytes = fs.readFileSync(backupFile);
      bytes[3] = (bytes[3] as number) ^ 0x20;
      fs.writeFileSync(file, bytes);
      await refused(file, /^The backup is damaged: its list of contents is garbled/);
      const text = path.join(work, 'notes.attune-backup');
      fs.writeFileSync(text, 'just some notes\n'.repeat(100));
      await refused(text, /^The backup is damaged: its list of contents is garbled, or it is not an Attune backup file/);
    });

    it('an entry named ../evil, with nothing written', async () => {
      const file = path.join(work, 'evil.attune-backup');
      const evil = Buffer.from('evil');
      await craftedTar(file, Buffer.from('{}'), Buffer.concat([entryHeaders('../evil', 'file', evil.length, 0), evil, Buffer.alloc(BLOCK - evil.length)]));
      expect((await entriesOf(file)).map((e) => e.name)).toEqual(['media', BACKUP_MANIFEST, '../evil']);
      await refused(file, /^This backup cannot be used safely: the file “\.\.\/evil” would be written outside/);
      expect(fs.readdirSync(path.dirname(target.paths.tmpDir))).not.toContain('evil');
    });

    it('a symbolic link, with nothing written', async () => {
      const file = path.join(work, 'link.attune-backup');
      await craftedTar(file, Buffer.from('{}'), symlinkHeader('media/link', '/etc/passwd'));
      await refused(file, /^This backup cannot be used safely: it holds a symbolic link \(media\/link\)/);
    });

    it('an absolute name and a backslash', async () => {
      const file = path.join(work, 'abs.attune-backup');
      await craftedTar(file, Buffer.from('{}'), entryHeaders('/tmp/evil', 'folder', 0, 0));
      await refused(file, /^This backup cannot be used safely: the file “\/tmp\/evil” has an absolute path/);
      const slash = path.join(work, 'slash.attune-backup');
      await craftedTar(slash, Buffer.from('{}'), entryHeaders('media\\..\\..\\evil', 'folder', 0, 0));
      await refused(slash, /^This backup cannot be used safely: the file name “media\\\.\.\\\.\.\\evil” uses backslashes/);
    });
  });

  it('a cancel while packing or while reading back leaves no partial file or folder', async () => {
    for (const stage of ['Packing', 'Reading the backup file back']) {
      const parent = tempDir('attune-cancel-file-');
      try {
        const controller = new AbortController();
        let saw = false;
        const work = makeBackupFile({ db: source.db, paths: source.paths, appVersion: 't' }, path.join(parent, 'b.attune-backup'), {
          signal: controller.signal,
          progress: (_p, s) => {
            if (s.startsWith(stage)) {
              saw = true;
              controller.abort();
            }
          },
        });
        await expect(work).rejects.toMatchObject({ code: 'cancelled' });
        expect(saw).toBe(true);
        expect(fs.readdirSync(parent)).toEqual([]);
      } finally {
        fs.rmSync(parent, { recursive: true, force: true });
      }
    }
  });

  it('stores a name that does not fit ustar (long, or not plain ASCII) in a pax header, read back by us and by the system tar', async () => {
    const dir = tempDir('attune-pax-');
    try {
      const long = `media/${'a'.repeat(150)}.wav`;
      const accented = 'peaks/séance-ü.json';
      const content = path.join(dir, 'content');
      fs.writeFileSync(content, 'x'.repeat(1500));
      const file = path.join(dir, 'pax.attune-backup');
      const out = await fsp.open(file, 'wx');
      const input = await fsp.open(content, 'r');
      try {
        const { TarWriter } = await import('./backup-tar');
        const tar = new TarWriter(out);
        await tar.folder('media', 0);
        await tar.folder('peaks', 0);
        await tar.file(long, input, 1500, 0);
        await tar.file(accented, input, 1500, 0);
        await tar.close();
      } finally {
        await input.close();
        await out.close();
      }
      const entries = await entriesOf(file);
      expect(entries.map((e) => [e.name, e.type, e.size])).toEqual([
        ['media', 'folder', 0],
        ['peaks', 'folder', 0],
        [long, 'file', 1500],
        [accented, 'file', 1500],
      ]);
      const bytes = fs.readFileSync(file);
      for (const e of entries.filter((x) => x.type === 'file')) expect(bytes.subarray(e.offset, e.offset + e.size).toString()).toBe('x'.repeat(1500));
      const { execFileSync } = await import('node:child_process');
      const listed = execFileSync('tar', ['-tf', file], { encoding: 'utf8' }).trim().split('\n');
      expect(listed).toEqual(['media/', 'peaks/', long, accented]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a backup file over an existing name', async () => {
    await expect(makeBackupFile({ db: source.db, paths: source.paths, appVersion: 't' }, backupFile)).rejects.toMatchObject({ code: 'file_exists' });
    expect(() => source.storage.startBackup(backupFile)).toThrow(/already exists\. Choose a new file name/);
  });
});
