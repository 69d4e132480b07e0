/** MITI 4.2.1 summary scores from behaviour annotations and global ratings. Pure functions. */
import type { Annotation, Code, MitiBehaviour } from '../domain/annotation';
import { MITI_BEHAVIOURS } from '../domain/annotation';
import type { GlobalRatings, SummaryScores, TimeRange } from '../domain/review';

export type BehaviourCounts = Record<MitiBehaviour, number>;

/** The MITI behaviour an annotation with this code counts as (null: none). */
export function behaviourOf(code: Code | undefined): MitiBehaviour | null {
  return code?.miti ?? null;
}

/** Every MITI behaviour at zero. */
export function emptyCounts(): BehaviourCounts {
  return Object.fromEntries(MITI_BEHAVIOURS.map((b) => [b, 0])) as BehaviourCounts;
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
  const counts = emptyCounts();
  const byId = new Map(codes.map((c) => [c.id, c]));
  for (const annotation of annotations) {
    if (codedRange && !(annotation.start >= codedRange.start && annotation.start < codedRange.end)) continue;
    const behaviour = behaviourOf(byId.get(annotation.codeId));
    if (behaviour) counts[behaviour] += 1;
  }
  return counts;
}

function meanOf(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : (a + b) / 2;
}

/** The summary scores from the counts and the global ratings (null where they cannot be computed yet). */
export function summaryScores(counts: BehaviourCounts, globals: GlobalRatings): SummaryScores {
  const reflections = counts['simple-reflection'] + counts['complex-reflection'];
  const questions = counts.question;
  return {
    reflectionToQuestion: questions === 0 ? null : reflections / questions,
    complexReflectionShare: reflections === 0 ? null : counts['complex-reflection'] / reflections,
    miAdherent: counts.affirm + counts['seeking-collaboration'] + counts['emphasizing-autonomy'],
    miNonAdherent: counts.persuade + counts.confront,
    technicalGlobal: meanOf(globals.cultivatingChangeTalk, globals.softeningSustainTalk),
    relationalGlobal: meanOf(globals.partnership, globals.empathy),
    globals: { ...globals },
  };
}

/** countBehaviours + summaryScores in one call. */
export function scoreSession(
  annotations: readonly Pick<Annotation, 'codeId' | 'start'>[],
  codes: readonly Code[],
  review: { globals: GlobalRatings; codedRange: TimeRange | null },
): SummaryScores {
  return summaryScores(countBehaviours(annotations, codes, review.codedRange), review.globals);
}
