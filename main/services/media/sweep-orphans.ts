/**
 * Removes stored files no database row refers to: what an import leaves when the app dies between
 * moving its files into place and adding the row. Run at start-up, before any import runs — an
 * import in progress has files in place for a moment before its row exists.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DataPaths } from '../data-paths';

/** `referenced` holds file names (no folder), e.g. from `SessionStore.referencedFiles()`. Answers the paths removed. */
export function sweepOrphanFiles(paths: Pick<DataPaths, 'mediaDir' | 'peaksDir' | 'pcmDir'>, referenced: ReadonlySet<string>): string[] {
  const removed: string[] = [];
  for (const dir of [paths.mediaDir, paths.peaksDir, paths.pcmDir]) {
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
        fs.rmSync(file, { force: true });
        removed.push(file);
      } catch (err) {
        console.error(`[attune] could not remove the leftover file ${file}:`, err);
      }
    }
  }
  if (removed.length > 0) console.warn(`[attune] removed ${removed.length} leftover file(s) of interrupted imports`);
  return removed;
}
