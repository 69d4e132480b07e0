/**
 * The audio prepared for transcription (`pcm/<sha256>.pcm`, 16 kHz mono) is a cache: "Clear caches"
 * removes it and backups leave it out. This prepares it again from the stored recording when it is
 * missing — written under a temp name and moved into place, so a half-decoded file never appears.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { MediaInfo } from '../../../shared/domain/session';
import type { DataPaths } from '../data-paths';
import { fsyncDir, fsyncFile } from '../files/fs-durability';
import { decodeAudio } from '../media/decode';
import { cancelledError } from '../media/import-errors';
import type { MediaTools } from '../media/media-tools';
import { overwriteAndRemove } from '../files/overwrite';

export function pcmPathOf(paths: DataPaths, media: Pick<MediaInfo, 'sha256'>): string {
  return path.join(paths.pcmDir, `${media.sha256}.pcm`);
}

/**
 * Answers the PCM path, decoding the recording first when the cache is missing. Once `signal` is
 * aborted nothing is moved into place, not even a file already decoded in full (the session may be
 * being deleted): the temp file is removed and this rejects with `cancelled`. `onProgress` gets the
 * decoded fraction (0–1).
 */
export async function ensurePcm(
  paths: DataPaths,
  tools: MediaTools,
  media: MediaInfo,
  signal?: AbortSignal,
  onProgress?: (fraction: number) => void,
): Promise<string> {
  const target = pcmPathOf(paths, media);
  if (fs.existsSync(target)) return target;
  const id = randomUUID();
  const tmpPcm = path.join(paths.tmpDir, `${id}.pcm`);
  const tmpPeaks = path.join(paths.tmpDir, `${id}.peaks`);
  try {
    await decodeAudio({
      ffmpeg: tools.ffmpeg,
      input: path.join(paths.mediaDir, media.fileName),
      sourceChannels: media.channels,
      peaksPath: tmpPeaks,
      pcmPath: tmpPcm,
      expectedDuration: media.duration,
      ...(signal ? { signal } : {}),
      ...(onProgress ? { onProgress } : {}),
    });
    await fsyncFile(tmpPcm);
    if (signal?.aborted) throw cancelledError();
    await fsp.rename(tmpPcm, target);
    await fsyncDir(paths.pcmDir);
    return target;
  } finally {
    // Cancelled (perhaps because the session is being deleted): the decoded audio is overwritten too.
    if (signal?.aborted) await overwriteAndRemove(tmpPcm).catch((error: unknown) => console.error('[attune] could not overwrite a cancelled audio cache:', error));
    await Promise.all([fsp.rm(tmpPcm, { force: true }), fsp.rm(tmpPeaks, { force: true })]);
  }
}
