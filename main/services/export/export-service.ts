/**
 * Exports run one at a time, in the order they were asked for. Each reports its progress in plain
 * words (`export.progress`) and its outcome (`export.finished`) on the event bus, can be cancelled,
 * and writes its file through a temp name, so a failure, a cancel or a full disk leaves no file.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ParsedInput } from '../../../shared/api/contract';
import { packageOptionsSchema } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import type { ExportFormat, ExportJobState, ExportOutcome, PackageOptions } from '../../../shared/domain/export';
import type { Services } from '../services';
import { checkTarget, writeAtomically, type WriteTarget } from '../files/atomic-write';
import { SerialJobs } from '../jobs/serial-jobs';
import { WRITING_STAGE, writeFormat, type PdfRenderer } from './export-formats';
import { EXPORT_FOLDER_KEY, exportFileName, exportFolder } from './export-paths';
import { revealWithPlatformOpener, type Revealer } from './reveal';
import { loadSessionBundle } from './session-bundle';

/** At most one progress event per job per this many milliseconds. */
export const EXPORT_PROGRESS_INTERVAL_MS = 100;

export type ExportRequest = Omit<ParsedInput<'export.start'>, 'package'> & { package?: PackageOptions | undefined };

export interface ExportServiceOptions {
  /** Prints the report to PDF; null or absent: headless Chromium. Electron passes printToPDF. */
  pdfRenderer?: PdfRenderer | null;
  /** Shows a file in the file manager. Default: the platform's opener (xdg-open, open -R, explorer /select). */
  revealer?: Revealer;
  /** The home folder the default export folder is under (tests). */
  home?: string;
}

interface Job {
  state: ExportJobState;
  target: WriteTarget;
  packageOptions: PackageOptions;
  controller: AbortController;
  lastSentAt: number;
}

const DEFAULT_PACKAGE_OPTIONS: PackageOptions = packageOptionsSchema.parse({});

export class ExportService {
  private readonly queue = new SerialJobs<Job, ExportOutcome>((job) => job.state.jobId, {
    run: (job) => this.run(job),
    finished: (job, outcome) => this.finish(job, outcome),
    cancelledBeforeStart: () => ({ kind: 'cancelled' }),
  });
  /** Files exports of this process wrote (only these may be revealed). */
  private readonly written = new Set<string>();
  private pdfRenderer: PdfRenderer | null;
  private revealer: Revealer;

  constructor(
    private readonly servicesOf: () => Services,
    private readonly options: ExportServiceOptions = {},
  ) {
    this.pdfRenderer = options.pdfRenderer ?? null;
    this.revealer = options.revealer ?? revealWithPlatformOpener;
  }

  /** Electron: print with the app's own Chromium. */
  setPdfRenderer(renderer: PdfRenderer | null): void {
    this.pdfRenderer = renderer;
  }

  /** Electron (shell.showItemInFolder), tests (a recorder). */
  setRevealer(revealer: Revealer): void {
    this.revealer = revealer;
  }

  /** The export folder: the `export.folder` setting, else `~/Documents/Attune exports` (or `~/Attune exports`). */
  folder(): string {
    return exportFolder(this.services.settings.get(EXPORT_FOLDER_KEY), this.options.home);
  }

  /** Where an export of this session in this format goes by default, and whether a file is there already. */
  suggestPath(sessionId: string, format: ExportFormat): { path: string; exists: boolean } {
    const session = this.services.sessions.get(sessionId);
    const file = path.join(this.folder(), exportFileName(session.title, format));
    return { path: file, exists: checkExists(file) };
  }

  /**
   * Checks the request (the session exists; the folder exists, or is the export folder, made now;
   * the file is not there unless `overwrite`) and queues the export. Answers its job id.
   */
  start(request: ExportRequest): { jobId: string } {
    const session = this.services.sessions.get(request.sessionId);
    if (!path.isAbsolute(request.outPath)) throw new ApiError('invalid_input', 'Choose a full path to save the export to.');
    const isExportFolder = path.resolve(path.dirname(request.outPath)) === this.folder();
    const target = checkTarget(request.outPath, request.overwrite, isExportFolder);
    for (const job of this.queue.all()) {
      if (job.target.file === target.file) throw new ApiError('file_exists', `Attune is already saving “${target.name}” in ${target.folder}.`);
    }
    const job: Job = {
      state: { jobId: randomUUID(), sessionId: session.id, format: request.format, percent: 0, stage: 'Waiting to start' },
      target,
      packageOptions: request.package ?? DEFAULT_PACKAGE_OPTIONS,
      controller: new AbortController(),
      lastSentAt: 0,
    };
    this.queue.add(job);
    this.sendProgress(job, true);
    this.queue.pump();
    return { jobId: job.state.jobId };
  }

  /** Cancels a queued export at once, or stops the running one (its `export.finished` follows when its temp file is gone). */
  cancel(jobId: string): boolean {
    return this.queue.cancel(jobId);
  }

  cancelAll(): void {
    this.queue.cancelAll();
  }

  /** The running export first, then the queued ones. */
  jobs(): ExportJobState[] {
    return this.queue.all().map((j) => ({ ...j.state }));
  }

  /** Resolves when no export is queued or running (the CLI and tests wait on it). */
  whenIdle(): Promise<void> {
    return this.queue.whenIdle();
  }

  /** Shows a file an export of this process wrote in the file manager. Other paths are refused. */
  async reveal(file: string): Promise<{ revealed: boolean }> {
    const resolved = path.resolve(file);
    if (!this.written.has(resolved)) throw new ApiError('forbidden', 'Attune only opens the folders of files it exported.');
    if (!checkExists(resolved)) throw new ApiError('file_missing', `“${path.basename(resolved)}” is no longer in ${path.dirname(resolved)}.`);
    try {
      return { revealed: await this.revealer(resolved) };
    } catch {
      return { revealed: false };
    }
  }

  private get services(): Services {
    return this.servicesOf();
  }

  private async run(job: Job): Promise<ExportOutcome> {
    const { signal } = job.controller;
    try {
      this.update(job, 2, 'Gathering the session', true);
      const bundle = loadSessionBundle(this.services, job.state.sessionId);
      const format = job.state.format;
      this.update(job, 10, WRITING_STAGE[format], true);
      const bytes = await writeAtomically(
        job.target,
        async (temp) => {
          await writeFormat(format, temp, {
            services: this.services,
            bundle,
            packageOptions: job.packageOptions,
            pdfRenderer: this.pdfRenderer,
            signal,
            progress: (percent, stage) => this.update(job, 10 + Math.max(0, Math.min(100, percent)) * 0.85, stage),
          });
          this.update(job, 95, 'Saving the file', true);
        },
        signal,
      );
      this.written.add(job.target.file);
      this.update(job, 100, 'Saved', true);
      return { kind: 'done', path: job.target.file, bytes };
    } catch (error) {
      return outcomeOf(error);
    }
  }

  private update(job: Job, percent: number, stage: string, force = false): void {
    const next = { ...job.state, percent: Math.round(Math.max(job.state.percent, Math.min(100, percent))), stage };
    if (next.percent === job.state.percent && next.stage === job.state.stage) return;
    const newStage = next.stage !== job.state.stage;
    job.state = next;
    // A new stage always goes out; percent steps within a stage at most every EXPORT_PROGRESS_INTERVAL_MS.
    this.sendProgress(job, force || newStage);
  }

  private sendProgress(job: Job, force: boolean): void {
    const now = Date.now();
    if (!force && now - job.lastSentAt < EXPORT_PROGRESS_INTERVAL_MS) return;
    job.lastSentAt = now;
    this.services.events.emit('export.progress', { ...job.state });
  }

  private finish(job: Job, outcome: ExportOutcome): void {
    const { jobId, sessionId, format } = job.state;
    this.services.events.emit('export.finished', { jobId, sessionId, format, outcome });
  }
}

function checkExists(file: string): boolean {
  return fs.existsSync(file);
}

/** A thrown error as a job outcome. */
function outcomeOf(error: unknown): ExportOutcome {
  if (error instanceof ApiError) return error.code === 'cancelled' ? { kind: 'cancelled' } : { kind: 'failed', code: error.code, message: error.message };
  console.error('[attune:export] unexpected failure:', error);
  return { kind: 'failed', code: 'internal', message: 'The export failed unexpectedly. Try again; if it keeps failing, restart Attune.' };
}
