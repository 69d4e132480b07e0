/**
 * A session archive (`.attune-archive`) is a zip file:
 *
 *   manifest.json        what is inside: the sessions, and every other entry with its size and SHA-256
 *   sessions/<n>.json    one session's rows from every table that belongs to it, by table
 *   codebooks.json       the codebooks of its own the sessions are coded with, and their codes
 *   media/<sha256>.<ext> the recordings (and clips of received packages)
 *   peaks/<sha256>.peaks the waveforms
 *
 * Rows are stored as column names plus arrays of values, so an archive made before a column was added
 * still imports (the new column takes its default). The audio prepared for transcription is left out.
 */
import { z } from 'zod';

export const ARCHIVE_EXTENSION = 'attune-archive';
export const ARCHIVE_MANIFEST = 'manifest.json';
export const ARCHIVE_FORMAT = 'attune-archive';
export const ARCHIVE_FORMAT_VERSION = 1;
export const CODEBOOKS_ENTRY = 'codebooks.json';
export const MAX_ARCHIVE_ENTRIES = 20_000;
/** The rows of one session, or the codebooks, in one entry. */
export const MAX_ROWS_ENTRY_BYTES = 512 * 1024 * 1024;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const entryPath = z.string().min(1).max(1024);

export const archiveManifestSchema = z
  .object({
    format: z.literal(ARCHIVE_FORMAT),
    formatVersion: z.number().int().positive(),
    appVersion: z.string().max(100),
    createdAt: z.string().max(40),
    schemaVersion: z.number().int().nonnegative(),
    sessions: z
      .array(
        z
          .object({
            id: z.string().min(1).max(100),
            title: z.string().max(500),
            mediaSha256: sha256.nullable(),
            rows: entryPath,
          })
          .strict(),
      )
      .min(1)
      .max(5000),
    codebooks: entryPath.nullable(),
    entries: z.array(z.object({ path: entryPath, size: z.number().int().nonnegative(), sha256 }).strict()).max(MAX_ARCHIVE_ENTRIES),
  })
  .strict();

export type ArchiveManifest = z.infer<typeof archiveManifestSchema>;

/** A value as stored in JSON: SQLite's null, numbers and text as they are, blobs as base64. */
const cellSchema = z.union([z.null(), z.number(), z.string(), z.object({ $blob: z.string().max(100_000_000) }).strict()]);

export const tableRowsSchema = z
  .object({
    columns: z.array(z.string().min(1).max(200)).min(1).max(500),
    rows: z.array(z.array(cellSchema)),
  })
  .strict()
  .refine((t) => t.rows.every((r) => r.length === t.columns.length), 'A row has the wrong number of values.');

export const rowSetSchema = z.object({ tables: z.record(z.string().min(1).max(200), tableRowsSchema) }).strict();

export type TableRows = z.infer<typeof tableRowsSchema>;
export type RowSet = z.infer<typeof rowSetSchema>;
