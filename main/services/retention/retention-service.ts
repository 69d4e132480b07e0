/**
 * Consent and retention: the Retention screen's lists, deleting sessions for good (through
 * session-deletion.ts, one log entry each) and the deletion log.
 */
import { ApiError } from '../../../shared/api/errors';
import type { StorageJobKind } from '../../../shared/domain/archive';
import type { DeletionLogEntry, DeletionOutcome, DeletionReport, RetentionOverview } from '../../../shared/domain/library';
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

/** What a running storage job is doing, for the message that refuses a deletion meanwhile. */
const STORAGE_WORK: Record<StorageJobKind, string> = {
  backup: 'A backup is being made',
  restore: 'The library is being restored from a backup',
  archiveExport: 'Sessions are being exported to an archive',
  archiveImport: 'Sessions are being imported from an archive',
};

function internalFailure(error: unknown): { code: string; message: string } {
  console.error('[attune] deleting a session failed unexpectedly:', error);
  return { code: 'internal', message: 'Something went wrong inside Attune. Try again; if it keeps failing, restart Attune.' };
}

const byRecording = (a: Session, b: Session): number => (a.recordedAt ?? a.createdAt).localeCompare(b.recordedAt ?? b.createdAt) || a.id.localeCompare(b.id);
const byRetention = (a: Session, b: Session): number => (a.retainUntil ?? '').localeCompare(b.retainUntil ?? '') || byRecording(a, b);

export class RetentionService {
  private readonly today: () => string;
  private removingFiles = 0;

  constructor(
    private readonly services: () => Pick<Services, 'db' | 'paths' | 'sessions' | 'profile' | 'events' | 'transcriptions' | 'exports' | 'storage'>,
    options: RetentionOptions = {},
  ) {
    this.today = options.today ?? (() => localIsoDate());
  }

  /** True while a deletion is still overwriting and removing files (a restore should wait for it). */
  busy(): boolean {
    return this.removingFiles > 0;
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
   * Deletes one session for good. Refused while a backup, restore or archive job runs. Its
   * transcription is cancelled and waited for (so no audio cache appears afterwards); then the rows
   * and the log entry go at once, and the files are overwritten and removed without holding up the
   * event loop.
   */
  async delete(id: string): Promise<DeletionReport> {
    const s = this.services();
    this.refuseDuringStorageWork('the session');
    s.sessions.get(id);
    // A job started while we wait is cancelled and waited for too.
    while (s.transcriptions.jobs().some((job) => job.sessionId === id)) await s.transcriptions.stopSession(id);
    for (const job of s.exports.jobs()) if (job.sessionId === id) s.exports.cancel(job.jobId);
    // Checked again: a storage job may have started while the transcription stopped. From here on
    // nothing awaits until the rows are gone.
    this.refuseDuringStorageWork('the session');
    const { entry, files } = deleteSessionRows(s, id, s.profile.get().name);
    s.events.emit('library.changed', { sessionId: id });
    this.removingFiles++;
    try {
      const removal = await removePlannedFiles(files);
      this.checkpoint();
      return { ...entry, overwrittenFiles: removal.overwritten, removedFiles: removal.removed };
    } finally {
      this.removingFiles--;
    }
  }

  /**
   * Deletes several sessions, one after another. Refused as a whole (nothing deleted) when an id is
   * not in the library or a storage job runs; after that, answers one outcome per id in the order
   * given. A failure stops there: the rest are not tried.
   */
  async deleteMany(ids: readonly string[]): Promise<DeletionOutcome[]> {
    const unique = [...new Set(ids)];
    const s = this.services();
    this.refuseDuringStorageWork(unique.length === 1 ? 'the session' : 'the sessions');
    for (const id of unique) s.sessions.get(id);
    const outcomes: DeletionOutcome[] = [];
    let stopped = false;
    for (const sessionId of unique) {
      if (stopped) {
        outcomes.push({ sessionId, status: 'notTried' });
        continue;
      }
      try {
        outcomes.push({ sessionId, status: 'deleted', report: await this.delete(sessionId) });
      } catch (error) {
        stopped = true;
        const { code, message } = error instanceof ApiError ? error : internalFailure(error);
        outcomes.push({ sessionId, status: 'failed', code, message });
      }
    }
    return outcomes;
  }

  /** Refuses while a backup, restore or archive job runs: its copy must not lose files half-way, nor a restore bring a deleted session back. */
  private refuseDuringStorageWork(what: string): void {
    const [job] = this.services().storage.jobs();
    if (job) throw new ApiError('unavailable', `${STORAGE_WORK[job.kind]} right now; delete ${what} when it has finished.`);
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
