/**
 * Session reviews in SQLite (tables `session_reviews` and `review_evidence`, schema v3): the codebook
 * a session is coded with, phases, checklist, MITI global ratings with their evidence, the coded range
 * and overall feedback. A session without a row has the default review. Every write is one
 * transaction; nothing here emits events (the API handlers emit `review.changed`).
 */
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { reviewPatchSchema } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import { DEFAULT_CODEBOOK_ID } from '../../../shared/codebook/default-codebook';
import {
  GLOBAL_RATING_LABELS,
  GLOBAL_RATINGS,
  PHASE_LABELS,
  PHASES,
  type GlobalRating,
  type Phase,
  type SessionReview,
  type SummaryScores,
  type TimeRange,
} from '../../../shared/domain/review';
import { CHECKLIST, CHECKLIST_IDS } from '../../../shared/scoring/checklist';
import { scoreSession } from '../../../shared/scoring/miti-metrics';
import type { CodebookStore } from '../codebooks/codebook-store';
import type { SessionStore } from '../store/session-store';
import { clock, DURATION_TOLERANCE_S } from '../annotations/clock';

export type ReviewPatch = z.output<typeof reviewPatchSchema>;

interface ReviewRow {
  session_id: string;
  codebook_id: string;
  beginning_start: number | null;
  beginning_end: number | null;
  middle_start: number | null;
  middle_end: number | null;
  termination_start: number | null;
  termination_end: number | null;
  checklist_json: string;
  cultivating_change_talk: number | null;
  softening_sustain_talk: number | null;
  partnership: number | null;
  empathy: number | null;
  coded_start: number | null;
  coded_end: number | null;
  strengths: string;
  growth_areas: string;
  goals: string;
  updated_at: string;
}

const quote = (text: string): string => `“${text}”`;

const range = (start: number | null, end: number | null): TimeRange | null => (start !== null && end !== null ? { start, end } : null);

function parseChecklist(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

export class ReviewStore {
  private readonly reviewRow: Database.Statement<[string], ReviewRow>;
  private readonly evidenceOf: Database.Statement<[string], { rating: GlobalRating; annotation_id: string }>;

  constructor(
    private readonly db: Database.Database,
    private readonly sessions: SessionStore,
    private readonly codebooks: CodebookStore,
  ) {
    this.reviewRow = db.prepare('SELECT * FROM session_reviews WHERE session_id = ?');
    this.evidenceOf = db.prepare('SELECT rating, annotation_id FROM review_evidence WHERE session_id = ? ORDER BY rating, position');
  }

  /** The session's review; the default one (built-in codebook, nothing filled in) when it has none. not_found when the session is gone. */
  get(sessionId: string): SessionReview {
    const session = this.sessions.get(sessionId);
    const row = this.reviewRow.get(sessionId);
    const evidence = Object.fromEntries(GLOBAL_RATINGS.map((g) => [g, [] as string[]])) as Record<GlobalRating, string[]>;
    if (!row) {
      return {
        sessionId,
        codebookId: DEFAULT_CODEBOOK_ID,
        phases: { beginning: null, middle: null, termination: null },
        checklist: [],
        globals: { cultivatingChangeTalk: null, softeningSustainTalk: null, partnership: null, empathy: null },
        evidence,
        codedRange: null,
        feedback: { strengths: '', growthAreas: '', goals: '' },
        updatedAt: session.createdAt,
      };
    }
    for (const e of this.evidenceOf.all(sessionId)) evidence[e.rating].push(e.annotation_id);
    return {
      sessionId,
      codebookId: row.codebook_id,
      phases: {
        beginning: range(row.beginning_start, row.beginning_end),
        middle: range(row.middle_start, row.middle_end),
        termination: range(row.termination_start, row.termination_end),
      },
      checklist: parseChecklist(row.checklist_json),
      globals: {
        cultivatingChangeTalk: row.cultivating_change_talk,
        softeningSustainTalk: row.softening_sustain_talk,
        partnership: row.partnership,
        empathy: row.empathy,
      },
      evidence,
      codedRange: range(row.coded_start, row.coded_end),
      feedback: { strengths: row.strengths, growthAreas: row.growth_areas, goals: row.goals },
      updatedAt: row.updated_at,
    };
  }

  /** The codebook the session is coded with. */
  codebookIdOf(sessionId: string): string {
    return this.reviewRow.get(sessionId)?.codebook_id ?? DEFAULT_CODEBOOK_ID;
  }

  /** The MITI summary scores: the session's behaviour annotations (inside the coded range) under its codebook, and its global ratings. */
  scores(sessionId: string): SummaryScores {
    const review = this.get(sessionId);
    const codes = this.codebooks.find(review.codebookId)?.codes ?? [];
    const annotations = this.db
      .prepare<[string], { codeId: string; start: number }>('SELECT code_id AS codeId, start FROM annotations WHERE session_id = ?')
      .all(sessionId);
    return scoreSession(annotations, codes, review);
  }

  /** Whether any rating of the session cites this annotation as evidence. */
  /**
   * A session reviewing has begun on (its first annotation, rating or feedback) moves from New or
   * Transcribed to In review; later statuses stay. Answers whether the status changed.
   */
  markInReview(sessionId: string): boolean {
    return (
      this.db
        .prepare("UPDATE sessions SET status = 'in-review', updated_at = ? WHERE id = ? AND status IN ('new', 'transcribed')")
        .run(new Date().toISOString(), sessionId).changes > 0
    );
  }

  citesAnnotation(annotationId: string): boolean {
    return this.db.prepare('SELECT 1 FROM review_evidence WHERE annotation_id = ? LIMIT 1').get(annotationId) !== undefined;
  }

  /** Applies a patch: only the fields (and sub-fields) it names change. All checked first; nothing is written on any error. */
  update(sessionId: string, patch: ReviewPatch): SessionReview {
    this.db.transaction(() => {
      const session = this.sessions.editable(sessionId);
      const current = this.get(sessionId);
      const duration = session.media.duration;
      const next: SessionReview = structuredClone(current);

      if (patch.codebookId !== undefined && patch.codebookId !== current.codebookId) {
        this.checkCodebookSwitch(sessionId, patch.codebookId);
        next.codebookId = patch.codebookId;
      }
      if (patch.phases) {
        for (const phase of PHASES) {
          const value = patch.phases[phase];
          if (value === undefined) continue;
          next.phases[phase] = value && withinRecording(value, duration, `The ${PHASE_LABELS[phase].toLowerCase()} phase`);
        }
      }
      if (patch.checklist) {
        const ticked = new Set(current.checklist);
        for (const [id, on] of Object.entries(patch.checklist)) {
          if (!CHECKLIST_IDS.has(id)) throw new ApiError('invalid_input', `There is no checklist item ${quote(id)}.`);
          if (on) ticked.add(id);
          else ticked.delete(id);
        }
        next.checklist = CHECKLIST.map((i) => i.id).filter((id) => ticked.has(id));
      }
      if (patch.globals) {
        for (const g of GLOBAL_RATINGS) {
          const value = patch.globals[g];
          if (value !== undefined) next.globals[g] = value;
        }
      }
      if (patch.evidence) {
        const own = new Set(
          this.db.prepare<[string], { id: string }>('SELECT id FROM annotations WHERE session_id = ?').all(sessionId).map((r) => r.id),
        );
        for (const g of GLOBAL_RATINGS) {
          const ids = patch.evidence[g];
          if (ids === undefined) continue;
          const stranger = ids.find((id) => !own.has(id));
          if (stranger !== undefined) {
            throw new ApiError('not_found', `The evidence for ${GLOBAL_RATING_LABELS[g]} names an annotation that is not in this session (it may have been deleted).`);
          }
          next.evidence[g] = [...new Set(ids)];
        }
      }
      if (patch.codedRange !== undefined) {
        next.codedRange = patch.codedRange && withinRecording(patch.codedRange, duration, 'The coded range');
      }
      if (patch.feedback) {
        if (patch.feedback.strengths !== undefined) next.feedback.strengths = patch.feedback.strengths;
        if (patch.feedback.growthAreas !== undefined) next.feedback.growthAreas = patch.feedback.growthAreas;
        if (patch.feedback.goals !== undefined) next.feedback.goals = patch.feedback.goals;
      }
      this.write(next);
    })();
    return this.get(sessionId);
  }

  /** Refuses a codebook that is missing, or that lacks a code the session's annotations use. */
  private checkCodebookSwitch(sessionId: string, codebookId: string): void {
    const codebook = this.codebooks.find(codebookId);
    if (!codebook) throw new ApiError('not_found', 'That codebook is no longer in the library.');
    const have = new Set(codebook.codes.map((c) => c.id));
    const used = this.db
      .prepare<[string], { code_id: string; n: number }>('SELECT code_id, COUNT(*) AS n FROM annotations WHERE session_id = ? GROUP BY code_id ORDER BY MIN(start)')
      .all(sessionId);
    const missing = used.filter((u) => !have.has(u.code_id));
    const first = missing[0];
    if (first) {
      const current = this.codebooks.find(this.codebookIdOf(sessionId));
      const name = current?.codes.find((c) => c.id === first.code_id)?.name ?? first.code_id;
      const more = missing.length > 1 ? ` (and ${missing.length - 1} other ${missing.length === 2 ? 'code' : 'codes'})` : '';
      throw new ApiError(
        'invalid_input',
        `${first.n === 1 ? '1 annotation uses' : `${first.n} annotations use`} ${quote(name)}${more}, which the codebook ${quote(codebook.name)} does not have; add it there first or change those annotations.`,
      );
    }
  }

  private write(r: SessionReview): void {
    const now = new Date().toISOString();
    this.db
      .prepare(
        `INSERT INTO session_reviews (session_id, codebook_id, beginning_start, beginning_end, middle_start, middle_end,
           termination_start, termination_end, checklist_json, cultivating_change_talk, softening_sustain_talk, partnership, empathy,
           coded_start, coded_end, strengths, growth_areas, goals, updated_at)
         VALUES (@sessionId, @codebookId, @beginningStart, @beginningEnd, @middleStart, @middleEnd, @terminationStart, @terminationEnd,
           @checklist, @cultivatingChangeTalk, @softeningSustainTalk, @partnership, @empathy, @codedStart, @codedEnd,
           @strengths, @growthAreas, @goals, @updatedAt)
         ON CONFLICT(session_id) DO UPDATE SET codebook_id = excluded.codebook_id,
           beginning_start = excluded.beginning_start, beginning_end = excluded.beginning_end,
           middle_start = excluded.middle_start, middle_end = excluded.middle_end,
           termination_start = excluded.termination_start, termination_end = excluded.termination_end,
           checklist_json = excluded.checklist_json,
           cultivating_change_talk = excluded.cultivating_change_talk, softening_sustain_talk = excluded.softening_sustain_talk,
           partnership = excluded.partnership, empathy = excluded.empathy,
           coded_start = excluded.coded_start, coded_end = excluded.coded_end,
           strengths = excluded.strengths, growth_areas = excluded.growth_areas, goals = excluded.goals, updated_at = excluded.updated_at`,
      )
      .run({
        sessionId: r.sessionId,
        codebookId: r.codebookId,
        ...phaseParams(r.phases),
        checklist: JSON.stringify(r.checklist),
        ...Object.fromEntries(GLOBAL_RATINGS.map((g) => [g, r.globals[g]])),
        codedStart: r.codedRange?.start ?? null,
        codedEnd: r.codedRange?.end ?? null,
        strengths: r.feedback.strengths,
        growthAreas: r.feedback.growthAreas,
        goals: r.feedback.goals,
        updatedAt: now,
      });
    this.db.prepare('DELETE FROM review_evidence WHERE session_id = ?').run(r.sessionId);
    const insert = this.db.prepare('INSERT INTO review_evidence (session_id, rating, annotation_id, position) VALUES (?, ?, ?, ?)');
    for (const g of GLOBAL_RATINGS) r.evidence[g].forEach((id, position) => insert.run(r.sessionId, g, id, position));
  }
}

function phaseParams(phases: Record<Phase, TimeRange | null>): Record<string, number | null> {
  const params: Record<string, number | null> = {};
  for (const p of PHASES) {
    params[`${p}Start`] = phases[p]?.start ?? null;
    params[`${p}End`] = phases[p]?.end ?? null;
  }
  return params;
}

/** The range, its end pulled back to the recording's end when it overshoots by a rounding error; refused when it lies outside. */
function withinRecording(r: TimeRange, duration: number, what: string): TimeRange {
  if (r.end <= r.start) throw new ApiError('invalid_input', `${what} ends before it starts.`);
  if (r.start >= duration) {
    throw new ApiError('invalid_input', `${what} starts at ${clock(r.start, duration)}, after the recording ends (${clock(duration, r.start)}).`);
  }
  if (r.end > duration + DURATION_TOLERANCE_S) {
    throw new ApiError('invalid_input', `${what} ends at ${clock(r.end, duration)}, after the recording ends (${clock(duration, r.end)}).`);
  }
  return { start: r.start, end: Math.min(r.end, duration) };
}
