/** Sessions and their media in SQLite. Every write is one transaction. */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { ApiError } from '../../../shared/api/errors';
import type { ConsentScope, MediaInfo, Session, SessionPatch, SessionStatus } from '../../../shared/domain/session';
import { MAX_TAGS } from '../../../shared/domain/library';
import { normaliseTags } from '../../../shared/library/library-filter';

interface SessionRow {
  id: string;
  title: string;
  trainee: string;
  supervisor: string;
  recorded_at: string | null;
  notes: string;
  status: SessionStatus;
  cohort: string;
  client_pseudonym: string;
  consent_date: string | null;
  consent_scope: ConsentScope | null;
  consent_recorded_by: string | null;
  retain_until: string | null;
  /** JSON array of the tags, in order. */
  tags_json: string;
  created_at: string;
  updated_at: string;
  sha256: string;
  original_name: string;
  file_name: string;
  peaks_file_name: string;
  size_bytes: number;
  duration: number;
  container: string;
  audio_codec: string;
  video_codec: string | null;
  channels: number;
  sample_rate: number;
  has_video: 0 | 1;
  width: number | null;
  height: number | null;
}

const SELECT = `
  SELECT s.*, m.sha256, m.original_name, m.file_name, m.peaks_file_name, m.size_bytes, m.duration,
         m.container, m.audio_codec, m.video_codec, m.channels, m.sample_rate, m.has_video, m.width, m.height,
         (SELECT json_group_array(tag) FROM (SELECT t.tag FROM session_tags t WHERE t.session_id = s.id ORDER BY t.position)) AS tags_json
  FROM sessions s JOIN media m ON m.session_id = s.id`;

function toSession(r: SessionRow): Session {
  return {
    id: r.id,
    title: r.title,
    trainee: r.trainee,
    supervisor: r.supervisor,
    recordedAt: r.recorded_at,
    notes: r.notes,
    status: r.status,
    cohort: r.cohort,
    clientPseudonym: r.client_pseudonym,
    tags: JSON.parse(r.tags_json) as string[],
    consent:
      r.consent_date !== null && r.consent_scope !== null && r.consent_recorded_by !== null
        ? { date: r.consent_date, scope: r.consent_scope, recordedBy: r.consent_recorded_by }
        : null,
    retainUntil: r.retain_until,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    media: {
      originalName: r.original_name,
      sha256: r.sha256,
      fileName: r.file_name,
      peaksFileName: r.peaks_file_name,
      sizeBytes: r.size_bytes,
      duration: r.duration,
      container: r.container,
      audioCodec: r.audio_codec,
      videoCodec: r.video_codec,
      channels: r.channels,
      sampleRate: r.sample_rate,
      hasVideo: r.has_video === 1,
      width: r.width,
      height: r.height,
    },
  };
}

export interface NewSession {
  title: string;
  trainee?: string;
  supervisor?: string;
  recordedAt?: string | null;
  notes?: string;
}

/** Patch fields stored in one column of `sessions` each (consent and tags are stored apart). */
const PATCH_COLUMNS = {
  title: 'title',
  trainee: 'trainee',
  supervisor: 'supervisor',
  recordedAt: 'recorded_at',
  notes: 'notes',
  status: 'status',
  cohort: 'cohort',
  clientPseudonym: 'client_pseudonym',
  retainUntil: 'retain_until',
} as const satisfies Partial<Record<keyof SessionPatch, string>>;
type ColumnField = keyof typeof PATCH_COLUMNS;
const isColumnField = (k: string): k is ColumnField => Object.prototype.hasOwnProperty.call(PATCH_COLUMNS, k);

/** Adds the media row of session `sessionId` (inside the caller's transaction). */
export function insertMedia(db: Database.Database, sessionId: string, media: MediaInfo): void {
  db.prepare(
    `INSERT INTO media (session_id, sha256, original_name, file_name, peaks_file_name, size_bytes, duration,
                        container, audio_codec, video_codec, channels, sample_rate, has_video, width, height)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    sessionId,
    media.sha256,
    media.originalName,
    media.fileName,
    media.peaksFileName,
    media.sizeBytes,
    media.duration,
    media.container,
    media.audioCodec,
    media.videoCodec,
    media.channels,
    media.sampleRate,
    media.hasVideo ? 1 : 0,
    media.width,
    media.height,
  );
}

export class SessionStore {
  private readonly byId: Database.Statement<[string], SessionRow>;
  private readonly bySha: Database.Statement<[string], SessionRow>;
  private readonly all: Database.Statement<[], SessionRow>;

  constructor(private readonly db: Database.Database) {
    this.byId = db.prepare(`${SELECT} WHERE s.id = ?`);
    this.bySha = db.prepare(`${SELECT} WHERE m.sha256 = ?`);
    this.all = db.prepare(`${SELECT} ORDER BY s.created_at DESC, s.rowid DESC`);
  }

  list(): Session[] {
    return this.all.all().map(toSession);
  }

  find(id: string): Session | null {
    const row = this.byId.get(id);
    return row ? toSession(row) : null;
  }

  get(id: string): Session {
    const found = this.find(id);
    if (!found) throw new ApiError('not_found', 'That session is no longer in the library.');
    return found;
  }

  /**
   * The session, if its supervisor content (annotations, review, transcript) may be changed here.
   * Feedback received from a supervisor — a trainee's copy of a package — is read-only; the trainee
   * answers in the Feedback view instead.
   */
  editable(id: string): Session {
    const session = this.get(id);
    if (this.db.prepare('SELECT 1 FROM received_packages WHERE session_id = ?').get(id)) {
      throw new ApiError('forbidden', 'This is feedback you received from your supervisor, so it cannot be changed. Write your replies in the Feedback view.');
    }
    return session;
  }

  /** Finds a session by its full id or an unambiguous prefix of it (for the command line). */
  resolve(idOrPrefix: string): Session {
    const exact = this.find(idOrPrefix);
    if (exact) return exact;
    const escaped = idOrPrefix.replace(/[\\%_]/g, (c) => `\\${c}`);
    const rows = this.db
      .prepare<[string], { id: string }>(`SELECT id FROM sessions WHERE id LIKE ? ESCAPE '\\' LIMIT 2`)
      .all(`${escaped}%`);
    if (rows.length === 1 && rows[0]) return this.get(rows[0].id);
    if (rows.length > 1) throw new ApiError('invalid_input', `More than one session id starts with "${idOrPrefix}"; give more of it.`);
    throw new ApiError('not_found', `No session has the id "${idOrPrefix}".`);
  }

  findBySha256(sha256: string): Session | null {
    const row = this.bySha.get(sha256);
    return row ? toSession(row) : null;
  }

  /** Adds a session with its media in one transaction. */
  create(fields: NewSession, media: MediaInfo): Session {
    const id = randomUUID();
    const now = new Date().toISOString();
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO sessions (id, title, trainee, supervisor, recorded_at, notes, status, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, 'new', ?, ?)`,
        )
        .run(id, fields.title, fields.trainee ?? '', fields.supervisor ?? '', fields.recordedAt ?? null, fields.notes ?? '', now, now);
      insertMedia(this.db, id, media);
    })();
    return this.get(id);
  }

  /**
   * Changes the fields given, in one transaction. Tags replace the session's tags whole (trimmed,
   * duplicates that differ only in case dropped). Consent and the retention date are checked
   * together: the retention date cannot fall before the day consent was given.
   */
  update(id: string, patch: SessionPatch): Session {
    const keys = (Object.keys(patch) as (keyof SessionPatch)[]).filter((k) => patch[k] !== undefined);
    const columns = keys.filter(isColumnField);
    const tags = patch.tags === undefined ? undefined : normaliseTags(patch.tags);
    if (tags && tags.length > MAX_TAGS) throw new ApiError('invalid_input', `A session can carry at most ${MAX_TAGS} tags.`);
    this.db.transaction(() => {
      const current = this.get(id);
      if (keys.length === 0) return;
      const consent = patch.consent === undefined ? current.consent : patch.consent;
      const retainUntil = patch.retainUntil === undefined ? current.retainUntil : patch.retainUntil;
      if (consent && retainUntil && retainUntil < consent.date) {
        throw new ApiError('invalid_input', 'The retention date cannot be before the day consent was given.');
      }
      const sets = columns.map((k) => `${PATCH_COLUMNS[k]} = @${k}`);
      const values: Record<string, unknown> = Object.fromEntries(columns.map((k) => [k, patch[k]]));
      if (patch.consent !== undefined) {
        sets.push('consent_date = @consentDate', 'consent_scope = @consentScope', 'consent_recorded_by = @consentRecordedBy');
        values.consentDate = patch.consent?.date ?? null;
        values.consentScope = patch.consent?.scope ?? null;
        values.consentRecordedBy = patch.consent?.recordedBy ?? null;
      }
      this.db.prepare(`UPDATE sessions SET ${[...sets, 'updated_at = @updatedAt'].join(', ')} WHERE id = @id`).run({
        ...values,
        updatedAt: new Date().toISOString(),
        id,
      });
      if (tags) {
        this.db.prepare('DELETE FROM session_tags WHERE session_id = ?').run(id);
        const insert = this.db.prepare('INSERT INTO session_tags (session_id, tag, position) VALUES (?, ?, ?)');
        tags.forEach((tag, i) => insert.run(id, tag, i));
      }
    })();
    return this.get(id);
  }

  /** Removes the session's rows; answers its media so the caller can remove the files. */
  delete(id: string): MediaInfo {
    return this.db.transaction(() => {
      const session = this.get(id);
      this.db.prepare('DELETE FROM sessions WHERE id = ?').run(id);
      return session.media;
    })();
  }

  /** File names every stored row refers to, to find files left behind by interrupted work. */
  referencedFiles(): Set<string> {
    const rows = this.db.prepare<[], { file_name: string; peaks_file_name: string; sha256: string }>(
      'SELECT file_name, peaks_file_name, sha256 FROM media',
    ).all();
    const names = new Set<string>();
    for (const r of rows) {
      names.add(r.file_name);
      names.add(r.peaks_file_name);
      names.add(`${r.sha256}.pcm`);
    }
    // Clips of received feedback packages (schema v4) are stored beside the recordings.
    for (const r of this.db.prepare<[], { file_name: string }>('SELECT file_name FROM received_clips').all()) names.add(r.file_name);
    return names;
  }
}
