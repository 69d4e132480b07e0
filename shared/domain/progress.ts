/** A trainee's growth over their sessions: one point per session and measure, and a cohort's trainees side by side. */

/** The measures charted per session, in display order. */
export const PROGRESS_MEASURES = [
  'reflectionToQuestion',
  'complexReflectionShare',
  'miAdherentPer10',
  'miNonAdherentPer10',
  'cultivatingChangeTalk',
  'softeningSustainTalk',
  'partnership',
  'empathy',
  'talkShare',
] as const;
export type ProgressMeasure = (typeof PROGRESS_MEASURES)[number];

export type MeasureValues = Record<ProgressMeasure, number | null>;

/** One session of a trainee, as charted. */
export interface ProgressPoint {
  sessionId: string;
  title: string;
  /** ISO date (YYYY-MM-DD): when it was recorded, else when it was imported. */
  date: string;
  /** Whether `date` is the recording date (true) or the import date (false). */
  recorded: boolean;
  cohort: string;
  /** Seconds the per-10-minute rates are taken over: the coded range when set, else the whole recording. */
  codedSeconds: number;
  /** Whether a coded range limits what counts. */
  codedRange: boolean;
  /** Annotations counted (those inside the coded range, when set). */
  annotationCount: number;
  values: MeasureValues;
  /** Growth-area code id → annotations with that code (inside the coded range, when set). */
  growth: Record<string, number>;
}

/** A growth-area code (kind `growth`) of a codebook the trainee's sessions are coded with. */
export interface GrowthCode {
  id: string;
  name: string;
  color: string;
}

/** A trainee's sessions in time order (oldest first), with every measure. */
export interface TraineeSeries {
  trainee: string;
  /** Cohorts the trainee's sessions belong to ('' not included), sorted. */
  cohorts: string[];
  points: ProgressPoint[];
  growthCodes: GrowthCode[];
}

/** A trainee in the Progress list. */
export interface TraineeSummary {
  name: string;
  cohorts: string[];
  sessionCount: number;
  /** ISO date of their latest session (recording date, else import date). */
  lastSessionDate: string;
}

/** A trainee's row in the cohort comparison. */
export interface CohortTrainee {
  trainee: string;
  sessionCount: number;
  /** Mean over the trainee's sessions that have a value (null: none has). */
  mean: MeasureValues;
  /** The value of the latest session that has one (null: none has). */
  latest: MeasureValues;
  lastSessionDate: string;
}

export interface CohortComparison {
  /** The cohort compared; null: every trainee in the library. '' is "no cohort". */
  cohort: string | null;
  /** Every cohort in the library that has trainees ('' for sessions without one, when there are such). */
  cohorts: string[];
  trainees: CohortTrainee[];
}
