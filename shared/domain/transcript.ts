/** Transcripts: timed segments with speakers, from Whisper or an imported subtitle file. */

export const SPEAKER_ROLES = ['counselor', 'client', 'other'] as const;
export type SpeakerRole = (typeof SPEAKER_ROLES)[number];

export const DEFAULT_SPEAKER_NAMES: Record<SpeakerRole, string> = {
  counselor: 'Counselor',
  client: 'Client',
  other: 'Other',
};

export type TranscriptSource = 'whisper' | 'vtt' | 'srt';

export interface TranscriptSegment {
  id: string;
  sessionId: string;
  /** Seconds from the start of the recording. */
  start: number;
  end: number;
  speaker: SpeakerRole | null;
  /** What is shown: the supervisor's correction if any, else what the engine or file said. */
  text: string;
  /** What the engine or the imported file said; kept when the text is corrected. */
  originalText: string;
  edited: boolean;
}

export interface Transcript {
  sessionId: string;
  source: TranscriptSource | null;
  /** Model file name (Whisper) or imported file name. */
  origin: string | null;
  language: string | null;
  /** Per-session names for the three roles. */
  speakerNames: Record<SpeakerRole, string>;
  segments: TranscriptSegment[];
  /** Speech regions found by voice-activity detection, when it ran. */
  speech: { start: number; end: number }[] | null;
  /** Whisper work that has not finished (null when none): the transcript covers [0, coveredUntil). */
  pending: { coveredUntil: number } | null;
}

export interface TranscriptionJobState {
  jobId: string;
  sessionId: string;
  status: 'queued' | 'running';
  model: string;
  /** 0–100 */
  percent: number;
  /** Estimated seconds left, null until it can be estimated. */
  etaSeconds: number | null;
}

export type TranscriptionOutcome =
  | { kind: 'done'; segmentCount: number }
  | { kind: 'failed'; code: string; message: string }
  | { kind: 'cancelled' };

export interface WhisperModelInfo {
  /** File name in the models folder (or the path from ATTUNE_WHISPER_MODEL). */
  id: string;
  kind: 'whisper' | 'vad';
  /** e.g. "tiny.en", "base", "silero v6.2.0". */
  name: string;
  path: string;
  sizeBytes: number;
  /** Whisper only: true when the model handles languages other than English. */
  multilingual: boolean;
  isDefault: boolean;
}

export interface ModelCatalogueEntry {
  /** e.g. "tiny.en" */
  name: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
  multilingual: boolean;
  installed: boolean;
}
