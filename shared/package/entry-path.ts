/**
 * Paths of the files inside a package (zip entry names), checked before anything is read or written:
 * only plain relative paths of letters, digits, dots, dashes and underscores, separated by `/`, that
 * stay inside the package. Pure: no Node, no DOM.
 */

export const MAX_ENTRY_PATH = 200;

/** Why an entry path is unsafe, in plain words, or null when it is fine. */
export function entryPathProblem(name: string): string | null {
  if (name.length === 0) return 'it has no name';
  if (name.length > MAX_ENTRY_PATH) return 'its name is too long';
  if (name.includes('\0')) return 'its name holds a NUL character';
  if (name.includes('\\')) return 'its name uses a backslash';
  if (name.startsWith('/')) return 'it is an absolute path';
  if (/^[a-zA-Z]:/.test(name)) return 'it names a drive';
  const parts = name.split('/');
  if (parts.some((p) => p === '..')) return 'it points outside the package (“..”)';
  if (parts.some((p) => p === '' || p === '.')) return 'its path has an empty or “.” part';
  if (!parts.every((p) => /^[A-Za-z0-9._-]+$/.test(p))) return 'its name holds characters a package never uses';
  return null;
}
