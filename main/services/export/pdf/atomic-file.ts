/**
 * Writing an export into place all at once: a temporary name in the target folder, flushed to the
 * disk, then renamed over the target. A crash or a full disk leaves either the old file or none,
 * never half a file (the temporary one is removed on failure).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ApiError } from '../../../../shared/api/errors';
import { fsyncDir } from '../../media/fs-durability';

function errnoOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

/** A failed write as a plain-words ApiError naming the folder. */
export function writeError(error: unknown, target: string): ApiError {
  if (error instanceof ApiError) return error;
  const folder = path.dirname(target);
  switch (errnoOf(error)) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new ApiError('disk_full', `There is not enough free disk space to save “${path.basename(target)}”. Free some space and try again.`);
    case 'ENOENT':
    case 'ENOTDIR':
      return new ApiError('file_missing', `The folder “${folder}” does not exist any more. Choose another place to save.`);
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new ApiError('forbidden', `Attune may not write to the folder “${folder}”. Choose another place to save.`);
    default:
      return new ApiError('internal', `“${path.basename(target)}” could not be saved (${errnoOf(error) ?? String(error)}).`);
  }
}

/** Refuses early when the folder to save into is missing, before any slow work is done. */
export async function checkTargetFolder(target: string): Promise<void> {
  const folder = path.dirname(path.resolve(target));
  try {
    if (!(await fs.stat(folder)).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
  } catch (error) {
    throw writeError(error, target);
  }
}

/** Writes `data` to `target` atomically and durably (replacing any file there). */
export async function writeFileAtomically(target: string, data: Uint8Array | string): Promise<void> {
  const resolved = path.resolve(target);
  const folder = path.dirname(resolved);
  const temp = path.join(folder, `.${path.basename(resolved)}.${randomBytes(6).toString('hex')}.partial`);
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(temp, 'wx');
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(temp, resolved);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw writeError(error, resolved);
  }
  await fsyncDir(folder);
}
