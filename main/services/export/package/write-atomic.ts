/** Writes a whole file through a temp file in the same folder, fsync and a rename: a failure or a full disk leaves no partial file. */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ApiError } from '../../../../shared/api/errors';
import { fsyncDir } from '../../media/fs-durability';

export async function writeFileAtomic(target: string, bytes: Uint8Array, options: { overwrite: boolean; signal?: AbortSignal }): Promise<void> {
  const file = path.resolve(target);
  const existing = await fs.stat(file).catch(() => null);
  if (existing?.isDirectory()) throw new ApiError('invalid_input', `${target} is a folder; name a file to write.`);
  if (existing && !options.overwrite) throw new ApiError('file_exists', `${target} already exists.`);
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomUUID()}.tmp`);
  let handle: fs.FileHandle | null = null;
  try {
    handle = await fs.open(temp, 'wx');
    await handle.writeFile(bytes);
    await handle.sync();
    await handle.close();
    handle = null;
    if (options.signal?.aborted) throw new ApiError('cancelled', 'The export was cancelled.');
    await fs.rename(temp, file);
    await fsyncDir(path.dirname(file));
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    if (error instanceof ApiError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ApiError('file_missing', `The folder of ${target} does not exist.`);
    if (code === 'ENOSPC') throw new ApiError('disk_full', `There is not enough disk space to write ${target}.`);
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new ApiError('forbidden', `Attune may not write to the folder of ${target}.`);
    throw new ApiError('internal', `${target} could not be written (${code ?? String(error)}).`);
  }
}
