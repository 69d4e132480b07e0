/** Interpreting ffprobe's answer, and which codecs and containers are accepted. */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/errors';
import { interpretProbe, type ProbeResult } from './probe';
import { assertPlayable } from './supported-codecs';
import { storedExtension, titleFromFileName } from './import-recording';
import { resolveMediaTools, unpackedAsarPath } from './media-tools';

const MP4 = 'mov,mp4,m4a,3gp,3g2,mj2';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof ApiError ? err.code : 'not an ApiError';
  }
  return undefined;
}

describe('interpretProbe', () => {
  it('takes the first audio stream and the first video stream that is not cover art', () => {
    const result = interpretProbe(
      {
        format: { format_name: 'mp3', duration: '11.000000' },
        streams: [
          { index: 0, codec_type: 'video', codec_name: 'png', width: 64, height: 64, disposition: { attached_pic: 1 } },
          { index: 1, codec_type: 'audio', codec_name: 'mp3', channels: 1, sample_rate: '16000', duration: '10.98' },
          { index: 2, codec_type: 'audio', codec_name: 'aac', channels: 2, sample_rate: '48000' },
        ],
      },
      'x.mp3',
    );
    expect(result).toEqual<ProbeResult>({
      container: 'mp3',
      audio: { index: 1, codec: 'mp3', channels: 1, sampleRate: 16000 },
      video: null,
      duration: 10.98,
    });
  });

  it('reads video facts and falls back to the container duration', () => {
    const result = interpretProbe(
      {
        format: { format_name: MP4, duration: '5.5' },
        streams: [
          { index: 0, codec_type: 'video', codec_name: 'h264', width: 640, height: 360, disposition: { attached_pic: 0 } },
          { index: 1, codec_type: 'audio', codec_name: 'aac', channels: 2, sample_rate: '44100', duration: 'N/A' },
        ],
      },
      'x.mp4',
    );
    expect(result.video).toEqual({ index: 0, codec: 'h264', width: 640, height: 360 });
    expect(result.duration).toBe(5.5);
  });

  it.each([
    ['no format', { streams: [] }],
    ['no streams', { format: { format_name: 'mp3' }, streams: [] }],
    ['an image', { format: { format_name: 'png_pipe' }, streams: [{ index: 0, codec_type: 'video', codec_name: 'png' }] }],
    ['text', { format: { format_name: 'tty' }, streams: [{ index: 0, codec_type: 'video', codec_name: 'ansi' }] }],
    ['garbage', 'hello'],
  ])('answers not_media for %s', (_what, json) => {
    expect(codeOf(() => interpretProbe(json, 'x'))).toBe('not_media');
  });
});

describe('assertPlayable', () => {
  const base: ProbeResult = { container: MP4, audio: { index: 0, codec: 'aac', channels: 1, sampleRate: 44100 }, video: null, duration: 1 };

  it.each(['aac', 'mp3', 'opus', 'vorbis', 'flac', 'pcm_s16le', 'pcm_s24le', 'pcm_s32le', 'pcm_f32le', 'pcm_u8'])('accepts %s audio', (codec) => {
    expect(() => assertPlayable({ ...base, audio: { index: 0, codec, channels: 1, sampleRate: 44100 } })).not.toThrow();
  });

  it.each(['h264', 'vp8', 'vp9', 'av1'])('accepts %s video', (codec) => {
    expect(() => assertPlayable({ ...base, video: { index: 1, codec, width: 2, height: 2 } })).not.toThrow();
  });

  it('names a refused video codec in plain words', () => {
    expect(() => assertPlayable({ ...base, video: { index: 1, codec: 'mpeg4', width: 2, height: 2 } })).toThrow(
      "This recording's video uses the MPEG-4 Part 2 codec (mpeg4), which Attune cannot play. Convert it to an MP4 with H.264 video and AAC audio, then import it again.",
    );
  });

  it('refuses other audio codecs, with audio-only advice for audio-only files', () => {
    let message = '';
    try {
      assertPlayable({ ...base, audio: { index: 0, codec: 'ac3', channels: 6, sampleRate: 48000 } });
    } catch (err) {
      expect((err as ApiError).code).toBe('unsupported_codec');
      message = (err as ApiError).message;
    }
    expect(message).toBe(
      "This recording's sound uses the Dolby Digital (AC-3) codec (ac3), which Attune cannot play. Convert it to an M4A (AAC) or MP3 file, then import it again.",
    );
  });

  it('refuses containers Chromium cannot open, even with playable codecs', () => {
    expect(codeOf(() => assertPlayable({ ...base, container: 'avi' }))).toBe('unsupported_codec');
  });
});

describe('naming', () => {
  it.each([
    ['annomi-0-high.m4a', 'Annomi 0 high'],
    ['2024-05-03_session_with_ANNA.MP4', '2024-05-03 session with ANNA'],
    ['version 1.5 final.mp3', 'Version 1.5 final'],
    ['.m4a', 'M4a'],
    ['___.wav', 'Untitled recording'],
  ])('titles %s as %s', (file, title) => {
    expect(titleFromFileName(file)).toBe(title);
  });

  it('keeps an extension that fits the container and otherwise uses the container’s', () => {
    expect(storedExtension('a.MOV', { container: MP4, video: { index: 0, codec: 'h264', width: 1, height: 1 } })).toBe('mov');
    expect(storedExtension('a.mp3', { container: MP4, video: null })).toBe('m4a');
    expect(storedExtension('a.mp3', { container: MP4, video: { index: 0, codec: 'h264', width: 1, height: 1 } })).toBe('mp4');
    expect(storedExtension('a.m4a', { container: MP4, video: { index: 0, codec: 'h264', width: 1, height: 1 } })).toBe('mp4');
    expect(storedExtension('a', { container: 'ogg', video: null })).toBe('ogg');
    expect(storedExtension('a.opus', { container: 'ogg', video: null })).toBe('opus');
    expect(storedExtension('a.mkv', { container: 'matroska,webm', video: null })).toBe('webm');
  });
});

describe('resolveMediaTools', () => {
  it('prefers FFMPEG_PATH and FFPROBE_PATH', () => {
    expect(resolveMediaTools({ FFMPEG_PATH: '/opt/ff/ffmpeg', FFPROBE_PATH: '/opt/ff/ffprobe' })).toEqual({
      ffmpeg: '/opt/ff/ffmpeg',
      ffprobe: '/opt/ff/ffprobe',
    });
  });

  it('falls back to the installer packages', () => {
    const tools = resolveMediaTools({});
    expect(tools.ffmpeg).toMatch(/@ffmpeg-installer[\\/].+ffmpeg(\.exe)?$/);
    expect(tools.ffprobe).toMatch(/@ffprobe-installer[\\/].+ffprobe(\.exe)?$/);
  });

  it('points into app.asar.unpacked inside a packaged app', () => {
    expect(unpackedAsarPath('/opt/Attune/resources/app.asar/node_modules/@ffmpeg-installer/linux-x64/ffmpeg')).toBe(
      '/opt/Attune/resources/app.asar.unpacked/node_modules/@ffmpeg-installer/linux-x64/ffmpeg',
    );
    expect(unpackedAsarPath('C:\\Attune\\resources\\app.asar\\node_modules\\x\\ffmpeg.exe')).toBe(
      'C:\\Attune\\resources\\app.asar.unpacked\\node_modules\\x\\ffmpeg.exe',
    );
    expect(unpackedAsarPath('/r/app.asar.unpacked/ffmpeg')).toBe('/r/app.asar.unpacked/ffmpeg');
  });
});
