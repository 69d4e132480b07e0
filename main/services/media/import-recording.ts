/**
 * Imports one recording into the library: check the file, copy and hash it, probe it, decode it
 * into waveform peaks and transcription PCM, move the files into place, then add the database row.
 * On any failure or cancellation nothing is left behind: no temp file, no stored file, no row.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import type { ImportPhase } from '../../../shared/domain/import';
import type { MediaInfo, Session } from '../../../shared/domain/session';
import type { DataPaths } from '../data-paths';
import type { SessionStore } from '../store/session-store';
import { copyAndHash, moveFile } from './copy-and-hash';
import { DECODE_SAMPLE_RATE, decodeAudio, type DecodeResult } from './decode';
import { fsyncDir, fsyncFile } from '../files/fs-durability';
import {
  emptyFileError,
  noAudioError,
  notMediaError,
  sourceFileError,
  throwIfAborted,
  toApiError,
  truncatedError,
} from './import-errors';
import type { MediaTools } from './media-tools';
import { probeMedia, type ProbeResult } from './probe';
import { assertPlayable, extensionsForContainer } from './supported-codecs';

export interface ImportContext {
  store: SessionStore;
  paths: DataPaths;
  tools: MediaTools;
}

export interface ImportRequest {
  sourcePath: string;
  /** The name the user knows the file by (defaults to the source's base name). */
  originalName?: string;
  /** The source is our own temp upload: it is moved, not copied, and removed whatever the outcome. */
  ownsSource?: boolean;
  title?: string;
  trainee?: string;
  supervisor?: string;
}

export interface ImportOptions {
  signal?: AbortSignal;
  /** `percent` is 0–100 over the whole import and never decreases. */
  onProgress?: (phase: ImportPhase, percent: number) => void;
}

export interface ImportResult {
  kind: 'imported' | 'duplicate';
  session: Session;
}

/** Share of the whole import each phase covers, in percent. Decoding is most of the work. */
const PHASE_PERCENT: Record<Exclude<ImportPhase, 'queued'>, readonly [number, number]> = {
  copying: [0, 15],
  probing: [15, 18],
  decoding: [18, 97],
  finishing: [97, 100],
};

/** The user's name for the file: `originalName` without any folder, else the source's base name. */
export function displayName(req: Pick<ImportRequest, 'sourcePath' | 'originalName'>): string {
  const fromOriginal = req.originalName?.split(/[\\/]/).pop()?.trim();
  return fromOriginal || path.basename(req.sourcePath);
}

/** Lower-case extension without the dot, or '' when the name has none (or an odd one). */
export function extensionOf(fileName: string): string {
  const ext = path.extname(fileName).slice(1).toLowerCase();
  return /^[a-z0-9]{1,10}$/.test(ext) ? ext : '';
}

/** `2024-05-03_session_with_ANNA.m4a` → `2024-05-03 session with ANNA`. */
export function titleFromFileName(fileName: string): string {
  const ext = path.extname(fileName);
  const stem = ext && ext !== fileName ? fileName.slice(0, -ext.length) : fileName;
  const pretty = stem
    .replace(/[_]+/g, ' ')
    // hyphens and dots between words become spaces; inside dates and numbers (2024-05-03, 1.5) they stay
    .replace(/(?<=\D)[-.]+|[-.]+(?=\D)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
  if (!pretty) return 'Untitled recording';
  return pretty.charAt(0).toUpperCase() + pretty.slice(1);
}

/** The stored copy's extension: the user's if it fits the container, else the container's usual one. */
export function storedExtension(fileName: string, probe: Pick<ProbeResult, 'container' | 'video'>): string {
  const allowed = extensionsForContainer(probe.container) ?? [];
  const ext = extensionOf(fileName);
  // A video named .m4a is stored as .mp4, so it is served as video.
  if (ext === 'm4a' && probe.video) return 'mp4';
  if (allowed.includes(ext)) return ext;
  if (allowed.includes('mp4')) return probe.video ? 'mp4' : 'm4a';
  return allowed[0] ?? 'bin';
}

async function checkSource(sourcePath: string, fileName: string): Promise<void> {
  let stat;
  try {
    stat = await fs.stat(sourcePath);
  } catch (err) {
    throw sourceFileError(err, fileName) ?? err;
  }
  if (stat.isDirectory()) throw sourceFileError({ code: 'EISDIR' }, fileName) ?? new Error('EISDIR');
  if (!stat.isFile()) {
    throw new ApiError('file_unreadable', `"${fileName}" is not an ordinary file, so Attune cannot import it as a recording.`);
  }
  if (stat.size === 0) throw emptyFileError(fileName);
  try {
    await fs.access(sourcePath, fs.constants.R_OK);
  } catch (err) {
    throw sourceFileError(err, fileName) ?? err;
  }
}

type PlayableProbe = ProbeResult & { audio: NonNullable<ProbeResult['audio']> };

/** Refuses a file with no sound, or one that is not a recording or cannot be played here. */
export function validateProbe(probe: ProbeResult, fileName: string): asserts probe is PlayableProbe {
  if (!probe.audio) throw probe.video ? noAudioError() : notMediaError(fileName);
  assertPlayable(probe);
}

/** The media row of a probed and decoded recording stored as `file`. */
export function mediaInfoOf(
  file: Pick<MediaInfo, 'originalName' | 'sha256' | 'fileName' | 'peaksFileName' | 'sizeBytes'>,
  probe: PlayableProbe,
  decoded: Pick<DecodeResult, 'duration' | 'peaksChannels'>,
): MediaInfo {
  return {
    ...file,
    duration: decoded.duration,
    container: probe.container,
    audioCodec: probe.audio.codec,
    videoCodec: probe.video?.codec ?? null,
    channels: probe.audio.channels > 0 ? probe.audio.channels : decoded.peaksChannels,
    sampleRate: probe.audio.sampleRate > 0 ? probe.audio.sampleRate : DECODE_SAMPLE_RATE,
    hasVideo: probe.video !== null,
    width: probe.video?.width ?? null,
    height: probe.video?.height ?? null,
  };
}

export async function importRecording(ctx: ImportContext, req: ImportRequest, opts: ImportOptions = {}): Promise<ImportResult> {
  const { signal } = opts;
  const { paths, store, tools } = ctx;
  const sourcePath = path.resolve(req.sourcePath);
  const fileName = displayName(req);
  const ownsSource = req.ownsSource ?? false;

  let lastPercent = -1;
  const report = (phase: Exclude<ImportPhase, 'queued'>, fraction: number): void => {
    const [from, to] = PHASE_PERCENT[phase];
    const percent = Math.round((from + (to - from) * Math.min(1, Math.max(0, fraction))) * 10) / 10;
    if (percent < lastPercent) return;
    lastPercent = percent;
    opts.onProgress?.(phase, percent);
  };

  /** Files in tmpDir we created, and files we moved into the library folders. */
  const temps = new Set<string>();
  const placed: string[] = [];
  let sha256: string | null = null;
  // Stops the copy and the decode together: when the user cancels, when either fails, or when the
  // hash shows the recording is already in the library.
  const work = new AbortController();
  const stopWork = (): void => work.abort();
  signal?.addEventListener('abort', stopWork, { once: true });
  try {
    report('copying', 0);
    throwIfAborted(signal);
    await checkSource(sourcePath, fileName);
    throwIfAborted(signal);

    const jobId = randomUUID();
    const tmpMedia = path.join(paths.tmpDir, `${jobId}.${extensionOf(fileName) || 'bin'}`);
    const tmpPeaks = path.join(paths.tmpDir, `${jobId}.peaks`);
    const tmpPcm = path.join(paths.tmpDir, `${jobId}.pcm`);
    if (!ownsSource) temps.add(tmpMedia);
    temps.add(tmpPeaks);
    temps.add(tmpPcm);

    // The copy (with its hash) and the decode both read the source; they run side by side.
    let copyFraction = 0;
    let decodeFraction = 0;
    const reportWork = (): void => {
      report(decodeFraction > 0 ? 'decoding' : 'copying', decodeFraction > 0 ? Math.min(copyFraction, 1) * 0.05 + decodeFraction * 0.95 : copyFraction);
    };
    let firstFailure: unknown = null;
    const failFast = (err: unknown): never => {
      firstFailure ??= err;
      work.abort();
      throw err;
    };
    let duplicate: Session | null = null;
    let mediaSynced: Promise<void> = Promise.resolve();
    const copying = copyAndHash(sourcePath, ownsSource ? null : tmpMedia, {
      fileName,
      signal: work.signal,
      onProgress: (f) => {
        copyFraction = f;
        reportWork();
      },
    }).then((copied) => {
      duplicate = store.findBySha256(copied.sha256);
      if (duplicate) work.abort();
      // Make the copy durable while the decode goes on.
      else mediaSynced = fsyncFile(ownsSource ? sourcePath : tmpMedia);
      mediaSynced.catch(() => undefined); // awaited below
      return copied;
    }, failFast);
    const decoding = (async () => {
      const probe = await probeMedia(tools.ffprobe, sourcePath, { fileName, signal: work.signal });
      validateProbe(probe, fileName);
      const decoded = await decodeAudio({
        ffmpeg: tools.ffmpeg,
        input: sourcePath,
        sourceChannels: probe.audio.channels,
        peaksPath: tmpPeaks,
        pcmPath: tmpPcm,
        expectedDuration: probe.duration,
        signal: work.signal,
        onProgress: (f) => {
          decodeFraction = Math.max(f, 1e-6);
          reportWork();
        },
      });
      return { probe, decoded };
    })().catch(failFast);
    const [copyResult, decodeResult] = await Promise.allSettled([copying, decoding]);
    if (duplicate) {
      await removeFiles(temps);
      if (ownsSource) await fs.rm(sourcePath, { force: true });
      report('finishing', 1);
      return { kind: 'duplicate', session: duplicate };
    }
    throwIfAborted(signal);
    if (firstFailure !== null) throw firstFailure;
    if (copyResult.status === 'rejected') throw copyResult.reason;
    if (decodeResult.status === 'rejected') throw decodeResult.reason;
    const copied = copyResult.value;
    const { probe, decoded } = decodeResult.value;
    sha256 = copied.sha256;
    if (!(decoded.duration > 0)) throw truncatedError();

    report('finishing', 0);
    const mediaSource = ownsSource ? sourcePath : tmpMedia;
    await Promise.all([mediaSynced, fsyncFile(tmpPeaks), fsyncFile(tmpPcm)]);
    throwIfAborted(signal);
    // Someone else (another window, the command line) may have imported the same bytes meanwhile;
    // their stored files have the names ours would get, so stop before touching them.
    const raced = store.findBySha256(copied.sha256);
    if (raced) {
      await removeFiles(temps);
      if (ownsSource) await fs.rm(sourcePath, { force: true });
      report('finishing', 1);
      return { kind: 'duplicate', session: raced };
    }

    const mediaFileName = `${copied.sha256}.${storedExtension(fileName, probe)}`;
    const peaksFileName = `${copied.sha256}.peaks`;
    const moves: [string, string][] = [
      [mediaSource, path.join(paths.mediaDir, mediaFileName)],
      [tmpPeaks, path.join(paths.peaksDir, peaksFileName)],
      [tmpPcm, path.join(paths.pcmDir, `${copied.sha256}.pcm`)],
    ];
    for (const [from, to] of moves) {
      await moveFile(from, to);
      temps.delete(from);
      placed.push(to);
    }
    await Promise.all([fsyncDir(paths.mediaDir), fsyncDir(paths.peaksDir), fsyncDir(paths.pcmDir)]);
    throwIfAborted(signal);

    const media = mediaInfoOf(
      { originalName: fileName, sha256: copied.sha256, fileName: mediaFileName, peaksFileName, sizeBytes: copied.sizeBytes },
      probe,
      decoded,
    );
    // The last step, and one transaction: until it commits, the import has left no trace.
    const session = store.create(
      {
        title: req.title?.trim() || titleFromFileName(fileName),
        trainee: req.trainee?.trim() ?? '',
        supervisor: req.supervisor?.trim() ?? '',
      },
      media,
    );
    report('finishing', 1);
    return { kind: 'imported', session };
  } catch (err) {
    const failure = toApiError(err, `importing "${fileName}"`);
    await removeFiles(temps);
    await removePlaced(placed, sha256, store);
    if (ownsSource) await fs.rm(sourcePath, { force: true }).catch(() => undefined);
    throw failure;
  } finally {
    signal?.removeEventListener('abort', stopWork);
  }
}

async function removeFiles(files: Iterable<string>): Promise<void> {
  await Promise.all(
    [...files].map((f) =>
      fs.rm(f, { force: true }).catch((err: unknown) => console.error(`[attune:import] could not remove ${f}:`, err)),
    ),
  );
}

/** Removes files we moved into the library, unless a row refers to them (then they are not ours to remove). */
async function removePlaced(placed: string[], sha256: string | null, store: SessionStore): Promise<void> {
  if (placed.length === 0) return;
  let referenced: boolean;
  try {
    referenced = sha256 !== null && store.findBySha256(sha256) !== null;
  } catch (err) {
    // The database is gone (the app is closing): leave the files to the next start's orphan sweep.
    console.error('[attune:import] could not check for a stored row; leaving files to the orphan sweep:', err);
    return;
  }
  if (!referenced) await removeFiles(placed);
}
