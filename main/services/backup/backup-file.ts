/**
 * A backup as ONE file (`….attune-backup`): the verified backup folder (make-backup.ts, unchanged)
 * packed into an uncompressed tar (backup-tar.ts).
 *
 * Backing up: the folder is made under a hidden temporary name beside the target; it is packed into
 * `<target>.partial-xxxx` (readable by its owner only), synced to the disk, then read back entry by
 * entry in a worker and compared byte for byte with the verified folder; only then is it renamed to
 * the target and the folder removed. A failure or a cancel removes both: there is never half a backup.
 *
 * Restoring: the tar is read strictly (regular files and folders only, every name inside the staging
 * folder) into a staging folder in the library's temp folder, and the folder restore runs on it, so
 * every check of a folder backup applies before anything is replaced. The staging folder is removed.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import type { BackupResult, RestoreResult } from '../../../shared/domain/archive';
import { fsyncDir } from '../files/fs-durability';
import { resolveEntry, unsafeEntry } from '../storage/entry-names';
import { FileWorkers } from '../storage/file-workers';
import { ByteProgress, cancelled, throwIfCancelled, writeFailure } from '../storage/work';
import { BACKUP_MANIFEST } from './backup-manifest';
import { BLOCK, copyOut, readTarEntries, TarWriter, type TarEntry } from './backup-tar';
import { makeBackup, PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE, type BackupOptions, type BackupSource } from './make-backup';
import { checkRestoreTarget, restoreBackup, type RestoreOptions, type RestoreTarget } from './restore-backup';

export const BACKUP_FILE_EXTENSION = '.attune-backup';

/** Whether a backup to `target` is written as one file (its name ends in .attune-backup). */
export function isBackupFileName(target: string): boolean {
  return path.basename(target).toLowerCase().endsWith(BACKUP_FILE_EXTENSION) && path.basename(target).length > BACKUP_FILE_EXTENSION.length;
}

const WHAT = 'backup';

interface FolderEntry {
  name: string;
  type: 'file' | 'folder';
  size: number;
}

/** Every file and folder below `root`, parents first, by name; anything else is an error. */
async function folderEntries(root: string, below = ''): Promise<FolderEntry[]> {
  const out: FolderEntry[] = [];
  const items = (await fsp.readdir(path.join(root, below), { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const item of items) {
    const name = below ? `${below}/${item.name}` : item.name;
    if (item.isDirectory()) {
      out.push({ name, type: 'folder', size: 0 });
      out.push(...(await folderEntries(root, name)));
    } else if (item.isFile()) {
      out.push({ name, type: 'file', size: (await fsp.stat(path.join(root, name))).size });
    } else {
      throw new Error(`unexpected entry ${name} in the backup folder`);
    }
  }
  return out;
}

/** Writes a verified backup of the library to `target`, one file that must not exist yet (its parent must). */
export async function makeBackupFile(source: BackupSource, target: string, options: BackupOptions = {}): Promise<BackupResult> {
  const { signal, progress } = options;
  const finalPath = path.resolve(target);
  const parent = path.dirname(finalPath);
  if (fs.existsSync(finalPath)) throw new ApiError('file_exists', `${finalPath} already exists. Choose a new file name for the backup.`);
  if (!fs.statSync(parent, { throwIfNoEntry: false })?.isDirectory()) throw new ApiError('file_missing', `The folder ${parent} does not exist.`);
  const id = randomUUID().slice(0, 8);
  const folder = path.join(parent, `.${path.basename(finalPath).slice(0, 100)}.folder-${id}`);
  const partial = `${finalPath}.partial-${id}`;
  let workers: FileWorkers | null = null;
  const stopWorkers = (): void => void workers?.close();
  signal?.addEventListener('abort', stopWorkers, { once: true });
  try {
    // 1. The verified folder, exactly as a folder backup (its progress as the first half).
    const folderResult = await makeBackup(source, folder, { ...options, progress: (p, stage) => progress?.(Math.floor(p * 0.5), stage === 'Verified' ? 'Packing the backup into one file' : stage) });
    throwIfCancelled(signal, WHAT);

    // 2. Packed into one file, synced.
    const entries = await folderEntries(folder);
    const total = entries.reduce((sum, e) => sum + e.size, 0);
    const packing = new ByteProgress(total, 50, 75, progress, 'Packing the backup into one file');
    const out = await fsp.open(partial, 'wx', PRIVATE_FILE_MODE);
    try {
      const tar = new TarWriter(out, () => throwIfCancelled(signal, WHAT));
      const mtime = Math.floor(Date.now() / 1000);
      for (const e of entries) {
        throwIfCancelled(signal, WHAT);
        if (e.type === 'folder') {
          await tar.folder(e.name, mtime);
          continue;
        }
        const input = await fsp.open(path.join(folder, e.name), 'r');
        try {
          await tar.file(e.name, input, e.size, mtime, (n) => packing.add(n));
        } finally {
          await input.close();
        }
      }
      await tar.close();
      await out.sync();
    } finally {
      await out.close();
    }
    await fsp.chmod(partial, PRIVATE_FILE_MODE);
    throwIfCancelled(signal, WHAT);

    // 3. Read back entry by entry against the verified folder, in a worker.
    progress?.(75, 'Reading the backup file back to verify it');
    workers = new FileWorkers();
    const checking = new ByteProgress(total, 75, 99, progress, 'Reading the backup file back to verify it');
    const expected = new Map(entries.map((e) => [e.name, e]));
    const differs = (): ApiError => new ApiError('internal', 'The backup file read back differently from what was written. The backup drive may be failing; try another drive. Nothing was kept.');
    const input = await fsp.open(partial, 'r');
    const w = workers;
    try {
      const checks: Promise<void>[] = [];
      for await (const entry of readTarEntries(input, () => {
        throw differs();
      })) {
        throwIfCancelled(signal, WHAT);
        const want = expected.get(entry.name);
        if (!want || want.type !== entry.type || want.size !== entry.size) throw differs();
        expected.delete(entry.name);
        if (entry.type === 'file') {
          const check = w.compareSlice(path.join(folder, entry.name), partial, entry.offset, entry.size, (n) => checking.add(n)).then((r) => {
            if (!r.equal) throw differs();
          });
          check.catch(() => undefined);
          checks.push(check);
        }
      }
      await Promise.all(checks);
    } finally {
      await input.close();
    }
    if (expected.size > 0) throw differs();
    throwIfCancelled(signal, WHAT);

    // 4. Into place; the folder goes.
    progress?.(99, 'Finishing');
    if (fs.existsSync(finalPath)) throw new ApiError('file_exists', `${finalPath} appeared while the backup was being written. Choose a new file name.`);
    await fsp.rename(partial, finalPath);
    await fsyncDir(parent);
    await fsp.rm(folder, { recursive: true, force: true }).catch(() => undefined);
    progress?.(100, 'Verified');
    return { ...folderResult, path: finalPath };
  } catch (error) {
    await workers?.close();
    await fsp.rm(partial, { force: true }).catch(() => undefined);
    await fsp.rm(folder, { recursive: true, force: true }).catch(() => undefined);
    throw signal?.aborted ? cancelled(WHAT) : writeFailure(error, parent, WHAT);
  } finally {
    signal?.removeEventListener('abort', stopWorkers);
    await workers?.close();
  }
}

/**
 * Unpacks the backup file `file` into the new folder `staging` (which must not exist), refusing any
 * entry that is not a plain file or folder or whose name would land outside `staging`.
 */
export async function unpackBackupFile(file: string, staging: string, options: RestoreOptions = {}): Promise<void> {
  const { signal, progress } = options;
  const size = (await fsp.stat(file)).size;
  const unpacking = new ByteProgress(size, 1, 30, progress, 'Unpacking the backup file');
  await fsp.mkdir(staging, { mode: PRIVATE_FOLDER_MODE });
  const input = await fsp.open(file, 'r');
  try {
    const refuse = (name: string, kind: string): never => {
      throw new ApiError('invalid_input', `This backup cannot be used safely: it holds ${kind} (${name.slice(0, 120)}), which an Attune backup never does. Nothing was changed.`);
    };
    for await (const entry of readTarEntries(input, refuse) as AsyncGenerator<TarEntry>) {
      throwIfCancelled(signal, 'restore');
      const to = resolveEntry(staging, entry.name, 'backup');
      if (entry.type === 'folder') {
        if (!fs.statSync(to, { throwIfNoEntry: false })?.isDirectory()) await fsp.mkdir(to, { mode: PRIVATE_FOLDER_MODE });
        continue;
      }
      // Its folder must have been unpacked before it (no folder is made implicitly), and no name twice.
      if (!fs.statSync(path.dirname(to), { throwIfNoEntry: false })?.isDirectory()) throw unsafeEntry(entry.name, 'backup', `the file “${entry.name.slice(0, 120)}” is not inside a folder of the backup`);
      const out = await fsp.open(to, 'wx', PRIVATE_FILE_MODE).catch((error: unknown) => {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw unsafeEntry(entry.name, 'backup', `the file “${entry.name.slice(0, 120)}” is in it twice`);
        throw error;
      });
      try {
        await copyOut(input, entry.offset, entry.size, out, () => throwIfCancelled(signal, 'restore'), (n) => unpacking.add(n));
      } finally {
        await out.close();
      }
    }
  } finally {
    await input.close();
  }
}

/** Whether `backupPath` is a backup file: named ….attune-backup, or any file that starts like a tar (else a folder, or its manifest). */
export function isBackupFile(backupPath: string): boolean {
  const resolved = path.resolve(backupPath);
  const stat = fs.statSync(resolved, { throwIfNoEntry: false });
  if (stat?.isFile() !== true || path.basename(resolved) === BACKUP_MANIFEST) return false;
  if (isBackupFileName(resolved)) return true;
  const head = Buffer.alloc(BLOCK);
  const fd = fs.openSync(resolved, 'r');
  try {
    return fs.readSync(fd, head, 0, BLOCK, 0) === BLOCK && head.subarray(257, 262).toString('latin1') === 'ustar';
  } finally {
    fs.closeSync(fd);
  }
}

/** Restores a backup folder or a backup file (unpacked into staging first, then restored as a folder). */
export async function restoreBackupFrom(target: RestoreTarget, backupPath: string, options: RestoreOptions = {}): Promise<RestoreResult> {
  if (!isBackupFile(backupPath)) return restoreBackup(target, backupPath, options);
  const file = path.resolve(backupPath);
  const staging = path.join(target.paths.tmpDir, `unpack-${randomUUID()}`);
  const { progress } = options;
  checkRestoreTarget(target, options.replace ?? false);
  try {
    await unpackBackupFile(file, staging, options);
    if (!fs.statSync(path.join(staging, BACKUP_MANIFEST), { throwIfNoEntry: false })?.isFile()) {
      throw new ApiError('invalid_input', `${file} is not an Attune backup: it has no list of contents (${BACKUP_MANIFEST}). Nothing was changed.`);
    }
    const result = await restoreBackup(target, staging, { ...options, progress: (p, stage) => progress?.(30 + Math.floor(p * 0.7), stage) });
    return { ...result, path: file };
  } catch (error) {
    if (options.signal?.aborted) throw cancelled('restore');
    // Messages about the unpacked folder name the backup file instead.
    if (error instanceof ApiError) throw new ApiError(error.code, error.message.split(staging).join(file));
    throw writeFailure(error, target.paths.root, 'restore');
  } finally {
    await fsp.rm(staging, { recursive: true, force: true }).catch(() => undefined);
  }
}
