/**
 * Consent and retention: the Retention screen's lists, deleting sessions for good (through
 * session-deletion.ts, one log entry each) and the deletion log.
 */
import type { DeletionLogEntry, DeletionReport, RetentionOverview } from '../../../shared/domain/library';
import { RETENTION_DUE_DAYS } from '../../../shared/domain/library';
import type { Session } from '../../../shared/domain/session';
import { hasConsent, localIsoDate, retentionState } from '../../../shared/library/library-filter';
import type { Services } from '../services';
import { readLog } from './deletion-log';
import { deleteSessionRows, removePlannedFiles } from './session-deletion';

export interface RetentionOptions {
  /** Today's date (YYYY-MM-DD); this computer's local date unless a test says otherwise. */
  today?: () => string;
}

const byRecording = (a: Session, b: Session): number => (a.recordedAt ?? a.createdAt).localeCompare(b.recordedAt ?? b.createdAt) || a.id.localeCompare(b.id);
const byRetention = (a: Session, b: Session): number => (a.retainUntil ?? '').localeCompare(b.retainUntil ?? '') || byRecording(a, b);

export class RetentionService {
  private readonly today: () => string;

  constructor(
    private readonly services: () => Pick<Services, 'db' | 'paths' | 'sessions' | 'profile' | 'events' | 'transcriptions' | 'exports'>,
    options: RetentionOptions = {},
  ) {
    this.today = options.today ?? (() => localIsoDate());
  }

  overview(): RetentionOverview {
    const today = this.today();
    const all = this.services().sessions.list();
    return {
      today,
      dueWithinDays: RETENTION_DUE_DAYS,
      past: all.filter((s) => retentionState(s, today) === 'past').sort(byRetention),
      dueSoon: all.filter((s) => retentionState(s, today) === 'due').sort(byRetention),
      noConsent: all.filter((s) => !hasConsent(s)).sort(byRecording),
    };
  }

  log(limit?: number): DeletionLogEntry[] {
    return readLog(this.services().db, limit);
  }

  /**
   * Deletes one session for good. The rows and the log entry go at once (before this returns its
   * promise), then the files are overwritten and removed without holding up the event loop.
   */
  async delete(id: string): Promise<DeletionReport> {
    const s = this.services();
    s.sessions.get(id);
    for (const job of s.transcriptions.jobs()) if (job.sessionId === id) s.transcriptions.cancel(job.jobId);
    for (const job of s.exports.jobs()) if (job.sessionId === id) s.exports.cancel(job.jobId);
    const { entry, files } = deleteSessionRows(s, id, s.profile.get().name);
    s.events.emit('library.changed', { sessionId: id });
    const removal = await removePlannedFiles(files);
    this.checkpoint();
    return { ...entry, overwrittenFiles: removal.overwritten, removedFiles: removal.removed };
  }

  /** Deletes several sessions, one after another; every id must be in the library before any is deleted. */
  async deleteMany(ids: readonly string[]): Promise<DeletionReport[]> {
    const unique = [...new Set(ids)];
    const s = this.services();
    for (const id of unique) s.sessions.get(id);
    const reports: DeletionReport[] = [];
    for (const id of unique) reports.push(await this.delete(id));
    return reports;
  }

  /** Folds the write-ahead log into the database and empties it, so deleted rows do not linger there. */
  private checkpoint(): void {
    try {
      this.services().db.pragma('wal_checkpoint(TRUNCATE)');
    } catch (error) {
      console.error('[attune] checkpoint after a deletion failed:', error);
    }
  }
}
