/** The queue runs jobs one at a time in order, throttles progress, and cancels. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportFinished, ImportProgress } from '../../../shared/domain/import';
import { ImportQueue, PROGRESS_INTERVAL_MS } from './import-queue';
import { openLibrary, rowCount, sessionsDir, sharedData, storedFiles, type TestLibrary } from './media-test-support';

const MP3 = path.join(sessionsDir, 'annomi-115-low.mp3');
const MP4 = path.join(sessionsDir, 'annomi-53-low.mp4');
const JFK = path.join(sharedData, 'audio', 'jfk.wav');

let lib: TestLibrary;
let queue: ImportQueue;
let progress: (ImportProgress & { at: number })[];
let finished: ImportFinished[];

beforeEach(() => {
  lib = openLibrary();
  queue = new ImportQueue(lib.ctx);
  progress = [];
  finished = [];
  queue.onProgress((p) => progress.push({ ...p, at: Date.now() }));
  queue.onFinished((f) => finished.push(f));
});

afterEach(() => {
  queue.cancelAll();
  lib.close();
  fs.rmSync(lib.paths.root, { recursive: true, force: true });
});

function waitForFinished(count: number): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (finished.length >= count) {
        stop();
        resolve();
      }
    };
    const stop = queue.onFinished(() => queueMicrotask(check));
    check();
  });
}

describe('ImportQueue', () => {
  it('runs two jobs one after the other, in order, with rising throttled progress', async () => {
    const jobsWhenFinished: string[][] = [];
    queue.onFinished(() => jobsWhenFinished.push(queue.jobs().map((j) => j.jobId)));
    const ids = queue.enqueue([{ sourcePath: MP4 }, { sourcePath: JFK, title: 'JFK' }]);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
    const states = queue.jobs();
    expect(states.map((j) => j.jobId)).toEqual(ids);
    expect(states[1]).toMatchObject({ fileName: 'jfk.wav', phase: 'queued', percent: 0 });

    await waitForFinished(2);
    expect(finished.map((f) => f.jobId)).toEqual(ids);
    expect(finished.map((f) => f.outcome.kind)).toEqual(['imported', 'imported']);
    expect(finished.map((f) => f.fileName)).toEqual(['annomi-53-low.mp4', 'jfk.wav']);
    expect(queue.jobs()).toEqual([]);
    // A finished job is no longer listed when its listeners run.
    expect(jobsWhenFinished).toEqual([[ids[1]], []]);
    expect(rowCount(lib.db).sessions).toBe(2);

    const [first, second] = ids as [string, string];
    // The second job did not start before the first finished: its first event after "queued"
    // comes after the first job's last event.
    const firstEvents = progress.filter((p) => p.jobId === first);
    const secondEvents = progress.filter((p) => p.jobId === second);
    const secondStarted = progress.findIndex((p) => p.jobId === second && p.phase !== 'queued');
    expect(secondStarted).toBeGreaterThan(progress.lastIndexOf(firstEvents.at(-1) as (typeof progress)[number]));

    for (const events of [firstEvents, secondEvents]) {
      expect(events[0]).toMatchObject({ phase: 'queued', percent: 0 });
      expect(events.at(-1)).toMatchObject({ phase: 'finishing', percent: 100 });
      const percents = events.map((e) => e.percent);
      expect(percents).toEqual([...percents].sort((a, b) => a - b));
      // At most ~10 a second: apart from the 0% and 100% events, consecutive events are spaced.
      const middle = events.filter((e) => e.percent > 0 && e.percent < 100);
      for (let i = 1; i < middle.length; i++) {
        expect((middle[i]?.at ?? 0) - (middle[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(PROGRESS_INTERVAL_MS - 5);
      }
    }
    // The 11-minute mp4 takes long enough to show progress between its first and last events.
    expect(firstEvents.some((e) => e.phase === 'decoding' && e.percent > 18 && e.percent < 97)).toBe(true);
  });

  it('cancels a queued job at once, and the running one keeps going', async () => {
    const [running, queued, third] = queue.enqueue([{ sourcePath: MP4 }, { sourcePath: MP3 }, { sourcePath: JFK }]) as [string, string, string];
    expect(queue.cancel(queued)).toBe(true);
    expect(finished).toEqual([{ jobId: queued, fileName: 'annomi-115-low.mp3', outcome: { kind: 'cancelled' } }]);
    expect(queue.jobs().map((j) => j.jobId)).toEqual([running, third]);
    expect(queue.cancel(queued)).toBe(false);
    expect(queue.cancel('no-such-job')).toBe(false);

    await waitForFinished(3);
    expect(finished.map((f) => [f.jobId, f.outcome.kind])).toEqual([
      [queued, 'cancelled'],
      [running, 'imported'],
      [third, 'imported'],
    ]);
    expect(progress.some((p) => p.jobId === queued && p.phase !== 'queued')).toBe(false);
  });

  it('cancels the running job, cleans up, and goes on with the next', async () => {
    const [running, next] = queue.enqueue([{ sourcePath: MP4 }, { sourcePath: JFK }]) as [string, string];
    const stop = queue.onProgress((p) => {
      if (p.jobId === running && p.phase === 'decoding') {
        stop();
        expect(queue.cancel(running)).toBe(true);
      }
    });
    await waitForFinished(2);
    expect(finished.map((f) => [f.jobId, f.outcome.kind])).toEqual([
      [running, 'cancelled'],
      [next, 'imported'],
    ]);
    expect(rowCount(lib.db).sessions).toBe(1);
    expect(storedFiles(lib.paths).filter((f) => f.startsWith('tmp'))).toEqual([]);
    expect(storedFiles(lib.paths)).toHaveLength(3);
  });

  it('reports a failure with its code and message, then runs the next job', async () => {
    const [missing, ok] = queue.enqueue([{ sourcePath: path.join(sharedData, 'no-such.m4a') }, { sourcePath: JFK }]) as [string, string];
    await waitForFinished(2);
    expect(finished[0]).toMatchObject({
      jobId: missing,
      outcome: { kind: 'failed', code: 'file_missing', message: expect.stringMatching(/cannot find "no-such.m4a"/) },
    });
    expect(finished[1]).toMatchObject({ jobId: ok, outcome: { kind: 'imported' } });
  });

  it('answers duplicates as such', async () => {
    const ids = queue.enqueue([{ sourcePath: JFK }, { sourcePath: JFK }]);
    await waitForFinished(2);
    expect(finished.map((f) => f.outcome.kind)).toEqual(['imported', 'duplicate']);
    const [a, b] = finished.map((f) => (f.outcome.kind === 'imported' || f.outcome.kind === 'duplicate' ? f.outcome.session.id : null));
    expect(a).toBe(b);
    expect(ids).toHaveLength(2);
    expect(rowCount(lib.db).sessions).toBe(1);
  });
});
