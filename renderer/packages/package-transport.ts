/**
 * Getting a chosen feedback package or reply file to `package.open`. In Electron the file's own path
 * is used (nothing is copied). In browser mode there are no paths, so the file is sent to the local
 * server's `/upload-package`, which opens it in the same request and deletes its copy whatever the
 * outcome — a locked file is sent again, with its passphrase.
 */
import { ApiError, isApiErrorShape } from '../../shared/api/errors';
import { FEEDBACK_EXTENSION, REPLY_EXTENSION } from '../../shared/package/package-format';
import type { PackageOpenOutcome } from '../../shared/package/feedback-view';
import { api } from '../api/client';

/** A file to open: a path on this computer (Electron, native dialog) or a File from an input or a drop (browser mode). */
export type PackageSource = { kind: 'path'; path: string; name: string } | { kind: 'file'; file: File; name: string };

/** The first bytes of a passphrase-protected package (main/services/export/package/container.ts CONTAINER_MAGIC). */
const LOCKED_MAGIC = 'ATTUNEPKG1';

export const PACKAGE_ACCEPT = `.${FEEDBACK_EXTENSION},.${REPLY_EXTENSION}`;

/** True for names Attune opens as a package or reply rather than importing as a recording. */
export function isPackageFileName(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.endsWith(`.${FEEDBACK_EXTENSION}`) || lower.endsWith(`.${REPLY_EXTENSION}`);
}

export function isReplyFileName(name: string): boolean {
  return name.toLowerCase().endsWith(`.${REPLY_EXTENSION}`);
}

/** The source of a dropped or chosen File: its real path in Electron, the File itself in browser mode. */
export function sourceOfFile(file: File): PackageSource {
  const path = window.attuneBridge?.pathForFile(file) ?? '';
  return path ? { kind: 'path', path, name: file.name } : { kind: 'file', file, name: file.name };
}

/** Whether a File is passphrase-protected, read from its first bytes (so a locked file is not sent twice). */
export async function looksLocked(source: PackageSource): Promise<boolean> {
  if (source.kind !== 'file') return false;
  try {
    return (await source.file.slice(0, LOCKED_MAGIC.length).text()) === LOCKED_MAGIC;
  } catch {
    return false; // unreadable here: the server says what is wrong
  }
}

/** Opens the file; rejects with an ApiError (passphrase_required when it is locked and the passphrase is missing or wrong). */
export function openPackageSource(source: PackageSource, passphrase: string | null, onProgress?: (fraction: number) => void): Promise<PackageOpenOutcome> {
  if (source.kind === 'path') return api.invoke('package.open', { path: source.path, passphrase });
  return new Promise<PackageOpenOutcome>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/upload-package');
    xhr.setRequestHeader('X-Attune-File-Name', encodeURIComponent(source.file.name));
    if (passphrase) xhr.setRequestHeader('X-Attune-Passphrase', encodeURIComponent(passphrase));
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: the status says what happened
      }
      if (xhr.status === 200 && body && typeof body === 'object' && 'kind' in body) resolve(body as PackageOpenOutcome);
      else if (isApiErrorShape(body)) reject(new ApiError(body.code, body.message));
      else if (xhr.status === 404 || xhr.status === 405) reject(new ApiError('unavailable', 'This version of Attune cannot open packages in browser mode.'));
      else reject(new ApiError('internal', `The file could not be opened (${xhr.status}).`));
    };
    xhr.onerror = () => reject(new ApiError('unavailable', 'The file could not be sent: Attune’s background service did not answer.'));
    xhr.send(source.file);
  });
}
