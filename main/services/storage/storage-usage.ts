/**
 * Space the library takes, per session and in all, read from the files themselves; and clearing the
 * caches Attune rebuilds when needed (the audio prepared for transcription).
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { ClearCachesResult, SessionStorage, StorageUsage } from '../../../shared/domain/archive';
import type { DataPaths } from '../data-paths';

function sizeOf(file: string): number {
  try {
    const stat = fs.statSync(file);
    return stat.isFile() ? stat.size : 0;
  } catch {
    return 0;
  }
}

function folderSize(dir: string): number {
  let total = 0;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const file = path.join(dir, e.name);
    if (e.isFile()) total += sizeOf(file);
    else if (e.isDirectory()) total += folderSize(file);
  }
  return total;
}

export function storageUsage(db: Database.Database, paths: DataPaths): StorageUsage {
  const rows = db
    .prepare<[], { id: string; title: string; trainee: string; file_name: string | null; peaks_file_name: string | null; sha256: string | null }>(
      `SELECT s.id, s.title, s.trainee, m.file_name, m.peaks_file_name, m.sha256
       FROM sessions s LEFT JOIN media m ON m.session_id = s.id ORDER BY s.created_at DESC, s.rowid DESC`,
    )
    .all();
  const clipsOf = new Map<string, string[]>();
  for (const c of db.prepare<[], { session_id: string; file_name: string }>('SELECT DISTINCT session_id, file_name FROM received_clips').all()) {
    clipsOf.set(c.session_id, [...(clipsOf.get(c.session_id) ?? []), c.file_name]);
  }
  const sessions: SessionStorage[] = rows.map((r) => {
    const media = r.file_name ? sizeOf(path.join(paths.mediaDir, r.file_name)) : 0;
    const peaks = r.peaks_file_name ? sizeOf(path.join(paths.peaksDir, r.peaks_file_name)) : 0;
    const pcm = r.sha256 ? sizeOf(path.join(paths.pcmDir, `${r.sha256}.pcm`)) : 0;
    const clips = (clipsOf.get(r.id) ?? []).reduce((sum, name) => sum + sizeOf(path.join(paths.mediaDir, name)), 0);
    return { sessionId: r.id, title: r.title, trainee: r.trainee, media, peaks, pcm, clips, total: media + peaks + pcm + clips };
  });
  const totals = { media: 0, peaks: 0, pcm: 0, clips: 0 };
  for (const s of sessions) {
    totals.media += s.media;
    totals.peaks += s.peaks;
    totals.pcm += s.pcm;
    totals.clips += s.clips;
  }
  const database = sizeOf(paths.dbFile) + sizeOf(`${paths.dbFile}-wal`) + sizeOf(`${paths.dbFile}-shm`);
  const models = folderSize(paths.modelsDir);
  const clearable = folderSize(paths.pcmDir);
  return {
    dataDir: paths.root,
    sessions,
    totals,
    database,
    models,
    total: totals.media + totals.peaks + totals.pcm + totals.clips + database + models,
    clearable,
  };
}

/**
 * Removes the audio prepared for transcription (`pcm/`), except for recordings being transcribed
 * now (`inUse` holds their SHA-256s). Attune prepares it again the next time a session is transcribed.
 */
export async function clearCaches(paths: DataPaths, inUse: ReadonlySet<string>): Promise<ClearCachesResult> {
  let freedBytes = 0;
  let files = 0;
  let keptInUse = 0;
  let entries: fs.Dirent[];
  try {
    entries = await fsp.readdir(paths.pcmDir, { withFileTypes: true });
  } catch {
    return { freedBytes, files, keptInUse };
  }
  for (const e of entries) {
    if (!e.isFile()) continue;
    const sha = e.name.split('.')[0] ?? '';
    if (inUse.has(sha)) {
      keptInUse++;
      continue;
    }
    const file = path.join(paths.pcmDir, e.name);
    const size = sizeOf(file);
    try {
      await fsp.rm(file);
      freedBytes += size;
      files++;
    } catch {
      // Gone already, or locked: leave it.
    }
  }
  return { freedBytes, files, keptInUse };
}
