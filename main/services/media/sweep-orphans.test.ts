/** Files an interrupted import left in the library folders are removed; referenced ones stay. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { importRecording } from './import-recording';
import { openLibrary, sharedData, storedFiles, type TestLibrary } from './media-test-support';
import { sweepOrphanFiles } from './sweep-orphans';

let lib: TestLibrary;

beforeEach(() => {
  lib = openLibrary();
});

afterEach(() => {
  lib.close();
  fs.rmSync(lib.paths.root, { recursive: true, force: true });
});

it('removes unreferenced files from media, peaks and pcm, and keeps the rest', async () => {
  const { session } = await importRecording(lib.ctx, { sourcePath: path.join(sharedData, 'audio', 'jfk.wav') });
  const kept = storedFiles(lib.paths).sort();
  expect(kept).toHaveLength(3);

  // What a crash between moving files into place and adding the row leaves behind.
  const orphan = 'a'.repeat(64);
  const orphans = [
    path.join(lib.paths.mediaDir, `${orphan}.mp4`),
    path.join(lib.paths.peaksDir, `${orphan}.peaks`),
    path.join(lib.paths.pcmDir, `${orphan}.pcm`),
  ];
  for (const file of orphans) fs.writeFileSync(file, 'x');
  fs.mkdirSync(path.join(lib.paths.mediaDir, 'not-a-file'));

  const removed = sweepOrphanFiles(lib.paths, lib.store.referencedFiles());
  expect(removed.sort()).toEqual([...orphans].sort());
  expect(storedFiles(lib.paths).sort()).toEqual([...kept, path.join('media', 'not-a-file')].sort());
  expect(fs.existsSync(path.join(lib.paths.mediaDir, session.media.fileName))).toBe(true);
  expect(sweepOrphanFiles(lib.paths, lib.store.referencedFiles())).toEqual([]);
});
