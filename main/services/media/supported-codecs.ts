/**
 * What Attune accepts: recordings Chromium (and so Electron's <audio>/<video>) can play without
 * conversion. Anything else is refused at import with a message that says what to convert it to.
 */
import { ApiError } from '../../../shared/api/errors';
import type { ProbeResult } from './probe';

export const SUPPORTED_AUDIO_CODECS: ReadonlySet<string> = new Set([
  'aac',
  'mp3',
  'opus',
  'vorbis',
  'flac',
  // WAV
  'pcm_s16le',
  'pcm_s24le',
  'pcm_s32le',
  'pcm_f32le',
  'pcm_u8',
]);

export const SUPPORTED_VIDEO_CODECS: ReadonlySet<string> = new Set(['h264', 'vp8', 'vp9', 'av1']);

/**
 * Containers Chromium demuxes, keyed by ffprobe's `format_name`, with the file extensions a stored
 * copy may carry (the first is the default; MP4-family audio-only files default to `m4a`).
 */
export const SUPPORTED_CONTAINERS: ReadonlyMap<string, readonly string[]> = new Map([
  ['mov,mp4,m4a,3gp,3g2,mj2', ['mp4', 'm4a', 'mov']],
  ['matroska,webm', ['webm']],
  ['ogg', ['ogg', 'opus', 'oga']],
  ['wav', ['wav']],
  ['mp3', ['mp3']],
  ['flac', ['flac']],
  ['aac', ['aac']],
]);

const CODEC_NAMES: Record<string, string> = {
  mpeg4: 'MPEG-4 Part 2',
  msmpeg4v1: 'Microsoft MPEG-4 version 1',
  msmpeg4v2: 'Microsoft MPEG-4 version 2',
  msmpeg4v3: 'Microsoft MPEG-4 version 3',
  hevc: 'H.265 (HEVC)',
  mpeg1video: 'MPEG-1',
  mpeg2video: 'MPEG-2',
  wmv1: 'Windows Media Video 7',
  wmv2: 'Windows Media Video 8',
  wmv3: 'Windows Media Video 9',
  vc1: 'VC-1',
  theora: 'Theora',
  prores: 'Apple ProRes',
  mjpeg: 'Motion JPEG',
  dvvideo: 'DV',
  h263: 'H.263',
  ac3: 'Dolby Digital (AC-3)',
  eac3: 'Dolby Digital Plus (E-AC-3)',
  dts: 'DTS',
  alac: 'Apple Lossless (ALAC)',
  amr_nb: 'AMR narrow-band',
  amr_wb: 'AMR wide-band',
  wmav1: 'Windows Media Audio 1',
  wmav2: 'Windows Media Audio 2',
  wmapro: 'Windows Media Audio Professional',
  wmavoice: 'Windows Media Audio Voice',
  pcm_mulaw: 'µ-law telephone audio',
  pcm_alaw: 'A-law telephone audio',
  pcm_s16be: 'big-endian PCM',
  pcm_s24be: 'big-endian PCM',
  adpcm_ima_wav: 'IMA ADPCM',
  adpcm_ms: 'Microsoft ADPCM',
  gsm_ms: 'GSM',
  speex: 'Speex',
  mp2: 'MPEG Layer 2',
};

const CONTAINER_NAMES: Record<string, string> = {
  avi: 'AVI',
  asf: 'Windows Media (ASF)',
  mpegts: 'MPEG transport stream',
  mpeg: 'MPEG program stream',
  flv: 'Flash Video',
  aiff: 'AIFF',
  w64: 'Sony Wave64',
  amr: 'AMR',
  caf: 'Core Audio (CAF)',
};

function describe(name: string, kind: 'codec' | 'format'): string {
  if (name === 'unknown') return `a ${kind} Attune does not recognise`;
  const friendly = (kind === 'codec' ? CODEC_NAMES : CONTAINER_NAMES)[name];
  return friendly ? `the ${friendly} ${kind} (${name})` : `the ${name} ${kind}`;
}

function convertAdvice(hasVideo: boolean): string {
  return hasVideo
    ? 'Convert it to an MP4 with H.264 video and AAC audio, then import it again.'
    : 'Convert it to an M4A (AAC) or MP3 file, then import it again.';
}

/** The extensions a stored copy may carry for this container, or null when Attune cannot play the container. */
export function extensionsForContainer(container: string): readonly string[] | null {
  return SUPPORTED_CONTAINERS.get(container) ?? null;
}

/**
 * Throws `unsupported_codec` when the container, the audio codec or the video codec is one Attune
 * cannot play. Call after the no-audio check: `probe.audio` is expected to be set.
 */
export function assertPlayable(probe: ProbeResult): void {
  const hasVideo = probe.video !== null;
  if (!extensionsForContainer(probe.container)) {
    throw new ApiError(
      'unsupported_codec',
      `This recording is stored in ${describe(probe.container, 'format')}, which Attune cannot play. ${convertAdvice(hasVideo)}`,
    );
  }
  if (probe.audio && !SUPPORTED_AUDIO_CODECS.has(probe.audio.codec)) {
    throw new ApiError(
      'unsupported_codec',
      `This recording's sound uses ${describe(probe.audio.codec, 'codec')}, which Attune cannot play. ${convertAdvice(hasVideo)}`,
    );
  }
  if (probe.video && !SUPPORTED_VIDEO_CODECS.has(probe.video.codec)) {
    throw new ApiError(
      'unsupported_codec',
      `This recording's video uses ${describe(probe.video.codec, 'codec')}, which Attune cannot play. ${convertAdvice(true)}`,
    );
  }
}
