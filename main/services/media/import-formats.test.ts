/** Every accepted format imports with the right duration, channels, video facts, peaks and PCM. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodePeaks, type DecodedPeaks } from '../../../shared/media/peaks-format';
import { importRecording } from './import-recording';
import { ffmpeg, openLibrary, readTruth, rowCount, sessionsDir, sha256Of, sharedData, tempDir, type TestLibrary } from './media-test-support';

const CUT_SECONDS = 20;
/** Source of the cut fixtures: mono AAC speech (and an H.264 test pattern). */
const SOURCE = path.join(sessionsDir, 'annomi-53-low.mp4');
const SOURCE_TRUTH = readTruth('annomi-53-low');

interface Fixture {
  file: string;
  /** ffmpeg options after `-i SOURCE -t 20`. */
  args: string[];
  container: string;
  audioCodec: string;
  videoCodec: string | null;
  ext: string;
}

const VIDEO = ['-vf', 'scale=320:240,setsar=1', '-r', '10'];
const FIXTURES: Fixture[] = [
  { file: 'cut.wav', args: ['-vn', '-c:a', 'pcm_s16le'], container: 'wav', audioCodec: 'pcm_s16le', videoCodec: null, ext: 'wav' },
  { file: 'cut.mp3', args: ['-vn', '-c:a', 'libmp3lame', '-b:a', '64k'], container: 'mp3', audioCodec: 'mp3', videoCodec: null, ext: 'mp3' },
  { file: 'cut.m4a', args: ['-vn', '-c:a', 'aac', '-b:a', '64k'], container: 'mov,mp4,m4a,3gp,3g2,mj2', audioCodec: 'aac', videoCodec: null, ext: 'm4a' },
  {
    file: 'cut.mp4',
    args: [...VIDEO, '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-b:a', '64k'],
    container: 'mov,mp4,m4a,3gp,3g2,mj2',
    audioCodec: 'aac',
    videoCodec: 'h264',
    ext: 'mp4',
  },
  {
    file: 'cut.MOV',
    args: [...VIDEO, '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-b:a', '64k', '-f', 'mov'],
    container: 'mov,mp4,m4a,3gp,3g2,mj2',
    audioCodec: 'aac',
    videoCodec: 'h264',
    ext: 'mov',
  },
  {
    file: 'cut.webm',
    args: [...VIDEO, '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '200k', '-c:a', 'libopus', '-b:a', '48k'],
    container: 'matroska,webm',
    audioCodec: 'opus',
    videoCodec: 'vp8',
    ext: 'webm',
  },
  { file: 'cut.ogg', args: ['-vn', '-c:a', 'libopus', '-b:a', '48k'], container: 'ogg', audioCodec: 'opus', videoCodec: null, ext: 'ogg' },
  { file: 'cut.flac', args: ['-vn', '-c:a', 'flac'], container: 'flac', audioCodec: 'flac', videoCodec: null, ext: 'flac' },
];

let fixtureDir: string;
let lib: TestLibrary;

beforeAll(async () => {
  fixtureDir = tempDir('fixtures');
  await Promise.all(FIXTURES.map((f) => ffmpeg('-i', SOURCE, '-t', String(CUT_SECONDS), ...f.args, path.join(fixtureDir, f.file))));
  // An MP3 with cover art: the picture is a video stream marked attached_pic and must not count as video.
  const cover = path.join(fixtureDir, 'cover.png');
  await ffmpeg('-f', 'lavfi', '-i', 'color=c=red:s=64x64', '-frames:v', '1', cover);
  await ffmpeg(
    '-i', path.join(sharedData, 'audio', 'jfk.mp3'), '-i', cover,
    '-map', '0:a', '-map', '1:v', '-c', 'copy', '-id3v2_version', '3', '-disposition:v', 'attached_pic',
    path.join(fixtureDir, 'jfk-with-cover.mp3'),
  );
});

afterAll(() => {
  fs.rmSync(fixtureDir, { recursive: true, force: true });
});

beforeEach(() => {
  lib = openLibrary();
});

afterEach(() => {
  lib.close();
  fs.rmSync(lib.paths.root, { recursive: true, force: true });
});

function readPeaks(fileName: string): DecodedPeaks {
  return decodePeaks(new Uint8Array(fs.readFileSync(path.join(lib.paths.peaksDir, fileName))));
}

/** Largest |value| of a channel's peaks between two times. */
function loudness(peaks: DecodedPeaks, channel: number, from: number, to: number): number {
  const lows = peaks.min[channel] as Float32Array;
  const highs = peaks.max[channel] as Float32Array;
  const first = Math.floor(from * peaks.bucketsPerSecond);
  const last = Math.min(peaks.bucketCount, Math.ceil(to * peaks.bucketsPerSecond));
  let max = 0;
  for (let b = first; b < last; b++) {
    max = Math.max(max, Math.abs(lows[b] as number), Math.abs(highs[b] as number));
  }
  return max;
}

/** The checks every imported recording must pass. */
function expectStoredFiles(source: string, session: Awaited<ReturnType<typeof importRecording>>['session'], ext: string): DecodedPeaks {
  const { media } = session;
  const sha = sha256Of(source);
  expect(media.sha256).toBe(sha);
  expect(media.fileName).toBe(`${sha}.${ext}`);
  expect(media.peaksFileName).toBe(`${sha}.peaks`);
  expect(media.sizeBytes).toBe(fs.statSync(source).size);
  expect(sha256Of(path.join(lib.paths.mediaDir, media.fileName))).toBe(sha);

  const peaks = readPeaks(media.peaksFileName);
  expect(peaks.channels).toBe(Math.min(media.channels, 2));
  expect(peaks.bucketsPerSecond).toBe(100);
  expect(peaks.sampleRate).toBe(16000);
  expect(Math.abs(peaks.bucketCount - media.duration * 100)).toBeLessThanOrEqual(2);

  // 16 kHz mono s16le. Both of ffmpeg's outputs resample the same decoded audio at the same rate,
  // so the counts agree; one frame of slack covers a resampler rounding its last sample differently.
  const pcmBytes = fs.statSync(path.join(lib.paths.pcmDir, `${sha}.pcm`)).size;
  expect(Math.abs(pcmBytes - Math.round(media.duration * 16000) * 2)).toBeLessThanOrEqual(2);

  expect(fs.readdirSync(lib.paths.tmpDir)).toEqual([]);
  expect(rowCount(lib.db)).toEqual({ sessions: 1, media: 1 });
  return peaks;
}

describe('cut fixtures (20 s of annomi-53-low, mono)', () => {
  it.each(FIXTURES.map((f) => [f.file, f] as const))('imports %s', async (_name, fixture) => {
    const source = path.join(fixtureDir, fixture.file);
    const { kind, session } = await importRecording(lib.ctx, { sourcePath: source });
    expect(kind).toBe('imported');
    const { media } = session;
    expect(Math.abs(media.duration - CUT_SECONDS)).toBeLessThan(0.05);
    expect(media.channels).toBe(1);
    expect(media.container).toBe(fixture.container);
    expect(media.audioCodec).toBe(fixture.audioCodec);
    expect(media.videoCodec).toBe(fixture.videoCodec);
    expect(media.hasVideo).toBe(fixture.videoCodec !== null);
    expect(media.width).toBe(fixture.videoCodec ? 320 : null);
    expect(media.height).toBe(fixture.videoCodec ? 240 : null);
    expect(session.title).toBe('Cut');
    expect(media.originalName).toBe(fixture.file);

    const peaks = expectStoredFiles(source, session, fixture.ext);
    // The therapist speaks from 0.6 s to 41.6 s.
    const speech = SOURCE_TRUTH.utterances[0];
    expect(speech && speech.start < 1 && speech.end > CUT_SECONDS).toBe(true);
    expect(loudness(peaks, 0, 1, CUT_SECONDS - 1)).toBeGreaterThan(0.1);
  });

  it('ignores MP3 cover art (attached picture) as video', async () => {
    const source = path.join(fixtureDir, 'jfk-with-cover.mp3');
    const { session } = await importRecording(lib.ctx, { sourcePath: source, title: '  JFK  ', trainee: ' Ann ', supervisor: 'Bo' });
    expect(session.media.hasVideo).toBe(false);
    expect(session.media.videoCodec).toBeNull();
    expect(session.media.audioCodec).toBe('mp3');
    expect(Math.abs(session.media.duration - 11)).toBeLessThan(0.05);
    expect([session.title, session.trainee, session.supervisor]).toEqual(['JFK', 'Ann', 'Bo']);
    expectStoredFiles(source, session, 'mp3');
  });
});

describe('an upload Attune already owns', () => {
  it('is moved into the library instead of copied, and hashed all the same', async () => {
    const upload = path.join(lib.paths.tmpDir, 'upload-0001');
    fs.copyFileSync(path.join(fixtureDir, 'cut.ogg'), upload);
    const { session } = await importRecording(lib.ctx, { sourcePath: upload, originalName: 'Weekly supervision.OPUS', ownsSource: true });
    expect(fs.existsSync(upload)).toBe(false);
    expect(session.title).toBe('Weekly supervision');
    expect(session.media.originalName).toBe('Weekly supervision.OPUS');
    expect(session.media.fileName).toBe(`${sha256Of(path.join(fixtureDir, 'cut.ogg'))}.opus`);
    expectStoredFiles(path.join(fixtureDir, 'cut.ogg'), session, 'opus');
  });
});

describe('the shared session recordings, untouched', () => {
  it('annomi-0-high.m4a: stereo, therapist left, client right', async () => {
    const source = path.join(sessionsDir, 'annomi-0-high.m4a');
    const truth = readTruth('annomi-0-high');
    const { session } = await importRecording(lib.ctx, { sourcePath: source });
    const { media } = session;
    expect(Math.abs(media.duration - truth.duration)).toBeLessThan(0.05);
    expect(media.channels).toBe(2);
    expect(media.sampleRate).toBe(22050);
    expect(media.hasVideo).toBe(false);
    expect(session.title).toBe('Annomi 0 high');
    const peaks = expectStoredFiles(source, session, 'm4a');
    expect(peaks.channels).toBe(2);
    const therapist = truth.utterances.find((u) => u.speaker === 'therapist' && u.end - u.start > 2);
    const client = truth.utterances.find((u) => u.speaker === 'client' && u.end - u.start > 2);
    if (!therapist || !client) throw new Error('truth file lacks long utterances');
    // Trim 0.2 s at both ends: neighbouring speech may bleed into a bucket at the boundary.
    expect(loudness(peaks, 0, therapist.start + 0.2, therapist.end - 0.2)).toBeGreaterThan(0.1);
    expect(loudness(peaks, 1, therapist.start + 0.2, therapist.end - 0.2)).toBeLessThan(0.01);
    expect(loudness(peaks, 1, client.start + 0.2, client.end - 0.2)).toBeGreaterThan(0.1);
    expect(loudness(peaks, 0, client.start + 0.2, client.end - 0.2)).toBeLessThan(0.01);
  });

  it.each([
    ['annomi-115-low.mp3', 'annomi-115-low', false, 'mp3'],
    ['annomi-53-low.mp4', 'annomi-53-low', true, 'mp4'],
  ] as const)('%s: mono, duration from the decoded audio', async (file, truthName, hasVideo, ext) => {
    const source = path.join(sessionsDir, file);
    const truth = readTruth(truthName);
    const { session } = await importRecording(lib.ctx, { sourcePath: source });
    const { media } = session;
    expect(Math.abs(media.duration - truth.duration)).toBeLessThan(0.05);
    expect(media.channels).toBe(1);
    expect(media.hasVideo).toBe(hasVideo);
    const peaks = expectStoredFiles(source, session, ext);
    const silence = truth.long_silences[0];
    const speech = truth.utterances.find((u) => u.end - u.start > 2);
    if (!silence || !speech) throw new Error('truth file lacks a long silence or utterance');
    expect(loudness(peaks, 0, silence.start + 0.2, silence.end - 0.2)).toBeLessThan(0.01);
    expect(loudness(peaks, 0, speech.start + 0.2, speech.end - 0.2)).toBeGreaterThan(0.1);
  });
});
