/**
 * Restoring a backup into this library. Everything is checked before anything is replaced:
 *
 * 1. The manifest is read and validated (format, version, safe file names, one database).
 * 2. Every listed file is copied into a staging folder in the library's own temp folder while being
 *    hashed; its size and SHA-256 must match the manifest (a missing, truncated or changed file stops
 *    the restore here).
 * 3. The staged database must pass SQLite's integrity check with the rows per table the manifest
 *    lists, be no newer than this Attune (older ones are migrated), and every recording and waveform
 *    its rows refer to must be among the staged files.
 * 4. Only then: the verified staged files are renamed into the media and peaks folders, over any
 *    file of the same name (names are content hashes, so a file already there should be the same
 *    bytes; if the disk damaged it, the restore repairs it), and in ONE transaction every row of the
 *    library is replaced by the backup's rows, table by table, through the open connection (the app
 *    keeps running on the same database; triggers rebuild the search index). The replaced rows are
 *    deleted with SQLite's secure_delete on (their pages are zeroed). The deletion log of the library
 *    is kept (merged into the backup's), and sessions of the backup that were deleted from the library
 *    since are reported. A failure rolls the rows back and removes the files it added.
 * 5. After the commit, the recordings, clips and prepared audio no row refers to any more are
 *    overwritten and removed (waveforms are removed). A failure there is a warning, not a failure:
 *    the restore itself is done.
 *
 * A library that holds sessions (or codebooks of its own) is replaced only when `replace` is set.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { ApiError } from '../../../shared/api/errors';
import type { RestoreResult } from '../../../shared/domain/archive';
import type { DataPaths } from '../data-paths';
import { fsyncDir } from '../files/fs-durability';
import { overwriteAndRemove, removeFile } from '../files/overwrite';
import { MIGRATIONS, migrate } from '../store/migrations';
import { resolveEntry } from '../storage/entry-names';
import { FileWorkers, type SqlStatement } from '../storage/file-workers';
import { libraryTables, quoteName, schemaVersion, type LibraryTable } from '../storage/library-tables';
import { storedFiles } from '../storage/stored-files';
import { ByteProgress, cancelled, errnoOf, openPlainDatabase, throwIfCancelled, writeFailure, type WorkOptions } from '../storage/work';
import { BACKUP_DATABASE, BACKUP_FORMAT_VERSION, BACKUP_MANIFEST, backupManifestSchema, type BackupFile, type BackupManifest } from './backup-manifest';

export interface RestoreTarget {
  db: Database.Database;
  paths: DataPaths;
  /** File names the library's rows refer to (after the restore: to remove the rest). */
  referencedFiles(): Set<string>;
  /** Why the library cannot be replaced right now (work in progress), or null. */
  busyReason(): string | null;
}

export interface RestoreOptions extends WorkOptions {
  /** Replace a library that already holds sessions. */
  replace?: boolean;
}

const WHAT = 'restore';
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
const LATEST_SCHEMA = MIGRATIONS.at(-1)?.version ?? 0;

/** What the library holds that a restore would replace: sessions and codebooks of its own. */
export function libraryContents(db: Database.Database): { sessions: number; codebooks: number } {
  const sessions = (db.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number }).n;
  const codebooks = (db.prepare('SELECT count(*) AS n FROM codebooks WHERE built_in = 0').get() as { n: number }).n;
  return { sessions, codebooks };
}

/** Refuses to restore over a library with content unless `replace`; refuses while work is in progress. */
export function checkRestoreTarget(target: RestoreTarget, replace: boolean): { replaced: boolean } {
  const busy = target.busyReason();
  if (busy) throw new ApiError('unavailable', busy);
  const { sessions, codebooks } = libraryContents(target.db);
  if (sessions === 0 && codebooks === 0) return { replaced: false };
  if (!replace) {
    const what = sessions > 0 ? `${sessions} session${sessions === 1 ? '' : 's'}` : `${codebooks} codebook${codebooks === 1 ? '' : 's'} of its own`;
    throw new ApiError('file_exists', `This library already holds ${what}. Restoring the backup replaces everything in it; confirm to replace it.`);
  }
  return { replaced: true };
}

/** The backup folder and its validated manifest. */
export async function readBackupManifest(backupPath: string): Promise<{ folder: string; manifest: BackupManifest }> {
  const resolved = path.resolve(backupPath);
  const stat = fs.statSync(resolved, { throwIfNoEntry: false });
  if (!stat) throw new ApiError('file_missing', `There is no backup at ${resolved}.`);
  const folder = stat.isDirectory() ? resolved : path.dirname(resolved);
  if (!stat.isDirectory() && path.basename(resolved) !== BACKUP_MANIFEST) {
    throw new ApiError('invalid_input', `${resolved} is not an Attune backup. Choose the backup folder (the one holding ${BACKUP_MANIFEST}) or a backup file ending in .attune-backup.`);
  }
  const manifestFile = path.join(folder, BACKUP_MANIFEST);
  const manifestStat = fs.statSync(manifestFile, { throwIfNoEntry: false });
  if (!manifestStat?.isFile()) throw new ApiError('invalid_input', `${folder} is not an Attune backup: it has no ${BACKUP_MANIFEST}. Choose the backup folder itself.`);
  if (manifestStat.size > MAX_MANIFEST_BYTES) throw damagedManifest(folder);
  let raw: unknown;
  try {
    raw = JSON.parse(await fsp.readFile(manifestFile, 'utf8'));
  } catch {
    throw damagedManifest(folder);
  }
  const parsed = backupManifestSchema.safeParse(raw);
  if (!parsed.success) throw damagedManifest(folder);
  const manifest = parsed.data;
  if (manifest.formatVersion > BACKUP_FORMAT_VERSION || manifest.schemaVersion > LATEST_SCHEMA) {
    throw new ApiError('invalid_input', `This backup was made by a newer version of Attune (${manifest.appVersion}). Update Attune to restore it.`);
  }
  const databases = manifest.files.filter((f) => f.kind === 'database');
  if (databases.length !== 1 || databases[0]?.path !== BACKUP_DATABASE) throw damagedManifest(folder);
  const seen = new Set<string>();
  for (const f of manifest.files) {
    resolveEntry(folder, f.path, 'backup');
    const [dir, name, ...rest] = f.path.split('/');
    const ok = f.kind === 'database' ? f.path === BACKUP_DATABASE : dir === f.kind && name !== undefined && rest.length === 0;
    if (!ok || seen.has(f.path)) throw damagedManifest(folder);
    seen.add(f.path);
  }
  return { folder, manifest };
}

function damagedManifest(folder: string): ApiError {
  return new ApiError('invalid_input', `The list of contents of the backup in ${folder} (${BACKUP_MANIFEST}) is damaged or not from Attune. Nothing was changed.`);
}

function damagedBackup(file: BackupFile, detail: string): ApiError {
  return new ApiError('file_unreadable', `The backup is damaged: ${file.path} ${detail}. Nothing was changed; use another backup.`);
}

export async function restoreBackup(target: RestoreTarget, backupPath: string, options: RestoreOptions = {}): Promise<RestoreResult> {
  const { signal, progress } = options;
  const replace = options.replace ?? false;
  progress?.(0, 'Reading the backup’s list of contents');
  const { folder, manifest } = await readBackupManifest(backupPath);
  checkRestoreTarget(target, replace);

  const staging = path.join(target.paths.tmpDir, `restore-${randomUUID()}`);
  let workers: FileWorkers | null = null;
  const stopWorkers = (): void => void workers?.close();
  signal?.addEventListener('abort', stopWorkers, { once: true });
  const moved: string[] = [];
  try {
    await fsp.mkdir(path.join(staging, 'media'), { recursive: true });
    await fsp.mkdir(path.join(staging, 'peaks'));
    workers = new FileWorkers();

    // 2. Every file, copied into staging and checked against the manifest.
    const total = manifest.files.reduce((sum, f) => sum + f.size, 0);
    const copying = new ByteProgress(total, 1, 85, progress, 'Copying and checking the backup');
    const w = workers;
    await Promise.all(
      manifest.files.map(async (f) => {
        const from = resolveEntry(folder, f.path, 'backup');
        const to = resolveEntry(staging, f.path, 'backup');
        let result;
        try {
          result = await w.copy(from, to, true, (n) => copying.add(n));
        } catch (error) {
          if (errnoOf(error) === 'ENOENT' && !fs.existsSync(from)) throw damagedBackup(f, 'is missing');
          if (errnoOf(error) === 'EISDIR') throw damagedBackup(f, 'is a folder, not a file');
          throw error;
        }
        if (result.size !== f.size) throw damagedBackup(f, `holds ${result.size} bytes where the backup recorded ${f.size}`);
        if (result.sha256 !== f.sha256) throw damagedBackup(f, 'does not match the fingerprint (SHA-256) recorded when the backup was made');
      }),
    );
    throwIfCancelled(signal, WHAT);

    // 3. The database copy.
    progress?.(86, 'Checking the backup’s database');
    const stagedDb = path.join(staging, BACKUP_DATABASE);
    const check = await workers.checkDb(stagedDb, true).catch((error: unknown) => {
      throw errnoOf(error) === null ? new ApiError('file_unreadable', 'The backup is damaged: its database cannot be opened. Nothing was changed; use another backup.') : error;
    });
    const dbFile = manifest.files.find((f) => f.kind === 'database') as BackupFile;
    if (check.integrity !== 'ok') throw damagedBackup(dbFile, `failed SQLite’s integrity check (${check.integrity})`);
    for (const [table, n] of Object.entries(manifest.tables)) {
      if (check.counts[table] !== n) throw damagedBackup(dbFile, `holds ${check.counts[table] ?? 0} rows of “${table}” where the backup recorded ${n}`);
    }
    if (check.schemaVersion > LATEST_SCHEMA) throw new ApiError('invalid_input', 'This backup was made by a newer version of Attune. Update Attune to restore it.');
    const staged = openPlainDatabase(stagedDb, false);
    let sessions: number;
    let backupSessionIds: string[];
    try {
      if (schemaVersion(staged) < LATEST_SCHEMA) migrate(staged);
      const listed = new Set(manifest.files.map((f) => f.path));
      for (const f of storedFiles(staged)) {
        const entry = `${f.folder}/${f.name}`;
        if (f.name.includes('/') || !listed.has(entry)) {
          throw new ApiError('file_unreadable', `The backup is incomplete: its database refers to ${entry}, which is not in it. Nothing was changed; use another backup.`);
        }
      }
      backupSessionIds = staged.prepare<[], { id: string }>('SELECT id FROM sessions').all().map((r) => r.id);
      sessions = backupSessionIds.length;
    } finally {
      staged.close();
    }
    throwIfCancelled(signal, WHAT);

    // 4. Into place: the files, then every row in one transaction.
    progress?.(92, 'Replacing the library');
    const { replaced } = checkRestoreTarget(target, replace);
    for (const f of manifest.files) {
      if (f.kind === 'database') continue;
      const dest = resolveEntry(f.kind === 'media' ? target.paths.mediaDir : target.paths.peaksDir, f.path.slice(f.kind.length + 1), 'backup');
      // Always the verified copy, over whatever is there: a file the disk damaged is repaired.
      const existed = fs.existsSync(dest);
      await fsp.rename(resolveEntry(staging, f.path, 'backup'), dest);
      if (!existed) moved.push(dest);
    }
    await Promise.all([fsyncDir(target.paths.mediaDir), fsyncDir(target.paths.peaksDir)]);
    throwIfCancelled(signal, WHAT);
    const warnings: string[] = [];
    const deletedSince = deletedFromLibrary(target.db, backupSessionIds);
    await w.writeRows(target.paths.dbFile, replaceAllRowsPlan(target.db, stagedDb, { keepDeletionLog: true }), { source: stagedDb, alias: RESTORE_ALIAS });
    moved.length = 0;
    if (deletedSince) warnings.push(deletedSince);
    // Committed: from here on nothing may report "nothing was changed".
    try {
      await removeUnreferenced(target.paths, target.referencedFiles());
    } catch (error) {
      console.error('[attune:restore] removing the replaced files failed:', error);
      warnings.push(
        `The library was restored, but some files of the sessions it replaced could not be removed (${errnoOf(error) ?? 'unknown error'}). Clear the caches in the Storage view, or restart Attune to tidy up.`,
      );
    }
    progress?.(100, 'Restored');
    return {
      path: folder,
      sessions,
      files: manifest.files.length,
      bytes: total,
      backupCreatedAt: manifest.createdAt,
      replaced,
      warnings,
    };
  } catch (error) {
    for (const file of moved) fs.rmSync(file, { force: true });
    throw signal?.aborted ? cancelled(WHAT) : writeFailure(error, target.paths.root, WHAT);
  } finally {
    signal?.removeEventListener('abort', stopWorkers);
    await workers?.close();
    await fsp.rm(staging, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** The name the backup's database is attached under while its rows are copied in. */
const RESTORE_ALIAS = 'restore_source';

interface DeletionLogRow {
  deleted_at: string;
  deleted_by: string;
  session_id: string;
  removed_json: string;
}

const hasDeletionLog = (db: Database.Database): boolean => libraryTables(db).some((t) => t.name === 'deletion_log');

/** "2 sessions in this backup were deleted from the library on …", or null when none were. */
export function deletedFromLibrary(db: Database.Database, backupSessionIds: readonly string[]): string | null {
  if (!hasDeletionLog(db) || backupSessionIds.length === 0) return null;
  const ids = new Set(backupSessionIds);
  const dates = new Map<string, string>();
  for (const r of db.prepare<[], { session_id: string; deleted_at: string }>('SELECT session_id, deleted_at FROM deletion_log ORDER BY deleted_at').all()) {
    if (ids.has(r.session_id)) dates.set(r.session_id, r.deleted_at.slice(0, 10));
  }
  if (dates.size === 0) return null;
  const days = [...new Set(dates.values())].sort();
  const when = days.length === 1 ? (days[0] as string) : `${days.slice(0, -1).join(', ')} and ${days.at(-1) as string}`;
  const n = dates.size;
  return `${n} session${n === 1 ? '' : 's'} in this backup ${n === 1 ? 'was' : 'were'} deleted from the library on ${when}, and ${n === 1 ? 'is' : 'are'} back now. Check the Retention screen and delete ${n === 1 ? 'it' : 'them'} again if consent no longer allows keeping ${n === 1 ? 'it' : 'them'}. The record of the deletions was kept.`;
}

/**
 * The statements that replace every row of the library's tables with the rows of the database file
 * `source` (same schema, attached as RESTORE_ALIAS), for FileWorkers.replaceRows to run in one
 * transaction off the main thread with SQLite's secure_delete on, so the replaced rows' pages are
 * zeroed. `keepDeletionLog` keeps the library's record of deletions (merged into the backup's).
 */
export function replaceAllRowsPlan(db: Database.Database, source: string, options: { keepDeletionLog?: boolean } = {}): SqlStatement[] {
  const keepLog = (options.keepDeletionLog ?? false) && hasDeletionLog(db);
  const log = keepLog ? db.prepare<[], DeletionLogRow>('SELECT deleted_at, deleted_by, session_id, removed_json FROM deletion_log ORDER BY id').all() : [];
  const mine = libraryTables(db);
  const staged = openPlainDatabase(source, true);
  let theirs: Map<string, LibraryTable>;
  try {
    theirs = new Map(libraryTables(staged).map((t) => [t.name.toLowerCase(), t]));
  } finally {
    staged.close();
  }
  const plan: SqlStatement[] = [...mine].reverse().map((t) => ({ sql: `DELETE FROM main.${quoteName(t.name)}` }));
  for (const t of mine) {
    const other = theirs.get(t.name.toLowerCase());
    const copy = other ? copyStatement(t, other) : null;
    if (copy) plan.push(copy);
  }
  for (const r of log) {
    plan.push({
      sql: 'INSERT INTO main.deletion_log (deleted_at, deleted_by, session_id, removed_json) SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM main.deletion_log WHERE deleted_at = ? AND deleted_by = ? AND session_id = ?)',
      rows: [[r.deleted_at, r.deleted_by, r.session_id, r.removed_json, r.deleted_at, r.deleted_by, r.session_id]],
    });
  }
  return plan;
}

function copyStatement(mine: LibraryTable, theirs: LibraryTable): SqlStatement | null {
  const shared = mine.columns.filter((c) => theirs.columns.includes(c));
  if (shared.length === 0) return null;
  const withRowid = mine.hiddenRowid && theirs.hiddenRowid;
  const cols = [...(withRowid ? ['rowid'] : []), ...shared.map(quoteName)].join(', ');
  return { sql: `INSERT INTO main.${quoteName(mine.name)} (${cols}) SELECT ${cols} FROM ${RESTORE_ALIAS}.${quoteName(theirs.name)} ORDER BY ${withRowid ? 'rowid' : '1'}` };
}

/**
 * Removes stored files no row refers to any more (those of the sessions the restore replaced):
 * recordings, clips and the audio prepared from them are overwritten first (as deleting a session
 * does); waveforms are derived data and simply removed.
 */
async function removeUnreferenced(paths: DataPaths, referenced: ReadonlySet<string>): Promise<void> {
  for (const [dir, remove] of [
    [paths.mediaDir, overwriteAndRemove],
    [paths.pcmDir, overwriteAndRemove],
    [paths.peaksDir, removeFile],
  ] as const) {
    for (const entry of await fsp.readdir(dir, { withFileTypes: true })) {
      if (entry.isFile() && !referenced.has(entry.name)) await remove(path.join(dir, entry.name));
    }
  }
}
