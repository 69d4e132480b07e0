/**
 * A backup is a folder: the database (`attune.sqlite`, an SQLite online backup), the recordings
 * (`media/`), the waveforms (`peaks/`) and `attune-backup.json`, this manifest, listing every file
 * with its size and SHA-256 and the database's rows per table. The audio prepared for transcription
 * (PCM) is a cache Attune rebuilds when needed, and the Whisper models can be downloaded again: both
 * are left out.
 */
import { z } from 'zod';

export const BACKUP_MANIFEST = 'attune-backup.json';
export const BACKUP_FORMAT = 'attune-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const BACKUP_DATABASE = 'attune.sqlite';
export const LEFT_OUT = 'The audio prepared for transcription (a cache, rebuilt when needed) and the Whisper model files (downloadable again) are not in the backup.';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const backupFileSchema = z
  .object({
    path: z.string().min(1).max(1024),
    kind: z.enum(['database', 'media', 'peaks']),
    size: z.number().int().nonnegative(),
    sha256,
  })
  .strict();

export const backupManifestSchema = z
  .object({
    format: z.literal(BACKUP_FORMAT),
    formatVersion: z.number().int().positive(),
    appVersion: z.string().max(100),
    createdAt: z.string().max(40),
    schemaVersion: z.number().int().nonnegative(),
    sessions: z.number().int().nonnegative(),
    tables: z.record(z.string().max(200), z.number().int().nonnegative()),
    files: z.array(backupFileSchema).max(1_000_000),
    leftOut: z.string().max(1000),
  })
  .strict();

export type BackupFile = z.infer<typeof backupFileSchema>;
export type BackupManifest = z.infer<typeof backupManifestSchema>;
