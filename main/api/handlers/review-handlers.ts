/** A session's review. A change answers the new review and emits `review.changed` with it. */
import type { HandlerGroup } from '../handlers';

export const reviewHandlers: HandlerGroup<'review.get' | 'review.update'> = {
  'review.get': ({ sessionId }, { services }) => services.reviews.get(sessionId),
  'review.update': ({ sessionId, patch }, { services }) => {
    const review = services.reviews.update(sessionId, patch);
    services.events.emit('review.changed', { review });
    // Choosing a codebook is setting up, not reviewing; a rating, a phase or feedback is.
    const reviewing = Object.keys(patch).some((k) => k !== 'codebookId');
    if (reviewing && services.reviews.markInReview(sessionId)) services.events.emit('library.changed', { sessionId });
    return review;
  },
};
