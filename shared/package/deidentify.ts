/**
 * De-identification of a feedback package: the names and places a supervisor lists are replaced in
 * every free text by numbered placeholders (`[NAME 1]`, `[NAME 2]`, … one per distinct term, in the
 * order listed), matched case-insensitively as whole words, longest term first, so "Anna Smith" is
 * one placeholder and not "[NAME 1] Smith". Also where each occurrence falls in time, so the same
 * words can be bleeped in the audio. Pure: no Node, no DOM.
 */

export interface Deidentifier {
  /** The terms after trimming and removing repeats (case-insensitively), in the order given. */
  readonly terms: readonly string[];
  /** The text with every listed term replaced by its placeholder. */
  replace(text: string): string;
  /** Character ranges [start, end) of the terms in the text, in order, not overlapping. */
  occurrences(text: string): { start: number; end: number }[];
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The placeholder word: NAME, unless a term itself would then reappear inside its placeholder. */
function placeholderWord(terms: readonly string[]): string {
  for (const word of ['NAME', 'REDACTED', 'PERSON', 'X']) {
    const lower = word.toLowerCase();
    if (!terms.some((t) => lower.includes(t.toLowerCase()) || t.toLowerCase().includes(lower))) return word;
  }
  return '…';
}

export function makeDeidentifier(rawTerms: readonly string[]): Deidentifier {
  const seen = new Set<string>();
  const terms: string[] = [];
  for (const raw of rawTerms) {
    const term = raw.trim().replace(/\s+/g, ' ');
    const key = term.toLocaleLowerCase();
    if (term === '' || seen.has(key)) continue;
    seen.add(key);
    terms.push(term);
  }
  const word = placeholderWord(terms);
  const placeholderOf = new Map(terms.map((t, i) => [t.toLocaleLowerCase(), `[${word} ${i + 1}]`]));
  // Longest first, so a longer term wins over a shorter one it contains; spaces inside a term match any run of white space.
  const byLength = [...terms].sort((a, b) => b.length - a.length);
  const pattern =
    byLength.length === 0
      ? null
      : // Not preceded or followed by a letter, digit or combining mark: whole words only (an underscore or a dot is a boundary).
        new RegExp(`(?<![\\p{L}\\p{N}\\p{M}])(?:${byLength.map((t) => t.split(' ').map(escapeRegExp).join('\\s+')).join('|')})(?![\\p{L}\\p{N}\\p{M}])`, 'giu');

  const occurrencesWithTerm = (text: string): { start: number; end: number; placeholder: string }[] => {
    if (!pattern || text === '') return [];
    const found: { start: number; end: number; placeholder: string }[] = [];
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      const key = m[0].replace(/\s+/g, ' ').toLocaleLowerCase();
      found.push({ start, end, placeholder: placeholderOf.get(key) ?? `[${word}]` });
    }
    return found;
  };

  return {
    terms,
    replace(text) {
      const found = occurrencesWithTerm(text);
      if (found.length === 0) return text;
      let out = '';
      let at = 0;
      for (const f of found) {
        out += text.slice(at, f.start) + f.placeholder;
        at = f.end;
      }
      return out + text.slice(at);
    },
    occurrences(text) {
      return occurrencesWithTerm(text).map(({ start, end }) => ({ start, end }));
    },
  };
}

/** What the bleep needs of a transcript segment. */
export interface TimedText {
  start: number;
  end: number;
  text: string;
}

/** Seconds added before and after each estimated occurrence: the estimate is rough. */
export const BLEEP_PADDING_S = 0.15;

/**
 * The stretches of the recording to bleep: each occurrence of a term in a segment's text, placed in
 * time by its character position within the segment (speech is assumed to run evenly through it),
 * padded on both sides, clipped to the recording, and merged where they touch. In time order.
 */
export function bleepRanges(
  segments: readonly TimedText[],
  deidentifier: Deidentifier,
  duration: number,
  padding = BLEEP_PADDING_S,
): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  for (const s of segments) {
    const length = s.text.length;
    if (length === 0 || !(s.end >= s.start)) continue;
    const span = s.end - s.start;
    for (const o of deidentifier.occurrences(s.text)) {
      const start = Math.max(0, s.start + (span * o.start) / length - padding);
      const end = Math.min(duration, s.start + (span * o.end) / length + padding);
      if (end > start) ranges.push({ start, end });
    }
  }
  ranges.sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}
