/** MITI 4.2.1 fair and good thresholds, and where a value stands against them. */
import type { Band, SummaryScores } from '../domain/review';

export type ThresholdMetric = 'reflectionToQuestion' | 'complexReflectionShare' | 'technicalGlobal' | 'relationalGlobal';

export const MITI_THRESHOLDS: Record<ThresholdMetric, { fair: number; good: number }> = {
  reflectionToQuestion: { fair: 1, good: 2 },
  complexReflectionShare: { fair: 0.4, good: 0.5 },
  technicalGlobal: { fair: 3, good: 4 },
  relationalGlobal: { fair: 3.5, good: 4 },
};

const EPSILON = 1e-9;

/** good at or above `good`, fair at or above `fair`, else below; null when the value is null. */
export function bandOf(metric: ThresholdMetric, value: number | null): Band | null {
  if (value === null || !Number.isFinite(value)) return null;
  const { fair, good } = MITI_THRESHOLDS[metric];
  // Ratios such as 2/5 or 0.1 * 4 carry floating-point error; a value that is the threshold to nine places counts as reaching it.
  if (value >= good - EPSILON) return 'good';
  if (value >= fair - EPSILON) return 'fair';
  return 'below';
}

/** The band of every thresholded metric in a set of scores. */
export function bandsOf(scores: SummaryScores): Record<ThresholdMetric, Band | null> {
  return {
    reflectionToQuestion: bandOf('reflectionToQuestion', scores.reflectionToQuestion),
    complexReflectionShare: bandOf('complexReflectionShare', scores.complexReflectionShare),
    technicalGlobal: bandOf('technicalGlobal', scores.technicalGlobal),
    relationalGlobal: bandOf('relationalGlobal', scores.relationalGlobal),
  };
}
