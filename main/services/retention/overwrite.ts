/**
 * Removing a recording so its bytes are not simply left on the disk: the file is overwritten with
 * random bytes in place (in chunks, off the event loop), flushed to the disk, and only then unlinked.
 * Random rather than zeros, so a compressing file system still writes every block.
 */
import { randomFillSync } from 'node:crypto';
import fs from 'node:fs/promises';

const CHUNK_BYTES = 1 << 20;

/** Overwrites `file` in place, syncs it and removes it; answers its size, or null when there was no file. */
export async function overwriteAndRemove(file: string): Promise<number | null> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r+');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let size: number;
  try {
    size = (await handle.stat()).size;
    const chunk = randomFillSync(Buffer.alloc(Math.max(1, Math.min(size, CHUNK_BYTES))));
    for (let position = 0; position < size; position += chunk.length) {
      await handle.write(chunk, 0, Math.min(chunk.length, size - position), position);
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rm(file, { force: true });
  return size;
}

/** Removes `file` without overwriting it (derived data such as waveform peaks); answers its size, or null when there was none. */
export async function removeFile(file: string): Promise<number | null> {
  try {
    const { size } = await fs.stat(file);
    await fs.rm(file, { force: true });
    return size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
