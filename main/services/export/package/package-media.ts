/**
 * The media of a feedback package, made with ffmpeg: clips around annotations, or the whole
 * recording; with de-identification, metadata is stripped (a recording's tags can hold a name) and,
 * when asked, the listed words are bleeped: the audio is silenced over each stretch and a 1 kHz tone
 * plays there instead.
 *
 * Clips: audio is re-encoded to AAC (so cuts are exact, not at the nearest key frame) in `.m4a`; a
 * video recording's clips are re-encoded to H.264 (ultrafast preset, modest quality) with AAC in
 * `.mp4` — a clip is short, so this costs little and every clip starts exactly where it should.
 */
import { spawn } from 'node:child_process';
import { ApiError } from '../../../../shared/api/errors';
import { OutputTail } from '../../media/output-tail';

export interface TimeSpan {
  start: number;
  end: number;
}

/** Tone loudness: the sine source is at 1/8 of full scale; this lifts it to half (about −9 dBFS RMS). */
const TONE_GAIN = 4;

const secondsArg = (s: number): string => Math.max(0, s).toFixed(3);

/** The `enable` expression true inside any of the spans (times relative to the output's start). */
function insideAny(spans: readonly TimeSpan[]): string {
  return spans.map((s) => `between(t,${secondsArg(s.start)},${secondsArg(s.end)})`).join('+');
}

/**
 * A filter graph taking `[0:a:0]` to `[bleeped]`: silenced over the spans, a 1 kHz tone mixed in over
 * the same spans. Null when there is nothing to bleep.
 */
export function bleepFilter(spans: readonly TimeSpan[], sampleRate: number): string | null {
  if (spans.length === 0) return null;
  const inside = insideAny(spans);
  return [
    `[0:a:0]volume=volume=0:enable='${inside}'[muted]`,
    `sine=frequency=1000:sample_rate=${Math.round(sampleRate)},volume=volume=${TONE_GAIN},volume=volume=0:enable='not(${inside})'[tone]`,
    // amix halves each of its two inputs; doubling afterwards gives the recording back at its own level.
    `[muted][tone]amix=inputs=2:duration=first:dropout_transition=0,volume=volume=2[bleeped]`,
  ].join(';');
}

/** The spans inside [from, to], shifted so `from` is 0. */
export function spansWithin(spans: readonly TimeSpan[], from: number, to: number): TimeSpan[] {
  return spans
    .filter((s) => s.end > from && s.start < to)
    .map((s) => ({ start: Math.max(0, s.start - from), end: Math.min(to, s.end) - from }));
}

export function runFfmpeg(ffmpeg: string, args: string[], signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new ApiError('cancelled', 'The export was cancelled.'));
      return;
    }
    const child = spawn(ffmpeg, ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    const tail = new OutputTail();
    child.stderr.on('data', (chunk: Buffer) => tail.push(chunk));
    const abort = (): void => {
      child.kill('SIGKILL');
    };
    signal?.addEventListener('abort', abort, { once: true });
    child.once('error', (error) => {
      signal?.removeEventListener('abort', abort);
      reject(new ApiError('internal', `ffmpeg could not start: ${error.message}`));
    });
    child.once('close', (code) => {
      signal?.removeEventListener('abort', abort);
      if (signal?.aborted) reject(new ApiError('cancelled', 'The export was cancelled.'));
      else if (code === 0) resolve();
      else reject(new ApiError('internal', `ffmpeg could not prepare the media (${tail.summary() || `exit ${String(code)}`}).`));
    });
  });
}

export interface ClipRequest {
  input: string;
  output: string;
  start: number;
  end: number;
  hasVideo: boolean;
  sampleRate: number;
  /** Spans to bleep, in recording time. */
  bleep: readonly TimeSpan[];
}

export function clipArgs(req: ClipRequest): string[] {
  const duration = req.end - req.start;
  const filter = bleepFilter(spansWithin(req.bleep, req.start, req.end), req.sampleRate);
  const args = ['-ss', secondsArg(req.start), '-t', secondsArg(duration), '-i', req.input];
  if (filter) args.push('-filter_complex', filter, '-map', '[bleeped]');
  else args.push('-map', '0:a:0');
  if (req.hasVideo) args.push('-map', '0:v:0', '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '28', '-pix_fmt', 'yuv420p');
  args.push('-c:a', 'aac', '-b:a', '96k', '-map_metadata', '-1', '-map_chapters', '-1', '-movflags', '+faststart', '-f', 'mp4', req.output);
  return args;
}

export interface FullRequest {
  input: string;
  output: string;
  hasVideo: boolean;
  sampleRate: number;
  bleep: readonly TimeSpan[];
  /** The container muxer for a metadata-stripped copy without bleeping (the source's own). */
  copyFormat: string | null;
}

/**
 * The whole recording for a de-identified package: with spans to bleep, the audio re-encoded to AAC
 * (video copied) in MP4; without, a copy of every stream with the metadata removed.
 */
export function fullArgs(req: FullRequest): string[] {
  const filter = bleepFilter(req.bleep, req.sampleRate);
  if (!filter) {
    return ['-i', req.input, '-map', '0:a:0', ...(req.hasVideo ? ['-map', '0:v:0'] : []), '-c', 'copy', '-map_metadata', '-1', '-map_chapters', '-1', ...(req.copyFormat ? ['-f', req.copyFormat] : []), req.output];
  }
  return [
    '-i',
    req.input,
    '-filter_complex',
    filter,
    '-map',
    '[bleeped]',
    ...(req.hasVideo ? ['-map', '0:v:0', '-c:v', 'copy'] : []),
    '-c:a',
    'aac',
    '-b:a',
    '128k',
    '-map_metadata',
    '-1',
    '-map_chapters',
    '-1',
    '-movflags',
    '+faststart',
    '-f',
    'mp4',
    req.output,
  ];
}
