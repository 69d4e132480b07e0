/** Files an interrupted import or deletion left in the library folders are removed (media and caches overwritten first); referenced ones stay. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { importSample, tempDir } from '../../test-support/temp-library';
import { deleteSessionRows } from '../retention/session-deletion';
import { openServices } from '../services';
import { pcmPathOf } from '../storage/pcm-cache';
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

it('overwrites leftover recordings, clips, audio caches and half-done copies in tmp before unlinking them when the library opens', async () => {
  // A deletion cut short after its rows went (the app died before the files were overwritten).
  const dir = tempDir('attune-sweep-services-');
  const outside = tempDir('attune-sweep-links-');
  try {
    let services = openServices(dir, { resumeTranscriptions: false });
    const session = await importSample(services, 'audio/jfk.wav');
    const recording = path.join(services.paths.mediaDir, session.media.fileName);
    const cache = pcmPathOf(services.paths, session.media);
    const peaks = path.join(services.paths.peaksDir, session.media.peaksFileName);
    const clip = path.join(services.paths.mediaDir, `${'e'.repeat(64)}.m4a`);
    fs.writeFileSync(clip, Buffer.alloc(3 * 1024 * 1024 + 17, 0x5a)); // known bytes, more than one chunk
    // An import or cache preparation cut short leaves its copy in tmp.
    const partial = path.join(services.paths.tmpDir, 'cut-short', 'partial.m4a');
    fs.mkdirSync(path.dirname(partial), { recursive: true });
    fs.writeFileSync(partial, Buffer.alloc(70_000, 0x33));
    deleteSessionRows(services, session.id, 'Dr. Test');
    // Second names for the same bytes on the disk: after the sweep they show what is left in them.
    const originals = [recording, cache, clip, partial].map((file) => {
      const link = path.join(outside, path.basename(file));
      fs.linkSync(file, link);
      return { link, bytes: fs.readFileSync(file) };
    });
    services.close();

    services = openServices(dir, { resumeTranscriptions: false });
    try {
      for (const file of [recording, cache, clip, peaks, partial]) expect(fs.existsSync(file), file).toBe(false);
      expect(fs.readdirSync(services.paths.tmpDir)).toEqual([]);
      for (const { link, bytes } of originals) {
        const left = fs.readFileSync(link);
        expect(left.length).toBe(bytes.length);
        for (let at = 0; at < bytes.length; at += 4096) {
          expect(left.subarray(at, at + 4096).equals(bytes.subarray(at, at + 4096)), `${path.basename(link)}: block at ${at} is unchanged`).toBe(false);
        }
      }
    } finally {
      services.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  }
});
