/**
 * Writing an export file safely: checked first (the folder exists, the file is not there unless
 * replacing it is allowed), written under a hidden temp name in the target folder, flushed to the
 * disk, then renamed into place. A failure, a cancel or a full disk leaves no file behind.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import { fsyncDir, fsyncFile } from '../media/fs-durability';

const quoted = (text: string): string => `“${text}”`;

export interface ExportTarget {
  /** Absolute path of the file to write. */
  file: string;
  folder: string;
  name: string;
  overwrite: boolean;
}

/**
 * Checks where an export goes: an absolute path, in a folder that exists, naming a file (not a
 * folder) that is not there yet unless `overwrite`. `createFolder` makes the folder first (the
 * default export folder is made on first use; any other folder must exist).
 */
export function checkTarget(outPath: string, overwrite: boolean, createFolder = false): ExportTarget {
  if (!path.isAbsolute(outPath)) throw new ApiError('invalid_input', 'Choose a full path to save the export to.');
  const file = path.resolve(outPath);
  const folder = path.dirname(file);
  const name = path.basename(file);
  if (name === '' || file === folder) throw new ApiError('invalid_input', 'Choose a file name to save the export as.');
  if (createFolder) {
    try {
      fs.mkdirSync(folder, { recursive: true });
    } catch (error) {
      throw writeError(error, { file, folder, name, overwrite });
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
  if (existing && !overwrite) throw fileExists({ file, folder, name, overwrite });
  return { file, folder, name, overwrite };
}

function fileExists(target: ExportTarget): ApiError {
  return new ApiError('file_exists', `${quoted(target.name)} already exists in ${target.folder}. Replace it?`);
}

/** An error while writing, in plain words. */
export function writeError(error: unknown, target: ExportTarget): ApiError {
  if (error instanceof ApiError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new ApiError('disk_full', `There is not enough free disk space in ${target.folder} to save ${quoted(target.name)}. Free some space and try again.`);
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new ApiError('forbidden', `Attune is not allowed to save files in ${target.folder}. Choose another folder.`);
  }
  if (code === 'ENOENT') return new ApiError('file_missing', `The folder ${target.folder} does not exist.`);
  if (code === 'ENAMETOOLONG') return new ApiError('invalid_input', 'That file name is too long; choose a shorter one.');
  return new ApiError('internal', `${quoted(target.name)} could not be saved (${code ?? 'unexpected error'}).`);
}

const cancelled = (): ApiError => new ApiError('cancelled', 'The export was cancelled.');

/**
 * Runs `produce` to write the export at a temp path next to the target, then flushes it and moves
 * it into place; answers the size in bytes. Without `overwrite`, a file that appeared at the target
 * meanwhile is not replaced (a hard link claims the name atomically where the disk supports it).
 */
export async function writeExportFile(target: ExportTarget, produce: (tempFile: string) => Promise<void>, signal: AbortSignal): Promise<number> {
  const temp = path.join(target.folder, `.${target.name.slice(0, 120)}.${randomUUID().slice(0, 8)}.part`);
  try {
    if (signal.aborted) throw cancelled();
    await produce(temp);
    if (signal.aborted) throw cancelled();
    await fsyncFile(temp);
    if (signal.aborted) throw cancelled();
    await moveIntoPlace(temp, target);
    await fsyncDir(target.folder);
    return (await fsp.stat(target.file)).size;
  } catch (error) {
    await fsp.rm(temp, { force: true }).catch(() => undefined);
    throw signal.aborted ? cancelled() : writeError(error, target);
  }
}

async function moveIntoPlace(temp: string, target: ExportTarget): Promise<void> {
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

/** Writes bytes or text to a new file, flushed. */
export async function writeNewFile(file: string, content: string | Uint8Array): Promise<void> {
  await fsp.writeFile(file, content, { flag: 'wx' });
}
