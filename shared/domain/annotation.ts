/** Codebooks, their codes, and the annotations a supervisor places on a session's timeline. */

/** How a code reads in feedback: something done well, something to work on, the client's language, or plain description. */
export const CODE_KINDS = ['strength', 'growth', 'client', 'neutral'] as const;
export type CodeKind = (typeof CODE_KINDS)[number];

export const CODE_KIND_LABELS: Record<CodeKind, string> = {
  strength: 'Strength',
  growth: 'Growth area',
  client: 'Client language',
  neutral: 'Neutral',
};

/** The MITI 4.2.1 behaviour codes that the summary scores count. */
export const MITI_BEHAVIOURS = [
  'giving-information',
  'persuade',
  'persuade-with-permission',
  'question',
  'simple-reflection',
  'complex-reflection',
  'affirm',
  'seeking-collaboration',
  'emphasizing-autonomy',
  'confront',
] as const;
export type MitiBehaviour = (typeof MITI_BEHAVIOURS)[number];

export const MITI_BEHAVIOUR_LABELS: Record<MitiBehaviour, string> = {
  'giving-information': 'Giving information',
  persuade: 'Persuade',
  'persuade-with-permission': 'Persuade with permission',
  question: 'Question',
  'simple-reflection': 'Simple reflection',
  'complex-reflection': 'Complex reflection',
  affirm: 'Affirm',
  'seeking-collaboration': 'Seeking collaboration',
  'emphasizing-autonomy': 'Emphasizing autonomy',
  confront: 'Confront',
};

export interface Code {
  /** Stable kebab-case id; annotations reference it, so renaming a code never touches them. */
  id: string;
  name: string;
  /** One line saying when to use it. */
  definition: string;
  kind: CodeKind;
  /** `#rrggbb` */
  color: string;
  /** One key (a–z or 1–9, lower case) that drops this code while reviewing; null for none. */
  hotkey: string | null;
  /** The MITI behaviour this code counts as (null: it is not a MITI behaviour). */
  miti: MitiBehaviour | null;
  /** A missed opportunity: the annotation also holds "what could have been said". */
  missedOpportunity: boolean;
  /** Disabled codes stay on existing annotations but are not offered for new ones. */
  enabled: boolean;
}

export interface Codebook {
  id: string;
  name: string;
  /** The built-in default (seeded on first start; editable, but cannot be deleted). */
  builtIn: boolean;
  /** In display order. */
  codes: Code[];
  updatedAt: string;
}

export interface Annotation {
  id: string;
  sessionId: string;
  codeId: string;
  /** Seconds from the start of the recording. */
  start: number;
  /** Seconds; null for a moment (a point in time). */
  end: number | null;
  comment: string;
  /** The local profile name of whoever made it. */
  author: string;
  /** For missed opportunities: what could have been said. Empty otherwise. */
  modelResponse: string;
  /** Transcript segments this annotation is about, in time order. */
  segmentIds: string[];
  createdAt: string;
  updatedAt: string;
}

/** The editable part of an annotation. */
export interface AnnotationPatch {
  codeId?: string;
  start?: number;
  end?: number | null;
  comment?: string;
  modelResponse?: string;
  segmentIds?: string[];
}

/** The local profile: who is annotating and how the one-key coding behaves. */
export interface Profile {
  /** Shown as the author of new annotations. */
  name: string;
  /** Seconds a hotkey annotation is placed before the playhead (what was just heard). */
  preRoll: number;
}

export const DEFAULT_PRE_ROLL = 3;
