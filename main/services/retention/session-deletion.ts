/**
 * Deleting a session for good. In one transaction: every row of the session (the foreign keys
 * cascade from `sessions` to its media, transcript, segments, annotations and their links, review,
 * replies, tags and package records; search-index triggers follow the same deletes), the codebook a
 * received copy brought when no other session uses it, and the deletion log entry. Then its files:
 * the recording, its audio cache and any clips no other session shares are overwritten before they
 * are unlinked; the waveform peaks are removed.
 *
 * The rows go first and the files after: a crash in between (or a file that cannot be overwritten
 * now) leaves only files no row refers to, which the start-up sweep overwrites and removes. SQLite's secure_delete zeroes the freed database content, and a
 * checkpoint afterwards folds the write-ahead log into the database and empties it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { DeletionLogEntry, RemovedSummary } from '../../../shared/domain/library';
import type { DataPaths } from '../data-paths';
import { receivedCodebookId } from '../export/package/received-copy';
import { fsyncDir } from '../files/fs-durability';
import type { SessionStore } from '../store/session-store';
import { writeLogEntry } from './deletion-log';
import { overwriteAndRemove, removeFile } from '../files/overwrite';

export interface DeletionStores {
  db: Database.Database;
  paths: DataPaths;
  sessions: SessionStore;
}

/** The files a deletion removes, by kind; `overwrite` ones are overwritten before they are unlinked. */
export interface PlannedFile {
  path: string;
  kind: 'recording' | 'clips' | 'audioCache' | 'waveform';
  overwrite: boolean;
}

export interface RowDeletion {
  entry: DeletionLogEntry;
  files: PlannedFile[];
}

const count = (db: Database.Database, sql: string, ...params: string[]): number => (db.prepare(sql).get(...params) as { n: number }).n;

function sizeOf(file: string): number | null {
  try {
    const stat = fs.statSync(file);
    return stat.isFile() ? stat.size : null;
  } catch {
    return null;
  }
}

/** Names of stored files some remaining row still refers to. */
function referencedNames(db: Database.Database): Set<string> {
  const names = new Set<string>();
  for (const r of db.prepare<[], { file_name: string; peaks_file_name: string; sha256: string }>('SELECT file_name, peaks_file_name, sha256 FROM media').all()) {
    names.add(r.file_name);
    names.add(r.peaks_file_name);
    names.add(`${r.sha256}.pcm`);
  }
  for (const r of db.prepare<[], { file_name: string }>('SELECT DISTINCT file_name FROM received_clips').all()) names.add(r.file_name);
  return names;
}

/** What the session's rows hold, by kind (counted inside the deleting transaction). */
function countRows(db: Database.Database, id: string): RemovedSummary {
  const ofAnnotations = (table: string) => count(db, `SELECT count(*) AS n FROM ${table} WHERE annotation_id IN (SELECT id FROM annotations WHERE session_id = ?)`, id);
  return {
    transcriptSegments: { count: count(db, 'SELECT count(*) AS n FROM segments WHERE session_id = ?', id) },
    annotations: { count: count(db, 'SELECT count(*) AS n FROM annotations WHERE session_id = ?', id) },
    review: { count: count(db, 'SELECT count(*) AS n FROM session_reviews WHERE session_id = ?', id) },
    replies: {
      count:
        ofAnnotations('annotation_replies') + ofAnnotations('trainee_responses') + count(db, 'SELECT count(*) AS n FROM session_reflections WHERE session_id = ?', id),
    },
    tags: { count: count(db, 'SELECT count(*) AS n FROM session_tags WHERE session_id = ?', id) },
    packages: {
      count: count(db, 'SELECT count(*) AS n FROM sent_packages WHERE session_id = ?', id) + count(db, 'SELECT count(*) AS n FROM received_packages WHERE session_id = ?', id),
    },
  };
}

/** Adds a file's bytes to its kind. */
function addFile(summary: RemovedSummary, kind: PlannedFile['kind'], bytes: number): void {
  const prev = summary[kind] ?? { count: 0, bytes: 0 };
  summary[kind] = { count: prev.count + 1, bytes: (prev.bytes ?? 0) + bytes };
}

/**
 * Removes the session's rows and writes its log entry, in one transaction (synchronous, quick);
 * answers the entry and the files to remove next. Throws not_found for an unknown id.
 */
export function deleteSessionRows(stores: DeletionStores, id: string, deletedBy: string, now: Date = new Date()): RowDeletion {
  const { db, paths, sessions } = stores;
  const wasSecure = db.pragma('secure_delete', { simple: true }) as number;
  db.pragma('secure_delete = ON');
  try {
    return db.transaction((): RowDeletion => {
      const session = sessions.get(id);
      const media = session.media;
      const clipNames = db.prepare<[string], { file_name: string }>('SELECT DISTINCT file_name FROM received_clips WHERE session_id = ?').all(id).map((r) => r.file_name);
      const packageId = db.prepare<[string], { package_id: string }>('SELECT package_id FROM received_packages WHERE session_id = ?').get(id)?.package_id ?? null;
      const removed = countRows(db, id);

      db.prepare('DELETE FROM sessions WHERE id = ?').run(id);
      if (packageId !== null) {
        const codebookId = receivedCodebookId(packageId);
        db.prepare('DELETE FROM codebooks WHERE id = ? AND NOT EXISTS (SELECT 1 FROM session_reviews WHERE codebook_id = ?)').run(codebookId, codebookId);
      }

      // Files: the session's own, and clips only when no other session's row still names them.
      const stillUsed = referencedNames(db);
      const candidates: PlannedFile[] = [
        { path: path.join(paths.mediaDir, media.fileName), kind: 'recording', overwrite: true },
        { path: path.join(paths.pcmDir, `${media.sha256}.pcm`), kind: 'audioCache', overwrite: true },
        { path: path.join(paths.peaksDir, media.peaksFileName), kind: 'waveform', overwrite: false },
        ...clipNames.map((name): PlannedFile => ({ path: path.join(paths.mediaDir, name), kind: 'clips', overwrite: true })),
      ];
      const files: PlannedFile[] = [];
      for (const file of candidates) {
        if (stillUsed.has(path.basename(file.path))) continue;
        const bytes = sizeOf(file.path);
        if (bytes === null) continue;
        files.push(file);
        addFile(removed, file.kind, bytes);
      }
      const entry = writeLogEntry(db, { deletedAt: now.toISOString(), deletedBy, sessionId: id, removed });
      return { entry, files };
    })();
  } finally {
    db.pragma(`secure_delete = ${wasSecure ? 'ON' : 'OFF'}`);
  }
}

export interface FileRemoval {
  overwritten: number;
  removed: number;
  /** Files that could not be removed now (the start-up sweep removes them later). */
  failed: string[];
}

/** Overwrites and unlinks the planned files, one after another, and makes the unlinks durable. */
export async function removePlannedFiles(files: readonly PlannedFile[]): Promise<FileRemoval> {
  const result: FileRemoval = { overwritten: 0, removed: 0, failed: [] };
  for (const file of files) {
    try {
      const size = file.overwrite ? await overwriteAndRemove(file.path) : await removeFile(file.path);
      if (size === null) continue;
      if (file.overwrite) result.overwritten++;
      result.removed++;
    } catch (error) {
      // Not overwritten even after making it writable (a file another program holds, say): it is
      // left as it is, never unlinked with its bytes intact. No row names it any more, so the
      // start-up sweep overwrites and removes it.
      console.error(`[attune] could not ${file.overwrite ? 'overwrite' : 'remove'} ${file.path}; it is removed at the next start:`, error);
      result.failed.push(file.path);
    }
  }
  for (const dir of new Set(files.map((f) => path.dirname(f.path)))) await fsyncDir(dir);
  return result;
}
