/** Domain types for a supervision session and its recording. Pure data, shared by main and renderer. */

export const SESSION_STATUSES = ['new', 'transcribed', 'in-review', 'feedback-sent', 'reply-received'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const SESSION_STATUS_LABELS: Record<SessionStatus, string> = {
  new: 'New',
  transcribed: 'Transcribed',
  'in-review': 'In review',
  'feedback-sent': 'Feedback sent',
  'reply-received': 'Reply received',
};

/** What the client consented to: supervision only, or also teaching, or also research. */
export const CONSENT_SCOPES = ['supervision', 'teaching', 'research'] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];

export const CONSENT_SCOPE_LABELS: Record<ConsentScope, string> = {
  supervision: 'Supervision only',
  teaching: 'Teaching',
  research: 'Research',
};

/** The client's consent to this recording, as recorded in the library. */
export interface Consent {
  /** ISO date (YYYY-MM-DD) consent was given. */
  date: string;
  scope: ConsentScope;
  /** Who recorded the consent (a person's name as typed). */
  recordedBy: string;
}

/** Technical facts about an imported recording, measured by ffprobe and the decoder. */
export interface MediaInfo {
  /** Original file name as the user chose it (no directory). */
  originalName: string;
  /** Lower-case hex sha256 of the file's bytes; also the stored file's name. */
  sha256: string;
  /** Name of the stored copy inside the data dir's media folder, e.g. `<sha256>.m4a`. */
  fileName: string;
  /** Name of the stored waveform peaks file inside the peaks folder. */
  peaksFileName: string;
  sizeBytes: number;
  /** Seconds, measured from the decoded audio. */
  duration: number;
  /** ffprobe's format name, e.g. `mov,mp4,m4a,3gp,3g2,mj2`. */
  container: string;
  audioCodec: string;
  videoCodec: string | null;
  channels: number;
  sampleRate: number;
  hasVideo: boolean;
  width: number | null;
  height: number | null;
}

export interface Session {
  id: string;
  title: string;
  trainee: string;
  supervisor: string;
  /** ISO date (YYYY-MM-DD) the session was recorded, or null when unknown. */
  recordedAt: string | null;
  notes: string;
  status: SessionStatus;
  /** Cohort or course, e.g. "MSW 2026 — Practicum I"; '' when not set. */
  cohort: string;
  /** The client's pseudonym (never a real name); '' when not set. */
  clientPseudonym: string;
  /** Free tags, trimmed, unique, in the order added. */
  tags: string[];
  /** The client's consent, or null when none is on file (the library flags these). */
  consent: Consent | null;
  /** ISO date (YYYY-MM-DD) after which the recording should be deleted, or null when not set. */
  retainUntil: string | null;
  /** ISO timestamps. */
  createdAt: string;
  updatedAt: string;
  media: MediaInfo;
}

/** Editable session fields. */
export interface SessionPatch {
  title?: string;
  trainee?: string;
  supervisor?: string;
  recordedAt?: string | null;
  notes?: string;
  status?: SessionStatus;
  cohort?: string;
  clientPseudonym?: string;
  tags?: string[];
  consent?: Consent | null;
  retainUntil?: string | null;
}
