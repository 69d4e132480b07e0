/**
 * Names of files inside a backup or an archive, checked before anything is read or written: a
 * relative path with forward slashes that stays inside the folder it is unpacked into. Anything
 * absolute, with '..', a drive letter, a backslash or a control character is refused in plain words.
 */
import path from 'node:path';
import { ApiError } from '../../../shared/api/errors';

const quoted = (text: string): string => `“${text.length > 120 ? `${text.slice(0, 117)}…` : text}”`;

/** Why this name is unsafe, or null when it is fine. */
export function unsafeEntryReason(name: string): string | null {
  if (name.length === 0) return 'it has an empty file name';
  if (name.length > 1024) return 'a file name is far too long';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return `the file name ${quoted(name)} holds control characters`;
  if (name.includes('\\')) return `the file name ${quoted(name)} uses backslashes`;
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return `the file ${quoted(name)} has an absolute path`;
  const parts = name.split('/');
  if (parts.some((p) => p === '..')) return `the file ${quoted(name)} would be written outside the folder it belongs in`;
  if (parts.some((p, i) => p === '.' || (p === '' && i < parts.length - 1))) return `the file name ${quoted(name)} is malformed`;
  return null;
}

/** The absolute path of `name` under `root`; throws when the name is unsafe or would land outside `root`. */
export function resolveEntry(root: string, name: string, what: 'archive' | 'backup'): string {
  const reason = unsafeEntryReason(name);
  const target = path.resolve(root, ...name.split('/'));
  const relative = path.relative(path.resolve(root), target);
  if (reason !== null || relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
    throw unsafeEntry(name, what, reason);
  }
  return target;
}

export function unsafeEntry(name: string, what: 'archive' | 'backup', reason: string | null = null): ApiError {
  const why = reason ?? `the file ${quoted(name)} would be written outside the folder it belongs in`;
  return new ApiError('invalid_input', `This ${what} cannot be used safely: ${why}. Nothing was changed.`);
}
