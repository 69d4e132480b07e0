/** Test helpers: a real library (SQLite file + data folders) in a fresh temp dir, and the shared test data. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
