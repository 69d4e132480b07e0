/** Exports of a session: feedback reports, standard formats, and the feedback package for the trainee. */
import type { Annotation, Codebook } from './annotation';
import type { SessionReview, SummaryScores } from './review';
import type { Session } from './session';
import type { Transcript } from './transcript';

export const EXPORT_FORMATS = ['pdf', 'html', 'csv', 'json', 'vtt', 'srt', 'txt', 'docx', 'eaf', 'package'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_FORMAT_LABELS: Record<ExportFormat, string> = {
  pdf: 'Feedback report (PDF)',
  html: 'Feedback report (HTML, opens offline)',
  csv: 'Annotations (CSV)',
  json: 'Annotations, scores and feedback (JSON)',
  vtt: 'Transcript (WebVTT)',
  srt: 'Transcript (SRT)',
  txt: 'Transcript (plain text)',
  docx: 'Transcript (Word DOCX)',
  eaf: 'Transcript and annotations (ELAN .eaf)',
  package: 'Feedback package for the trainee (.attune-feedback)',
};

/** The file name extension each format writes (without the dot). */
export const EXPORT_EXTENSIONS: Record<ExportFormat, string> = {
  pdf: 'pdf',
  html: 'html',
  csv: 'csv',
  json: 'json',
  vtt: 'vtt',
  srt: 'srt',
  txt: 'txt',
  docx: 'docx',
  eaf: 'eaf',
  package: 'attune-feedback',
};

/** What goes into a feedback package besides the text. */
export interface PackageOptions {
  /** none: text only; clips: a short clip around each annotation; full: the whole recording. */
  media: 'none' | 'clips' | 'full';
  /** Seconds before and after each annotation in a clip. */
  clipPreRoll: number;
  clipPostRoll: number;
  /** Names and places replaced by placeholders in transcript and comments (and bleeped in the audio when `bleep`). Null: not de-identified. */
  deidentify: { terms: string[]; bleep: boolean } | null;
  /** Null: not encrypted. */
  passphrase: string | null;
}

export interface ExportJobState {
  jobId: string;
  sessionId: string;
  format: ExportFormat;
  /** 0–100 */
  percent: number;
  /** What is happening, in plain words ("Rendering the report", "Cutting clips 3 of 12"). */
  stage: string;
}

export type ExportOutcome =
  | { kind: 'done'; path: string; bytes: number }
  | { kind: 'failed'; code: string; message: string }
  | { kind: 'cancelled' };

/** Everything an export of one session is made from, gathered once on the Node side (main/services/export/session-bundle.ts). */
export interface SessionBundle {
  session: Session;
  codebook: Codebook;
  /** In time order. */
  annotations: Annotation[];
  transcript: Transcript;
  review: SessionReview;
  scores: SummaryScores;
  /** ISO timestamp. */
  generatedAt: string;
  /** The profile name of whoever exported it. */
  generatedBy: string;
}
