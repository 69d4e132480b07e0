/** Everything an export of one session is made from, read once from the stores (one consistent snapshot). */
import type { SessionBundle } from '../../../shared/domain/export';
import type { Services } from '../services';

type BundleSources = Pick<Services, 'db' | 'sessions' | 'transcripts' | 'annotations' | 'reviews' | 'codebooks' | 'profile'>;

/**
 * The session, its review's codebook, its annotations in time order, its transcript, its review and
 * MITI summary scores, stamped with now and the profile name. not_found when the session is gone.
 * Read in one transaction, so an edit landing meanwhile is either all in the bundle or not at all.
 */
export function loadSessionBundle(services: BundleSources, sessionId: string): SessionBundle {
  return services.db.transaction((): SessionBundle => {
    const session = services.sessions.get(sessionId);
    const review = services.reviews.get(session.id);
    return {
      session,
      codebook: services.codebooks.get(review.codebookId),
      annotations: services.annotations.list(session.id),
      transcript: services.transcripts.get(session.id),
      review,
      scores: services.reviews.scores(session.id),
      generatedAt: new Date().toISOString(),
      generatedBy: services.profile.get().name,
    };
  })();
}
