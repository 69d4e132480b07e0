/**
 * Importing a session archive. Everything is checked before anything is written:
 *
 * 1. Every entry's name in the zip's central directory (absolute paths, '..', drive letters,
 *    backslashes, links and folders are refused), then the manifest against a strict schema, then each
 *    rows entry against its SHA-256 and schema.
 *    What the rows may hold is checked too (check-archive-rows.ts): only a session's own tables, rows
 *    of that session alone, codebooks of their own with their codes; anything else is refused.
 * 2. Sessions already here — the same recording by its content hash, or the same session id — are
 *    skipped and reported, and so is the second of two sessions in the archive with the same recording.
 * 3. The files of the others are unpacked into a staging folder and checked against the manifest.
 * 4. The staged files are renamed into place, then one transaction on a worker's own connection
 *    inserts every row (the columns both sides know; codebooks and codes already here are kept); any
 *    failure rolls the rows back and removes the files it placed. The staging folder is removed in every case. Tidying up after the commit
 *    (flushing the folders) cannot undo the import: a failure there is reported as a warning.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { ApiError } from '../../../shared/api/errors';
import type { ArchiveImportResult } from '../../../shared/domain/archive';
import type { DataPaths } from '../data-paths';
import { fsyncDir } from '../files/fs-durability';
import { MIGRATIONS } from '../store/migrations';
import { resolveEntry, unsafeEntry, unsafeEntryReason } from '../storage/entry-names';
import { FileWorkers, type SqlStatement } from '../storage/file-workers';
import { libraryTables, quoteName, type LibraryTable } from '../storage/library-tables';
import { ByteProgress, cancelled, errnoOf, SHA256_NAME, throwIfCancelled, writeFailure, yieldToEventLoop, type WorkOptions } from '../storage/work';
import {
  ARCHIVE_FORMAT_VERSION,
  ARCHIVE_MANIFEST,
  MAX_ARCHIVE_ENTRIES,
  MAX_ROWS_ENTRY_BYTES,
  archiveManifestSchema,
  rowSetSchema,
  type ArchiveManifest,
  type RowSet,
} from './archive-format';
import { checkCodebookRows, checkSessionRows, onlyNewCodebooks } from './check-archive-rows';
import { sessionTablePlan } from './session-rows';
import { ZipFormatError, ZipFileReader, type ZipEntry } from './zip-file';

export interface ArchiveTarget {
  db: Database.Database;
  paths: DataPaths;
}

const WHAT = 'archive import';
const LATEST_SCHEMA = MIGRATIONS.at(-1)?.version ?? 0;
const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

function notAnArchive(file: string): ApiError {
  return new ApiError('invalid_input', `“${path.basename(file)}” is not an Attune session archive, or it is damaged. Nothing was imported.`);
}

function damaged(detail: string): ApiError {
  return new ApiError('file_unreadable', `The archive is damaged: ${detail}. Nothing was imported.`);
}

interface ArchivedSession {
  meta: ArchiveManifest['sessions'][number];
  rows: RowSet;
  files: string[];
}

function column(rows: RowSet, table: string, name: string): unknown[] {
  const t = rows.tables[table];
  const at = t?.columns.indexOf(name) ?? -1;
  return t && at >= 0 ? t.rows.map((r) => r[at]) : [];
}

/** The archive entries (media/…, peaks/…) a session's rows refer to. */
function filesOf(rows: RowSet): string[] {
  const names = new Set<string>();
  const add = (folder: string, value: unknown): void => {
    if (typeof value !== 'string' || value.includes('/') || unsafeEntryReason(value) !== null) throw damaged(`a session refers to a file named “${String(value)}”`);
    names.add(`${folder}/${value}`);
  };
  for (const v of column(rows, 'media', 'file_name')) add('media', v);
  for (const v of column(rows, 'media', 'peaks_file_name')) add('peaks', v);
  for (const v of column(rows, 'received_clips', 'file_name')) add('media', v);
  return [...names];
}

export async function importArchive(target: ArchiveTarget, file: string, options: WorkOptions = {}): Promise<ArchiveImportResult> {
  const { signal, progress } = options;
  const archivePath = path.resolve(file);
  if (!fs.statSync(archivePath, { throwIfNoEntry: false })?.isFile()) throw new ApiError('file_missing', `There is no archive file at ${archivePath}.`);
  progress?.(0, 'Checking the archive');
  let zip: ZipFileReader;
  try {
    zip = await ZipFileReader.open(archivePath, MAX_ARCHIVE_ENTRIES);
  } catch (error) {
    if (error instanceof ZipFormatError) throw notAnArchive(archivePath);
    throw error;
  }
  const staging = path.join(target.paths.tmpDir, `archive-import-${randomUUID()}`);
  const placed: string[] = [];
  try {
    // 1. Names first: nothing unsafe gets any further.
    const byName = new Map<string, ZipEntry>();
    for (const e of zip.entries) {
      const reason = unsafeEntryReason(e.name);
      if (reason !== null) throw unsafeEntry(e.name, 'archive', reason);
      resolveEntry(staging, e.name, 'archive');
      if (e.symlink || e.directory) throw unsafeEntry(e.name, 'archive', `“${e.name}” is a link or a folder, which archives never hold`);
      if (byName.has(e.name)) throw damaged(`it holds “${e.name}” twice`);
      byName.set(e.name, e);
    }
    const manifest = await readManifest(zip, byName, archivePath);
    const listed = new Map(manifest.entries.map((e) => [e.path, e]));
    for (const e of manifest.entries) {
      const inZip = byName.get(e.path);
      if (!inZip) throw damaged(`${e.path} is missing`);
      if (inZip.size !== e.size) throw damaged(`${e.path} has the wrong size`);
    }

    // The rows of each session.
    const sessions: ArchivedSession[] = [];
    const readRows = async (entryPath: string): Promise<RowSet> => {
      const entry = byName.get(entryPath);
      const meta = listed.get(entryPath);
      if (!entry || !meta) throw damaged(`${entryPath} is missing`);
      if (entry.size > MAX_ROWS_ENTRY_BYTES) throw damaged(`${entryPath} is too large`);
      const data = await zip.readBytes(entry).catch((error: unknown) => {
        throw error instanceof ZipFormatError ? damaged(`${entryPath} cannot be read`) : error;
      });
      if (createHash('sha256').update(data).digest('hex') !== meta.sha256) throw damaged(`${entryPath} does not match its fingerprint`);
      let raw: unknown;
      try {
        raw = JSON.parse(data.toString('utf8'));
      } catch {
        throw damaged(`${entryPath} is not readable`);
      }
      const parsed = rowSetSchema.safeParse(raw);
      if (!parsed.success) throw damaged(`${entryPath} is not in the expected form`);
      return parsed.data;
    };
    const tables = libraryTables(target.db);
    const plan = sessionTablePlan(tables);
    for (const meta of manifest.sessions) {
      throwIfCancelled(signal, WHAT);
      const rows = await readRows(meta.rows);
      const ids = column(rows, 'sessions', 'id');
      if (ids.length !== 1 || ids[0] !== meta.id) throw damaged(`the rows of “${meta.title}” do not match its listing`);
      const sha = column(rows, 'media', 'sha256');
      if ((sha[0] ?? null) !== meta.mediaSha256) throw damaged(`the recording of “${meta.title}” does not match its listing`);
      checkSessionRows(rows, meta.id, meta.title, plan);
      sessions.push({ meta, rows, files: filesOf(rows) });
      // One session at a time: the UI stays responsive and a cancel is seen between sessions.
      await yieldToEventLoop();
    }
    const codebooks = manifest.codebooks === null ? null : await readRows(manifest.codebooks);
    if (codebooks) checkCodebookRows(codebooks, tables);
    throwIfCancelled(signal, WHAT);

    // 2. Duplicates.
    const duplicates: ArchiveImportResult['duplicates'] = [];
    const fresh: ArchivedSession[] = [];
    const inArchive = new Map<string, string>();
    for (const s of sessions) {
      const existing =
        inArchive.get(`id:${s.meta.id}`) ??
        (s.meta.mediaSha256 !== null ? inArchive.get(`sha:${s.meta.mediaSha256}`) : undefined) ??
        (s.meta.mediaSha256 !== null ? target.db.prepare<[string], { session_id: string }>('SELECT session_id FROM media WHERE sha256 = ?').get(s.meta.mediaSha256)?.session_id : undefined) ??
        target.db.prepare<[string], { id: string }>('SELECT id FROM sessions WHERE id = ?').get(s.meta.id)?.id;
      if (existing !== undefined) duplicates.push({ sessionId: s.meta.id, title: s.meta.title, existingSessionId: existing });
      else {
        fresh.push(s);
        inArchive.set(`id:${s.meta.id}`, s.meta.id);
        if (s.meta.mediaSha256 !== null) inArchive.set(`sha:${s.meta.mediaSha256}`, s.meta.id);
      }
    }

    // 3. The files of the new sessions, unpacked and checked.
    const needed = [...new Set(fresh.flatMap((s) => s.files))];
    for (const name of needed) {
      if (!listed.has(name) || !byName.has(name)) throw damaged(`${name} is missing`);
    }
    const total = needed.reduce((sum, name) => sum + (listed.get(name)?.size ?? 0), 0);
    const unpacking = new ByteProgress(total, 5, 90, progress, 'Unpacking recordings and waveforms');
    if (needed.length > 0) {
      await fsp.mkdir(path.join(staging, 'media'), { recursive: true });
      await fsp.mkdir(path.join(staging, 'peaks'), { recursive: true });
    }
    for (const name of needed) {
      throwIfCancelled(signal, WHAT);
      const entry = byName.get(name) as ZipEntry;
      const meta = listed.get(name) as ArchiveManifest['entries'][number];
      const out = await zip.extractTo(entry, resolveEntry(staging, name, 'archive'), { signal, onBytes: (n) => unpacking.add(n) }).catch((error: unknown) => {
        throw error instanceof ZipFormatError ? damaged(`${name} cannot be read`) : error;
      });
      const expectedByName = SHA256_NAME.exec(path.basename(name))?.[1];
      if (out.size !== meta.size || out.sha256 !== meta.sha256 || (name.startsWith('media/') && expectedByName !== undefined && expectedByName !== out.sha256)) {
        throw damaged(`${name} does not match its fingerprint`);
      }
    }
    throwIfCancelled(signal, WHAT);

    // 4. Rows and files, all or nothing.
    progress?.(92, 'Adding the sessions to the library');
    const warnings: string[] = [];
    if (fresh.length > 0) {
      const codebookExists = target.db.prepare<[unknown], { id: string }>('SELECT id FROM codebooks WHERE id = ?');
      // Codebooks already here are kept as they are, codes and all.
      const newCodebooks = codebooks ? onlyNewCodebooks(codebooks, tables, (id) => codebookExists.get(id) !== undefined) : null;
      const statements: SqlStatement[] = [];
      for (const t of tables) {
        const ownCodebooks = newCodebooks ? insertStatement(t, newCodebooks, 'OR IGNORE') : null;
        if (ownCodebooks) statements.push(ownCodebooks);
        for (const s of fresh) {
          const rows = insertStatement(t, s.rows, '');
          if (rows) statements.push(rows);
        }
      }
      for (const name of needed) {
        const [folder, base] = name.split('/') as [string, string];
        const dest = resolveEntry(folder === 'media' ? target.paths.mediaDir : target.paths.peaksDir, base, 'archive');
        if (fs.existsSync(dest)) continue;
        await fsp.rename(resolveEntry(staging, name, 'archive'), dest);
        placed.push(dest);
      }
      throwIfCancelled(signal, WHAT);
      // The rows in one transaction on a worker's own connection (their search-index triggers too),
      // off the main event loop.
      const writer = new FileWorkers(1);
      try {
        await writer.writeRows(target.paths.dbFile, statements);
      } finally {
        await writer.close();
      }
      placed.length = 0;
      // Committed: from here on nothing may report "nothing was imported".
      try {
        await Promise.all([fsyncDir(target.paths.mediaDir), fsyncDir(target.paths.peaksDir)]);
      } catch (error) {
        console.error('[attune:archive import] flushing the folders after the import failed:', error);
        warnings.push('The sessions were imported, but Attune could not confirm that their files were written to the disk. Restart Attune if anything looks wrong.');
      }
    }
    progress?.(100, 'Imported');
    return { path: archivePath, imported: fresh.map((s) => ({ sessionId: s.meta.id, title: s.meta.title })), duplicates, warnings };
  } catch (error) {
    for (const f of placed) fs.rmSync(f, { force: true });
    if (signal?.aborted) throw cancelled(WHAT);
    if (error instanceof ApiError) throw error;
    const code = errnoOf(error);
    if (code?.startsWith('SQLITE_')) {
      console.error('[attune:archive import] the rows were refused:', error);
      throw new ApiError('invalid_input', `The sessions in this archive do not fit this library: ${sqliteRefusal(code)}. Nothing was imported.`);
    }
    throw writeFailure(error, target.paths.root, WHAT);
  } finally {
    await zip.close();
    await fsp.rm(staging, { recursive: true, force: true }).catch(() => undefined);
  }
}

async function readManifest(zip: ZipFileReader, byName: Map<string, ZipEntry>, file: string): Promise<ArchiveManifest> {
  const entry = byName.get(ARCHIVE_MANIFEST);
  if (!entry || entry.size > MAX_MANIFEST_BYTES) throw notAnArchive(file);
  let raw: unknown;
  try {
    raw = JSON.parse((await zip.readBytes(entry)).toString('utf8'));
  } catch {
    throw notAnArchive(file);
  }
  const parsed = archiveManifestSchema.safeParse(raw);
  if (!parsed.success) throw notAnArchive(file);
  if (parsed.data.formatVersion > ARCHIVE_FORMAT_VERSION || parsed.data.schemaVersion > LATEST_SCHEMA) {
    throw new ApiError('invalid_input', `This archive was made by a newer version of Attune (${parsed.data.appVersion}). Update Attune to import it.`);
  }
  return parsed.data;
}

/** The statement that inserts a table's rows of a row set (the columns both sides know), or null when there are none. */
function insertStatement(table: LibraryTable, rows: RowSet, conflict: '' | 'OR IGNORE'): SqlStatement | null {
  const data = rows.tables[table.name];
  if (!data || data.rows.length === 0) return null;
  const keep = data.columns.map((c, i) => [c, i] as const).filter(([c]) => table.columns.includes(c));
  if (keep.length === 0) return null;
  return {
    sql: `INSERT ${conflict} INTO main.${quoteName(table.name)} (${keep.map(([c]) => quoteName(c)).join(', ')}) VALUES (${keep.map(() => '?').join(', ')})`,
    rows: data.rows.map((row) => keep.map(([, i]) => row[i] ?? null)),
  };
}

/** Why SQLite refused a row, in plain words (never its own message). */
function sqliteRefusal(code: string): string {
  if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE') return 'a record in it has the same identity as one already in this library';
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return 'a record in it refers to something that is neither in the archive nor in this library';
  if (code === 'SQLITE_CONSTRAINT_NOTNULL' || code === 'SQLITE_CONSTRAINT_CHECK' || code === 'SQLITE_MISMATCH') return 'a record in it holds a value this library does not accept';
  if (code.startsWith('SQLITE_CONSTRAINT')) return 'a record in it breaks one of this library’s rules';
  if (code === 'SQLITE_FULL') return 'the disk is full';
  return 'its records could not be written';
}
