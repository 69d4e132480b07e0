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

it('keeps the event loop responsive while importing an 11-minute video', async () => {
  let last = performance.now();
  let maxGap = 0;
  let ticks = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
    ticks++;
  }, 10);
  try {
    const { kind } = await importRecording(lib.ctx, { sourcePath: path.join(sessionsDir, 'annomi-53-low.mp4') });
    expect(kind).toBe('imported');
  } finally {
    clearInterval(timer);
  }
  expect(ticks).toBeGreaterThan(5);
  expect(maxGap).toBeLessThan(100);
});
