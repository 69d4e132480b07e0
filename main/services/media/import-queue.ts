/**
 * Runs imports one at a time, in the order they were asked for, and reports progress and outcomes
 * to listeners (the event bus forwards them to the UI and the command line).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import { ApiError } from '../../../shared/api/errors';
import { SerialJobs } from '../jobs/serial-jobs';
import type { ImportFinished, ImportJobState, ImportOutcome, ImportPhase, ImportProgress } from '../../../shared/domain/import';
import { MESSAGES } from './import-errors';
import { displayName, importRecording, type ImportContext, type ImportRequest } from './import-recording';

/** At most one progress event per job per this many milliseconds (about 10 a second). */
export const PROGRESS_INTERVAL_MS = 100;

interface Job {
  state: ImportJobState;
  request: ImportRequest;
  controller: AbortController;
  /** Progress throttling. */
  lastSentAt: number;
  lastSent: ImportProgress | null;
  pending: ImportProgress | null;
  timer: ReturnType<typeof setTimeout> | null;
}

type Listener<T> = (event: T) => void;

export class ImportQueue {
  private readonly queue = new SerialJobs<Job, ImportOutcome>((job) => job.state.jobId, {
    run: (job) => this.run(job),
    finished: (job, outcome) => this.finish(job, outcome),
    cancelledBeforeStart: (job) => {
      if (job.request.ownsSource) void fs.rm(job.request.sourcePath, { force: true }).catch(() => undefined);
      return { kind: 'cancelled' };
    },
  });
  private readonly progressListeners = new Set<Listener<ImportProgress>>();
  private readonly finishedListeners = new Set<Listener<ImportFinished>>();

  constructor(private readonly ctx: ImportContext) {}

  /** Queues the requests in order; answers their job ids. */
  enqueue(requests: readonly ImportRequest[]): string[] {
    const ids: string[] = [];
    for (const request of requests) {
      const job: Job = {
        state: { jobId: randomUUID(), fileName: displayName(request), phase: 'queued', percent: 0 },
        request,
        controller: new AbortController(),
        lastSentAt: 0,
        lastSent: null,
        pending: null,
        timer: null,
      };
      this.queue.add(job);
      ids.push(job.state.jobId);
      this.sendProgress(job, true);
    }
    this.queue.pump();
    return ids;
  }

  /**
   * Cancels a queued job at once, or asks the running one to stop (its `finished` event follows
   * when it has cleaned up). Answers false when no such job is queued or running.
   */
  cancel(jobId: string): boolean {
    return this.queue.cancel(jobId);
  }

  /** Cancels every queued and running job (e.g. when the app closes). */
  cancelAll(): void {
    this.queue.cancelAll();
  }

  /** The running job first, then the queued ones in order. */
  jobs(): ImportJobState[] {
    return this.queue.all().map((j) => ({ ...j.state }));
  }

  onProgress(listener: Listener<ImportProgress>): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  onFinished(listener: Listener<ImportFinished>): () => void {
    this.finishedListeners.add(listener);
    return () => this.finishedListeners.delete(listener);
  }

  private async run(job: Job): Promise<ImportOutcome> {
    try {
      const result = await importRecording(this.ctx, job.request, {
        signal: job.controller.signal,
        onProgress: (phase, percent) => this.update(job, phase, percent),
      });
      this.update(job, 'finishing', 100, true);
      return result;
    } catch (err) {
      return outcomeOf(err);
    }
  }

  private update(job: Job, phase: ImportPhase, percent: number, force = false): void {
    job.state = { ...job.state, phase, percent: Math.max(job.state.percent, percent) };
    // The first event of a running job (0%) always goes out; so does the last.
    this.sendProgress(job, force || percent === 0);
  }

  private sendProgress(job: Job, immediately: boolean): void {
    const event: ImportProgress = { ...job.state };
    if (job.lastSent && job.lastSent.phase === event.phase && job.lastSent.percent === event.percent) return;
    const now = Date.now();
    const wait = job.lastSentAt + PROGRESS_INTERVAL_MS - now;
    if (immediately || wait <= 0) {
      if (job.timer) clearTimeout(job.timer);
      job.timer = null;
      job.pending = null;
      job.lastSentAt = now;
      job.lastSent = event;
      this.emit(this.progressListeners, event);
      return;
    }
    job.pending = event;
    job.timer ??= setTimeout(() => {
      job.timer = null;
      const pending = job.pending;
      job.pending = null;
      if (!pending) return;
      job.lastSentAt = Date.now();
      job.lastSent = pending;
      this.emit(this.progressListeners, pending);
    }, wait);
  }

  private finish(job: Job, outcome: ImportOutcome): void {
    if (job.timer) clearTimeout(job.timer);
    job.timer = null;
    job.pending = null;
    this.emit(this.finishedListeners, { jobId: job.state.jobId, fileName: job.state.fileName, outcome });
  }

  private emit<T>(listeners: Set<Listener<T>>, event: T): void {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (err) {
        console.error('[attune:import] an import listener failed:', err);
      }
    }
  }
}

/** A thrown error as a job outcome. */
export function outcomeOf(err: unknown): ImportOutcome {
  if (err instanceof ApiError) {
    return err.code === 'cancelled' ? { kind: 'cancelled' } : { kind: 'failed', code: err.code, message: err.message };
  }
  console.error('[attune:import] unexpected failure:', err);
  return { kind: 'failed', code: 'internal', message: MESSAGES.internal };
}
