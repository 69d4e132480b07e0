/** The files a library's rows refer to: recordings and clips (media folder) and waveforms (peaks folder), with what we know of their content. */
import type Database from 'better-sqlite3';
import { SHA256_NAME } from './work';

export interface StoredFile {
  folder: 'media' | 'peaks';
  name: string;
  /** The SHA-256 the file must have, when its name or row says it (recordings, clips); null for waveforms. */
  sha256: string | null;
  /** The session it belongs to, for messages. */
  sessionTitle: string;
}

/** Every stored file of the library, or of one session. */
export function storedFiles(db: Database.Database, schema = 'main', sessionId: string | null = null): StoredFile[] {
  const files = new Map<string, StoredFile>();
  const add = (f: StoredFile): void => {
    const key = `${f.folder}/${f.name}`;
    if (!files.has(key)) files.set(key, f);
  };
  const only = sessionId === null ? '' : 'WHERE s.id = ?';
  const params = sessionId === null ? [] : [sessionId];
  const media = db
    .prepare<unknown[], { file_name: string; peaks_file_name: string; sha256: string; title: string }>(
      `SELECT m.file_name, m.peaks_file_name, m.sha256, s.title FROM "${schema}".media m JOIN "${schema}".sessions s ON s.id = m.session_id ${only} ORDER BY s.created_at, s.id`,
    )
    .all(...params);
  for (const m of media) {
    add({ folder: 'media', name: m.file_name, sha256: m.sha256, sessionTitle: m.title });
    add({ folder: 'peaks', name: m.peaks_file_name, sha256: null, sessionTitle: m.title });
  }
  const clips = db
    .prepare<unknown[], { file_name: string; title: string }>(
      `SELECT DISTINCT c.file_name, s.title FROM "${schema}".received_clips c JOIN "${schema}".sessions s ON s.id = c.session_id ${only} ORDER BY c.file_name`,
    )
    .all(...params);
  for (const c of clips) add({ folder: 'media', name: c.file_name, sha256: SHA256_NAME.exec(c.file_name)?.[1] ?? null, sessionTitle: c.title });
  return [...files.values()];
}
