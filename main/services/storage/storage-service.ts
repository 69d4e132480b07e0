/**
 * The Storage view's work: space used, clearing caches, and the long jobs — backup, restore,
 * archive export and import — one at a time, each reporting its progress in plain words
 * (`storage.progress`), cancellable, and ending with `storage.finished`.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import type { ClearCachesResult, StorageFinished, StorageJobKind, StorageJobState, StorageOutcome, StorageUsage } from '../../../shared/domain/archive';
import { appRoot } from '../../app-root';
import { exportArchive } from '../archive/export-archive';
import { importArchive } from '../archive/import-archive';
import { ARCHIVE_EXTENSION } from '../archive/archive-format';
import { isBackupFileName, makeBackupFile, restoreBackupFrom } from '../backup/backup-file';
import { makeBackup } from '../backup/make-backup';
import { checkRestoreTarget, type RestoreTarget } from '../backup/restore-backup';
import { fileSlug } from '../annotations/file-slug';
import { EXPORT_FOLDER_KEY, exportFolder } from '../export/export-paths';
import { checkTarget } from '../files/atomic-write';
import type { Services } from '../services';
import { clearCaches, storageUsage } from './storage-usage';

export const STORAGE_PROGRESS_INTERVAL_MS = 100;
export const BACKUP_FOLDER_NAME = 'Attune backups';

const WORK_NAMES: Record<StorageJobKind, string> = {
  backup: 'A backup',
  restore: 'A restore',
  archiveExport: 'An archive export',
  archiveImport: 'An archive import',
};

interface Job {
  state: StorageJobState;
  controller: AbortController;
  lastSentAt: number;
  done: Promise<StorageOutcome>;
}

/** `attune-backup-2026-03-14-1530`: a backup folder's name, from its time. */
export function backupFolderName(when = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `attune-backup-${when.getFullYear()}-${pad(when.getMonth() + 1)}-${pad(when.getDate())}-${pad(when.getHours())}${pad(when.getMinutes())}`;
}

export class StorageService {
  private running: Job | null = null;

  constructor(
    private readonly servicesOf: () => Services,
    private readonly options: { home?: string } = {},
  ) {}

  private get services(): Services {
    return this.servicesOf();
  }

  usage(): StorageUsage {
    return storageUsage(this.services.db, this.services.paths);
  }

  /** Removes the audio prepared for transcription, except what a running transcription uses. */
  async clearCaches(): Promise<ClearCachesResult> {
    if (this.services.imports.jobs().length > 0) throw new ApiError('unavailable', 'Wait until the imports under way have finished, then clear the caches.');
    const inUse = new Set<string>();
    for (const job of this.services.transcriptions.jobs()) {
      const session = this.services.sessions.find(job.sessionId);
      if (session) inUse.add(session.media.sha256);
    }
    return clearCaches(this.services.paths, inUse);
  }

  /** Where backups go unless the user picks another place: `Attune backups` beside the export folder. */
  backupFolder(): string {
    return path.join(path.dirname(exportFolder(this.services.settings.get(EXPORT_FOLDER_KEY), this.options.home)), BACKUP_FOLDER_NAME);
  }

  suggestBackupPath(): { path: string } {
    return { path: path.join(this.backupFolder(), backupFolderName()) };
  }

  suggestArchivePath(sessionIds: readonly string[]): { path: string; exists: boolean } {
    const folder = exportFolder(this.services.settings.get(EXPORT_FOLDER_KEY), this.options.home);
    const first = sessionIds.length === 1 && sessionIds[0] ? this.services.sessions.find(sessionIds[0]) : null;
    const stem = first ? fileSlug(first.title, 'session') : `attune-sessions-${new Date().toISOString().slice(0, 10)}`;
    const file = path.join(folder, `${stem}.${ARCHIVE_EXTENSION}`);
    return { path: file, exists: fs.existsSync(file) };
  }

  /**
   * The folder a backup to `requested` is written to: inside it (named by the date and time) when
   * it is a folder that exists, else that path itself. The default backups folder is made if needed.
   */
  backupTarget(requested: string): string {
    if (!path.isAbsolute(requested)) throw new ApiError('invalid_input', 'Choose a full path for the backup.');
    const resolved = path.resolve(requested);
    if (fs.statSync(resolved, { throwIfNoEntry: false })?.isDirectory()) return path.join(resolved, backupFolderName());
    if (path.dirname(resolved) === this.backupFolder()) fs.mkdirSync(this.backupFolder(), { recursive: true, mode: 0o700 });
    return resolved;
  }

  startBackup(requested: string): { jobId: string; path: string } {
    const target = this.backupTarget(requested);
    const asFile = isBackupFileName(target);
    if (fs.existsSync(target)) throw new ApiError('file_exists', `${target} already exists. Choose a new ${asFile ? 'file' : 'folder'} name for the backup.`);
    if (!fs.statSync(path.dirname(target), { throwIfNoEntry: false })?.isDirectory()) throw new ApiError('file_missing', `The folder ${path.dirname(target)} does not exist.`);
    const s = this.services;
    const { jobId } = this.start('backup', async (signal, progress) => ({
      kind: 'backup',
      result: await (asFile ? makeBackupFile : makeBackup)({ db: s.db, paths: s.paths, appVersion: appRoot().version }, target, { signal, progress }),
    }));
    return { jobId, path: target };
  }

  /** Checks at once that the library may be replaced (refused with file_exists unless `replace`), then restores. */
  startRestore(backupPath: string, replace: boolean): { jobId: string } {
    if (!path.isAbsolute(backupPath)) throw new ApiError('invalid_input', 'Choose the full path of the backup folder or file.');
    const target = this.restoreTarget();
    checkRestoreTarget(target, replace);
    return this.start('restore', async (signal, progress) => {
      const result = await restoreBackupFrom(target, backupPath, { signal, progress, replace });
      this.services.events.emit('library.changed', { sessionId: null });
      this.services.events.emit('codebooks.changed', { codebookId: null });
      this.services.events.emit('profile.changed', this.services.profile.get());
      return { kind: 'restore', result };
    });
  }

  startArchiveExport(sessionIds: readonly string[], outPath: string, overwrite: boolean): { jobId: string } {
    for (const id of sessionIds) this.services.sessions.get(id);
    if (!path.isAbsolute(outPath)) throw new ApiError('invalid_input', 'Choose a full path to save the archive to.');
    checkTarget(outPath, overwrite);
    const s = this.services;
    return this.start('archiveExport', async (signal, progress) => ({
      kind: 'archiveExport',
      result: await exportArchive({ db: s.db, paths: s.paths, appVersion: appRoot().version }, sessionIds, outPath, { signal, progress, overwrite }),
    }));
  }

  startArchiveImport(file: string): { jobId: string } {
    if (!path.isAbsolute(file)) throw new ApiError('invalid_input', 'Choose the full path of the archive file.');
    const s = this.services;
    return this.start('archiveImport', async (signal, progress) => {
      const result = await importArchive({ db: s.db, paths: s.paths }, file, { signal, progress });
      if (result.imported.length > 0) this.services.events.emit('library.changed', { sessionId: null });
      if (result.imported.length > 0) this.services.events.emit('codebooks.changed', { codebookId: null });
      return { kind: 'archiveImport', result };
    });
  }

  cancel(jobId: string): boolean {
    if (this.running?.state.jobId !== jobId) return false;
    this.running.controller.abort();
    return true;
  }

  cancelAll(): void {
    this.running?.controller.abort();
  }

  jobs(): StorageJobState[] {
    return this.running ? [{ ...this.running.state }] : [];
  }

  /** The outcome of a job of this process (the command line waits on it). */
  outcome(jobId: string): Promise<StorageOutcome> | null {
    return this.running?.state.jobId === jobId ? this.running.done : null;
  }

  private restoreTarget(): RestoreTarget {
    const s = this.services;
    return {
      db: s.db,
      paths: s.paths,
      referencedFiles: () => s.sessions.referencedFiles(),
      busyReason: () => {
        if (s.imports.jobs().length > 0) return 'Recordings are being imported. Wait until they are done (or cancel them), then restore.';
        if (s.transcriptions.jobs().length > 0) return 'Sessions are being transcribed. Wait until they are done (or cancel them), then restore.';
        if (s.exports.jobs().length > 0) return 'An export is under way. Wait until it is done, then restore.';
        if (s.retention.busy()) return 'A session is being deleted. Wait a moment until that is done, then restore.';
        return null;
      },
    };
  }

  private start(kind: StorageJobKind, work: (signal: AbortSignal, progress: (percent: number, stage: string) => void) => Promise<StorageOutcome>): { jobId: string } {
    if (this.running) {
      throw new ApiError('unavailable', `${WORK_NAMES[this.running.state.kind]} is under way. Wait for it to finish (or cancel it), then try again.`);
    }
    const controller = new AbortController();
    const state: StorageJobState = { jobId: randomUUID(), kind, percent: 0, stage: 'Starting' };
    const job: Job = { state, controller, lastSentAt: 0, done: Promise.resolve({ kind: 'cancelled' }) };
    const progress = (percent: number, stage: string): void => this.update(job, percent, stage);
    job.done = (async (): Promise<StorageOutcome> => {
      await Promise.resolve();
      let outcome: StorageOutcome;
      try {
        outcome = await work(controller.signal, progress);
      } catch (error) {
        outcome = outcomeOf(error);
      }
      if (this.running === job) this.running = null;
      const finished: StorageFinished = { jobId: state.jobId, jobKind: kind, outcome };
      this.services.events.emit('storage.finished', finished);
      return outcome;
    })();
    this.running = job;
    this.sendProgress(job, true);
    return { jobId: state.jobId };
  }

  private update(job: Job, percent: number, stage: string): void {
    const next = { ...job.state, percent: Math.round(Math.max(0, Math.min(100, percent))), stage };
    if (next.percent === job.state.percent && next.stage === job.state.stage) return;
    const newStage = next.stage !== job.state.stage;
    job.state = next;
    this.sendProgress(job, newStage || next.percent === 100);
  }

  private sendProgress(job: Job, force: boolean): void {
    const now = Date.now();
    if (!force && now - job.lastSentAt < STORAGE_PROGRESS_INTERVAL_MS) return;
    job.lastSentAt = now;
    this.services.events.emit('storage.progress', { ...job.state });
  }
}

function outcomeOf(error: unknown): StorageOutcome {
  if (error instanceof ApiError) return error.code === 'cancelled' ? { kind: 'cancelled' } : { kind: 'failed', code: error.code, message: error.message };
  console.error('[attune:storage] unexpected failure:', error);
  return { kind: 'failed', code: 'internal', message: 'The work failed unexpectedly. Try again; if it keeps failing, restart Attune.' };
}
