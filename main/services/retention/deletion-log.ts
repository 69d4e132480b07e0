/**
 * The deletion log: when a session was deleted, by whom (the profile name), its id, and only what
 * kinds of things went with counts and bytes — never a title, a name or any content.
 */
import type Database from 'better-sqlite3';
import { REMOVED_KINDS, type DeletionLogEntry, type RemovedSummary } from '../../../shared/domain/library';

interface LogRow {
  id: number;
  deleted_at: string;
  deleted_by: string;
  session_id: string;
  removed_json: string;
}

/** Only known kinds with whole, non-negative numbers: nothing else can reach the log. */
export function cleanSummary(removed: RemovedSummary): RemovedSummary {
  const out: RemovedSummary = {};
  for (const kind of REMOVED_KINDS) {
    const entry = removed[kind];
    if (!entry || !(entry.count > 0)) continue;
    out[kind] = entry.bytes === undefined ? { count: Math.round(entry.count) } : { count: Math.round(entry.count), bytes: Math.max(0, Math.round(entry.bytes)) };
  }
  return out;
}

function toEntry(r: LogRow): DeletionLogEntry {
  return { id: r.id, deletedAt: r.deleted_at, deletedBy: r.deleted_by, sessionId: r.session_id, removed: cleanSummary(JSON.parse(r.removed_json) as RemovedSummary) };
}

/** Adds an entry (inside the caller's transaction, the one that deletes the rows). */
export function writeLogEntry(db: Database.Database, entry: Omit<DeletionLogEntry, 'id'>): DeletionLogEntry {
  const removed = cleanSummary(entry.removed);
  const info = db
    .prepare('INSERT INTO deletion_log (deleted_at, deleted_by, session_id, removed_json) VALUES (?, ?, ?, ?)')
    .run(entry.deletedAt, entry.deletedBy, entry.sessionId, JSON.stringify(removed));
  return { ...entry, removed, id: Number(info.lastInsertRowid) };
}

/** The log, newest first. */
export function readLog(db: Database.Database, limit = 1000): DeletionLogEntry[] {
  return db.prepare<[number], LogRow>('SELECT * FROM deletion_log ORDER BY deleted_at DESC, id DESC LIMIT ?').all(limit).map(toEntry);
}
