/** The archive area's handlers (calls declared in shared/api/areas/archive.ts): the Storage view, backups, restores and session archives. */
import type { archiveCalls } from '../../../shared/api/areas/archive';
import type { HandlerGroup } from '../handlers';

export const archiveHandlers: HandlerGroup<keyof typeof archiveCalls> = {
  'storage.usage': (_input, { services }) => services.storage.usage(),
  'storage.clearCaches': (_input, { services }) => services.storage.clearCaches(),
  'storage.jobs': (_input, { services }) => services.storage.jobs(),
  'storage.cancel': ({ jobId }, { services }) => ({ cancelled: services.storage.cancel(jobId) }),
  'backup.suggestPath': (_input, { services }) => services.storage.suggestBackupPath(),
  'backup.start': ({ path }, { services }) => services.storage.startBackup(path),
  'restore.start': ({ path, replace }, { services }) => services.storage.startRestore(path, replace),
  'archive.suggestPath': ({ sessionIds }, { services }) => services.storage.suggestArchivePath(sessionIds),
  'archive.export': ({ sessionIds, outPath, overwrite }, { services }) => services.storage.startArchiveExport(sessionIds, outPath, overwrite),
  'archive.import': ({ path }, { services }) => services.storage.startArchiveImport(path),
};
