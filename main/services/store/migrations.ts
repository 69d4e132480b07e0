/** Versioned schema migrations. Each runs once, in order, inside a transaction; `user_version` records the last. */
import type Database from 'better-sqlite3';
import { SEARCH_INDEX_V6_SQL } from '../search/search-schema';

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
  {
    version: 3,
    description: 'codebooks, annotations and session reviews',
    sql: `
      CREATE TABLE codebooks (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL CHECK (length(name) > 0),
        built_in    INTEGER NOT NULL DEFAULT 0 CHECK (built_in IN (0, 1)),
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
      );
      CREATE TABLE codes (
        codebook_id        TEXT NOT NULL REFERENCES codebooks(id) ON DELETE CASCADE,
        id                 TEXT NOT NULL CHECK (length(id) > 0),
        position           INTEGER NOT NULL,
        name               TEXT NOT NULL CHECK (length(name) > 0),
        definition         TEXT NOT NULL DEFAULT '',
        kind               TEXT NOT NULL CHECK (kind IN ('strength', 'growth', 'client', 'neutral')),
        color              TEXT NOT NULL,
        hotkey             TEXT CHECK (hotkey IS NULL OR length(hotkey) = 1),
        miti               TEXT CHECK (miti IS NULL OR miti IN ('giving-information', 'persuade', 'persuade-with-permission', 'question',
                             'simple-reflection', 'complex-reflection', 'affirm', 'seeking-collaboration', 'emphasizing-autonomy', 'confront')),
        missed_opportunity INTEGER NOT NULL DEFAULT 0 CHECK (missed_opportunity IN (0, 1)),
        enabled            INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
        PRIMARY KEY (codebook_id, id),
        UNIQUE (codebook_id, hotkey)
      );
      -- code_id names a code of the session's codebook (session_reviews.codebook_id, 'default' without a row).
      CREATE TABLE annotations (
        id             TEXT PRIMARY KEY,
        session_id     TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        code_id        TEXT NOT NULL,
        start          REAL NOT NULL CHECK (start >= 0),
        end            REAL CHECK (end IS NULL OR end >= start),
        comment        TEXT NOT NULL DEFAULT '',
        author         TEXT NOT NULL DEFAULT '',
        model_response TEXT NOT NULL DEFAULT '',
        created_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL
      );
      CREATE INDEX annotations_session_start ON annotations(session_id, start);
      -- Segments are replaced when a session is transcribed again; their links go with them.
      CREATE TABLE annotation_segments (
        annotation_id TEXT NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
        segment_id    TEXT NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
        PRIMARY KEY (annotation_id, segment_id)
      );
      CREATE INDEX annotation_segments_segment ON annotation_segments(segment_id);
      CREATE TABLE session_reviews (
        session_id              TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
        codebook_id             TEXT NOT NULL REFERENCES codebooks(id),
        beginning_start         REAL,
        beginning_end           REAL,
        middle_start            REAL,
        middle_end              REAL,
        termination_start       REAL,
        termination_end         REAL,
        checklist_json          TEXT NOT NULL DEFAULT '[]',
        cultivating_change_talk INTEGER CHECK (cultivating_change_talk IS NULL OR cultivating_change_talk BETWEEN 1 AND 5),
        softening_sustain_talk  INTEGER CHECK (softening_sustain_talk IS NULL OR softening_sustain_talk BETWEEN 1 AND 5),
        partnership             INTEGER CHECK (partnership IS NULL OR partnership BETWEEN 1 AND 5),
        empathy                 INTEGER CHECK (empathy IS NULL OR empathy BETWEEN 1 AND 5),
        coded_start             REAL,
        coded_end               REAL,
        strengths               TEXT NOT NULL DEFAULT '',
        growth_areas            TEXT NOT NULL DEFAULT '',
        goals                   TEXT NOT NULL DEFAULT '',
        updated_at              TEXT NOT NULL,
        CHECK ((beginning_start IS NULL) = (beginning_end IS NULL) AND (beginning_end IS NULL OR beginning_end > beginning_start)),
        CHECK ((middle_start IS NULL) = (middle_end IS NULL) AND (middle_end IS NULL OR middle_end > middle_start)),
        CHECK ((termination_start IS NULL) = (termination_end IS NULL) AND (termination_end IS NULL OR termination_end > termination_start)),
        CHECK ((coded_start IS NULL) = (coded_end IS NULL) AND (coded_end IS NULL OR coded_end > coded_start))
      );
      CREATE INDEX session_reviews_codebook ON session_reviews(codebook_id);
      CREATE TABLE review_evidence (
        session_id    TEXT NOT NULL REFERENCES session_reviews(session_id) ON DELETE CASCADE,
        rating        TEXT NOT NULL CHECK (rating IN ('cultivatingChangeTalk', 'softeningSustainTalk', 'partnership', 'empathy')),
        annotation_id TEXT NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
        position      INTEGER NOT NULL,
        PRIMARY KEY (session_id, rating, annotation_id)
      );
      CREATE INDEX review_evidence_annotation ON review_evidence(annotation_id);
    `,
  },
  {
    version: 4,
    description: 'feedback packages sent and received, the trainee’s replies, and replies merged back',
    sql: `
      -- Supervisor side: the package id of each session a package was made from (stable, so the trainee's copy updates).
      CREATE TABLE sent_packages (
        session_id   TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
        package_id   TEXT NOT NULL UNIQUE,
        last_sent_at TEXT
      );
      -- Trainee side: a session that is a read-only copy of a received package.
      CREATE TABLE received_packages (
        package_id         TEXT PRIMARY KEY,
        session_id         TEXT NOT NULL UNIQUE REFERENCES sessions(id) ON DELETE CASCADE,
        source_session_id  TEXT NOT NULL,
        created_by         TEXT NOT NULL DEFAULT '',
        source_created_at  TEXT NOT NULL,
        opened_at          TEXT NOT NULL,
        media_kind         TEXT NOT NULL CHECK (media_kind IN ('none', 'clips', 'full')),
        has_video          INTEGER NOT NULL DEFAULT 0 CHECK (has_video IN (0, 1)),
        deidentified       INTEGER NOT NULL DEFAULT 0 CHECK (deidentified IN (0, 1)),
        scores_json        TEXT NOT NULL,
        reflection         TEXT NOT NULL DEFAULT '',
        reflection_at      TEXT,
        reply_exported_at  TEXT
      );
      -- Clips of a received package, stored beside the recordings (media folder, <sha256>.<ext>); several annotations may share one file.
      CREATE TABLE received_clips (
        annotation_id TEXT PRIMARY KEY REFERENCES annotations(id) ON DELETE CASCADE,
        session_id    TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        file_name     TEXT NOT NULL,
        start         REAL NOT NULL CHECK (start >= 0),
        end           REAL NOT NULL CHECK (end > start)
      );
      CREATE INDEX received_clips_session ON received_clips(session_id);
      CREATE INDEX received_clips_file ON received_clips(file_name);
      -- Trainee side: read marks and replies, per annotation of a received copy.
      CREATE TABLE trainee_responses (
        annotation_id TEXT PRIMARY KEY REFERENCES annotations(id) ON DELETE CASCADE,
        read_at       TEXT,
        reply         TEXT NOT NULL DEFAULT '',
        replied_at    TEXT
      );
      -- Supervisor side: the trainee's answers merged from a reply file, beside each annotation.
      CREATE TABLE annotation_replies (
        annotation_id TEXT PRIMARY KEY REFERENCES annotations(id) ON DELETE CASCADE,
        text          TEXT NOT NULL DEFAULT '',
        replied_at    TEXT,
        read_at       TEXT,
        merged_at     TEXT NOT NULL
      );
      CREATE TABLE session_reflections (
        session_id  TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
        text        TEXT NOT NULL DEFAULT '',
        written_at  TEXT,
        reply_from  TEXT NOT NULL DEFAULT '',
        merged_at   TEXT NOT NULL
      );
    `,
  },
  {
    version: 5,
    description: 'library fields (cohort, client pseudonym, tags), consent, retention, saved filters, deletion log',
    sql: `
      -- Consent is all three facts or none ("no consent on file"); dates are ISO (YYYY-MM-DD).
      ALTER TABLE sessions ADD COLUMN cohort TEXT NOT NULL DEFAULT '';
      ALTER TABLE sessions ADD COLUMN client_pseudonym TEXT NOT NULL DEFAULT '';
      ALTER TABLE sessions ADD COLUMN consent_date TEXT
        CHECK (consent_date IS NULL OR consent_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]');
      ALTER TABLE sessions ADD COLUMN consent_scope TEXT
        CHECK (consent_scope IS NULL OR consent_scope IN ('supervision', 'teaching', 'research'));
      ALTER TABLE sessions ADD COLUMN consent_recorded_by TEXT
        CHECK ((consent_recorded_by IS NULL) = (consent_date IS NULL) AND (consent_date IS NULL) = (consent_scope IS NULL)
               AND (consent_recorded_by IS NULL OR length(consent_recorded_by) > 0));
      ALTER TABLE sessions ADD COLUMN retain_until TEXT
        CHECK (retain_until IS NULL OR retain_until GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]');
      CREATE INDEX sessions_retain_until ON sessions(retain_until) WHERE retain_until IS NOT NULL;
      CREATE INDEX sessions_cohort ON sessions(cohort);
      -- Free tags, unique per session whatever their case, kept in the order added.
      CREATE TABLE session_tags (
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        tag        TEXT NOT NULL COLLATE NOCASE CHECK (length(tag) BETWEEN 1 AND 60),
        position   INTEGER NOT NULL,
        PRIMARY KEY (session_id, tag)
      ) WITHOUT ROWID;
      CREATE INDEX session_tags_tag ON session_tags(tag);
      -- The library's named filters (the filter as JSON, see shared/domain/library.ts).
      CREATE TABLE saved_filters (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 80),
        filter_json TEXT NOT NULL CHECK (json_valid(filter_json)),
        created_at  TEXT NOT NULL
      );
      -- What was deleted, when and by whom: the session id and kinds with counts and bytes, never content.
      CREATE TABLE deletion_log (
        id           INTEGER PRIMARY KEY,
        deleted_at   TEXT NOT NULL,
        deleted_by   TEXT NOT NULL,
        session_id   TEXT NOT NULL,
        removed_json TEXT NOT NULL CHECK (json_valid(removed_json))
      );
      CREATE INDEX deletion_log_deleted_at ON deletion_log(deleted_at);
    `,
  },
  {
    version: 6,
    description: 'full-text search index over transcripts, comments, reflections and feedback',
    // Written out in main/services/search/search-schema.ts (entries, the FTS5 index, and the triggers that keep it current).
    sql: SEARCH_INDEX_V6_SQL,
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
