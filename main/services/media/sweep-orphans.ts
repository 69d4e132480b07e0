/**
 * Removes stored files no database row refers to: what an import leaves when the app dies between
 * moving its files into place and adding the row, and what a deletion leaves when the app dies (or a
 * file cannot be overwritten) between removing the session's rows and overwriting its files.
 * Recordings, clips (media folder) and audio caches (pcm folder) are overwritten before they are
 * unlinked, as a deletion does; waveform peaks are only unlinked. Run at start-up, before any import
 * runs — an import in progress has files in place for a moment before its row exists. Synchronous
 * (one chunk at a time): nothing is served yet.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DataPaths } from '../data-paths';
import { overwriteAndRemoveSync } from '../files/overwrite';

/** `referenced` holds file names (no folder), e.g. from `SessionStore.referencedFiles()`. Answers the paths removed. */
export function sweepOrphanFiles(paths: Pick<DataPaths, 'mediaDir' | 'peaksDir' | 'pcmDir'>, referenced: ReadonlySet<string>): string[] {
  const removed: string[] = [];
  const folders = [
    { dir: paths.mediaDir, overwrite: true },
    { dir: paths.peaksDir, overwrite: false },
    { dir: paths.pcmDir, overwrite: true },
  ];
  for (const { dir, overwrite } of folders) {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      if ((err as { code?: unknown }).code === 'ENOENT') continue;
      throw err;
    }
    for (const entry of entries) {
      if (!entry.isFile() || referenced.has(entry.name)) continue;
      const file = path.join(dir, entry.name);
      try {
        if (overwrite) overwriteAndRemoveSync(file);
        else fs.rmSync(file, { force: true });
        removed.push(file);
      } catch (err) {
        // Left as it is (not unlinked with its bytes intact); the next start tries again.
        console.error(`[attune] could not ${overwrite ? 'overwrite and remove' : 'remove'} the leftover file ${file}:`, err);
      }
    }
  }
  if (removed.length > 0) console.warn(`[attune] removed ${removed.length} leftover file(s) of interrupted imports or deletions`);
  return removed;
}
