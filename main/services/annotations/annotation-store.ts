/**
 * Annotations in SQLite (tables `annotations` and `annotation_segments`, schema v3): placing,
 * editing, deleting and restoring them, and annotation files in and out. Every write is one
 * transaction and is checked against the recording's length, the session's codebook and its
 * transcript; nothing here emits events (the API handlers emit `annotations.changed`).
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { ApiError } from '../../../shared/api/errors';
import type { Annotation, AnnotationPatch, Code, Codebook } from '../../../shared/domain/annotation';
import {
  AnnotationFileError,
  annotationsToCsv,
  annotationsToJson,
  parseAnnotationFile,
  resolveCode,
  transcriptTextFor,
  type AnnotationExportRow,
  type AnnotationRecord,
} from '../../../shared/annotations/annotation-file';
import type { CodebookStore } from '../codebooks/codebook-store';
import type { ProfileStore } from '../profile/profile-store';
import type { ReviewStore } from '../review/review-store';
import type { SessionStore } from '../store/session-store';
import { clock, DURATION_TOLERANCE_S } from './clock';
import { fileSlug } from './file-slug';

interface AnnotationRow {
  id: string;
  session_id: string;
  code_id: string;
  start: number;
  end: number | null;
  comment: string;
  author: string;
  model_response: string;
  created_at: string;
  updated_at: string;
}

export interface NewAnnotation {
  sessionId: string;
  codeId: string;
  start: number;
  end: number | null;
  comment?: string;
  modelResponse?: string;
  segmentIds?: readonly string[];
}

const quote = (text: string): string => `“${text}”`;

/** "line 14" → "Line 14" */
const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

export class AnnotationStore {
  private readonly annotationRow: Database.Statement<[string], AnnotationRow>;
  private readonly annotationsOf: Database.Statement<[string], AnnotationRow>;
  private readonly linksOfSession: Database.Statement<[string], { annotation_id: string; segment_id: string }>;
  private readonly linksOf: Database.Statement<[string], { segment_id: string }>;
  private readonly insertRow: Database.Statement<[string, string, string, number, number | null, string, string, string, string, string]>;
  private readonly insertLink: Database.Statement<[string, string]>;

  constructor(
    private readonly db: Database.Database,
    private readonly sessions: SessionStore,
    private readonly codebooks: CodebookStore,
    private readonly reviews: ReviewStore,
    private readonly profile: ProfileStore,
  ) {
    this.annotationRow = db.prepare('SELECT * FROM annotations WHERE id = ?');
    this.annotationsOf = db.prepare('SELECT * FROM annotations WHERE session_id = ? ORDER BY start, end IS NOT NULL, end, created_at, rowid');
    this.linksOfSession = db.prepare(
      `SELECT l.annotation_id, l.segment_id FROM annotation_segments l
       JOIN annotations a ON a.id = l.annotation_id JOIN segments g ON g.id = l.segment_id
       WHERE a.session_id = ? ORDER BY g.start, g.end, g.rowid`,
    );
    this.linksOf = db.prepare(
      'SELECT l.segment_id FROM annotation_segments l JOIN segments g ON g.id = l.segment_id WHERE l.annotation_id = ? ORDER BY g.start, g.end, g.rowid',
    );
    this.insertRow = db.prepare(
      `INSERT INTO annotations (id, session_id, code_id, start, end, comment, author, model_response, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertLink = db.prepare('INSERT OR IGNORE INTO annotation_segments (annotation_id, segment_id) VALUES (?, ?)');
  }

  /** The session's annotations by start time. not_found when the session is gone. */
  list(sessionId: string): Annotation[] {
    this.sessions.get(sessionId);
    const links = new Map<string, string[]>();
    for (const l of this.linksOfSession.all(sessionId)) {
      const ids = links.get(l.annotation_id);
      if (ids) ids.push(l.segment_id);
      else links.set(l.annotation_id, [l.segment_id]);
    }
    return this.annotationsOf.all(sessionId).map((r) => toAnnotation(r, links.get(r.id) ?? []));
  }

  count(sessionId: string): number {
    return this.db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM annotations WHERE session_id = ?').get(sessionId)?.n ?? 0;
  }

  get(annotationId: string): Annotation {
    const row = this.annotationRow.get(annotationId);
    if (!row) throw new ApiError('not_found', 'That annotation no longer exists; it may have been deleted.');
    return toAnnotation(row, this.linksOf.all(annotationId).map((l) => l.segment_id));
  }

  /** A new annotation by the profile's author, with an enabled code of the session's codebook. */
  create(input: NewAnnotation): Annotation {
    const id = randomUUID();
    this.db.transaction(() => {
      const session = this.sessions.editable(input.sessionId);
      const codebook = this.codebookOf(session.id);
      checkNewCode(codebook, input.codeId);
      const span = checkSpan(input.start, input.end, session.media.duration);
      const segmentIds = this.checkSegments(session.id, input.segmentIds ?? []);
      const now = new Date().toISOString();
      this.insertRow.run(id, session.id, input.codeId, span.start, span.end, input.comment ?? '', this.profile.get().name, input.modelResponse ?? '', now, now);
      for (const segmentId of segmentIds) this.insertLink.run(id, segmentId);
    })();
    return this.get(id);
  }

  /**
   * Puts back an annotation exactly as it was (undo of a delete): same id, author and times. Its code
   * must still be in the codebook (turned off is fine). Linked segments that are gone (the session was
   * transcribed again meanwhile) are left out.
   */
  restore(a: Annotation): Annotation {
    this.db.transaction(() => {
      if (this.annotationRow.get(a.id)) throw new ApiError('invalid_input', 'That annotation is already there; there is nothing to restore.');
      const session = this.sessions.editable(a.sessionId);
      const codebook = this.codebookOf(session.id);
      codeIn(codebook, a.codeId);
      const span = checkSpan(a.start, a.end, session.media.duration);
      const own = this.segmentIdsOf(session.id);
      this.insertRow.run(a.id, session.id, a.codeId, span.start, span.end, a.comment, a.author, a.modelResponse, a.createdAt, a.updatedAt);
      for (const segmentId of a.segmentIds) if (own.has(segmentId)) this.insertLink.run(a.id, segmentId);
    })();
    return this.get(a.id);
  }

  /** Changes the fields the patch names; the result is checked as a whole. A new code must be turned on. */
  update(annotationId: string, patch: AnnotationPatch): Annotation {
    this.db.transaction(() => {
      const current = this.get(annotationId);
      const session = this.sessions.editable(current.sessionId);
      if (patch.codeId !== undefined && patch.codeId !== current.codeId) checkNewCode(this.codebookOf(session.id), patch.codeId);
      const span = checkSpan(patch.start ?? current.start, patch.end !== undefined ? patch.end : current.end, session.media.duration);
      this.db
        .prepare('UPDATE annotations SET code_id = ?, start = ?, end = ?, comment = ?, model_response = ?, updated_at = ? WHERE id = ?')
        .run(
          patch.codeId ?? current.codeId,
          span.start,
          span.end,
          patch.comment ?? current.comment,
          patch.modelResponse ?? current.modelResponse,
          new Date().toISOString(),
          annotationId,
        );
      if (patch.segmentIds !== undefined) {
        const segmentIds = this.checkSegments(session.id, patch.segmentIds);
        this.db.prepare('DELETE FROM annotation_segments WHERE annotation_id = ?').run(annotationId);
        for (const segmentId of segmentIds) this.insertLink.run(annotationId, segmentId);
      }
    })();
    return this.get(annotationId);
  }

  /** Removes an annotation; answers it as it was, so it can be restored. */
  delete(annotationId: string): Annotation {
    return this.db.transaction(() => {
      const annotation = this.get(annotationId);
      this.sessions.editable(annotation.sessionId);
      this.db.prepare('DELETE FROM annotations WHERE id = ?').run(annotationId);
      return annotation;
    })();
  }

  /**
   * Adds the annotations of a CSV or JSON file, all or nothing: every record's code must be in the
   * session's codebook and turned on, and its time inside the recording. Messages name the line.
   */
  import(sessionId: string, fileName: string, content: string): Annotation[] {
    let records: AnnotationRecord[];
    try {
      records = parseAnnotationFile(fileName, content);
    } catch (error) {
      if (error instanceof AnnotationFileError) throw new ApiError('invalid_input', `${fileName}: ${error.message}`);
      throw error;
    }
    if (records.length === 0) throw new ApiError('invalid_input', `${fileName} holds no annotations.`);
    const ids: string[] = [];
    this.db.transaction(() => {
      const session = this.sessions.editable(sessionId);
      const codebook = this.codebookOf(session.id);
      const author = this.profile.get().name;
      const now = new Date().toISOString();
      for (const record of records) {
        const { code, span } = atRecord(fileName, record, () => {
          const found = resolveCode(record.code, codebook.codes);
          if (!found) throw new ApiError('invalid_input', `There is no code ${quote(record.code)} in the codebook ${quote(codebook.name)}.`);
          if (!found.enabled) throw new ApiError('invalid_input', `The code ${quote(found.name)} is turned off in this codebook.`);
          return { code: found, span: checkSpan(record.start, record.end, session.media.duration) };
        });
        const id = randomUUID();
        this.insertRow.run(id, session.id, code.id, span.start, span.end, record.comment, record.author?.trim() || author, record.modelResponse, now, now);
        ids.push(id);
      }
    })();
    return ids.map((id) => this.get(id));
  }

  /** The session's annotations as a CSV or JSON file (JSON adds the session, codebook, scores and review). */
  export(sessionId: string, format: 'csv' | 'json'): { fileName: string; content: string; count: number } {
    const session = this.sessions.get(sessionId);
    const annotations = this.list(sessionId);
    const codebook = this.codebookOf(sessionId);
    const rows = this.exportRows(session.id, annotations, codebook);
    const base = `${fileSlug(session.title, 'session')}.annotations`;
    if (format === 'csv') return { fileName: `${base}.csv`, content: annotationsToCsv(rows), count: rows.length };
    const review = this.reviews.get(sessionId);
    const content = annotationsToJson(rows, {
      session: {
        id: session.id,
        title: session.title,
        trainee: session.trainee,
        supervisor: session.supervisor,
        recordedAt: session.recordedAt,
        duration: session.media.duration,
      },
      codebook: { id: codebook.id, name: codebook.name },
      scores: this.reviews.scores(sessionId),
      review: { codedRange: review.codedRange, globals: review.globals, feedback: review.feedback },
    });
    return { fileName: `${base}.json`, content, count: rows.length };
  }

  private exportRows(sessionId: string, annotations: readonly Annotation[], codebook: Codebook): AnnotationExportRow[] {
    const segments = this.db
      .prepare<[string], { id: string; start: number; end: number; text: string }>('SELECT id, start, end, text FROM segments WHERE session_id = ? ORDER BY start, end, rowid')
      .all(sessionId);
    const codes = new Map(codebook.codes.map((c) => [c.id, c]));
    return annotations.map((a) => {
      const code = codes.get(a.codeId);
      return {
        start: a.start,
        end: a.end,
        codeId: a.codeId,
        codeName: code?.name ?? a.codeId,
        kind: code?.kind ?? '',
        author: a.author,
        comment: a.comment,
        transcriptText: transcriptTextFor(a, segments),
        modelResponse: a.modelResponse,
      };
    });
  }

  private codebookOf(sessionId: string): Codebook {
    return this.codebooks.get(this.reviews.codebookIdOf(sessionId));
  }

  private segmentIdsOf(sessionId: string): Set<string> {
    return new Set(this.db.prepare<[string], { id: string }>('SELECT id FROM segments WHERE session_id = ?').all(sessionId).map((r) => r.id));
  }

  /** The ids without repeats; refused when one is not a segment of this session's transcript. */
  private checkSegments(sessionId: string, segmentIds: readonly string[]): string[] {
    if (segmentIds.length === 0) return [];
    const own = this.segmentIdsOf(sessionId);
    if (segmentIds.some((id) => !own.has(id))) {
      throw new ApiError('invalid_input', 'A linked transcript segment is not part of this session’s transcript; it may have been replaced. Link the segments again.');
    }
    return [...new Set(segmentIds)];
  }
}

/** Runs a check of one record of a file; its error names the file and the record's line. */
function atRecord<T>(fileName: string, record: AnnotationRecord, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof ApiError) throw new ApiError(error.code, `${fileName}: ${capitalised(record.where)}: ${error.message}`);
    throw error;
  }
}

function toAnnotation(r: AnnotationRow, segmentIds: string[]): Annotation {
  return {
    id: r.id,
    sessionId: r.session_id,
    codeId: r.code_id,
    start: r.start,
    end: r.end,
    comment: r.comment,
    author: r.author,
    modelResponse: r.model_response,
    segmentIds,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function codeIn(codebook: Codebook, codeId: string): Code {
  const code = codebook.codes.find((c) => c.id === codeId);
  if (!code) throw new ApiError('invalid_input', `There is no code ${quote(codeId)} in the codebook ${quote(codebook.name)}.`);
  return code;
}

/** A code new annotations may use: in the codebook and turned on. */
function checkNewCode(codebook: Codebook, codeId: string): Code {
  const code = codeIn(codebook, codeId);
  if (!code.enabled) throw new ApiError('invalid_input', `The code ${quote(code.name)} is turned off in this codebook.`);
  return code;
}

/**
 * Checks a span against the recording: it must start and end inside it (up to a rounding tolerance,
 * pulled back to the end) and not end before it starts. A span that ends where it starts is a moment.
 */
export function checkSpan(start: number, end: number | null, duration: number): { start: number; end: number | null } {
  if (!Number.isFinite(start) || start < 0) throw new ApiError('invalid_input', 'The start must be a number of seconds from the start of the recording.');
  if (start > duration + DURATION_TOLERANCE_S) {
    throw new ApiError('invalid_input', `The annotation starts at ${clock(start, duration)}, after the recording ends (${clock(duration, start)}).`);
  }
  if (end !== null) {
    if (!Number.isFinite(end)) throw new ApiError('invalid_input', 'The end must be a number of seconds from the start of the recording.');
    if (end < start) throw new ApiError('invalid_input', 'The span ends before it starts.');
    if (end > duration + DURATION_TOLERANCE_S) {
      throw new ApiError('invalid_input', `The annotation ends at ${clock(end, duration)}, after the recording ends (${clock(duration, end)}).`);
    }
  }
  const s = Math.min(start, duration);
  const e = end === null ? null : Math.min(end, duration);
  return { start: s, end: e === null || e <= s ? null : e };
}
