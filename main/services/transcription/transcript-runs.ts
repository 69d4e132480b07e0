/**
 * Whisper runs in SQLite: a run begins (job columns set, covered_until = where it starts), appends
 * segments as they arrive (each batch in one transaction, with covered_until advanced, so a crash loses
 * at most the segment in flight), and finishes (job columns cleared). Unfinished runs resume from
 * covered_until. The editing store (main/services/transcript/) works on the same tables.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { TranscriptSegment } from '../../../shared/domain/transcript';
import type { EngineSegment, TimeRange } from './worker-protocol';

export interface RunState {
  sessionId: string;
  model: string;
  language: string;
  keepCorrections: boolean;
  coveredUntil: number;
  speech: TimeRange[] | null;
}

interface RunRow {
  session_id: string;
  job_model: string | null;
  job_language: string | null;
  job_keep_corrections: 0 | 1;
  covered_until: number | null;
  speech_json: string | null;
}

interface SegmentRow {
  id: string;
  session_id: string;
  start: number;
  end: number;
  speaker: TranscriptSegment['speaker'];
  text: string;
  original_text: string;
  edited: 0 | 1;
}

export function toSegment(r: SegmentRow): TranscriptSegment {
  return { id: r.id, sessionId: r.session_id, start: r.start, end: r.end, speaker: r.speaker, text: r.text, originalText: r.original_text, edited: r.edited === 1 };
}

function toRun(r: RunRow): RunState | null {
  if (r.covered_until === null || r.job_model === null) return null;
  return {
    sessionId: r.session_id,
    model: r.job_model,
    language: r.job_language ?? 'auto',
    keepCorrections: r.job_keep_corrections === 1,
    coveredUntil: r.covered_until,
    speech: r.speech_json ? (JSON.parse(r.speech_json) as [number, number][]).map(([start, end]) => ({ start, end })) : null,
  };
}

export class TranscriptRuns {
  constructor(private readonly db: Database.Database) {}

  /** The unfinished run of a session, if any. */
  pending(sessionId: string): RunState | null {
    const row = this.db.prepare<[string], RunRow>('SELECT * FROM transcripts WHERE session_id = ?').get(sessionId);
    return row ? toRun(row) : null;
  }

  /** Every unfinished run (to resume on start). */
  unfinished(): RunState[] {
    return this.db
      .prepare<[], RunRow>('SELECT t.* FROM transcripts t JOIN sessions s ON s.id = t.session_id WHERE t.covered_until IS NOT NULL ORDER BY t.updated_at')
      .all()
      .map(toRun)
      .filter((r): r is RunState => r !== null);
  }

  /**
   * Starts a fresh run: without keepCorrections every segment goes; with it the edited ones stay
   * (and new segments overlapping them are dropped as they arrive).
   */
  begin(sessionId: string, run: { model: string; origin: string; language: string; keepCorrections: boolean }): RunState {
    const now = new Date().toISOString();
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO transcripts (session_id, source, origin, language, speech_json, job_model, job_language, job_keep_corrections, covered_until, updated_at)
           VALUES (@sessionId, 'whisper', @origin, @language, NULL, @model, @language, @keep, 0, @now)
           ON CONFLICT(session_id) DO UPDATE SET source = 'whisper', origin = @origin, language = @language, speech_json = NULL,
             job_model = @model, job_language = @language, job_keep_corrections = @keep, covered_until = 0, updated_at = @now`,
        )
        .run({ sessionId, origin: run.origin, language: run.language, model: run.model, keep: run.keepCorrections ? 1 : 0, now });
      this.db.prepare(`DELETE FROM segments WHERE session_id = ?${run.keepCorrections ? ' AND edited = 0' : ''}`).run(sessionId);
    })();
    return { sessionId, model: run.model, language: run.language, keepCorrections: run.keepCorrections, coveredUntil: 0, speech: null };
  }

  setSpeech(sessionId: string, regions: readonly TimeRange[]): void {
    this.db
      .prepare('UPDATE transcripts SET speech_json = ?, updated_at = ? WHERE session_id = ?')
      .run(JSON.stringify(regions.map((r) => [round(r.start), round(r.end)])), new Date().toISOString(), sessionId);
  }

  /** Stores a batch and advances covered_until, in one transaction. Answers the stored segments. */
  append(sessionId: string, segments: readonly EngineSegment[], coveredUntil: number, keepCorrections: boolean): TranscriptSegment[] {
    const stored: TranscriptSegment[] = [];
    this.db.transaction(() => {
      const edited = keepCorrections
        ? this.db.prepare<[string], { start: number; end: number }>('SELECT start, end FROM segments WHERE session_id = ? AND edited = 1').all(sessionId)
        : [];
      const insert = this.db.prepare('INSERT INTO segments (id, session_id, start, end, speaker, text, original_text, edited) VALUES (?, ?, ?, ?, NULL, ?, ?, 0)');
      for (const s of segments) {
        const text = s.text.trim();
        if (!text) continue;
        const start = round(s.start);
        const end = Math.max(start, round(s.end));
        if (edited.some((e) => start < e.end && end > e.start)) continue;
        const id = randomUUID();
        insert.run(id, sessionId, start, end, text, text);
        stored.push({ id, sessionId, start, end, speaker: null, text, originalText: text, edited: false });
      }
      this.db
        .prepare('UPDATE transcripts SET covered_until = MAX(COALESCE(covered_until, 0), ?), updated_at = ? WHERE session_id = ?')
        .run(round(coveredUntil), new Date().toISOString(), sessionId);
    })();
    return stored;
  }

  /** The run is complete: job columns cleared (the transcript is no longer pending). */
  finish(sessionId: string): void {
    this.db
      .prepare('UPDATE transcripts SET covered_until = NULL, job_model = NULL, job_language = NULL, job_keep_corrections = 0, updated_at = ? WHERE session_id = ?')
      .run(new Date().toISOString(), sessionId);
  }

  segments(sessionId: string): TranscriptSegment[] {
    return this.db.prepare<[string], SegmentRow>('SELECT * FROM segments WHERE session_id = ? ORDER BY start, end').all(sessionId).map(toSegment);
  }
}

/** Milliseconds are plenty; keeps JSON and comparisons clean. */
const round = (t: number): number => Math.round(t * 1000) / 1000;
