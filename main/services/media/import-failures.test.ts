/**
 * Bad inputs are refused with their own code, and a failed, cancelled or duplicate import leaves
 * no row and no file behind (media, peaks, pcm and tmp folders all empty).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/errors';
import { importRecording, type ImportRequest } from './import-recording';
import { ffmpeg, openLibrary, rowCount, sessionsDir, storedFiles, tempDir, type TestLibrary } from './media-test-support';

const M4A = path.join(sessionsDir, 'annomi-0-high.m4a');
const MP4 = path.join(sessionsDir, 'annomi-53-low.mp4');

let fixtureDir: string;
let lib: TestLibrary;

const fixture = (name: string): string => path.join(fixtureDir, name);

beforeAll(async () => {
  fixtureDir = tempDir('bad-fixtures');
  fs.writeFileSync(fixture('notes.mp3'), 'These are my session notes, not a recording.\n'.repeat(200));
  fs.writeFileSync(fixture('empty.m4a'), '');
  const whole = fs.readFileSync(M4A);
  // The shared m4a keeps its index (moov) at the end, so 30% has the sound data but no index.
  fs.writeFileSync(fixture('cut-short.m4a'), whole.subarray(0, Math.floor(whole.length * 0.3)));
  fs.mkdirSync(fixture('folder.m4a'));
  await Promise.all([
    ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10', '-t', '2', '-c:v', 'libx264', '-preset', 'ultrafast', '-an', fixture('silent-video.mp4')),
    ffmpeg(
      '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=16000',
      '-t', '2', '-c:v', 'mpeg4', '-c:a', 'aac', fixture('old-camera.mp4'),
    ),
    // Index first ("faststart"), then cut: ffmpeg decodes what is there and says "partial file".
    ffmpeg('-i', M4A, '-t', '20', '-c', 'copy', '-movflags', '+faststart', fixture('faststart.m4a')),
  ]);
  const faststart = fs.readFileSync(fixture('faststart.m4a'));
  fs.writeFileSync(fixture('faststart-cut.m4a'), faststart.subarray(0, Math.floor(faststart.length * 0.3)));
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

async function expectRefused(req: ImportRequest, code: string, signal?: AbortSignal): Promise<ApiError> {
  const error = await importRecording(lib.ctx, req, signal ? { signal } : {}).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  expect((error as ApiError).code).toBe(code);
  expectNothingLeft();
  return error as ApiError;
}

function expectNothingLeft(): void {
  expect(storedFiles(lib.paths)).toEqual([]);
  expect(rowCount(lib.db)).toEqual({ sessions: 0, media: 0 });
}

describe('refused inputs', () => {
  it('a text file named .mp3 → not_media', async () => {
    const error = await expectRefused({ sourcePath: fixture('notes.mp3') }, 'not_media');
    expect(error.message).toBe('"notes.mp3" is not an audio or video recording Attune can read.');
  });

  it('the first 30% of an m4a (index missing) → media_truncated', async () => {
    // ffprobe: "moov atom not found". Classified as truncated, not "not media": the container is
    // recognisably MP4, and a recorder stopped before it finished writing is the usual cause.
    const error = await expectRefused({ sourcePath: fixture('cut-short.m4a') }, 'media_truncated');
    expect(error.message).toMatch(/incomplete or damaged/);
  });

  it('the first 30% of a faststart m4a (data missing) → media_truncated', async () => {
    // ffmpeg exits 0 here after decoding ~6 s of the 20; its "partial file" report is what tells.
    await expectRefused({ sourcePath: fixture('faststart-cut.m4a') }, 'media_truncated');
  });

  it('a zero-length file → file_empty', async () => {
    await expectRefused({ sourcePath: fixture('empty.m4a') }, 'file_empty');
  });

  it('a video without sound → no_audio', async () => {
    const error = await expectRefused({ sourcePath: fixture('silent-video.mp4') }, 'no_audio');
    expect(error.message).toMatch(/^This file has no sound track/);
  });

  it('MPEG-4 Part 2 video → unsupported_codec, naming the codec', async () => {
    const error = await expectRefused({ sourcePath: fixture('old-camera.mp4') }, 'unsupported_codec');
    expect(error.message).toBe(
      "This recording's video uses the MPEG-4 Part 2 codec (mpeg4), which Attune cannot play. Convert it to an MP4 with H.264 video and AAC audio, then import it again.",
    );
  });

  it('a path that does not exist → file_missing', async () => {
    const error = await expectRefused({ sourcePath: fixture('nowhere/session.m4a') }, 'file_missing');
    expect(error.message).toMatch(/cannot find "session.m4a"/);
  });

  it('a folder → file_unreadable', async () => {
    // The tests run as root, for whom chmod 000 does not stop reads; a folder is the reliable
    // unreadable "file" here. EACCES/EPERM map to the same code (see import-errors.ts).
    await expectRefused({ sourcePath: fixture('folder.m4a') }, 'file_unreadable');
  });

  it('an owned upload that fails is removed too', async () => {
    const upload = path.join(lib.paths.tmpDir, 'upload-1');
    fs.copyFileSync(fixture('notes.mp3'), upload);
    await expectRefused({ sourcePath: upload, originalName: 'C:\\Users\\me\\notes.mp3', ownsSource: true }, 'not_media');
    expect(fs.existsSync(upload)).toBe(false);
  });
});

describe('duplicates', () => {
  it('importing the same bytes again answers the existing session and adds no row', async () => {
    const first = await importRecording(lib.ctx, { sourcePath: M4A });
    expect(first.kind).toBe('imported');
    const before = storedFiles(lib.paths).sort();
    const copy = path.join(fixtureDir, 'renamed copy.m4a');
    fs.copyFileSync(M4A, copy);
    const percents: number[] = [];
    const started = performance.now();
    const second = await importRecording(lib.ctx, { sourcePath: copy, title: 'Another title' }, { onProgress: (_p, percent) => percents.push(percent) });
    expect(second.kind).toBe('duplicate');
    expect(second.session).toEqual(first.session);
    // The decode that runs beside the hash is stopped as soon as the hash matches: it never gets far.
    expect(Math.max(...percents.filter((p) => p < 100))).toBeLessThan(60);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(rowCount(lib.db)).toEqual({ sessions: 1, media: 1 });
    expect(storedFiles(lib.paths).sort()).toEqual(before);
  });

  it('an owned upload that is a duplicate is removed', async () => {
    await importRecording(lib.ctx, { sourcePath: M4A });
    const upload = path.join(lib.paths.tmpDir, 'upload-2');
    fs.copyFileSync(M4A, upload);
    const again = await importRecording(lib.ctx, { sourcePath: upload, originalName: 'x.m4a', ownsSource: true });
    expect(again.kind).toBe('duplicate');
    expect(fs.readdirSync(lib.paths.tmpDir)).toEqual([]);
  });
});

describe('cancellation', () => {
  it('cancelling mid-decode kills ffmpeg and leaves nothing', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const run = importRecording(lib.ctx, { sourcePath: MP4 }, {
      signal: controller.signal,
      onProgress: (phase, percent) => {
        // The first report of decoded audio (the phase's 0% report comes before ffmpeg starts).
        if (phase === 'decoding' && percent > 18 && seen.length === 0) {
          seen.push(percent);
          controller.abort();
        }
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeLessThan(97);
    expectNothingLeft();
  });

  it('an already-aborted signal stops before anything is copied', async () => {
    await expectRefused({ sourcePath: MP4 }, 'cancelled', AbortSignal.abort());
  });

  it('cancelling while copying leaves nothing', async () => {
    const controller = new AbortController();
    const run = importRecording(lib.ctx, { sourcePath: MP4 }, {
      signal: controller.signal,
      onProgress: (phase, percent) => {
        if (phase === 'copying' && percent > 0) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    expectNothingLeft();
  });
});

describe('a full disk', () => {
  let mountPoint: string | null = null;

  afterEach(() => {
    lib.close();
    if (mountPoint) {
      execFileSync('umount', [mountPoint]);
      fs.rmSync(mountPoint, { recursive: true, force: true });
      mountPoint = null;
    }
  });

  it('→ disk_full, and nothing is left on the small disk', async (ctx) => {
    const dir = tempDir('tmpfs');
    try {
      // 4 MB: room for the 3.6 MB recording and the database, not for its 9.6 MB of PCM.
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', dir], { stdio: 'pipe' });
    } catch (err) {
      fs.rmSync(dir, { recursive: true, force: true });
      ctx.skip(`cannot mount a tmpfs here (${String((err as Error).message).split('\n')[0]})`);
      return;
    }
    mountPoint = dir;
    lib.close();
    fs.rmSync(lib.paths.root, { recursive: true, force: true });
    lib = openLibrary(dir);
    const error = await expectRefused({ sourcePath: M4A }, 'disk_full');
    expect(error.message).toBe('There is not enough free disk space to import this recording. Free some space and try again.');
  });
});
