/** Test helpers: a real library (SQLite file + data folders) in a fresh temp dir, and the shared test data. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MediaInfo, Session } from '../../shared/domain/session';
import { importRecording } from '../services/media/import-recording';
import { openServices, type Services } from '../services/services';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const sharedData = process.env.ATTUNE_SHARED_DATA ?? path.resolve(repoRoot, '..', 'shared', 'data');

export function tempDir(prefix = 'attune-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function openTempServices(): Services & { cleanup(): void } {
  const dir = tempDir();
  const services = openServices(dir);
  return Object.assign(services, {
    cleanup() {
      services.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  });
}

/** Every file below a folder, relative to it (to prove nothing was left behind). */
export function filesBelow(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

/** What a library folder holds besides its database and the markers of the processes that have it open (to prove nothing was written). */
export function libraryFiles(root: string): string[] {
  return filesBelow(root).filter((f) => !/^attune\.sqlite(-wal|-shm)?$/.test(f) && !f.startsWith(`open${path.sep}`));
}

/** Imports a file from ../shared/data (e.g. `audio/jfk.wav`) into the library through the real importer. */
export async function importSample(services: Services, relativePath: string): Promise<Session> {
  const ctx = { store: services.sessions, paths: services.paths, tools: services.tools };
  return (await importRecording(ctx, { sourcePath: path.join(sharedData, relativePath) })).session;
}

let fakeMediaCount = 0;
/** A recording's facts for a session made directly in the store, for tests that read no media file (unique hash each call). */
export function fakeMedia(duration = 1500): MediaInfo {
  fakeMediaCount += 1;
  const sha = fakeMediaCount.toString(16).padStart(64, 'f');
  return {
    originalName: `s${fakeMediaCount}.m4a`,
    sha256: sha,
    fileName: `${sha}.m4a`,
    peaksFileName: `${sha}.peaks`,
    sizeBytes: 1000,
    duration,
    container: 'mov,mp4,m4a,3gp,3g2,mj2',
    audioCodec: 'aac',
    videoCodec: null,
    channels: 1,
    sampleRate: 48000,
    hasVideo: false,
    width: null,
    height: null,
  };
}
