/**
 * Removing a recording so its bytes are not simply left on the disk: the file is overwritten with
 * random bytes in place (in chunks), flushed to the disk, and only then unlinked. Random rather than
 * zeros, so a compressing file system still writes every block. A file that cannot be opened for
 * writing is made writable once and tried again; one that still cannot be overwritten is left where
 * it is (never unlinked with its bytes intact) for the start-up sweep to try again.
 *
 * `overwriteAndRemove` works off the event loop (a deletion while the app runs); the synchronous
 * `overwriteAndRemoveSync` is for the start-up sweep, before the app serves anything.
 */
import { randomFillSync } from 'node:crypto';
import fsSync from 'node:fs';
import fs from 'node:fs/promises';

const CHUNK_BYTES = 1 << 20;

const codeOf = (error: unknown): unknown => (error as NodeJS.ErrnoException).code;
/** Errors after which making the file writable may let it be opened for writing. */
const MAY_BE_READ_ONLY = new Set(['EACCES', 'EPERM']);

function randomChunk(size: number): Buffer {
  return randomFillSync(Buffer.alloc(Math.max(1, Math.min(size, CHUNK_BYTES))));
}

async function openForOverwrite(file: string): Promise<fs.FileHandle | null> {
  try {
    return await fs.open(file, 'r+');
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return null;
    if (!MAY_BE_READ_ONLY.has(codeOf(error) as string)) throw error;
    await fs.chmod(file, 0o600);
    return fs.open(file, 'r+');
  }
}

/** Overwrites `file` in place, syncs it and removes it; answers its size, or null when there was no file. Throws (leaving the file) when it cannot be overwritten. */
export async function overwriteAndRemove(file: string): Promise<number | null> {
  const handle = await openForOverwrite(file);
  if (handle === null) return null;
  let size: number;
  try {
    size = (await handle.stat()).size;
    const chunk = randomChunk(size);
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

function openForOverwriteSync(file: string): number | null {
  try {
    return fsSync.openSync(file, 'r+');
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return null;
    if (!MAY_BE_READ_ONLY.has(codeOf(error) as string)) throw error;
    fsSync.chmodSync(file, 0o600);
    return fsSync.openSync(file, 'r+');
  }
}

/** The same, synchronously (one chunk at a time): for the start-up sweep. */
export function overwriteAndRemoveSync(file: string): number | null {
  const fd = openForOverwriteSync(file);
  if (fd === null) return null;
  let size: number;
  try {
    size = fsSync.fstatSync(fd).size;
    const chunk = randomChunk(size);
    for (let position = 0; position < size; position += chunk.length) {
      fsSync.writeSync(fd, chunk, 0, Math.min(chunk.length, size - position), position);
    }
    fsSync.fsyncSync(fd);
  } finally {
    fsSync.closeSync(fd);
  }
  fsSync.rmSync(file, { force: true });
  return size;
}

/** Removes `file` without overwriting it (derived data such as waveform peaks); answers its size, or null when there was none. */
export async function removeFile(file: string): Promise<number | null> {
  try {
    const { size } = await fs.stat(file);
    await fs.rm(file, { force: true });
    return size;
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return null;
    throw error;
  }
}
