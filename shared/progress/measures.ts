/**
 * The progress measures: what each is called, how it reads, its MITI 4.2.1 fair/good bands where
 * MITI has them, and how one session's values are computed — through scoreSession, so every value
 * equals the session's own summary scores.
 */
import type { Annotation, Code } from '../domain/annotation';
import type { MeasureValues, ProgressMeasure } from '../domain/progress';
import type { GlobalRatings, TimeRange } from '../domain/review';
import type { SpeakerRole } from '../domain/transcript';
import { scoreSession } from '../scoring/miti-metrics';
import { MITI_THRESHOLDS } from '../scoring/thresholds';

export interface MeasureInfo {
  label: string;
  /** One line saying what it is. */
  hint: string;
  /** Where the bands come from, for the legend; null when MITI sets none. */
  bandsFrom: string | null;
  bands: { fair: number; good: number } | null;
  /** Whether a lower value is the better one (MI non-adherent behaviour). */
  lowerIsBetter: boolean;
  /** The y axis: fixed bounds, or a floor with the top taken from the data (at least `min`). */
  axis: { kind: 'fixed'; min: number; max: number } | { kind: 'data'; min: number; atLeast: number };
  format(value: number): string;
}

const percent = (v: number): string => `${Math.round(v * 100)} %`;
const rating = (v: number): string => (Number.isInteger(v) ? String(v) : v.toFixed(1));
const rate = (v: number): string => (v >= 10 ? v.toFixed(0) : v.toFixed(1));

const technical = { bandsFrom: 'MITI technical global', bands: MITI_THRESHOLDS.technicalGlobal };
const relational = { bandsFrom: 'MITI relational global', bands: MITI_THRESHOLDS.relationalGlobal };
const globalAxis = { kind: 'fixed', min: 1, max: 5 } as const;

export const MEASURES: Record<ProgressMeasure, MeasureInfo> = {
  reflectionToQuestion: {
    label: 'Reflections to questions',
    hint: 'Reflections ÷ questions',
    bandsFrom: 'MITI 4.2.1',
    bands: MITI_THRESHOLDS.reflectionToQuestion,
    lowerIsBetter: false,
    axis: { kind: 'data', min: 0, atLeast: 3 },
    format: (v) => v.toFixed(2),
  },
  complexReflectionShare: {
    label: 'Complex reflections',
    hint: 'Share of reflections that are complex',
    bandsFrom: 'MITI 4.2.1',
    bands: MITI_THRESHOLDS.complexReflectionShare,
    lowerIsBetter: false,
    axis: { kind: 'fixed', min: 0, max: 1 },
    format: percent,
  },
  miAdherentPer10: {
    label: 'MI-adherent per 10 min',
    hint: 'Affirm, seeking collaboration, emphasizing autonomy',
    bandsFrom: null,
    bands: null,
    lowerIsBetter: false,
    axis: { kind: 'data', min: 0, atLeast: 5 },
    format: rate,
  },
  miNonAdherentPer10: {
    label: 'MI non-adherent per 10 min',
    hint: 'Persuade, confront (lower is better)',
    bandsFrom: null,
    bands: null,
    lowerIsBetter: true,
    axis: { kind: 'data', min: 0, atLeast: 5 },
    format: rate,
  },
  cultivatingChangeTalk: { label: 'Cultivating Change Talk', hint: 'Global rating, 1–5', ...technical, lowerIsBetter: false, axis: globalAxis, format: rating },
  softeningSustainTalk: { label: 'Softening Sustain Talk', hint: 'Global rating, 1–5', ...technical, lowerIsBetter: false, axis: globalAxis, format: rating },
  partnership: { label: 'Partnership', hint: 'Global rating, 1–5', ...relational, lowerIsBetter: false, axis: globalAxis, format: rating },
  empathy: { label: 'Empathy', hint: 'Global rating, 1–5', ...relational, lowerIsBetter: false, axis: globalAxis, format: rating },
  talkShare: {
    label: 'Counselor talk time',
    hint: 'Counselor’s share of speaking time',
    bandsFrom: null,
    bands: null,
    lowerIsBetter: false,
    axis: { kind: 'fixed', min: 0, max: 1 },
    format: percent,
  },
};

const EPSILON = 1e-9;

/** good / fair / below against the measure's bands; null when it has none or there is no value. */
export function measureBand(measure: ProgressMeasure, value: number | null): 'good' | 'fair' | 'below' | null {
  const bands = MEASURES[measure].bands;
  if (!bands || value === null || !Number.isFinite(value)) return null;
  if (value >= bands.good - EPSILON) return 'good';
  if (value >= bands.fair - EPSILON) return 'fair';
  return 'below';
}

/** Speaking time of one role in a transcript, in seconds (already limited to the coded range). */
export type SpeakingTime = Partial<Record<SpeakerRole, number>>;

/** The counselor's share of labelled speaking time; null when no segment carries a speaker. */
export function talkShare(time: SpeakingTime): number | null {
  const counselor = time.counselor ?? 0;
  const total = counselor + (time.client ?? 0) + (time.other ?? 0);
  return total > 0 ? counselor / total : null;
}

/** Seconds of [start, end) that fall inside `range` (all of it without a range). */
export function overlap(start: number, end: number, range: TimeRange | null): number {
  const from = range ? Math.max(start, range.start) : start;
  const to = range ? Math.min(end, range.end) : end;
  return Math.max(0, to - from);
}

export interface SessionInput {
  annotations: readonly Pick<Annotation, 'codeId' | 'start'>[];
  codes: readonly Code[];
  globals: GlobalRatings;
  codedRange: TimeRange | null;
  /** The recording's length in seconds. */
  duration: number;
  speaking: SpeakingTime;
}

export interface SessionMeasures {
  values: MeasureValues;
  codedSeconds: number;
  annotationCount: number;
  growth: Record<string, number>;
}

/** Every measure of one session, from its annotations, codebook, review and speaking time. */
export function sessionMeasures(input: SessionInput): SessionMeasures {
  const scores = scoreSession(input.annotations, input.codes, { globals: input.globals, codedRange: input.codedRange });
  const codedSeconds = input.codedRange ? input.codedRange.end - input.codedRange.start : input.duration;
  const per10 = (count: number): number | null => (codedSeconds > 0 ? (count * 600) / codedSeconds : null);
  const growthIds = new Set(input.codes.filter((c) => c.kind === 'growth').map((c) => c.id));
  const growth: Record<string, number> = {};
  let annotationCount = 0;
  for (const a of input.annotations) {
    const range = input.codedRange;
    if (range && !(a.start >= range.start && a.start < range.end)) continue;
    annotationCount += 1;
    if (growthIds.has(a.codeId)) growth[a.codeId] = (growth[a.codeId] ?? 0) + 1;
  }
  return {
    values: {
      reflectionToQuestion: scores.reflectionToQuestion,
      complexReflectionShare: scores.complexReflectionShare,
      miAdherentPer10: per10(scores.miAdherent),
      miNonAdherentPer10: per10(scores.miNonAdherent),
      cultivatingChangeTalk: scores.globals.cultivatingChangeTalk,
      softeningSustainTalk: scores.globals.softeningSustainTalk,
      partnership: scores.globals.partnership,
      empathy: scores.globals.empathy,
      talkShare: talkShare(input.speaking),
    },
    codedSeconds,
    annotationCount,
    growth,
  };
}
