/**
 * Jobs that run one at a time, in the order they were asked for, each cancellable. The import queue
 * and the export service keep their own work, progress and outcomes, and leave the order, the
 * cancelling and the "idle" promise to this.
 */

export interface SerialJob {
  readonly controller: AbortController;
}

export interface SerialJobsHooks<J, O> {
  /** Does the job's work; answers its outcome (failures included: it never rejects). */
  run(job: J): Promise<O>;
  /** The job has left the queue (it is no longer in all()): report its outcome. */
  finished(job: J, outcome: O): void;
  /** A queued job was cancelled before it started: let go of what it holds, and answer its outcome. */
  cancelledBeforeStart(job: J): O;
}

export class SerialJobs<J extends SerialJob, O> {
  private readonly waiting: J[] = [];
  private running: J | null = null;
  private idle: Promise<void> = Promise.resolve();
  private settleIdle: (() => void) | null = null;

  constructor(
    private readonly idOf: (job: J) => string,
    private readonly hooks: SerialJobsHooks<J, O>,
  ) {}

  /** Queues the job behind the others; `pump` starts it when nothing runs. */
  add(job: J): void {
    this.waiting.push(job);
  }

  /** Starts the next job if none is running. */
  pump(): void {
    if (this.running) return;
    const job = this.waiting.shift();
    if (!job) {
      this.settleIdle?.();
      this.settleIdle = null;
      return;
    }
    if (!this.settleIdle) this.idle = new Promise((resolve) => (this.settleIdle = resolve));
    this.running = job;
    void this.hooks.run(job).then((outcome) => {
      // Not running any more when listeners hear of it (they may look at the jobs or queue more).
      this.running = null;
      this.hooks.finished(job, outcome);
      this.pump();
    });
  }

  /**
   * Cancels a queued job at once, or asks the running one to stop (its outcome follows when it has
   * cleaned up). Answers false when no such job is queued or running.
   */
  cancel(jobId: string): boolean {
    if (this.running && this.idOf(this.running) === jobId) {
      this.running.controller.abort();
      return true;
    }
    const index = this.waiting.findIndex((j) => this.idOf(j) === jobId);
    const [job] = index < 0 ? [] : this.waiting.splice(index, 1);
    if (!job) return false;
    job.controller.abort();
    this.hooks.finished(job, this.hooks.cancelledBeforeStart(job));
    return true;
  }

  /** Cancels every queued job, then the running one. */
  cancelAll(): void {
    for (const job of [...this.waiting]) this.cancel(this.idOf(job));
    if (this.running) this.cancel(this.idOf(this.running));
  }

  /** The running job first, then the queued ones in order. */
  all(): J[] {
    return [...(this.running ? [this.running] : []), ...this.waiting];
  }

  /** Resolves when no job is queued or running. */
  whenIdle(): Promise<void> {
    return this.idle;
  }
}
