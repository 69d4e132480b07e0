/**
 * Transcription jobs: one at a time per model, each in its own worker process (off the main event loop).
 * Segments are stored as they arrive (TranscriptRuns), so a crash or kill loses at most the segment in
 * flight; cancel kills the worker and keeps what is stored, and a later start (or the next service start)
 * resumes from covered_until.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import type { Session } from '../../../shared/domain/session';
import type { TranscriptionJobState, TranscriptionOutcome } from '../../../shared/domain/transcript';
import type { DataPaths } from '../data-paths';
import type { EventBus } from '../events/event-bus';
import type { ModelStore, ResolvedModel } from '../models/model-store';
import type { SessionStore } from '../store/session-store';
import type { TranscriptRuns } from './transcript-runs';
import type { WorkerHandle, WorkerLauncher } from './worker-launcher';
import type { StartMessage, WorkerMessage } from './worker-protocol';

export const PROGRESS_INTERVAL_MS = 100;

export interface TranscriptionContext {
  paths: DataPaths;
  sessions: SessionStore;
  models: ModelStore;
  runs: TranscriptRuns;
  events: EventBus;
  launcher: WorkerLauncher;
  workerScript: () => string;
  /** Whisper's temperature fallback step (null: whisper.cpp's default). 0 for random-weight test models. */
  temperatureInc: number | null;
  /**
   * Prepares the recording's audio cache (`pcm/<sha256>.pcm`) again when it is missing ("Clear caches"
   * and restored backups leave it out); answers its path.
   */
  preparePcm?: (media: Session['media'], signal: AbortSignal) => Promise<string>;
}

export interface StartOptions {
  /** A model id from the models folder (or the ATTUNE_WHISPER_MODEL path). */
  modelId?: string;
  /** Any model file on this computer (the CLI's --model). */
  modelPath?: string;
  language?: string;
  keepCorrections?: boolean;
}

export interface TranscriptionFinished {
  jobId: string;
  sessionId: string;
  outcome: TranscriptionOutcome;
}

interface Job {
  state: TranscriptionJobState;
  model: ResolvedModel;
  language: string;
  keepCorrections: boolean;
  resume: boolean;
  worker: WorkerHandle | null;
  /** Set while the audio cache is being prepared again, before the worker starts. */
  preparing: AbortController | null;
  cancelled: boolean;
  settled: boolean;
  engineStartedAt: number;
  lastSentAt: number;
  timer: ReturnType<typeof setTimeout> | null;
  /** Resolves once nothing of the job runs any more: its audio-cache preparation has ended and its worker has exited. */
  stopped: Promise<void>;
  markStopped: () => void;
}

type Listener<T> = (event: T) => void;

export class TranscriptionQueue {
  private readonly waiting: Job[] = [];
  private readonly running = new Map<string, Job>();
  private readonly finishedListeners = new Set<Listener<TranscriptionFinished>>();
  private closed = false;

  constructor(private readonly ctx: TranscriptionContext) {}

  /** Queues sessions; answers one job id per session (an existing job's id when it is already queued). */
  start(sessionIds: readonly string[], options: StartOptions = {}): string[] {
    const explicit = options.modelPath ?? options.modelId;
    const chosen = explicit ? this.ctx.models.resolve(explicit) : this.ctx.models.defaultModel('whisper');
    if (!chosen) {
      throw new ApiError('unavailable', 'No Whisper model is installed. Add or download one on the Models screen (or set ATTUNE_WHISPER_MODEL).');
    }
    if (chosen.kind !== 'whisper') throw new ApiError('invalid_input', `${path.basename(chosen.path)} is a voice-activity model, not a Whisper model.`);
    const sessions = sessionIds.map((id) => this.ctx.sessions.resolve(id));
    const ids: string[] = [];
    for (const session of sessions) {
      const existing = this.all().find((j) => j.state.sessionId === session.id);
      if (existing) {
        ids.push(existing.state.jobId);
        continue;
      }
      const pending = this.ctx.runs.pending(session.id);
      const resume =
        pending !== null &&
        (!explicit || pending.model === chosen.id) &&
        (options.language === undefined || options.language === pending.language) &&
        (options.keepCorrections === undefined || options.keepCorrections === pending.keepCorrections);
      const model = resume && pending ? this.resolveQuietly(pending.model) ?? chosen : chosen;
      ids.push(
        this.enqueue(session.id, model, resume && pending ? pending.language : options.language ?? 'auto', resume && pending ? pending.keepCorrections : options.keepCorrections ?? false, resume),
      );
    }
    this.pump();
    return ids;
  }

  /** Queues every unfinished run (after a crash, kill or quit); answers their job ids. */
  resumeUnfinished(): string[] {
    const ids: string[] = [];
    for (const run of this.ctx.runs.unfinished()) {
      if (this.all().some((j) => j.state.sessionId === run.sessionId)) continue;
      const model = this.resolveQuietly(run.model);
      if (!model) continue; // the model is gone; the run stays pending until started with another
      ids.push(this.enqueue(run.sessionId, model, run.language, run.keepCorrections, true));
    }
    this.pump();
    return ids;
  }

  cancel(jobId: string): boolean {
    const job = this.all().find((j) => j.state.jobId === jobId);
    if (!job) return false;
    job.cancelled = true;
    const index = this.waiting.indexOf(job);
    if (index >= 0) {
      this.waiting.splice(index, 1);
      this.settle(job, { kind: 'cancelled' });
      job.markStopped();
      return true;
    }
    job.preparing?.abort();
    job.worker?.kill(); // its exit settles the job
    if (!job.worker) this.settle(job, { kind: 'cancelled' });
    return true;
  }

  /**
   * Cancels every job of the session and answers once each has stopped — its audio-cache
   * preparation ended (so no cache file appears afterwards) and its worker exited. Deleting a
   * session waits on this before it plans which files to remove.
   */
  async stopSession(sessionId: string): Promise<void> {
    const jobs = this.all().filter((j) => j.state.sessionId === sessionId);
    for (const job of jobs) this.cancel(job.state.jobId);
    await Promise.all(jobs.map((j) => j.stopped));
  }

  jobs(): TranscriptionJobState[] {
    return [...this.running.values(), ...this.waiting].map((j) => ({ ...j.state }));
  }

  /** The worker process of a running job (tests kill it). */
  workerPid(jobId: string): number | undefined {
    return [...this.running.values()].find((j) => j.state.jobId === jobId)?.worker?.pid;
  }

  onFinished(listener: Listener<TranscriptionFinished>): () => void {
    this.finishedListeners.add(listener);
    return () => this.finishedListeners.delete(listener);
  }

  /** Stops every worker without touching the stored runs: they resume on the next start. */
  close(): void {
    this.closed = true;
    for (const job of this.waiting) job.markStopped();
    this.waiting.length = 0;
    for (const job of this.running.values()) {
      if (job.timer) clearTimeout(job.timer);
      job.preparing?.abort();
      job.worker?.kill();
    }
    this.running.clear();
  }

  private all(): Job[] {
    return [...this.running.values(), ...this.waiting];
  }

  private resolveQuietly(id: string): ResolvedModel | null {
    try {
      const m = this.ctx.models.resolve(id);
      return m.kind === 'whisper' ? m : null;
    } catch {
      return null;
    }
  }

  private enqueue(sessionId: string, model: ResolvedModel, language: string, keepCorrections: boolean, resume: boolean): string {
    let markStopped = (): void => undefined;
    const stopped = new Promise<void>((resolve) => (markStopped = resolve));
    const job: Job = {
      state: { jobId: randomUUID(), sessionId, status: 'queued', model: model.name || path.basename(model.path), percent: 0, etaSeconds: null },
      model,
      language,
      keepCorrections,
      resume,
      worker: null,
      preparing: null,
      cancelled: false,
      settled: false,
      engineStartedAt: 0,
      lastSentAt: 0,
      timer: null,
      stopped,
      markStopped,
    };
    this.waiting.push(job);
    this.sendProgress(job, true);
    return job.state.jobId;
  }

  private pump(): void {
    if (this.closed) return;
    for (const job of [...this.waiting]) {
      if (this.running.has(job.model.path)) continue;
      this.waiting.splice(this.waiting.indexOf(job), 1);
      this.running.set(job.model.path, job);
      void this.begin(job);
    }
  }

  /** Runs a job, first preparing the audio cache again when it has been cleared. */
  private async begin(job: Job): Promise<void> {
    try {
      const media = this.ctx.sessions.get(job.state.sessionId).media;
      const prepare = this.ctx.preparePcm;
      if (prepare && !fs.existsSync(path.join(this.ctx.paths.pcmDir, `${media.sha256}.pcm`))) {
        job.state = { ...job.state, status: 'running', percent: 0, etaSeconds: null };
        this.sendProgress(job, true);
        job.preparing = new AbortController();
        try {
          await prepare(media, job.preparing.signal);
        } finally {
          job.preparing = null;
        }
        if (job.cancelled || this.closed) {
          this.settle(job, { kind: 'cancelled' });
          return;
        }
      }
      this.run(job);
    } catch (error) {
      this.settle(job, job.cancelled ? { kind: 'cancelled' } : failure(error));
    } finally {
      if (!job.worker) job.markStopped(); // else its exit marks it
    }
  }

  private run(job: Job): void {
    const { sessions, runs, paths, models, events } = this.ctx;
    const session = sessions.get(job.state.sessionId);
    const pending = job.resume ? runs.pending(session.id) : null;
    const run =
      pending ??
      runs.begin(session.id, { model: job.model.id, origin: path.basename(job.model.path), language: job.language, keepCorrections: job.keepCorrections });
    if (!pending) events.emit('transcript.changed', { sessionId: session.id });
    const vad = run.speech ? null : models.defaultModel('vad');
    const start: StartMessage = {
      type: 'start',
      modelPath: job.model.path,
      vadModelPath: vad?.path ?? null,
      speech: run.speech,
      pcmPath: path.join(paths.pcmDir, `${session.media.sha256}.pcm`),
      from: run.coveredUntil,
      language: job.language,
      threads: models.threads(),
      temperatureInc: this.ctx.temperatureInc,
    };
    job.state = { ...job.state, status: 'running', percent: pending && session.media.duration > 0 ? Math.min(99, (run.coveredUntil / session.media.duration) * 100) : 0 };
    this.sendProgress(job, true);
    const worker = this.ctx.launcher.launch(this.ctx.workerScript());
    job.worker = worker;
    let outcome: TranscriptionOutcome | null = null;
    worker.onMessage((raw) => {
      if (job.settled || this.closed) return;
      const m = raw as WorkerMessage;
      try {
        switch (m.type) {
          case 'loaded':
            job.engineStartedAt = performance.now();
            break;
          case 'speech':
            runs.setSpeech(session.id, m.regions);
            break;
          case 'progress': {
            const elapsed = (performance.now() - job.engineStartedAt) / 1000;
            const eta = m.processed > 0 && elapsed > 1 ? Math.round((m.remaining * elapsed) / m.processed) : null;
            job.state = { ...job.state, percent: Math.max(job.state.percent, Math.min(99.9, Math.round(m.percent * 10) / 10)), etaSeconds: eta };
            this.sendProgress(job, false);
            break;
          }
          case 'segments': {
            const stored = runs.append(session.id, m.segments, m.coveredUntil, run.keepCorrections);
            if (stored.length > 0) {
              events.emit('transcription.segments', { sessionId: session.id, segments: stored });
              events.emit('transcript.changed', { sessionId: session.id });
            }
            break;
          }
          case 'done': {
            runs.append(session.id, [], m.coveredUntil, run.keepCorrections);
            runs.finish(session.id);
            const current = sessions.get(session.id);
            if (current.status === 'new') {
              sessions.update(session.id, { status: 'transcribed' });
              events.emit('library.changed', { sessionId: session.id });
            }
            events.emit('transcript.changed', { sessionId: session.id });
            outcome = { kind: 'done', segmentCount: runs.segments(session.id).length };
            break;
          }
          case 'error':
            outcome = m.code === 'cancelled' ? { kind: 'cancelled' } : { kind: 'failed', code: m.code, message: m.message };
            break;
        }
      } catch (error) {
        outcome = failure(error);
        worker.kill();
      }
    });
    worker.onExit((code) => {
      job.markStopped();
      if (this.closed) return;
      const final: TranscriptionOutcome = job.cancelled
        ? { kind: 'cancelled' }
        : outcome ?? {
            kind: 'failed',
            code: 'engine-stopped',
            message: `The transcription engine stopped unexpectedly${code !== null ? ` (exit ${code})` : ''}. What was transcribed is kept; start it again to continue from there.`,
          };
      this.settle(job, final);
    });
    worker.send(start);
  }

  private settle(job: Job, outcome: TranscriptionOutcome): void {
    if (job.settled) return;
    job.settled = true;
    if (job.timer) clearTimeout(job.timer);
    job.timer = null;
    if (this.running.get(job.model.path) === job) this.running.delete(job.model.path);
    if (outcome.kind === 'done') {
      job.state = { ...job.state, percent: 100, etaSeconds: 0 };
      this.ctx.events.emit('transcription.progress', { ...job.state });
    }
    const event: TranscriptionFinished = { jobId: job.state.jobId, sessionId: job.state.sessionId, outcome };
    this.ctx.events.emit('transcription.finished', event);
    for (const l of [...this.finishedListeners]) {
      try {
        l(event);
      } catch (error) {
        console.error('[attune:transcription] a listener failed:', error);
      }
    }
    this.pump();
  }

  /** At most one progress event per job per PROGRESS_INTERVAL_MS; the latest state wins. */
  private sendProgress(job: Job, immediately: boolean): void {
    const now = Date.now();
    const wait = job.lastSentAt + PROGRESS_INTERVAL_MS - now;
    if (immediately || wait <= 0) {
      if (job.timer) clearTimeout(job.timer);
      job.timer = null;
      job.lastSentAt = now;
      this.ctx.events.emit('transcription.progress', { ...job.state });
      return;
    }
    job.timer ??= setTimeout(() => {
      job.timer = null;
      if (job.settled || this.closed) return;
      job.lastSentAt = Date.now();
      this.ctx.events.emit('transcription.progress', { ...job.state });
    }, wait);
  }
}

function failure(error: unknown): TranscriptionOutcome {
  if (error instanceof ApiError) return { kind: 'failed', code: error.code, message: error.message };
  console.error('[attune:transcription] unexpected failure:', error);
  return { kind: 'failed', code: 'internal', message: 'Something went wrong inside Attune while transcribing. The transcript so far is kept.' };
}
