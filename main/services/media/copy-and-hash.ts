/** Copies the user's file into our temp folder and hashes it in the same single read pass. */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { cancelledError, emptyFileError, errnoCode, sourceFileError, throwIfAborted, toApiError } from './import-errors';

export interface CopyAndHashOptions {
  /** The user's name for the file, for messages. */
  fileName: string;
  signal?: AbortSignal;
  /** Fraction 0–1 of the bytes read so far. */
  onProgress?: (fraction: number) => void;
}

export interface CopyAndHashResult {
  /** Lower-case hex. */
  sha256: string;
  sizeBytes: number;
}

const CHUNK_BYTES = 1024 * 1024;

/** A pass-through stream that hashes and counts what flows through it. */
function hashingStream(total: number, onProgress?: (fraction: number) => void) {
  const hash = createHash('sha256');
  let bytes = 0;
  let lastReported = -1;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      bytes += chunk.length;
      if (onProgress && total > 0) {
        const fraction = Math.min(1, bytes / total);
        if (fraction - lastReported >= 0.005 || fraction === 1) {
          lastReported = fraction;
          onProgress(fraction);
        }
      }
      callback(null, chunk);
    },
  });
  return { stream, digest: () => hash.digest('hex'), bytes: () => bytes };
}

/**
 * Streams `source` into `target` (created; must not exist) while hashing it; with a null target it
 * only hashes (for a file we own already, moved into place later). The caller owns `target`
 * afterwards, also on failure: it may hold a partial copy and must be removed.
 */
export async function copyAndHash(source: string, target: string | null, options: CopyAndHashOptions): Promise<CopyAndHashResult> {
  const { signal, fileName } = options;
  throwIfAborted(signal);
  let input: fs.FileHandle;
  let total: number;
  try {
    input = await fs.open(source, 'r');
  } catch (err) {
    throw sourceFileError(err, fileName) ?? toApiError(err, 'opening the recording');
  }
  try {
    total = (await input.stat()).size;
  } catch (err) {
    await input.close();
    throw sourceFileError(err, fileName) ?? toApiError(err, 'opening the recording');
  }
  // The streams close their file handles when they end or are destroyed (pipeline destroys them on failure).
  const reader = input.createReadStream({ highWaterMark: CHUNK_BYTES });
  let readError: unknown = null;
  reader.once('error', (err) => (readError = err));
  const hasher = hashingStream(total, options.onProgress);
  try {
    let writer: Writable;
    if (target !== null) {
      const output = await fs.open(target, 'wx').catch((err: unknown) => {
        reader.destroy();
        throw err;
      });
      writer = output.createWriteStream({ highWaterMark: CHUNK_BYTES });
    } else {
      writer = new Writable({ write: (_chunk, _encoding, callback) => callback() });
    }
    await pipeline(reader, hasher.stream, writer, signal ? { signal } : {});
  } catch (err) {
    if (signal?.aborted) throw cancelledError();
    if (err === readError) throw sourceFileError(err, fileName) ?? toApiError(err, 'reading the recording');
    throw toApiError(err, 'copying the recording');
  }
  if (hasher.bytes() === 0) throw emptyFileError(fileName);
  return { sha256: hasher.digest(), sizeBytes: hasher.bytes() };
}

/** Moves a file we own into place: a rename, or copy-then-remove across file systems. */
export async function moveFile(from: string, to: string): Promise<void> {
  try {
    await fs.rename(from, to);
  } catch (err) {
    if (errnoCode(err) !== 'EXDEV') throw err;
    await fs.copyFile(from, to, fs.constants.COPYFILE_EXCL);
    await fs.rm(from, { force: true });
  }
}
