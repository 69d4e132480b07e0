/**
 * Backing up the whole library into a new folder, verified before it is called a backup:
 *
 * 1. The database through SQLite's online backup, a few hundred pages per step so the app stays
 *    responsive; the rows per table are counted on the live database the moment it completes.
 * 2. The copy is switched out of write-ahead-log mode (one self-contained file) and, in a worker,
 *    checked with PRAGMA integrity_check and counted again: the counts must match.
 * 3. Every recording, clip and waveform the copied rows refer to is copied and read back in a
 *    worker: a recording or clip is copied by the operating system (as a plain copy is) and read back
 *    byte for byte against the original, which is named by its SHA-256 (the manifest records that
 *    fingerprint and a restore checks every file against it first); a waveform is hashed while copying
 *    and its copy's hash read back. Two files are checked at once while the next one is being copied.
 *    Like a plain copy, the recordings are left to the operating system to write out to the disk
 *    (forcing every byte out first would triple the time; `flush` does it); the database copy, the
 *    waveforms and the manifest are synced.
 * 4. The manifest lists every file with its size and SHA-256; then the folder, written under a
 *    hidden temporary name beside the target, is renamed into place. A failure or a cancel removes
 *    the temporary folder: there is never half a backup under the target's name.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { ApiError } from '../../../shared/api/errors';
import type { BackupResult } from '../../../shared/domain/archive';
import type { DataPaths } from '../data-paths';
import { fsyncDir, fsyncFile } from '../files/fs-durability';
import { FileWorkers, type HashResult } from '../storage/file-workers';
import { rowCounts, schemaVersion } from '../storage/library-tables';
import { storedFiles, type StoredFile } from '../storage/stored-files';
import { ByteProgress, cancelled, errnoOf, openPlainDatabase, throwIfCancelled, writeFailure, type WorkOptions } from '../storage/work';
import { BACKUP_DATABASE, BACKUP_FORMAT, BACKUP_FORMAT_VERSION, BACKUP_MANIFEST, LEFT_OUT, type BackupFile, type BackupManifest } from './backup-manifest';

export interface BackupSource {
  db: Database.Database;
  paths: DataPaths;
  appVersion: string;
}

export interface BackupOptions extends WorkOptions {
  /** Also sync every recording to the disk before the backup is renamed into place. Default false. */
  flush?: boolean;
  /** Pages copied per step of SQLite's online backup. */
  pagesPerStep?: number;
}

const WHAT = 'backup';
/** A backup holds clinical recordings: readable by this user only. */
export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Writes a verified backup of the library to `target`, a folder that must not exist yet (its parent must). */
export async function makeBackup(source: BackupSource, target: string, options: BackupOptions = {}): Promise<BackupResult> {
  const { signal, progress } = options;
  const flush = options.flush ?? false;
  const finalPath = path.resolve(target);
  const parent = path.dirname(finalPath);
  if (fs.existsSync(finalPath)) throw new ApiError('file_exists', `${finalPath} already exists. Choose a new folder name for the backup.`);
  if (!fs.statSync(parent, { throwIfNoEntry: false })?.isDirectory()) throw new ApiError('file_missing', `The folder ${parent} does not exist.`);
  const temp = path.join(parent, `.${path.basename(finalPath).slice(0, 100)}.partial-${randomUUID().slice(0, 8)}`);
  let workers: FileWorkers | null = null;
  const stopWorkers = (): void => void workers?.close();
  signal?.addEventListener('abort', stopWorkers, { once: true });
  try {
    throwIfCancelled(signal, WHAT);
    await fsp.mkdir(temp, { mode: PRIVATE_FOLDER_MODE });
    await fsp.mkdir(path.join(temp, 'media'), { mode: PRIVATE_FOLDER_MODE });
    await fsp.mkdir(path.join(temp, 'peaks'), { mode: PRIVATE_FOLDER_MODE });
    const createdAt = new Date().toISOString();

    // 1. The database.
    progress?.(1, 'Copying the database');
    const dbCopy = path.join(temp, BACKUP_DATABASE);
    await source.db.backup(dbCopy, {
      progress: ({ totalPages, remainingPages }) => {
        if (signal?.aborted) throw cancelled(WHAT);
        progress?.(1 + Math.floor(9 * (1 - remainingPages / Math.max(1, totalPages))), 'Copying the database');
        return options.pagesPerStep ?? 256;
      },
    });
    await fsp.chmod(dbCopy, PRIVATE_FILE_MODE);
    const liveCounts = rowCounts(source.db);
    throwIfCancelled(signal, WHAT);

    // 2. One self-contained file; the list of stored files its rows refer to.
    const copy = openPlainDatabase(dbCopy, false);
    let files: StoredFile[];
    let sessions: number;
    let version: number;
    try {
      copy.pragma('journal_mode = DELETE');
      files = storedFiles(copy);
      sessions = (copy.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number }).n;
      version = schemaVersion(copy);
    } finally {
      copy.close();
    }
    workers = new FileWorkers();
    if (signal?.aborted) throw cancelled(WHAT);
    const dbCheck = workers.checkDb(dbCopy, true);
    const dbHash = workers.hash(dbCopy);
    dbCheck.catch(() => undefined);
    dbHash.catch(() => undefined);

    // 3. The files: copied and read back.
    const sizes = new Map<StoredFile, number>();
    let totalBytes = 0;
    for (const f of files) {
      const stat = await fsp.stat(path.join(folderOf(source.paths, f), f.name)).catch((error: unknown) => {
        throw missingSource(error, f);
      });
      sizes.set(f, stat.size);
      totalBytes += stat.size;
    }
    const copying = new ByteProgress(totalBytes, 10, 55, progress, 'Copying recordings and waveforms');
    const checking = new ByteProgress(totalBytes, 55, 95, progress, 'Reading the copy back to verify it');
    const pendingChecks: Promise<BackupFile>[] = [];
    for (const f of files) {
      throwIfCancelled(signal, WHAT);
      const from = path.join(folderOf(source.paths, f), f.name);
      const to = path.join(temp, f.folder, f.name);
      const size = sizes.get(f) ?? 0;
      let sourceHash: Promise<HashResult> | null = null;
      if (f.sha256 === null) {
        // No known hash (a waveform): hashed while copying, in a worker.
        sourceHash = workers.copy(from, to, true);
        await sourceHash.catch((error: unknown) => {
          throw missingSource(error, f);
        });
      } else {
        await fsp.copyFile(from, to, fs.constants.COPYFILE_EXCL).catch((error: unknown) => {
          throw missingSource(error, f);
        });
        await fsp.chmod(to, PRIVATE_FILE_MODE);
      }
      copying.add(size);
      const w = workers;
      const check = (async (): Promise<BackupFile> => {
        const differs = new ApiError('internal', `The copy of ${describe(f)} read back differently from what was written. The backup drive may be failing; try another drive. Nothing was kept.`);
        if (f.sha256 === null) {
          // A waveform: its copy read back against the hash taken of the original while copying.
          const [readBack, original] = await Promise.all([w.hash(to, (n) => checking.add(n)), sourceHash as Promise<HashResult>]);
          if (readBack.sha256 !== original.sha256 || readBack.size !== size) throw differs;
          return { path: `${f.folder}/${f.name}`, kind: f.folder, size, sha256: readBack.sha256 };
        }
        // A recording or clip: its copy read back byte for byte against the original, which is
        // named by its SHA-256 (a restore checks every file against that fingerprint first).
        const [same] = await Promise.all([w.compare(from, to, (n) => checking.add(n)), flush ? fsyncFile(to) : Promise.resolve()]);
        if (!same.equal || same.size !== size) throw differs;
        return { path: `${f.folder}/${f.name}`, kind: f.folder, size, sha256: f.sha256 };
      })();
      check.catch(() => undefined);
      pendingChecks.push(check);
    }
    const checked = await Promise.all(pendingChecks);

    // The database copy: intact, with the same rows.
    progress?.(95, 'Checking the database copy');
    const [check, dbFile] = await Promise.all([dbCheck, dbHash]);
    if (check.integrity !== 'ok') throw new ApiError('internal', `The database copy failed SQLite’s integrity check (${check.integrity}). Nothing was kept; try again.`);
    for (const [table, n] of Object.entries(liveCounts)) {
      if (check.counts[table] !== n) {
        throw new ApiError('internal', `The database copy holds ${check.counts[table] ?? 0} rows of “${table}” where the library holds ${n}. Nothing was kept; try again.`);
      }
    }
    await fsyncFile(dbCopy);

    // 4. The manifest, then the folder into place.
    const entries: BackupFile[] = [{ path: BACKUP_DATABASE, kind: 'database', size: dbFile.size, sha256: dbFile.sha256 }, ...checked];
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      appVersion: source.appVersion,
      createdAt,
      schemaVersion: version,
      sessions,
      tables: check.counts,
      files: entries,
      leftOut: LEFT_OUT,
    };
    const manifestFile = path.join(temp, BACKUP_MANIFEST);
    await fsp.writeFile(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'wx', mode: PRIVATE_FILE_MODE });
    await fsyncFile(manifestFile);
    await Promise.all([fsyncDir(path.join(temp, 'media')), fsyncDir(path.join(temp, 'peaks')), fsyncDir(temp)]);
    throwIfCancelled(signal, WHAT);
    progress?.(99, 'Finishing');
    if (fs.existsSync(finalPath)) throw new ApiError('file_exists', `${finalPath} appeared while the backup was being written. Choose a new folder name.`);
    await fsp.rename(temp, finalPath);
    await fsyncDir(parent);
    progress?.(100, 'Verified');
    return { path: finalPath, sessions, files: entries.length, bytes: entries.reduce((sum, e) => sum + e.size, 0), verified: true, createdAt };
  } catch (error) {
    await workers?.close();
    await fsp.rm(temp, { recursive: true, force: true }).catch(() => undefined);
    throw signal?.aborted ? cancelled(WHAT) : writeFailure(error, parent, WHAT);
  } finally {
    signal?.removeEventListener('abort', stopWorkers);
    await workers?.close();
  }
}

function folderOf(paths: DataPaths, f: StoredFile): string {
  return f.folder === 'media' ? paths.mediaDir : paths.peaksDir;
}

function describe(f: StoredFile): string {
  return f.folder === 'peaks' ? `the waveform of “${f.sessionTitle}”` : `the recording of “${f.sessionTitle}”`;
}

function missingSource(error: unknown, f: StoredFile): unknown {
  const code = errnoOf(error);
  if (code === 'ENOENT') return new ApiError('file_missing', `${capitalise(describe(f))} is missing from the library (${f.folder}/${f.name}). Nothing was backed up.`);
  return error;
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
