/** The archive area's calls and events: the Storage view, backups and restores, session archives. */
import { z } from 'zod';
import type {
  ClearCachesResult,
  StorageFinished,
  StorageJobState,
  StorageUsage,
} from '../../domain/archive';
import { call, empty, filePath, id } from '../schema-parts';

const jobId = z.string().min(1).max(100);
const sessionIds = z.array(id).min(1, 'Choose at least one session.').max(5000, 'Archive at most 5,000 sessions at once.');

export const archiveCalls = {
  /** Space used per session and in all, the database, the models, and what clearing caches would free. */
  'storage.usage': call<StorageUsage>()(empty()),
  /** Removes the audio prepared for transcription (rebuilt when needed). */
  'storage.clearCaches': call<ClearCachesResult>()(empty()),
  /** The running storage job (backup, restore, archive export or import), if any. */
  'storage.jobs': call<StorageJobState[]>()(empty()),
  'storage.cancel': call<{ cancelled: boolean }>()(z.object({ jobId }).strict()),
  /** Where a backup goes unless the user picks another place (a new folder named by the date and time). */
  'backup.suggestPath': call<{ path: string }>()(empty()),
  /** Backs up the whole library into a new folder (`path`; an existing folder gets a dated folder inside). Progress: storage.* events. */
  'backup.start': call<{ jobId: string; path: string }>()(z.object({ path: filePath }).strict()),
  /** Restores a backup (a folder, or one .attune-backup file) into this library; refused with file_exists when the library holds sessions unless `replace`. */
  'restore.start': call<{ jobId: string }>()(z.object({ path: filePath, replace: z.boolean().default(false) }).strict()),
  /** Where an archive of these sessions goes unless the user picks another place. */
  'archive.suggestPath': call<{ path: string; exists: boolean }>()(z.object({ sessionIds }).strict()),
  /** Writes the sessions to one archive file at `outPath`; refused with file_exists unless `overwrite`. */
  'archive.export': call<{ jobId: string }>()(z.object({ sessionIds, outPath: filePath, overwrite: z.boolean().default(false) }).strict()),
  /** Imports an archive file; sessions already here (same recording) are skipped and reported. */
  'archive.import': call<{ jobId: string }>()(z.object({ path: filePath }).strict()),
} satisfies Record<string, { input: z.ZodType; output: unknown }>;

export interface ArchiveEvents {
  'storage.progress': StorageJobState;
  'storage.finished': StorageFinished;
}
export const ARCHIVE_EVENT_NAMES: readonly (keyof ArchiveEvents)[] = ['storage.progress', 'storage.finished'];
