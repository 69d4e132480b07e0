/** Runs one storage job (backup, restore, archive export or import) for the command line: progress on stderr, Ctrl-C cancels. */
import type { EventMap } from '../../../shared/api/contract';
import { ApiError, type ApiErrorCode } from '../../../shared/api/errors';
import type { StorageOutcome } from '../../../shared/domain/archive';
import type { Services } from '../../services/services';
import { ProgressBar } from '../progress-bar';

/** Starts the job, waits for it and answers its outcome; a failure or a cancel is thrown as an ApiError. */
export async function runStorageJob(services: Services, start: () => { jobId: string }, what: string): Promise<StorageOutcome> {
  const bar = new ProgressBar();
  let jobId: string | null = null;
  const stop = services.events.subscribe((name, payload) => {
    if (name !== 'storage.progress') return;
    const p = payload as EventMap['storage.progress'];
    if (p.jobId === jobId) bar.update(p.stage, p.percent);
  });
  const interrupt = (): void => {
    if (jobId) services.storage.cancel(jobId);
  };
  process.once('SIGINT', interrupt);
  try {
    jobId = start().jobId;
    const outcome = await services.storage.outcome(jobId);
    if (!outcome || outcome.kind === 'cancelled') throw new ApiError('cancelled', `The ${what} was cancelled; nothing was changed.`);
    if (outcome.kind === 'failed') throw new ApiError(outcome.code as ApiErrorCode, outcome.message);
    return outcome;
  } finally {
    process.off('SIGINT', interrupt);
    stop();
    bar.done();
  }
}
