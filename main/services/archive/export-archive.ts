/**
 * Exporting sessions as one archive file: their rows (each session's in one read transaction, so
 * they agree with each other; the event loop runs between sessions), the codebooks of their own they use, their recordings, clips and waveforms. The
 * file is written under a temp name beside the target and renamed into place when complete; a
 * failure or a cancel leaves no file. A recording that no longer matches its fingerprint is refused.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { ApiError } from '../../../shared/api/errors';
import type { ArchiveExportResult } from '../../../shared/domain/archive';
import type { DataPaths } from '../data-paths';
import { checkTarget, writeAtomically } from '../files/atomic-write';
import { libraryTables, schemaVersion } from '../storage/library-tables';
import { storedFiles } from '../storage/stored-files';
import { ByteProgress, cancelled, errnoOf, throwIfCancelled, writeFailure, yieldToEventLoop, type WorkOptions } from '../storage/work';
import { ARCHIVE_FORMAT, ARCHIVE_FORMAT_VERSION, ARCHIVE_MANIFEST, CODEBOOKS_ENTRY, type ArchiveManifest, type RowSet } from './archive-format';
import { codebookIdsOf, codebookRows, sessionRows } from './session-rows';
import { ZipFileWriter } from './zip-file';

export interface ArchiveSource {
  db: Database.Database;
  paths: DataPaths;
  appVersion: string;
}

export interface ArchiveExportOptions extends WorkOptions {
  overwrite?: boolean;
}

const WHAT = 'archive export';
const json = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));

interface Planned {
  manifestSessions: ArchiveManifest['sessions'];
  rowEntries: { path: string; set: RowSet }[];
  files: { entry: string; from: string; sha256: string | null; title: string }[];
  codebooks: RowSet | null;
}

/** Each session's rows in a read transaction of its own, yielding to the event loop between sessions (a cancel is seen there). */
async function plan(source: ArchiveSource, sessionIds: readonly string[], signal: AbortSignal | undefined): Promise<Planned> {
  const db = source.db;
  const tables = libraryTables(db);
  const manifestSessions: ArchiveManifest['sessions'] = [];
  const rowEntries: Planned['rowEntries'] = [];
  const files: Planned['files'] = [];
  const seenFiles = new Set<string>();
  for (const [i, id] of sessionIds.entries()) {
    throwIfCancelled(signal, WHAT);
    db.transaction(() => {
      const session = db.prepare<[string], { id: string; title: string }>('SELECT id, title FROM sessions WHERE id = ?').get(id);
      if (!session) throw new ApiError('not_found', `No session has the id "${id}".`);
      const set = sessionRows(db, id, tables);
      const media = db.prepare<[string], { sha256: string }>('SELECT sha256 FROM media WHERE session_id = ?').get(id);
      const rowsPath = `sessions/${i + 1}.json`;
      manifestSessions.push({ id, title: session.title, mediaSha256: media?.sha256 ?? null, rows: rowsPath });
      rowEntries.push({ path: rowsPath, set });
      for (const f of storedFiles(db, 'main', id)) {
        const entry = `${f.folder}/${f.name}`;
        if (seenFiles.has(entry)) continue;
        seenFiles.add(entry);
        files.push({ entry, from: path.join(f.folder === 'media' ? source.paths.mediaDir : source.paths.peaksDir, f.name), sha256: f.sha256, title: session.title });
      }
    })();
    await yieldToEventLoop();
  }
  throwIfCancelled(signal, WHAT);
  const codebooks = codebookRows(db, codebookIdsOf(rowEntries.map((r) => r.set), tables), tables);
  return { manifestSessions, rowEntries, files, codebooks };
}

export async function exportArchive(source: ArchiveSource, sessionIds: readonly string[], outPath: string, options: ArchiveExportOptions = {}): Promise<ArchiveExportResult> {
  const { signal, progress } = options;
  const ids = [...new Set(sessionIds)];
  if (ids.length === 0) throw new ApiError('invalid_input', 'Choose at least one session to archive.');
  if (!path.isAbsolute(outPath)) throw new ApiError('invalid_input', 'Choose a full path to save the archive to.');
  const target = checkTarget(outPath, options.overwrite ?? false);
  progress?.(1, 'Gathering the sessions');
  const planned = await plan(source, ids, signal);
  const createdAt = new Date();
  const sizes = await Promise.all(
    planned.files.map((f) =>
      fsp.stat(f.from).then(
        (s) => s.size,
        (error: unknown) => {
          if (errnoOf(error) === 'ENOENT') throw new ApiError('file_missing', `The recording of “${f.title}” is missing from the library (${f.entry}). Nothing was archived.`);
          throw error;
        },
      ),
    ),
  );
  const total = sizes.reduce((a, b) => a + b, 0);
  const writing = new ByteProgress(total, 5, 98, progress, 'Writing the archive');
  try {
    const bytes = await writeAtomically(
      target,
      async (temp) => {
        const zip = await ZipFileWriter.create(temp, createdAt);
        try {
          const entries: ArchiveManifest['entries'] = [];
          for (const r of planned.rowEntries) {
            throwIfCancelled(signal, WHAT);
            await yieldToEventLoop();
            const data = json(r.set);
            entries.push({ path: r.path, size: data.byteLength, sha256: await zip.addBytes(r.path, data, true) });
          }
          if (planned.codebooks) {
            const data = json(planned.codebooks);
            entries.push({ path: CODEBOOKS_ENTRY, size: data.byteLength, sha256: await zip.addBytes(CODEBOOKS_ENTRY, data, true) });
          }
          for (const f of planned.files) {
            throwIfCancelled(signal, WHAT);
            const written = await zip.addFile(f.entry, f.from, { signal, onBytes: (n) => writing.add(n) });
            if (f.sha256 !== null && written.sha256 !== f.sha256) {
              throw new ApiError('file_unreadable', `The library’s copy of the recording of “${f.title}” is damaged (it no longer matches its fingerprint). Nothing was archived.`);
            }
            entries.push({ path: f.entry, size: written.size, sha256: written.sha256 });
          }
          const manifest: ArchiveManifest = {
            format: ARCHIVE_FORMAT,
            formatVersion: ARCHIVE_FORMAT_VERSION,
            appVersion: source.appVersion,
            createdAt: createdAt.toISOString(),
            schemaVersion: schemaVersion(source.db),
            sessions: planned.manifestSessions,
            codebooks: planned.codebooks ? CODEBOOKS_ENTRY : null,
            entries,
          };
          await zip.addBytes(ARCHIVE_MANIFEST, json(manifest), true);
          await zip.finish();
        } catch (error) {
          await zip.abandon();
          throw error;
        }
      },
      signal,
    );
    progress?.(100, 'Saved');
    return { path: target.file, bytes, sessions: ids.length };
  } catch (error) {
    throw signal?.aborted ? cancelled(WHAT) : writeFailure(error, target.folder, WHAT);
  }
}
