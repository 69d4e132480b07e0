/**
 * The built-in codebook: counselor strengths and growth areas from helping-interview practice, the
 * MITI 4.2.1 behaviour codes, and client language. Ids are the kebab-case of the names and never
 * change between versions; codes that coincide with a MITI behaviour count as it (`miti`), so a
 * supervisor codes each moment once.
 */
import type { Code, Codebook } from '../domain/annotation';

export const DEFAULT_CODEBOOK_ID = 'default';
export const DEFAULT_CODEBOOK_NAME = 'Helping interview and MI (built-in)';

type Seed = [id: string, name: string, definition: string, color: string, hotkey: string | null, miti: Code['miti'], extra?: Partial<Code>];

const strengths: Seed[] = [
  ['empathy', 'Empathy', 'Conveys an accurate understanding of the client’s perspective and feelings.', '#0f766e', 'e', null],
  ['open-question', 'Open question', 'Invites the client to explain or explore; cannot be answered in a word.', '#2563eb', 'q', 'question'],
  ['simple-reflection', 'Simple reflection', 'Repeats or rephrases what the client said, adding little meaning.', '#0e7490', 'r', 'simple-reflection'],
  ['complex-reflection', 'Complex reflection', 'Adds meaning or emphasis: the unspoken feeling, a double-sided or amplified reflection.', '#15803d', 'c', 'complex-reflection'],
  ['affirmation', 'Affirmation', 'Genuinely recognises the client’s strengths, efforts or values.', '#4d7c0f', 'a', 'affirm'],
  ['summary', 'Summary', 'Draws several of the client’s statements together and hands them back (counts as a complex reflection).', '#047857', 's', 'complex-reflection'],
  ['effective-silence', 'Effective silence', 'A pause held long enough for the client to think or go on.', '#64748b', 'z', null],
  ['seeking-collaboration', 'Seeking collaboration', 'Asks for the client’s ideas, agreement or permission; shares power over the agenda.', '#0369a1', 'g', 'seeking-collaboration'],
  ['emphasizing-autonomy', 'Emphasizing autonomy', 'Makes clear the choice and the ability to change belong to the client.', '#1d4ed8', 'u', 'emphasizing-autonomy'],
  ['eliciting-change-talk', 'Eliciting change talk', 'A question or reflection that invites the client’s own reasons for change.', '#16a34a', 'h', null],
  ['rapport-and-structuring', 'Rapport and structuring', 'Builds rapport or structures the session: agenda, goals, ending well.', '#0891b2', 't', null],
];

const growthAreas: Seed[] = [
  ['missed-reflection', 'Missed reflection', 'A moment that called for a reflection and got none, or a question instead.', '#b45309', 'x', null, { missedOpportunity: true }],
  ['premature-advice', 'Premature advice', 'Advice or solutions before the client asked or was ready (the righting reflex).', '#c2410c', 'v', 'persuade'],
  ['closed-question-run', 'Closed-question run', 'Several closed questions in a row, interview-style.', '#a16207', 'w', 'question'],
  ['persuading-without-permission', 'Persuading without permission', 'Argues for change or gives opinions the client did not ask for.', '#dc2626', 'p', 'persuade'],
  ['confronting-or-arguing', 'Confronting or arguing', 'Disagrees, argues, corrects or shames the client.', '#b91c1c', 'f', 'confront'],
  ['judging', 'Judging', 'Criticises, moralises or labels the client.', '#9f1239', 'd', 'confront'],
  ['interrupting', 'Interrupting', 'Cuts the client off or talks over them.', '#ea580c', 'n', null],
  ['missed-change-talk', 'Missed change talk', 'Change talk went by without being noticed, reflected or explored.', '#d97706', 'y', null, { missedOpportunity: true }],
];

const mitiOnly: Seed[] = [
  ['giving-information', 'Giving information', 'MITI: gives information, educates or explains without persuading.', '#475569', '1', 'giving-information'],
  ['persuade', 'Persuade', 'MITI: tries to change the client’s opinions or behaviour by logic, argument or self-disclosure.', '#e11d48', '2', 'persuade'],
  ['persuade-with-permission', 'Persuade with permission', 'MITI: persuades after asking permission or emphasizing the client’s choice.', '#57534e', '3', 'persuade-with-permission'],
  ['question', 'Question', 'MITI: any question, open or closed.', '#3b82f6', '4', 'question'],
  ['affirm', 'Affirm', 'MITI: states something positive about the client’s strengths or efforts.', '#65a30d', '5', 'affirm'],
  ['confront', 'Confront', 'MITI: disagrees, argues, criticises, shames, blames or questions the client’s honesty.', '#be123c', '6', 'confront'],
];

const clientLanguage: Seed[] = [
  ['change-talk', 'Change talk', 'The client speaks in favour of change.', '#7c3aed', '7', null],
  ['change-talk-desire', 'Change talk: desire', '“I want to…”, “I wish…”.', '#8b5cf6', null, null],
  ['change-talk-ability', 'Change talk: ability', '“I could…”, “I can…”.', '#9333ea', null, null],
  ['change-talk-reasons', 'Change talk: reasons', 'A specific reason for change.', '#a855f7', null, null],
  ['change-talk-need', 'Change talk: need', '“I need to…”, “I have to…”.', '#6d28d9', null, null],
  ['change-talk-commitment', 'Change talk: commitment', '“I will…”, “I’m going to…”.', '#5b21b6', null, null],
  ['change-talk-activation', 'Change talk: activation', '“I’m ready to…”, “I’m willing to…”.', '#7e22ce', null, null],
  ['change-talk-taking-steps', 'Change talk: taking steps', 'Something the client has already done toward change.', '#6b21a8', null, null],
  ['sustain-talk', 'Sustain talk', 'The client speaks in favour of the status quo.', '#be185d', '8', null],
];

function build(seeds: Seed[], kind: Code['kind']): Code[] {
  return seeds.map(([id, name, definition, color, hotkey, miti, extra]) => ({
    id,
    name,
    definition,
    kind: extra?.kind ?? kind,
    color,
    hotkey,
    miti,
    missedOpportunity: false,
    enabled: true,
    ...extra,
  }));
}

/** The codes of the built-in codebook, in display order. */
export function defaultCodes(): Code[] {
  return [
    ...build(strengths, 'strength'),
    ...build(growthAreas, 'growth'),
    ...build(mitiOnly, 'neutral').map((c) =>
      c.id === 'persuade' || c.id === 'confront' ? { ...c, kind: 'growth' as const } : c.id === 'affirm' ? { ...c, kind: 'strength' as const } : c,
    ),
    ...build(clientLanguage, 'client'),
  ];
}

export function defaultCodebook(updatedAt = '1970-01-01T00:00:00.000Z'): Codebook {
  return { id: DEFAULT_CODEBOOK_ID, name: DEFAULT_CODEBOOK_NAME, builtIn: true, codes: defaultCodes(), updatedAt };
}

/**
 * Keys the review screen already uses, so no code may take them: Space, J/K/L, M, I/O (span in and
 * out), 0 and the zoom keys, ? for help.
 */
export const RESERVED_HOTKEYS: readonly string[] = [' ', 'j', 'k', 'l', 'm', 'i', 'o', '0', '+', '=', '-', '_', '?'];

/** Allowed hotkeys: one lower-case letter or a digit 1–9. */
export const HOTKEY_PATTERN = /^[a-z1-9]$/;
