/** What the API answers about feedback packages: the trainee's received copy, and replies merged on the supervisor's side. */
import type { Annotation, Codebook } from '../domain/annotation';
import type { SessionReview, SummaryScores } from '../domain/review';
import type { Session } from '../domain/session';
import type { Transcript } from '../domain/transcript';

/** What `package.open` did. */
export type PackageOpenOutcome =
  /** A feedback package became (or updated) a read-only copy in the trainee's library. */
  | { kind: 'feedback'; sessionId: string; title: string; updated: boolean }
  /** A reply file's answers were merged into the supervisor's session; `skipped`: answers to annotations since deleted. */
  | { kind: 'reply'; sessionId: string; title: string; merged: number; skipped: number };

/** The trainee's own marks on one annotation. */
export interface TraineeResponse {
  /** ISO time the trainee marked it read; null: not read. */
  readAt: string | null;
  reply: string;
  repliedAt: string | null;
}

/** A received clip: a stored file (served like a recording, `${mediaBase}/media/${fileName}`) covering [start, end] of the recording. */
export interface ReceivedClip {
  fileName: string;
  start: number;
  end: number;
}

export type ReceivedMedia =
  /** Text only: `session.media` names no real file. */
  | { kind: 'none' }
  /** The whole recording is the session's own media. */
  | { kind: 'full' }
  /** One clip per annotation (by annotation id); `session.media` names no real file. */
  | { kind: 'clips'; hasVideo: boolean; clips: Record<string, ReceivedClip> };

/** Everything the trainee's Feedback view shows (`feedback.get`). */
export interface ReceivedFeedback {
  session: Session;
  packageId: string;
  /** The supervisor's name as their Attune gave it. */
  createdBy: string;
  /** When the supervisor made the package, and when this library last opened it (ISO). */
  sourceCreatedAt: string;
  openedAt: string;
  deidentified: boolean;
  media: ReceivedMedia;
  codebook: Codebook;
  /** In time order. */
  annotations: Annotation[];
  transcript: Transcript;
  review: SessionReview;
  /** As the supervisor's Attune computed them. */
  scores: SummaryScores;
  /** By annotation id; an annotation without an entry is unread and unanswered. */
  responses: Record<string, TraineeResponse>;
  reflection: { text: string; writtenAt: string | null };
  /** When a reply file was last written (null: never). */
  replyExportedAt: string | null;
}

/** One received package in the library (`feedback.list`). */
export interface ReceivedSummary {
  sessionId: string;
  packageId: string;
  title: string;
  createdBy: string;
  openedAt: string;
  annotationCount: number;
  readCount: number;
  repliedCount: number;
}

/** A trainee's answers merged into the supervisor's session (`replies.list`). */
export interface SessionReplies {
  sessionId: string;
  /** By annotation id: only annotations the trainee read or answered. */
  byAnnotation: Record<string, { text: string; repliedAt: string | null; readAt: string | null }>;
  reflection: { text: string; writtenAt: string } | null;
  /** Who wrote the reply and when it was merged (null: no reply merged yet). */
  from: string | null;
  mergedAt: string | null;
}
