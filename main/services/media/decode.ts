/**
 * Decodes a recording's first audio stream once, with one ffmpeg process, into:
 *  (a) 16 kHz s16le PCM with the recording's channels (1 or 2; more are downmixed to stereo), folded
 *      into waveform peaks that are written to the peaks file as they arrive;
 *  (b) 16 kHz mono s16le PCM for transcription at `pcmPath`: for a mono recording the very file
 *      ffmpeg writes, for a stereo one the average (L+R)/2 we write beside it.
 * ffmpeg resamples once and writes one stream, to a file that we read as it grows. A second ffmpeg
 * output would resample twice, and a pipe (64 KiB) stalls ffmpeg whenever we pause to work; both
 * cost more than this (see `npm run bench`). Nothing is held in memory beyond a read chunk and a
 * write batch.
 *
 * Why 16 kHz for the peaks too: one bucket is then exactly 160 frames (no drift over hours), the
 * sample count has 62.5 µs resolution for the duration, and the waveform of speech looks the same
 * as at 44.1/48 kHz while costing a third of the work.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import { ApiError } from '../../../shared/api/errors';
import { PEAKS_BUCKETS_PER_SECOND, PEAKS_HEADER_BYTES, encodePeaksHeader } from '../../../shared/media/peaks-format';
import { MESSAGES, cancelledError, diskFullError, truncatedError } from './import-errors';
import { OutputTail } from './output-tail';
import { PcmFrameSplitter } from './pcm-frames';
import { PeaksAccumulator } from './peaks-accumulator';

export const DECODE_SAMPLE_RATE = 16_000;
const WRITE_BATCH_BYTES = 1024 * 1024;
const BIG_ENDIAN_HOST = os.endianness() === 'BE';

export interface DecodeOptions {
  ffmpeg: string;
  /** The recording (our temp copy). */
  input: string;
  /** Channel count of the source's audio stream, from ffprobe. */
  sourceChannels: number;
  /** Where to write the waveform peaks file. */
  peaksPath: string;
  /** Where ffmpeg writes the 16 kHz mono PCM. */
  pcmPath: string;
  /** Probed duration in seconds, for progress; null when unknown (then no progress is reported). */
  expectedDuration: number | null;
  signal?: AbortSignal;
  /** Fraction 0–1 of the expected duration decoded so far. */
  onProgress?: (fraction: number) => void;
}

export interface DecodeResult {
  /** Frames (samples per channel) decoded at DECODE_SAMPLE_RATE. */
  frames: number;
  /** Seconds: frames / DECODE_SAMPLE_RATE. */
  duration: number;
  /** Channels in the peaks file (1 or 2). */
  peaksChannels: number;
  bucketCount: number;
}

/** ffmpeg's arguments: one input, one raw PCM output file. Paths get the `file:` protocol so no name is read as a URL. */
export function decodeArgs(input: string, channels: number, output: string): string[] {
  return [
    '-nostdin',
    '-hide_banner',
    '-v',
    'error',
    '-i',
    `file:${input}`,
    '-map',
    '0:a:0',
    '-ac',
    String(channels),
    '-ar',
    String(DECODE_SAMPLE_RATE),
    '-c:a',
    'pcm_s16le',
    '-f',
    's16le',
    '-y',
    `file:${output}`,
  ];
}

/** Stereo frames → mono samples, (L+R)/2. */
export function downmixToMono(stereo: Int16Array): Int16Array {
  const frames = stereo.length >> 1;
  const mono = new Int16Array(frames);
  for (let i = 0, j = 0; i < frames; i++, j += 2) mono[i] = ((stereo[j] as number) + (stereo[j + 1] as number)) >> 1;
  return mono;
}

/** Appends byte chunks to an open file in batches, so a pipe chunk does not cost a write call. */
class BatchedWriter {
  private batch: Uint8Array[] = [];
  private bytes = 0;
  constructor(private readonly file: fs.FileHandle) {}
  add(data: Uint8Array): void {
    if (data.byteLength === 0) return;
    this.batch.push(data);
    this.bytes += data.byteLength;
  }
  get pending(): number {
    return this.bytes;
  }
  async flush(): Promise<void> {
    if (this.bytes === 0) return;
    const data = this.batch.length === 1 ? (this.batch[0] as Uint8Array) : Buffer.concat(this.batch, this.bytes);
    this.batch = [];
    this.bytes = 0;
    await this.file.write(data);
  }
}

/** ffmpeg's stderr lines that mean the file ends before its data does, even when ffmpeg exits 0. */
const TRUNCATION_SIGNS = /partial file|moov atom not found|ends prematurely|end of file reached before/i;
const DISK_FULL_SIGNS = /No space left on device|Disk quota exceeded/i;

function leBytes(samples: Int16Array): Uint8Array {
  const bytes = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  return BIG_ENDIAN_HOST ? Buffer.from(bytes).swap16() : bytes;
}

const READ_CHUNK_BYTES = 1024 * 1024;
const BACKGROUND_SYNC_BYTES = 64 * 1024 * 1024;
/** How long to wait for ffmpeg to write more when we have caught up with it. */
const FOLLOW_POLL_MS = 4;

export async function decodeAudio(options: DecodeOptions): Promise<DecodeResult> {
  const { signal } = options;
  if (signal?.aborted) throw cancelledError();
  const peaksChannels = options.sourceChannels >= 2 ? 2 : 1;
  const splitter = new PcmFrameSplitter(peaksChannels);
  const peaks = new PeaksAccumulator(peaksChannels, DECODE_SAMPLE_RATE, PEAKS_BUCKETS_PER_SECOND);
  const stderr = new OutputTail(4096);
  // Mono: ffmpeg writes the transcription PCM itself. Stereo: ffmpeg writes the stereo stream to a
  // scratch file next to it, removed at the end, and we write the mono mix.
  const decodedPath = peaksChannels === 1 ? options.pcmPath : `${options.pcmPath}.stereo`;

  const peaksFile = await fs.open(options.peaksPath, 'w');
  const opened: fs.FileHandle[] = [peaksFile];
  try {
    const decodedFile = await fs.open(decodedPath, 'w+');
    opened.push(decodedFile);
    const monoFile = peaksChannels === 2 ? await fs.open(options.pcmPath, 'w') : null;
    if (monoFile) opened.push(monoFile);
    await peaksFile.write(encodePeaksHeader({ channels: peaksChannels, bucketsPerSecond: PEAKS_BUCKETS_PER_SECOND, sampleRate: DECODE_SAMPLE_RATE, bucketCount: 0 }));
    const peaksOut = new BatchedWriter(peaksFile);
    const monoOut = monoFile ? new BatchedWriter(monoFile) : null;

    const child = spawn(options.ffmpeg, decodeArgs(options.input, peaksChannels, decodedPath), {
      stdio: ['ignore', 'ignore', 'pipe'],
      windowsHide: true,
    });
    let running = true;
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
      child.once('error', (err) => {
        running = false;
        reject(err);
      });
      child.once('close', (code, sig) => {
        running = false;
        resolve({ code, signal: sig });
      });
    });
    exited.catch(() => undefined); // observed below; avoid an unhandled rejection while we read
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const kill = (): void => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    };
    signal?.addEventListener('abort', kill, { once: true });

    let frames = 0;
    let lastReported = -1;
    let position = 0;
    // Flush what is written so far to disk now and then, in the background, so the fsync that makes
    // the import durable at the end has little left to do.
    let syncing: Promise<unknown> | null = null;
    let syncedTo = 0;
    const buffer = Buffer.allocUnsafe(READ_CHUNK_BYTES);
    try {
      // Follow the file as ffmpeg writes it; once ffmpeg has exited, read what is left.
      for (;;) {
        if (signal?.aborted) throw cancelledError();
        const finished = !running;
        const { bytesRead } = await decodedFile.read(buffer, 0, READ_CHUNK_BYTES, position);
        if (bytesRead === 0) {
          if (finished) break;
          await new Promise((resolve) => setTimeout(resolve, FOLLOW_POLL_MS));
          continue;
        }
        position += bytesRead;
        const samples = splitter.push(buffer.subarray(0, bytesRead));
        frames += samples.length / peaksChannels;
        peaksOut.add(leBytes(peaks.push(samples)));
        if (monoOut) {
          monoOut.add(leBytes(downmixToMono(samples)));
          if (monoOut.pending >= WRITE_BATCH_BYTES) await monoOut.flush();
        }
        if (peaksOut.pending >= WRITE_BATCH_BYTES) await peaksOut.flush();
        if (!syncing && position - syncedTo >= BACKGROUND_SYNC_BYTES) {
          syncedTo = position;
          syncing = Promise.all([decodedFile.datasync(), monoFile?.datasync()]).finally(() => (syncing = null));
        }
        if (options.onProgress && options.expectedDuration) {
          const fraction = Math.min(1, frames / DECODE_SAMPLE_RATE / options.expectedDuration);
          if (fraction - lastReported >= 0.001) {
            lastReported = fraction;
            options.onProgress(fraction);
          }
        }
      }
      await Promise.all([monoOut?.flush(), peaksOut.flush(), syncing]);
    } catch (err) {
      await syncing?.catch(() => undefined);
      kill();
      await exited.catch(() => undefined);
      if (signal?.aborted) throw cancelledError();
      if (isDiskFull(err)) throw diskFullError();
      throw err;
    } finally {
      signal?.removeEventListener('abort', kill);
    }

    let exit: { code: number | null; signal: NodeJS.Signals | null };
    try {
      exit = await exited;
    } catch (err) {
      console.error(`[attune:import] ffmpeg could not run (${options.ffmpeg}):`, err);
      throw new ApiError('internal', MESSAGES.internal);
    }
    if (signal?.aborted) throw cancelledError();
    const reason = stderr.summary();
    if (DISK_FULL_SIGNS.test(stderr.toString())) throw diskFullError();
    if (exit.code !== 0) {
      if (exit.code === null || /Permission denied/i.test(stderr.toString())) {
        console.error(`[attune:import] ffmpeg stopped (exit ${exit.code ?? exit.signal}): ${reason}`);
        throw new ApiError('internal', MESSAGES.internal);
      }
      console.warn(`[attune:import] ffmpeg could not decode the recording (exit ${exit.code}): ${reason}`);
      throw truncatedError();
    }
    if (TRUNCATION_SIGNS.test(stderr.toString()) || frames === 0) {
      console.warn(`[attune:import] recording is incomplete (${frames} frames decoded): ${reason || 'no audio decoded'}`);
      throw truncatedError();
    }
    if (splitter.pendingBytes !== 0) {
      console.warn(`[attune:import] ffmpeg output ended inside a frame (${splitter.pendingBytes} bytes dropped)`);
    }
    if (reason) console.warn(`[attune:import] ffmpeg reported problems it worked around: ${reason}`);

    try {
      peaksOut.add(leBytes(peaks.finish()));
      await peaksOut.flush();
      await peaksFile.write(
        encodePeaksHeader({
          channels: peaksChannels,
          bucketsPerSecond: PEAKS_BUCKETS_PER_SECOND,
          sampleRate: DECODE_SAMPLE_RATE,
          bucketCount: peaks.bucketCount,
        }),
        0,
        PEAKS_HEADER_BYTES,
        0,
      );
    } catch (err) {
      if (isDiskFull(err)) throw diskFullError();
      throw err;
    }
    options.onProgress?.(1);
    return { frames, duration: frames / DECODE_SAMPLE_RATE, peaksChannels, bucketCount: peaks.bucketCount };
  } finally {
    await Promise.all(opened.map((f) => f.close()));
    if (decodedPath !== options.pcmPath) await fs.rm(decodedPath, { force: true });
  }
}

function isDiskFull(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}
