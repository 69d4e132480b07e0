/**
 * Writing a file into place all at once: checked first (the folder exists, the name is not a
 * folder, no file is there unless replacing it is allowed), written under a hidden temp name in the
 * target folder, flushed to the disk, then moved into place. A failure, a cancel or a full disk
 * leaves the old file or none, never half a file, and no temp file behind.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import { fsyncDir, fsyncFile } from './fs-durability';

const quoted = (text: string): string => `“${text}”`;

export interface WriteTarget {
  /** Absolute path of the file to write. */
  file: string;
  folder: string;
  name: string;
  /** Whether a file already there may be replaced. */
  overwrite: boolean;
}

/**
 * Checks where a file goes: in a folder that exists, naming a file (not a folder) that is not there
 * yet unless `overwrite`. `createFolder` makes the folder first. A relative path is taken from the
 * working folder.
 */
export function checkTarget(outPath: string, overwrite: boolean, createFolder = false): WriteTarget {
  const file = path.resolve(outPath);
  const folder = path.dirname(file);
  const name = path.basename(file);
  if (name === '' || file === folder) throw new ApiError('invalid_input', 'Choose a file name to save the export as.');
  const target = { file, folder, name, overwrite };
  if (createFolder) {
    try {
      fs.mkdirSync(folder, { recursive: true });
    } catch (error) {
      throw writeError(error, target);
    }
  }
  let folderStat: fs.Stats;
  try {
    folderStat = fs.statSync(folder);
  } catch {
    throw new ApiError('file_missing', `The folder ${folder} does not exist.`);
  }
  if (!folderStat.isDirectory()) throw new ApiError('invalid_input', `${folder} is a file, not a folder.`);
  const existing = fs.statSync(file, { throwIfNoEntry: false });
  if (existing?.isDirectory()) throw new ApiError('invalid_input', `${quoted(name)} is a folder in ${folder}; choose another name.`);
  if (existing && !overwrite) throw fileExists(target);
  return target;
}

function fileExists(target: WriteTarget): ApiError {
  return new ApiError('file_exists', `${quoted(target.name)} already exists in ${target.folder}. Replace it?`);
}

/** An error while writing, in plain words. */
export function writeError(error: unknown, target: WriteTarget): ApiError {
  if (error instanceof ApiError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new ApiError('disk_full', `There is not enough free disk space in ${target.folder} to save ${quoted(target.name)}. Free some space and try again.`);
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new ApiError('forbidden', `Attune is not allowed to save files in ${target.folder}. Choose another folder.`);
  }
  if (code === 'ENOENT' || code === 'ENOTDIR') return new ApiError('file_missing', `The folder ${target.folder} does not exist.`);
  if (code === 'ENAMETOOLONG') return new ApiError('invalid_input', 'That file name is too long; choose a shorter one.');
  return new ApiError('internal', `${quoted(target.name)} could not be saved (${code ?? 'unexpected error'}).`);
}

const cancelled = (): ApiError => new ApiError('cancelled', 'The export was cancelled.');

/** What to write: bytes or text, or a function that writes the (not yet existing) temp file itself. */
export type FileContent = Uint8Array | string | ((tempFile: string) => Promise<void>);

/**
 * Writes `content` at a temp path next to the target, flushes it and moves it into place; answers
 * the size in bytes. Without `overwrite`, a file that appeared at the target meanwhile is not
 * replaced (a hard link claims the name atomically where the disk supports it).
 */
export async function writeAtomically(target: WriteTarget, content: FileContent, signal?: AbortSignal): Promise<number> {
  const temp = path.join(target.folder, `.${target.name.slice(0, 120)}.${randomUUID().slice(0, 8)}.part`);
  try {
    if (signal?.aborted) throw cancelled();
    if (typeof content === 'function') await content(temp);
    else await fsp.writeFile(temp, content, { flag: 'wx' });
    if (signal?.aborted) throw cancelled();
    await fsyncFile(temp);
    if (signal?.aborted) throw cancelled();
    await moveIntoPlace(temp, target);
    await fsyncDir(target.folder);
    return (await fsp.stat(target.file)).size;
  } catch (error) {
    await fsp.rm(temp, { force: true }).catch(() => undefined);
    throw signal?.aborted ? cancelled() : writeError(error, target);
  }
}

/** Checks the target, then writes `content` there atomically (see checkTarget and writeAtomically). */
export async function writeFileAtomically(outPath: string, content: FileContent, options: { overwrite: boolean; signal?: AbortSignal }): Promise<number> {
  return writeAtomically(checkTarget(outPath, options.overwrite), content, options.signal);
}

async function moveIntoPlace(temp: string, target: WriteTarget): Promise<void> {
  if (target.overwrite) {
    await fsp.rename(temp, target.file);
    return;
  }
  try {
    await fsp.link(temp, target.file);
    await fsp.rm(temp, { force: true });
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw fileExists(target);
    // No hard links on this disk (FAT, some network drives): check, then rename.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV' && code !== 'ENOSYS' && code !== 'EMLINK') throw error;
  }
  if (fs.existsSync(target.file)) throw fileExists(target);
  await fsp.rename(temp, target.file);
}
