/** Where Attune keeps its files: one data dir with the database, stored media and derived caches. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { overwriteAndRemoveSync } from './files/overwrite';

export interface DataPaths {
  root: string;
  dbFile: string;
  /** Imported recordings, named `<sha256>.<ext>`. The only folder media URLs may reach. */
  mediaDir: string;
  /** Waveform peaks, named `<sha256>.peaks`. */
  peaksDir: string;
  /** 16 kHz mono s16le PCM for transcription, named `<sha256>.pcm`. */
  pcmDir: string;
  /** Work in progress; on the same file system so finished files are renamed into place atomically. */
  tmpDir: string;
  /** Whisper and Silero VAD model files (`ggml-*.bin`). */
  modelsDir: string;
}

/** The platform's per-user app-data folder for Attune, unless `ATTUNE_DATA_DIR` says otherwise. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ATTUNE_DATA_DIR) return path.resolve(env.ATTUNE_DATA_DIR);
  const home = os.homedir();
  switch (process.platform) {
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Attune');
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'Attune');
    default:
      return path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'attune');
  }
}

export function dataPaths(root: string): DataPaths {
  return {
    root,
    dbFile: path.join(root, 'attune.sqlite'),
    mediaDir: path.join(root, 'media'),
    peaksDir: path.join(root, 'peaks'),
    pcmDir: path.join(root, 'pcm'),
    tmpDir: path.join(root, 'tmp'),
    modelsDir: path.join(root, 'models'),
  };
}

/**
 * Creates the folders (owner-only where the platform honours it) and, with `clearLeftovers` (no other
 * Attune process has the library open: see library-presence.ts), clears leftovers of interrupted work.
 */
export function prepareDataDir(paths: DataPaths, clearLeftovers = true): void {
  for (const dir of [paths.root, paths.mediaDir, paths.peaksDir, paths.pcmDir, paths.tmpDir, paths.modelsDir]) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  }
  if (!clearLeftovers) return;
  // Interrupted work may have left a copy of a recording or its decoded audio: overwrite, then remove.
  for (const entry of fs.readdirSync(paths.tmpDir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    try {
      overwriteAndRemoveSync(path.join(entry.parentPath, entry.name));
    } catch {
      // removed below all the same
    }
  }
  for (const entry of fs.readdirSync(paths.tmpDir)) {
    fs.rmSync(path.join(paths.tmpDir, entry), { recursive: true, force: true });
  }
}
