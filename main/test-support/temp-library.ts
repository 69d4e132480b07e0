/** Test helpers: a real library (SQLite file + data folders) in a fresh temp dir, and the shared test data. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Session } from '../../shared/domain/session';
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

/** Imports a file from ../shared/data (e.g. `audio/jfk.wav`) into the library through the real importer. */
export async function importSample(services: Services, relativePath: string): Promise<Session> {
  const ctx = { store: services.sessions, paths: services.paths, tools: services.tools };
  return (await importRecording(ctx, { sourcePath: path.join(sharedData, relativePath) })).session;
}
