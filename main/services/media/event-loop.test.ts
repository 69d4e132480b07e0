/** An import never blocks the main process's event loop for long (the UI would freeze). */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { importRecording } from './import-recording';
import { openLibrary, sessionsDir, type TestLibrary } from './media-test-support';

let lib: TestLibrary;

beforeEach(() => {
  lib = openLibrary();
});

afterEach(() => {
  lib.close();
  fs.rmSync(lib.paths.root, { recursive: true, force: true });
});

// One retry: on this 2-core machine a neighbour's build can starve the whole process once in a
// while. Blocking work in the importer (reading a whole file, computing peaks in one go) would
// fail every time, so a retry does not hide it. The message says in which phase the pause was.
it('keeps the event loop responsive while importing an 11-minute video', { retry: 1 }, async () => {
  let phase = 'starting';
  let last = performance.now();
  let maxGap = 0;
  let maxGapPhase = '';
  let ticks = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    if (now - last > maxGap) {
      maxGap = now - last;
      maxGapPhase = phase;
    }
    last = now;
    ticks++;
  }, 10);
  try {
    const { kind } = await importRecording(
      lib.ctx,
      { sourcePath: path.join(sessionsDir, 'annomi-53-low.mp4') },
      { onProgress: (p) => (phase = p) },
    );
    expect(kind).toBe('imported');
  } finally {
    clearInterval(timer);
  }
  expect(ticks).toBeGreaterThan(5);
  expect(maxGap, `longest pause ${maxGap.toFixed(1)} ms, while ${maxGapPhase}`).toBeLessThan(100);
});
