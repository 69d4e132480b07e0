/** What long storage work shares: cancelling, progress by bytes, plain-words file errors, a plain database handle. */
import Database from 'better-sqlite3';
import { ApiError } from '../../../shared/api/errors';
import { WorkerCancelled, WorkerJobError } from './file-workers';

export interface WorkOptions {
  signal?: AbortSignal | undefined;
  /** Percent 0–100 and what is happening. */
  progress?: ((percent: number, stage: string) => void) | undefined;
}

export function cancelled(what: string): ApiError {
  return new ApiError('cancelled', `The ${what} was cancelled; nothing was changed.`);
}

export function throwIfCancelled(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw cancelled(what);
}

/** Lets the event loop run (the UI's calls, progress, a cancel) between steps of long work on the main process. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export function errnoOf(error: unknown): string | null {
  if (error instanceof WorkerJobError) return error.code;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : null;
}

/** A failure while writing into `folder`, in plain words (ApiErrors pass through). */
export function writeFailure(error: unknown, folder: string, what: string): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof WorkerCancelled) return cancelled(what);
  const code = errnoOf(error);
  if (code === 'ENOSPC' || code === 'EDQUOT') return new ApiError('disk_full', `There is not enough free disk space in ${folder}. Free some space and try again; nothing was changed.`);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new ApiError('forbidden', `Attune is not allowed to write in ${folder}. Choose another folder.`);
  if (code === 'ENAMETOOLONG') return new ApiError('invalid_input', 'That path is too long; choose a shorter one.');
  console.error(`[attune:${what}] unexpected failure:`, error);
  return new ApiError('internal', `The ${what} failed unexpectedly (${code ?? (error instanceof Error ? error.message : 'unknown error')}). Nothing was changed.`);
}

/** Counts bytes done against a total and reports whole percents of a span (from, to) of the job. */
export class ByteProgress {
  private done = 0;
  private lastPercent = -1;
  constructor(
    private readonly total: number,
    private readonly from: number,
    private readonly to: number,
    private readonly report: WorkOptions['progress'],
    private readonly stage: string,
  ) {}

  add(bytes: number): void {
    this.done += bytes;
    const fraction = this.total > 0 ? Math.min(1, this.done / this.total) : 1;
    const percent = Math.floor(this.from + (this.to - this.from) * fraction);
    if (percent !== this.lastPercent) {
      this.lastPercent = percent;
      this.report?.(percent, this.stage);
    }
  }
}

/** A database file opened as it is: no migration, no journal-mode change (unlike openDatabase). */
export function openPlainDatabase(file: string, readonly: boolean): Database.Database {
  const nativeBinding = process.env.ATTUNE_SQLITE_BINDING;
  return new Database(file, { readonly, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
}

export const SHA256_NAME = /^([0-9a-f]{64})\.[A-Za-z0-9]{1,12}$/;
