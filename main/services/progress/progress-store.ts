/**
 * The progress measures of many sessions at once: the sessions with their reviews in one query, then
 * per chunk of sessions their annotations and their speaking time per speaker (summed in SQL) — never
 * a round trip per session — scored with the same pure functions as a single session
 * (shared/progress/measures.ts over shared/scoring/miti-metrics.ts). Sessions without a trainee and received read-only copies of
 * feedback packages are left out.
 */
import type Database from 'better-sqlite3';
import { ApiError } from '../../../shared/api/errors';
import { DEFAULT_CODEBOOK_ID } from '../../../shared/codebook/default-codebook';
import type { Code } from '../../../shared/domain/annotation';
import type { CohortComparison, GrowthCode, ProgressPoint, TraineeSeries, TraineeSummary } from '../../../shared/domain/progress';
import type { TimeRange } from '../../../shared/domain/review';
import type { SpeakerRole } from '../../../shared/domain/transcript';
import { sessionMeasures, type SpeakingTime } from '../../../shared/progress/measures';
import { byTime, sessionDate, summariseTrainee } from '../../../shared/progress/series';
import type { CodebookStore } from '../codebooks/codebook-store';

interface SessionRow {
  id: string;
  title: string;
  trainee: string;
  recorded_at: string | null;
  created_at: string;
  cohort: string;
  duration: number;
  codebook_id: string;
  cultivating_change_talk: number | null;
  softening_sustain_talk: number | null;
  partnership: number | null;
  empathy: number | null;
  coded_start: number | null;
  coded_end: number | null;
}

/** Which sessions a query covers: one trainee's, or every trainee's. */
type Scope = { trainee: string } | { all: true };

/** Sessions read and scored at a time before yielding to the event loop (a few milliseconds of work each). */
const CHUNK = 20;

const NOT_RECEIVED = 'NOT EXISTS (SELECT 1 FROM received_packages p WHERE p.session_id = s.id)';

export class ProgressStore {
  /** The annotations of the sessions whose ids are in a JSON array. */
  private readonly annotationsOf: Database.Statement<[string], { session_id: string; codeId: string; start: number }>;
  /** Speaking time per session and speaker, each segment clipped to the session's coded range when it has one. */
  private readonly speakingOf: Database.Statement<[string], { session_id: string; speaker: SpeakerRole; seconds: number }>;

  constructor(
    private readonly db: Database.Database,
    private readonly codebooks: CodebookStore,
  ) {
    // CROSS JOIN keeps the listed sessions the outer loop: their rows are found by index.
    this.annotationsOf = db.prepare(
      `SELECT a.session_id, a.code_id AS codeId, a.start FROM json_each(?) j CROSS JOIN annotations a ON a.session_id = j.value`,
    );
    this.speakingOf = db.prepare(
      `SELECT g.session_id, g.speaker,
              SUM(MAX(0, MIN(g.end, COALESCE(r.coded_end, g.end)) - MAX(g.start, COALESCE(r.coded_start, g.start)))) AS seconds
       FROM json_each(?) j CROSS JOIN segments g ON g.session_id = j.value LEFT JOIN session_reviews r ON r.session_id = g.session_id
       WHERE g.speaker IS NOT NULL
       GROUP BY g.session_id, g.speaker`,
    );
  }

  /** Every trainee with at least one session, by name. */
  trainees(): TraineeSummary[] {
    const rows = this.db
      .prepare<[], { name: string; n: number; last: string }>(
        `SELECT s.trainee AS name, COUNT(*) AS n, MAX(COALESCE(s.recorded_at, substr(s.created_at, 1, 10))) AS last
         FROM sessions s WHERE s.trainee <> '' AND ${NOT_RECEIVED}
         GROUP BY s.trainee ORDER BY s.trainee COLLATE NOCASE, s.trainee`,
      )
      .all();
    const cohorts = this.cohortsByTrainee();
    return rows.map((r) => ({ name: r.name, cohorts: cohorts.get(r.name) ?? [], sessionCount: r.n, lastSessionDate: r.last }));
  }

  /** One trainee's sessions, oldest first, with every measure. not_found when they have none. */
  async series(trainee: string): Promise<TraineeSeries> {
    const { points, growthCodes } = await this.load({ trainee });
    const list = points.get(trainee) ?? [];
    if (list.length === 0) throw new ApiError('not_found', `There are no sessions of the trainee “${trainee}” in the library.`);
    return {
      trainee,
      cohorts: [...new Set(list.map((p) => p.cohort).filter((c) => c !== ''))].sort(),
      points: list,
      growthCodes,
    };
  }

  /**
   * The trainees compared on every measure: per trainee the mean over their sessions and their latest
   * session. With a cohort, only the sessions of that cohort count ('' is the sessions without one).
   */
  async cohort(cohort: string | null): Promise<CohortComparison> {
    const { points } = await this.load({ all: true });
    const cohorts = new Set<string>();
    const trainees = [];
    for (const [trainee, list] of points) {
      for (const p of list) cohorts.add(p.cohort);
      const inCohort = cohort === null ? list : list.filter((p) => p.cohort === cohort);
      if (inCohort.length > 0) trainees.push(summariseTrainee(trainee, inCohort));
    }
    if (cohort !== null && trainees.length === 0) {
      throw new ApiError('not_found', cohort === '' ? 'Every session with a trainee belongs to a cohort.' : `There are no sessions of the cohort “${cohort}” in the library.`);
    }
    trainees.sort((a, b) => a.trainee.localeCompare(b.trainee, undefined, { sensitivity: 'base' }) || (a.trainee < b.trainee ? -1 : 1));
    return { cohort, cohorts: [...cohorts].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b))), trainees };
  }

  private cohortsByTrainee(): Map<string, string[]> {
    const rows = this.db
      .prepare<[], { trainee: string; cohort: string }>(
        `SELECT DISTINCT s.trainee AS trainee, s.cohort AS cohort FROM sessions s
         WHERE s.trainee <> '' AND s.cohort <> '' AND ${NOT_RECEIVED} ORDER BY 2`,
      )
      .all();
    const map = new Map<string, string[]>();
    for (const r of rows) map.set(r.trainee, [...(map.get(r.trainee) ?? []), r.cohort]);
    return map;
  }

  /**
   * Every session in scope scored, grouped by trainee (each oldest first), and the growth-area codes
   * of the codebooks in use. Sessions are read and scored CHUNK at a time, yielding to the event loop
   * between chunks, so comparing a whole library never holds up other calls.
   */
  private async load(scope: Scope): Promise<{ points: Map<string, ProgressPoint[]>; growthCodes: GrowthCode[] }> {
    const where = 'trainee' in scope ? `s.trainee = @trainee` : `s.trainee <> ''`;
    const params: Record<string, string> = 'trainee' in scope ? { trainee: scope.trainee } : {};
    const sessions = this.db
      .prepare<Record<string, string>, SessionRow>(
        `SELECT s.id, s.title, s.trainee, s.recorded_at, s.created_at, s.cohort AS cohort, m.duration,
                COALESCE(r.codebook_id, '${DEFAULT_CODEBOOK_ID}') AS codebook_id,
                r.cultivating_change_talk, r.softening_sustain_talk, r.partnership, r.empathy, r.coded_start, r.coded_end
         FROM sessions s JOIN media m ON m.session_id = s.id LEFT JOIN session_reviews r ON r.session_id = s.id
         WHERE ${where} AND ${NOT_RECEIVED}`,
      )
      .all(params)
      .map((row) => ({ row, id: row.id, createdAt: row.created_at, date: sessionDate(row.recorded_at, row.created_at) }))
      .sort(byTime);

    const codesOf = new Map<string, Code[]>();
    for (const { row } of sessions) if (!codesOf.has(row.codebook_id)) codesOf.set(row.codebook_id, this.codebooks.find(row.codebook_id)?.codes ?? []);

    const points = new Map<string, ProgressPoint[]>();
    for (let from = 0; from < sessions.length; from += CHUNK) {
      if (from > 0) await new Promise((resolve) => setImmediate(resolve));
      const chunk = sessions.slice(from, from + CHUNK);
      const ids = JSON.stringify(chunk.map((c) => c.id));
      const annotations = new Map<string, { codeId: string; start: number }[]>();
      for (const a of this.annotationsOf.all(ids)) {
        let list = annotations.get(a.session_id);
        if (!list) annotations.set(a.session_id, (list = []));
        list.push({ codeId: a.codeId, start: a.start });
      }
      const speaking = new Map<string, SpeakingTime>();
      for (const g of this.speakingOf.all(ids)) {
        const time = speaking.get(g.session_id) ?? {};
        time[g.speaker] = g.seconds;
        speaking.set(g.session_id, time);
      }
      for (const { row: s, date } of chunk) {
        const codedRange: TimeRange | null = s.coded_start !== null && s.coded_end !== null ? { start: s.coded_start, end: s.coded_end } : null;
        const measured = sessionMeasures({
          annotations: annotations.get(s.id) ?? [],
          codes: codesOf.get(s.codebook_id) ?? [],
          globals: { cultivatingChangeTalk: s.cultivating_change_talk, softeningSustainTalk: s.softening_sustain_talk, partnership: s.partnership, empathy: s.empathy },
          codedRange,
          duration: s.duration,
          speaking: speaking.get(s.id) ?? {},
        });
        const point: ProgressPoint = {
          sessionId: s.id,
          title: s.title,
          date,
          recorded: s.recorded_at !== null,
          cohort: s.cohort,
          codedSeconds: measured.codedSeconds,
          codedRange: codedRange !== null,
          annotationCount: measured.annotationCount,
          values: measured.values,
          growth: measured.growth,
        };
        const list = points.get(s.trainee);
        if (list) list.push(point);
        else points.set(s.trainee, [point]);
      }
    }

    // Growth-area codes of the codebooks in use, by id (the first codebook's name and colour win).
    const growthCodes = new Map<string, GrowthCode>();
    for (const codes of codesOf.values()) {
      for (const c of codes) if (c.kind === 'growth' && !growthCodes.has(c.id)) growthCodes.set(c.id, { id: c.id, name: c.name, color: c.color });
    }
    return { points, growthCodes: [...growthCodes.values()] };
  }
}
