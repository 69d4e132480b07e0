/** STUB (to be implemented by the scoring helper): a session's review, kept fresh by `review.changed`. */
import type { CallInput } from '../../shared/api/contract';
import type { SessionReview } from '../../shared/domain/review';

export type ReviewPatch = CallInput<'review.update'>['patch'];

export interface ReviewState {
  review: SessionReview | null;
  error: string | null;
  /** Saves at once (durable when it resolves); errors are shown as toasts and rethrown. */
  update(patch: ReviewPatch): Promise<void>;
}

export function useReview(sessionId: string): ReviewState {
  void sessionId;
  return { review: null, error: null, update: async () => undefined };
}
