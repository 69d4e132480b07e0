/**
 * The search language clinicians type, turned into a safe SQLite FTS5 MATCH expression.
 *
 *   words            every word must appear (in any order)
 *   "exact phrase"   the words in this order
 *   a OR b           either (OR in capitals)
 *   -word, -"a b"    leave out texts that contain it
 *   reflect*         words starting with "reflect" (at least two letters; at most five such terms)
 *   a AND b          the same as "a b"
 *
 * Everything else is plain text: every term is written to FTS5 as a quoted string, so FTS5's own
 * operators (NEAR, column filters, ^, +, parentheses) typed by a user are only ever searched for as
 * words, never obeyed. Mistakes (an unclosed quotation mark, OR with nothing beside it, only
 * left-out words) answer a message in plain words instead of an expression.
 */
import { SEARCH_QUERY_MAX } from '../domain/search';

export interface SearchTerm {
  /** The words as typed (a phrase's inside, without quotation marks or a trailing *). */
  text: string;
  phrase: boolean;
  prefix: boolean;
}

export interface ParsedQuery {
  ok: true;
  /** The FTS5 MATCH expression. */
  expression: string;
  /** Terms that must match: each group is a set of alternatives (joined by OR); all groups must match. */
  groups: SearchTerm[][];
  /** Terms that must not match. */
  excluded: SearchTerm[];
}

export interface QueryProblem {
  ok: false;
  message: string;
}

/** At most this many words and phrases in one search. */
export const SEARCH_MAX_TERMS = 40;

/**
 * At most this many prefix terms (reflect*) in one search: each reads every word of the library
 * that starts with its letters, so a few of them cost as much as many plain words.
 */
export const SEARCH_MAX_PREFIXES = 5;

/** Letters a prefix term needs before the *: the index keeps ready lists for 2 and 3 letters, not 1. */
export const SEARCH_PREFIX_MIN_LETTERS = 2;

type Item = { kind: 'or' } | { kind: 'term'; term: SearchTerm; negated: boolean };

const QUOTES = /["\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/;
const SPACE = /\s/;
/** Characters SQLite's unicode61 tokenizer keeps in words: letters, numbers and private-use characters. */
const WORD_CHAR = /[\p{L}\p{N}\p{Co}]/u;

const WORD_SEPARATORS = /[^\p{L}\p{N}\p{Co}]+/u;

const problem = (message: string): QueryProblem => ({ ok: false, message });

/** The letters the * applies to: FTS5 treats the last word of the term as the prefix. */
function prefixLetters(term: SearchTerm): number {
  const words = term.text.split(WORD_SEPARATORS).filter((w) => w !== '');
  return [...(words.at(-1) ?? '')].length;
}

/** A short, quoted excerpt of what the user typed, for messages. */
function excerpt(text: string, max = 40): string {
  const t = text.trim().replace(/\s+/g, ' ');
  return `“${t.length > max ? `${t.slice(0, max - 1)}…` : t}”`;
}

/** Writes a term as an FTS5 string (doubled quotation marks inside), with * for a prefix. */
function ftsString(term: SearchTerm): string {
  return `"${term.text.replace(/"/g, '""')}"${term.prefix ? '*' : ''}`;
}

/** Splits the query into terms and ORs, or answers what is wrong with it. */
function scan(query: string): Item[] | QueryProblem {
  const items: Item[] = [];
  let i = 0;
  const n = query.length;
  while (i < n) {
    const c = query[i] as string;
    if (SPACE.test(c)) {
      i++;
      continue;
    }
    let negated = false;
    if (c === '-' || c === '\u2212' || c === '\u2013') {
      const next = query[i + 1];
      if (next === undefined || SPACE.test(next)) {
        const after = query.slice(i + 1).trim();
        return problem(
          after
            ? `Put the word to leave out right after the minus sign, with no space: -${after.split(/\s+/)[0] ?? ''}.`
            : 'Put the word to leave out right after the minus sign, like: -alcohol.',
        );
      }
      negated = true;
      i++;
    }
    const start = i;
    if (QUOTES.test(query[i] as string)) {
      // A phrase: up to the next quotation mark of any kind.
      let j = i + 1;
      while (j < n && !QUOTES.test(query[j] as string)) j++;
      const inside = query.slice(i + 1, j);
      if (j >= n) {
        return problem(
          inside.trim()
            ? `Close the quotation mark after ${excerpt(inside)}.`
            : 'Close the quotation mark, or take it out: phrases are written like "sustain talk".',
        );
      }
      i = j + 1;
      let prefix = false;
      while (query[i] === '*') {
        prefix = true;
        i++;
      }
      items.push({ kind: 'term', term: { text: inside.trim().replace(/\s+/g, ' '), phrase: true, prefix }, negated });
      continue;
    }
    // A word: up to the next space or quotation mark.
    let j = i;
    while (j < n && !SPACE.test(query[j] as string) && !QUOTES.test(query[j] as string)) j++;
    const word = query.slice(start, j);
    i = j;
    if (word === 'OR' && !negated) {
      items.push({ kind: 'or' });
      continue;
    }
    // Every word must match anyway: AND in capitals is read as the user means it.
    if (word === 'AND' && !negated) continue;
    const bare = word.replace(/\*+$/, '');
    const prefix = bare.length < word.length;
    if (bare === '' && prefix) return problem('Put a few letters before the *, like: reflect*.');
    items.push({ kind: 'term', term: { text: bare, phrase: false, prefix }, negated });
  }
  return items;
}

/** Parses what a clinician typed into an FTS5 MATCH expression, or a message saying what to fix. */
export function parseSearchQuery(query: string): ParsedQuery | QueryProblem {
  if (query.length > SEARCH_QUERY_MAX) return problem(`A search can be at most ${SEARCH_QUERY_MAX} characters long; shorten it.`);
  // Control characters (a pasted NUL, a tab) count as spaces.
  const cleaned = query.normalize('NFC').replace(/\p{Cc}/gu, ' ');
  if (cleaned.trim() === '') return problem('Type a word or a phrase to search for.');
  const scanned = scan(cleaned);
  if (!Array.isArray(scanned)) return scanned;
  // Terms with no letters or digits (punctuation, symbols, "") cannot match anything: leave them out.
  const items = scanned.filter((it) => it.kind === 'or' || WORD_CHAR.test(it.term.text));
  if (items.every((it) => it.kind === 'or')) {
    if (items.length > 0 && items.length === scanned.length) return problem('OR joins two words, like: drinking OR alcohol.');
    return problem('There are no words in that search. Type letters or numbers to search for.');
  }

  const groups: SearchTerm[][] = [];
  const excluded: SearchTerm[] = [];
  let pendingOr = false;
  for (let k = 0; k < items.length; k++) {
    const it = items[k] as Item;
    if (it.kind === 'or') {
      const before = items[k - 1];
      const after = items[k + 1];
      if (!before || before.kind === 'or' || !after || after.kind === 'or') {
        return problem('OR needs a word on each side, like: drinking OR alcohol.');
      }
      if (before.negated || after.negated) {
        return problem(`A left-out word cannot be joined with OR: search for ${excerpt(after.negated ? after.term.text : before.term.text)} or leave it out, not both.`);
      }
      pendingOr = true;
      continue;
    }
    if (it.negated) {
      excluded.push(it.term);
    } else if (pendingOr) {
      groups.at(-1)?.push(it.term);
      pendingOr = false;
    } else {
      groups.push([it.term]);
    }
  }
  if (groups.length === 0) return problem('Add a word to look for: a search cannot only leave words out.');
  const count = groups.reduce((sum, g) => sum + g.length, 0) + excluded.length;
  if (count > SEARCH_MAX_TERMS) return problem(`Use at most ${SEARCH_MAX_TERMS} words and phrases in one search.`);
  const prefixes = [...groups.flat(), ...excluded].filter((t) => t.prefix);
  const short = prefixes.find((t) => prefixLetters(t) < SEARCH_PREFIX_MIN_LETTERS);
  if (short) return problem(`Type at least two letters before *, like: reflect* (not ${excerpt(`${short.phrase ? `"${short.text}"` : short.text}*`)}).`);
  if (prefixes.length > SEARCH_MAX_PREFIXES) {
    return problem(`Use at most ${SEARCH_MAX_PREFIXES} words ending in * in one search; type more of the word instead.`);
  }

  const group = (g: SearchTerm[]): string => (g.length === 1 ? ftsString(g[0] as SearchTerm) : `(${g.map(ftsString).join(' OR ')})`);
  const positive = groups.map(group).join(' AND ');
  const expression = excluded.length === 0 ? positive : `(${positive}) NOT (${excluded.map(ftsString).join(' OR ')})`;
  return { ok: true, expression, groups, excluded };
}
