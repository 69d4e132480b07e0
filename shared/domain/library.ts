/** The library's filters, saved filters, status counts, the Retention screen and the deletion log. Pure data. */
import type { Session, SessionStatus } from './session';

/** How many days ahead the Retention screen and the "retention due" filter look. */
export const RETENTION_DUE_DAYS = 30;

/** At most this many tags on one session. */
export const MAX_TAGS = 50;

/**
 * A filter over the library. Every field is optional; a session matches when it matches all that
 * are given. Text fields match exactly, ignoring case (they come from menus of values in use).
 */
export interface LibraryFilter {
  /** Words matched against title, trainee, supervisor, cohort, client pseudonym and tags. */
  text?: string;
  trainee?: string;
  supervisor?: string;
  cohort?: string;
  client?: string;
  status?: SessionStatus;
  tag?: string;
  /** ISO dates, inclusive: the recording date lies in this range (sessions without a date never match a range). */
  recordedFrom?: string;
  recordedTo?: string;
  /** Only sessions with no consent on file. */
  noConsent?: boolean;
  /** Only sessions whose retention date has passed or comes within RETENTION_DUE_DAYS days. */
  retentionDue?: boolean;
}

export interface SavedFilter {
  id: string;
  name: string;
  filter: LibraryFilter;
  createdAt: string;
}

export interface StatusCounts {
  total: number;
  byStatus: Record<SessionStatus, number>;
}

/** The Retention screen: what has passed its date, what comes due soon, and what has no consent on file. */
export interface RetentionOverview {
  /** The day the lists were made for (this computer's local date). */
  today: string;
  dueWithinDays: number;
  /** Retention date before today, oldest first. */
  past: Session[];
  /** Retention date from today to today + dueWithinDays, soonest first. */
  dueSoon: Session[];
  /** No consent on file, oldest recording first. */
  noConsent: Session[];
}

/** Kinds of things a deletion removes; the log keeps only these names with counts and bytes. */
export const REMOVED_KINDS = [
  'recording',
  'clips',
  'audioCache',
  'waveform',
  'transcriptSegments',
  'annotations',
  'review',
  'replies',
  'tags',
  'packages',
] as const;
export type RemovedKind = (typeof REMOVED_KINDS)[number];

export const REMOVED_KIND_LABELS: Record<RemovedKind, string> = {
  recording: 'Recording',
  clips: 'Feedback clips',
  audioCache: 'Audio cache',
  waveform: 'Waveform',
  transcriptSegments: 'Transcript segments',
  annotations: 'Annotations',
  review: 'Scores and feedback',
  replies: 'Replies and reflections',
  tags: 'Tags',
  packages: 'Package records',
};

/** How many of a kind went, and for files how many bytes (overwritten first for recordings, clips and the audio cache). */
export interface RemovedCount {
  count: number;
  bytes?: number;
}

export type RemovedSummary = Partial<Record<RemovedKind, RemovedCount>>;

/** One row of the deletion log: no title, names or content — only what kinds of things went. */
export interface DeletionLogEntry {
  id: number;
  deletedAt: string;
  /** The profile name of whoever deleted it. */
  deletedBy: string;
  sessionId: string;
  removed: RemovedSummary;
}

/** What one deletion did: the log entry, and which files were overwritten before they were removed. */
export interface DeletionReport extends DeletionLogEntry {
  overwrittenFiles: number;
  removedFiles: number;
}

/**
 * What became of one session asked to be deleted together with others: deleted (with its report),
 * failed (why, in plain words), or not tried because an earlier one failed.
 */
export type DeletionOutcome =
  | { sessionId: string; status: 'deleted'; report: DeletionReport }
  | { sessionId: string; status: 'failed'; code: string; message: string }
  | { sessionId: string; status: 'notTried' };
