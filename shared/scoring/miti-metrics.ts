/** MITI 4.2.1 summary scores from behaviour annotations and global ratings. Pure functions. */
import type { Annotation, Code, MitiBehaviour } from '../domain/annotation';
import type { GlobalRatings, SummaryScores, TimeRange } from '../domain/review';

export type BehaviourCounts = Record<MitiBehaviour, number>;

/** The MITI behaviour an annotation with this code counts as (null: none). */
export function behaviourOf(code: Code | undefined): MitiBehaviour | null {
  throw new Error('not implemented');
}

/**
 * Counts each MITI behaviour among the annotations whose code maps to one. With a coded range only
 * annotations starting inside [start, end) count. Annotations with unknown codes are ignored.
 */
export function countBehaviours(
  annotations: readonly Pick<Annotation, 'codeId' | 'start'>[],
  codes: readonly Code[],
  codedRange: TimeRange | null,
): BehaviourCounts {
  throw new Error('not implemented');
}

/** The summary scores from the counts and the global ratings (null where they cannot be computed yet). */
export function summaryScores(counts: BehaviourCounts, globals: GlobalRatings): SummaryScores {
  throw new Error('not implemented');
}

/** countBehaviours + summaryScores in one call. */
export function scoreSession(
  annotations: readonly Pick<Annotation, 'codeId' | 'start'>[],
  codes: readonly Code[],
  review: { globals: GlobalRatings; codedRange: TimeRange | null },
): SummaryScores {
  return summaryScores(countBehaviours(annotations, codes, review.codedRange), review.globals);
}
