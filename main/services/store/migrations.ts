/** Versioned schema migrations. Each runs once, in order, inside a transaction; `user_version` records the last. */
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'sessions and their media',
    sql: `
      CREATE TABLE sessions (
        id          TEXT PRIMARY KEY,
        title       TEXT NOT NULL CHECK (length(title) > 0),
        trainee     TEXT NOT NULL DEFAULT '',
        supervisor  TEXT NOT NULL DEFAULT '',
        recorded_at TEXT,
        notes       TEXT NOT NULL DEFAULT '',
        status      TEXT NOT NULL DEFAULT 'new'
                    CHECK (status IN ('new','transcribed','in-review','feedback-sent','reply-received')),
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
      );
      CREATE TABLE media (
        session_id      TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
        sha256          TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
        original_name   TEXT NOT NULL,
        file_name       TEXT NOT NULL UNIQUE,
        peaks_file_name TEXT NOT NULL,
        size_bytes      INTEGER NOT NULL CHECK (size_bytes > 0),
        duration        REAL NOT NULL CHECK (duration > 0),
        container       TEXT NOT NULL,
        audio_codec     TEXT NOT NULL,
        video_codec     TEXT,
        channels        INTEGER NOT NULL CHECK (channels > 0),
        sample_rate     INTEGER NOT NULL CHECK (sample_rate > 0),
        has_video       INTEGER NOT NULL CHECK (has_video IN (0, 1)),
        width           INTEGER,
        height          INTEGER
      );
      CREATE INDEX sessions_created_at ON sessions(created_at);
    `,
  },
  {
    version: 2,
    description: 'transcripts, their segments, and app settings',
    sql: `
      CREATE TABLE transcripts (
        session_id      TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
        source          TEXT CHECK (source IN ('whisper', 'vtt', 'srt')),
        origin          TEXT,
        language        TEXT,
        counselor_name  TEXT NOT NULL DEFAULT 'Counselor',
        client_name     TEXT NOT NULL DEFAULT 'Client',
        other_name      TEXT NOT NULL DEFAULT 'Other',
        -- Voice-activity regions as JSON [[start, end], …], when VAD ran.
        speech_json     TEXT,
        -- Unfinished Whisper work, to resume after a crash: segments are stored up to covered_until.
        job_model       TEXT,
        job_language    TEXT,
        job_keep_corrections INTEGER NOT NULL DEFAULT 0 CHECK (job_keep_corrections IN (0, 1)),
        covered_until   REAL,
        updated_at      TEXT NOT NULL
      );
      CREATE TABLE segments (
        id            TEXT PRIMARY KEY,
        session_id    TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        start         REAL NOT NULL CHECK (start >= 0),
        end           REAL NOT NULL CHECK (end >= start),
        speaker       TEXT CHECK (speaker IN ('counselor', 'client', 'other')),
        text          TEXT NOT NULL,
        original_text TEXT NOT NULL,
        edited        INTEGER NOT NULL DEFAULT 0 CHECK (edited IN (0, 1))
      );
      CREATE INDEX segments_session_start ON segments(session_id, start);
      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
  },
];

export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(
      `This library was written by a newer version of Attune (schema ${current}); this version understands up to ${latest}. Update Attune to open it.`,
    );
  }
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}
