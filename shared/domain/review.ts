/** A session's review: phases, the helping-interview checklist, MITI global ratings, the coded range, and overall feedback. */

export const PHASES = ['beginning', 'middle', 'termination'] as const;
export type Phase = (typeof PHASES)[number];
export const PHASE_LABELS: Record<Phase, string> = { beginning: 'Beginning', middle: 'Middle', termination: 'Termination' };

export interface TimeRange {
  start: number;
  end: number;
}

/** MITI 4.2.1 global ratings, each scored 1–5. */
export const GLOBAL_RATINGS = ['cultivatingChangeTalk', 'softeningSustainTalk', 'partnership', 'empathy'] as const;
export type GlobalRating = (typeof GLOBAL_RATINGS)[number];
export const GLOBAL_RATING_LABELS: Record<GlobalRating, string> = {
  cultivatingChangeTalk: 'Cultivating Change Talk',
  softeningSustainTalk: 'Softening Sustain Talk',
  partnership: 'Partnership',
  empathy: 'Empathy',
};

export type GlobalRatings = Record<GlobalRating, number | null>;

export interface OverallFeedback {
  strengths: string;
  growthAreas: string;
  goals: string;
}

export interface SessionReview {
  sessionId: string;
  /** The codebook this session is coded with. */
  codebookId: string;
  phases: Record<Phase, TimeRange | null>;
  /** Ids of the checklist items ticked (see shared/scoring/checklist.ts). */
  checklist: string[];
  globals: GlobalRatings;
  /** Annotation ids cited as evidence for each rating. */
  evidence: Record<GlobalRating, string[]>;
  /** Only annotations starting inside this range count toward the summary scores; null = the whole recording. */
  codedRange: TimeRange | null;
  feedback: OverallFeedback;
  updatedAt: string;
}

/** MITI summary scores, computed from the behaviour annotations and the global ratings. Null where it cannot be computed yet. */
export interface SummaryScores {
  /** Reflections ÷ questions (1:2 is 0.5). */
  reflectionToQuestion: number | null;
  /** Complex ÷ all reflections (45 % is 0.45). */
  complexReflectionShare: number | null;
  /** Affirm + seeking collaboration + emphasizing autonomy. */
  miAdherent: number;
  /** Persuade + confront. */
  miNonAdherent: number;
  /** Mean of Cultivating Change Talk and Softening Sustain Talk. */
  technicalGlobal: number | null;
  /** Mean of Partnership and Empathy. */
  relationalGlobal: number | null;
  globals: GlobalRatings;
}

/** Where a score stands against the MITI thresholds. */
export type Band = 'good' | 'fair' | 'below';
