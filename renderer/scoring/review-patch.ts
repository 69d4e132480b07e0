/** What a review looks like once a patch is applied: shown at once while the save is on its way. Pure function. */
import type { SessionReview } from '../../shared/domain/review';
import type { ReviewPatch } from './useReview';

export function applyReviewPatch(review: SessionReview, patch: ReviewPatch): SessionReview {
  const next: SessionReview = { ...review };
  if (patch.codebookId !== undefined) next.codebookId = patch.codebookId;
  if (patch.phases) {
    next.phases = { ...review.phases };
    for (const [phase, range] of Object.entries(patch.phases) as [keyof SessionReview['phases'], SessionReview['phases'][keyof SessionReview['phases']] | undefined][])
      if (range !== undefined) next.phases[phase] = range;
  }
  if (patch.checklist) {
    const ticked = new Set(review.checklist);
    for (const [id, on] of Object.entries(patch.checklist)) {
      if (on) ticked.add(id);
      else ticked.delete(id);
    }
    next.checklist = [...ticked];
  }
  if (patch.globals) {
    next.globals = { ...review.globals };
    for (const [rating, value] of Object.entries(patch.globals) as [keyof SessionReview['globals'], number | null | undefined][]) if (value !== undefined) next.globals[rating] = value;
  }
  if (patch.evidence) {
    next.evidence = { ...review.evidence };
    for (const [rating, ids] of Object.entries(patch.evidence) as [keyof SessionReview['evidence'], string[] | undefined][]) if (ids !== undefined) next.evidence[rating] = ids;
  }
  if (patch.codedRange !== undefined) next.codedRange = patch.codedRange;
  if (patch.feedback) next.feedback = { ...review.feedback, ...Object.fromEntries(Object.entries(patch.feedback).filter(([, v]) => v !== undefined)) };
  return next;
}
