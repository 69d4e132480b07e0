/** Library-wide search: what a search asks for and what it finds. Pure data, shared by main and renderer. */
import type { SpeakerRole } from './transcript';

/** What a hit matched, coarsely: a transcript line, an annotation (comment or model response), or feedback. */
export const SEARCH_MATCH_KINDS = ['transcript', 'comment', 'feedback'] as const;
export type SearchMatchKind = (typeof SEARCH_MATCH_KINDS)[number];

/** The text a hit was found in, finely. */
export const SEARCH_FIELDS = [
  'transcript',
  'comment',
  'modelResponse',
  'strengths',
  'growthAreas',
  'goals',
  /** The trainee's reply to an annotation, merged back from a reply file (supervisor side). */
  'reply',
  /** The trainee's reflection on the whole session, merged back (supervisor side). */
  'reflection',
  /** The trainee's own reply to an annotation of received feedback (trainee side). */
  'traineeReply',
  /** The trainee's own reflection on received feedback (trainee side). */
  'traineeReflection',
] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

export const SEARCH_FIELD_KIND: Record<SearchField, SearchMatchKind> = {
  transcript: 'transcript',
  comment: 'comment',
  modelResponse: 'comment',
  strengths: 'feedback',
  growthAreas: 'feedback',
  goals: 'feedback',
  reply: 'feedback',
  reflection: 'feedback',
  traineeReply: 'feedback',
  traineeReflection: 'feedback',
};

export const SEARCH_FIELD_LABELS: Record<SearchField, string> = {
  transcript: 'Transcript',
  comment: 'Comment',
  modelResponse: 'Model response',
  strengths: 'Feedback: strengths',
  growthAreas: 'Feedback: areas for growth',
  goals: 'Feedback: goals',
  reply: 'Trainee’s reply',
  reflection: 'Trainee’s reflection',
  traineeReply: 'Your reply',
  traineeReflection: 'Your reflection',
};

/** At most this many characters in a search. */
export const SEARCH_QUERY_MAX = 500;
/** Hits answered by default, and at most. */
export const SEARCH_DEFAULT_LIMIT = 200;
export const SEARCH_MAX_LIMIT = 1000;

export interface SearchFilters {
  /** Only sessions of this trainee (exact name, any case). */
  trainee?: string;
  /** Only annotations with this code id, and transcript lines inside such an annotation. */
  code?: string;
  /** Only sessions recorded on or after this ISO date (sessions without a date are left out). */
  from?: string;
  /** Only sessions recorded on or before this ISO date (sessions without a date are left out). */
  to?: string;
  /** Only transcript lines of this speaker: a role (counselor, client, other) or the name shown for it. */
  speaker?: string;
}

export interface SearchRequest extends SearchFilters {
  query: string;
  limit?: number;
}

export interface SearchHit {
  sessionId: string;
  title: string;
  trainee: string;
  recordedAt: string | null;
  /** Seconds: the line's or annotation's start; 0 for feedback on the whole session. */
  start: number;
  /** Seconds, or null for a moment or for feedback on the whole session. */
  end: number | null;
  /** The matching text (shortened around the match when long), plain. */
  text: string;
  /** Where the query matched in `text`: [from, to) in UTF-16 code units, in order, not overlapping. */
  highlights: [number, number][];
  matched: SearchMatchKind;
  field: SearchField;
  /** Transcript hits: the speaker's role and the name the session shows for it. */
  speaker: SpeakerRole | null;
  speakerName: string | null;
  /** Annotation hits (and replies to them): the code. */
  codeId: string | null;
  codeName: string | null;
}

export interface SearchResults {
  hits: SearchHit[];
  /** Every hit the search and its filters find (`hits` holds the best `limit` of them). */
  total: number;
}

/** What the search filters can choose from, drawn from the library. */
export interface SearchOptions {
  trainees: string[];
  /** Codes used by annotations in the library (id and name, by name). */
  codes: { id: string; name: string }[];
  /** Names given to speakers in transcripts, besides the three roles. */
  speakerNames: string[];
}
