/** Helpers for the media tests (not shipped: only *.test.ts files import this). */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type Database from 'better-sqlite3';
import { dataPaths, prepareDataDir, type DataPaths } from '../data-paths';
import { openDatabase } from '../store/database';
import { SessionStore } from '../store/session-store';
import type { ImportContext } from './import-recording';
import { resolveMediaTools } from './media-tools';

const run = promisify(execFile);

export const repoRoot = path.resolve(__dirname, '../../..');
export const sharedData = process.env.ATTUNE_SHARED_DATA ? path.resolve(process.env.ATTUNE_SHARED_DATA) : path.resolve(repoRoot, '../shared/data');
export const sessionsDir = path.join(sharedData, 'sessions');
export const tools = resolveMediaTools();

export interface Truth {
  duration: number;
  utterances: { start: number; end: number; speaker: 'therapist' | 'client' }[];
  long_silences: { start: number; end: number }[];
}

export function readTruth(name: string): Truth {
  return JSON.parse(fs.readFileSync(path.join(sessionsDir, `${name}.truth.json`), 'utf8')) as Truth;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `attune-${prefix}-`));
}

export interface TestLibrary {
  paths: DataPaths;
  db: Database.Database;
  store: SessionStore;
  ctx: ImportContext;
  close(): void;
}

/** A fresh data dir with a real SQLite database. `root` defaults to a new temp dir. */
export function openLibrary(root: string = tempDir('lib')): TestLibrary {
  const paths = dataPaths(root);
  prepareDataDir(paths);
  const db = openDatabase(paths.dbFile);
  const store = new SessionStore(db);
  return {
    paths,
    db,
    store,
    ctx: { store, paths, tools },
    close() {
      if (db.open) db.close();
    },
  };
}

/** Files in the media, peaks, pcm and tmp folders. */
export function storedFiles(paths: DataPaths): string[] {
  return [paths.mediaDir, paths.peaksDir, paths.pcmDir, paths.tmpDir].flatMap((dir) =>
    fs.readdirSync(dir).map((name) => path.join(path.basename(dir), name)),
  );
}

export function rowCount(db: Database.Database): { sessions: number; media: number } {
  const count = (table: string): number => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { sessions: count('sessions'), media: count('media') };
}

export async function ffmpeg(...args: string[]): Promise<void> {
  await run(tools.ffmpeg, ['-nostdin', '-hide_banner', '-v', 'error', '-y', ...args]);
}

export function sha256Of(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}
