/** What the Retention screen says after deleting several sessions, from one outcome per id. Pure. */
import type { DeletionOutcome } from '../../shared/domain/library';
import type { Session } from '../../shared/domain/session';
import { pluralise } from '../../shared/util/format';

export interface DeletionSummary {
  /** The ids that are gone (the list drops them). */
  deleted: string[];
  /** Everything went. */
  complete: boolean;
  message: string;
}

export function summariseDeletion(sessions: readonly Pick<Session, 'id' | 'title'>[], outcomes: readonly DeletionOutcome[]): DeletionSummary {
  const deleted = outcomes.filter((o) => o.status === 'deleted').map((o) => o.sessionId);
  const failed = outcomes.find((o) => o.status === 'failed');
  if (!failed) {
    return { deleted, complete: true, message: `Deleted ${pluralise(deleted.length, 'session', 'sessions')} for good. The deletion log below records it.` };
  }
  const title = sessions.find((s) => s.id === failed.sessionId)?.title ?? 'A session';
  const notTried = outcomes.filter((o) => o.status === 'notTried').length;
  const rest = notTried === 0 ? '' : notTried === 1 ? ' The other session was not deleted.' : ` The other ${notTried} sessions were not deleted.`;
  const message = `Deleted ${deleted.length} of ${outcomes.length}; “${title}” could not be deleted: ${failed.message}${rest}`;
  return { deleted, complete: false, message };
}
