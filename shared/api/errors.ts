/** Error codes every API call may return. Messages are written for clinicians, not engineers. */
export const API_ERROR_CODES = [
  'invalid_input',
  'not_found',
  'file_missing',
  'file_unreadable',
  'file_empty',
  'not_media',
  'media_truncated',
  'no_audio',
  'unsupported_codec',
  'disk_full',
  'file_exists',
  'cancelled',
  'unavailable',
  'forbidden',
  'internal',
  /** A locked package or reply file: no passphrase was given, or it does not open the file (or the file was changed). */
  'passphrase_required',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface ApiErrorShape {
  code: ApiErrorCode;
  message: string;
}

/** An error with a code and a plain-words message, safe to show in the UI. */
export class ApiError extends Error implements ApiErrorShape {
  readonly code: ApiErrorCode;
  constructor(code: ApiErrorCode, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }
  toJSON(): ApiErrorShape {
    return { code: this.code, message: this.message };
  }
}

export function isApiErrorShape(value: unknown): value is ApiErrorShape {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}
