/** A session's review (phases, checklist, global ratings, coded range, feedback), kept fresh by `review.changed`. */
import { useCallback, useEffect, useState } from 'react';
import type { CallInput } from '../../shared/api/contract';
import type { SessionReview } from '../../shared/domain/review';
import { api, errorMessage } from '../api/client';
import { showError } from '../ui/toasts';

export type ReviewPatch = CallInput<'review.update'>['patch'];

export interface ReviewState {
  review: SessionReview | null;
  error: string | null;
  /** Saves at once (durable when it resolves); errors are shown as toasts and rethrown. */
  update(patch: ReviewPatch): Promise<void>;
}

/**
 * Validation messages arrive as "patch.codedRange: The end must come after the start."; the control
 * that failed already says which part it is, so only the plain words are shown.
 */
export function plainMessage(error: unknown): string {
  return errorMessage(error).replace(/^(?:[\w-]+\.)*[\w-]+:\s+/, '');
}

/** Keeps the newer of two copies (a late `review.get` answer must not undo a change already shown). */
function newer(current: SessionReview | null, incoming: SessionReview): SessionReview {
  return current && current.updatedAt > incoming.updatedAt ? current : incoming;
}

export function useReview(sessionId: string): ReviewState {
  const [loaded, setLoaded] = useState<{ sessionId: string; review: SessionReview | null; error: string | null }>({ sessionId, review: null, error: null });

  useEffect(() => {
    let live = true;
    const keep = (review: SessionReview) => setLoaded((prev) => ({ sessionId, review: newer(prev.sessionId === sessionId ? prev.review : null, review), error: null }));
    api.invoke('review.get', { sessionId }).then(
      (review) => {
        if (live) keep(review);
      },
      (error: unknown) => {
        if (live) setLoaded((prev) => ({ sessionId, review: prev.sessionId === sessionId ? prev.review : null, error: errorMessage(error) }));
      },
    );
    const off = api.on('review.changed', ({ review }) => {
      if (live && review.sessionId === sessionId) keep(review);
    });
    return () => {
      live = false;
      off();
    };
  }, [sessionId]);

  const update = useCallback(
    async (patch: ReviewPatch) => {
      try {
        const review = await api.invoke('review.update', { sessionId, patch });
        setLoaded((prev) => ({ sessionId, review: newer(prev.sessionId === sessionId ? prev.review : null, review), error: null }));
      } catch (error) {
        showError(plainMessage(error), 'The review was not saved');
        throw error;
      }
    },
    [sessionId],
  );

  const current = loaded.sessionId === sessionId ? loaded : { review: null, error: null };
  return { review: current.review, error: current.error, update };
}
