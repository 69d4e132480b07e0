/** Asks ffprobe what a file holds: container, first audio stream, first real video stream, duration. */
import { execFile } from 'node:child_process';
import { z } from 'zod';
import { ApiError } from '../../../shared/api/errors';
import { MESSAGES, cancelledError, notMediaError, truncatedError } from './import-errors';

export interface ProbedAudio {
  /** Index among all the file's streams (ffprobe's `index`). */
  index: number;
  /** ffprobe's codec name, e.g. `aac`; `unknown` when ffprobe cannot name it. */
  codec: string;
  channels: number;
  sampleRate: number;
}

export interface ProbedVideo {
  index: number;
  codec: string;
  width: number | null;
  height: number | null;
}

export interface ProbeResult {
  /** ffprobe's `format_name`, e.g. `mov,mp4,m4a,3gp,3g2,mj2`. */
  container: string;
  audio: ProbedAudio | null;
  /** The first video stream that is not cover art (`disposition.attached_pic`). */
  video: ProbedVideo | null;
  /** Seconds: the audio stream's duration when known, else the container's; null when neither is. */
  duration: number | null;
}

const streamSchema = z.object({
  index: z.number().int(),
  codec_type: z.string().optional(),
  codec_name: z.string().optional(),
  channels: z.number().int().optional(),
  sample_rate: z.union([z.string(), z.number()]).optional(),
  width: z.number().int().optional(),
  height: z.number().int().optional(),
  duration: z.union([z.string(), z.number()]).optional(),
  disposition: z.record(z.string(), z.unknown()).optional(),
});

const probeSchema = z.object({
  format: z
    .object({
      format_name: z.string(),
      duration: z.union([z.string(), z.number()]).optional(),
    })
    .optional(),
  streams: z.array(streamSchema).optional(),
});

type FfprobeJson = z.infer<typeof probeSchema>;
type FfprobeStream = z.infer<typeof streamSchema>;

/** Container names ffprobe gives to still images and text, which are never recordings. */
function isNonMediaFormat(formatName: string): boolean {
  return formatName === 'tty' || formatName === 'image2' || formatName.endsWith('_pipe') || formatName === 'webp';
}

function positiveNumber(value: string | number | undefined): number | null {
  if (value === undefined) return null;
  const n = typeof value === 'number' ? value : Number.parseFloat(value);
  return Number.isFinite(n) && n > 0 ? n : null;
}

/** Builds the result from ffprobe's JSON; exported for tests. Throws `not_media` for anything that is not a recording. */
export function interpretProbe(json: unknown, fileName: string): ProbeResult {
  const parsed = probeSchema.safeParse(json);
  if (!parsed.success) throw notMediaError(fileName);
  const data: FfprobeJson = parsed.data;
  const container = data.format?.format_name;
  const streams = data.streams ?? [];
  if (!container || streams.length === 0 || isNonMediaFormat(container)) throw notMediaError(fileName);

  const audioStream = streams.find((s) => s.codec_type === 'audio');
  const videoStream = streams.find((s: FfprobeStream) => s.codec_type === 'video' && s.disposition?.attached_pic !== 1);

  let audio: ProbedAudio | null = null;
  if (audioStream) {
    audio = {
      index: audioStream.index,
      codec: audioStream.codec_name ?? 'unknown',
      channels: audioStream.channels ?? 0,
      sampleRate: positiveNumber(audioStream.sample_rate) ?? 0,
    };
  }
  const video: ProbedVideo | null = videoStream
    ? {
        index: videoStream.index,
        codec: videoStream.codec_name ?? 'unknown',
        width: videoStream.width ?? null,
        height: videoStream.height ?? null,
      }
    : null;
  const duration = positiveNumber(audioStream?.duration) ?? positiveNumber(data.format?.duration);
  return { container, audio, video, duration };
}

export interface ProbeOptions {
  /** The name to use in messages (the user's file name, not our temp copy's). */
  fileName: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** Runs ffprobe on `file` (no shell) and interprets its answer. */
export function probeMedia(ffprobe: string, file: string, options: ProbeOptions): Promise<ProbeResult> {
  // `file:` so that no file name is taken for a URL or protocol.
  const args = ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', `file:${file}`];
  return new Promise<ProbeResult>((resolve, reject) => {
    execFile(
      ffprobe,
      args,
      {
        encoding: 'utf8',
        maxBuffer: 16 * 1024 * 1024,
        timeout: options.timeoutMs ?? 120_000,
        windowsHide: true,
        ...(options.signal ? { signal: options.signal } : {}),
      },
      (error, stdout, stderr) => {
        if (options.signal?.aborted) return reject(cancelledError());
        if (error) {
          const exitCode = (error as { code?: unknown }).code;
          if (typeof exitCode === 'number') {
            // ffprobe ran and refused the file. An MP4/MOV whose index ("moov atom") never got
            // written is the classic recording that was cut off before it was finished.
            if (/moov atom not found/i.test(stderr)) return reject(truncatedError());
            return reject(notMediaError(options.fileName));
          }
          console.error(`[attune:import] ffprobe could not run (${ffprobe}):`, error, stderr.slice(-1000));
          return reject(new ApiError('internal', MESSAGES.internal));
        }
        let json: unknown;
        try {
          json = JSON.parse(stdout);
        } catch {
          return reject(notMediaError(options.fileName));
        }
        try {
          resolve(interpretProbe(json, options.fileName));
        } catch (e) {
          reject(e);
        }
      },
    );
  });
}
