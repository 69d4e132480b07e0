/** Backups, restores, session archives and the Storage view: what the API answers and reports. */

/** Space one session's files take, in bytes. */
export interface SessionStorage {
  sessionId: string;
  title: string;
  trainee: string;
  /** The recording as imported. */
  media: number;
  /** The waveform. */
  peaks: number;
  /** The audio prepared for transcription: a cache, rebuilt when needed. */
  pcm: number;
  /** Clips of a received feedback package. */
  clips: number;
  total: number;
}

export interface StorageUsage {
  dataDir: string;
  sessions: SessionStorage[];
  totals: { media: number; peaks: number; pcm: number; clips: number };
  /** The database with its write-ahead log. */
  database: number;
  /** Transcription model files. */
  models: number;
  /** Everything above. */
  total: number;
  /** What "Clear caches" would free now. */
  clearable: number;
}

export interface ClearCachesResult {
  freedBytes: number;
  files: number;
  /** Caches left because work in progress uses them. */
  keptInUse: number;
}

export const STORAGE_JOB_KINDS = ['backup', 'restore', 'archiveExport', 'archiveImport'] as const;
export type StorageJobKind = (typeof STORAGE_JOB_KINDS)[number];

export interface StorageJobState {
  jobId: string;
  kind: StorageJobKind;
  /** 0–100. */
  percent: number;
  /** What is happening, in plain words. */
  stage: string;
}

export interface BackupResult {
  /** The backup folder. */
  path: string;
  sessions: number;
  /** Files in the backup (the database, recordings, waveforms, clips; the manifest not counted). */
  files: number;
  bytes: number;
  /** Every file was read back and matched its SHA-256, and the database copy passed SQLite's integrity check with the same rows. */
  verified: true;
  createdAt: string;
}

export interface RestoreResult {
  /** The backup it came from. */
  path: string;
  sessions: number;
  files: number;
  bytes: number;
  /** When the backup was made. */
  backupCreatedAt: string;
  /** The library held sessions that the restore replaced. */
  replaced: boolean;
  /** Things to tell the user although the restore succeeded (sessions deleted since the backup, files left to tidy up). */
  warnings: string[];
}

export interface ArchiveExportResult {
  path: string;
  bytes: number;
  sessions: number;
}

export interface ArchivedSessionRef {
  sessionId: string;
  title: string;
}

export interface ArchiveImportResult {
  path: string;
  imported: ArchivedSessionRef[];
  /** Sessions already in this library (the same recording, by its content hash, or the same session): skipped. */
  duplicates: (ArchivedSessionRef & { existingSessionId: string })[];
  /** Things to tell the user although the import succeeded. */
  warnings: string[];
}

export type StorageOutcome =
  | { kind: 'backup'; result: BackupResult }
  | { kind: 'restore'; result: RestoreResult }
  | { kind: 'archiveExport'; result: ArchiveExportResult }
  | { kind: 'archiveImport'; result: ArchiveImportResult }
  | { kind: 'cancelled' }
  | { kind: 'failed'; code: string; message: string };

export interface StorageFinished {
  jobId: string;
  jobKind: StorageJobKind;
  outcome: StorageOutcome;
}
