import type { Session } from './session';

/** Recording formats the importer accepts, by file extension (lower case, no dot). */
export const IMPORTABLE_EXTENSIONS = ['wav', 'mp3', 'm4a', 'aac', 'mp4', 'mov', 'webm', 'ogg', 'opus', 'oga', 'flac'] as const;

export type ImportPhase = 'queued' | 'copying' | 'probing' | 'decoding' | 'finishing';

export interface ImportProgress {
  jobId: string;
  fileName: string;
  phase: ImportPhase;
  /** 0–100 over the whole job. */
  percent: number;
}

export type ImportOutcome =
  | { kind: 'imported'; session: Session }
  | { kind: 'duplicate'; session: Session }
  | { kind: 'failed'; code: string; message: string }
  | { kind: 'cancelled' };

export interface ImportFinished {
  jobId: string;
  fileName: string;
  outcome: ImportOutcome;
}

export interface ImportJobState {
  jobId: string;
  fileName: string;
  phase: ImportPhase;
  percent: number;
}
