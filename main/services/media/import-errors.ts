/** The plain-words errors the importer reports, and the mapping of low-level failures onto them. */
import { ApiError } from '../../../shared/api/errors';

export const MESSAGES = {
  cancelled: 'The import was cancelled.',
  diskFull: 'There is not enough free disk space to import this recording. Free some space and try again.',
  internal: 'Attune could not import this recording because of an unexpected problem.',
  truncated:
    'This recording is incomplete or damaged, so Attune cannot read it. If it was copied from another device, copy it again and then import it.',
  noAudio: 'This file has no sound track, so there is nothing to review or transcribe. Choose a recording that includes sound.',
} as const;

export function cancelledError(): ApiError {
  return new ApiError('cancelled', MESSAGES.cancelled);
}

export function diskFullError(): ApiError {
  return new ApiError('disk_full', MESSAGES.diskFull);
}

export function truncatedError(): ApiError {
  return new ApiError('media_truncated', MESSAGES.truncated);
}

export function notMediaError(fileName: string): ApiError {
  return new ApiError('not_media', `"${fileName}" is not an audio or video recording Attune can read.`);
}

export function emptyFileError(fileName: string): ApiError {
  return new ApiError('file_empty', `"${fileName}" is empty (0 bytes), so there is no recording to import.`);
}

export function noAudioError(): ApiError {
  return new ApiError('no_audio', MESSAGES.noAudio);
}

export function errnoCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Throws the cancellation error when the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelledError();
}

/**
 * Errors from reading the user's file, or null when `err` is not one of them. `fileName` is the
 * name the user knows the file by.
 */
export function sourceFileError(err: unknown, fileName: string): ApiError | null {
  switch (errnoCode(err)) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new ApiError('file_missing', `Attune cannot find "${fileName}". It may have been moved, renamed or deleted.`);
    case 'EISDIR':
      return new ApiError('file_unreadable', `"${fileName}" is a folder, not a recording. Choose the recording file itself.`);
    case 'EACCES':
    case 'EPERM':
    case 'EBUSY':
      return new ApiError(
        'file_unreadable',
        `Attune is not allowed to read "${fileName}". Check that you have permission to open it and that no other program has it locked.`,
      );
    default:
      return null;
  }
}

/**
 * Any failure as an ApiError: ApiErrors pass through, a full disk becomes `disk_full`, anything
 * else becomes `internal` and its cause goes to the log (never to the user).
 */
export function toApiError(err: unknown, context: string): ApiError {
  if (err instanceof ApiError) return err;
  const code = errnoCode(err);
  if (code === 'ENOSPC' || code === 'EDQUOT') return diskFullError();
  console.error(`[attune:import] ${context}:`, err);
  return new ApiError('internal', MESSAGES.internal);
}
