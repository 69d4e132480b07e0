import { describe, expect, it } from 'vitest';
import { parseSearchQuery, SEARCH_MAX_PREFIXES, SEARCH_MAX_TERMS } from './query';

const expression = (q: string): string => {
  const parsed = parseSearchQuery(q);
  if (!parsed.ok) throw new Error(`expected "${q}" to parse, got: ${parsed.message}`);
  return parsed.expression;
};
const message = (q: string): string => {
  const parsed = parseSearchQuery(q);
  if (parsed.ok) throw new Error(`expected "${q}" to be refused, got: ${parsed.expression}`);
  return parsed.message;
};

describe('parseSearchQuery: the language', () => {
  it.each([
    ['drinking', '"drinking"'],
    ['  sustain   talk ', '"sustain" AND "talk"'],
    ['"sustain talk"', '"sustain talk"'],
    ['“change  talk”', '"change talk"'],
    ['drinking OR alcohol', '("drinking" OR "alcohol")'],
    ['beer OR wine OR spirits stop', '("beer" OR "wine" OR "spirits") AND "stop"'],
    ['cut "down on" OR less', '"cut" AND ("down on" OR "less")'],
    ['drinking -beer', '("drinking") NOT ("beer")'],
    ['drinking -beer -"red wine"', '("drinking") NOT ("beer" OR "red wine")'],
    ['reflect*', '"reflect"*'],
    ['"sustain ta"*', '"sustain ta"*'],
    ['-smok* quit', '("quit") NOT ("smok"*)'],
    ['or and not', '"or" AND "and" AND "not"'],
    ['sustain AND talk', '"sustain" AND "talk"'],
    ["don't", '"don\'t"'],
    ['self-esteem', '"self-esteem"'],
  ])('%s → %s', (q, fts) => {
    expect(expression(q)).toBe(fts);
  });

  it('answers the terms as groups of alternatives and the left-out terms', () => {
    const parsed = parseSearchQuery('a OR "b c" dr* -e');
    expect(parsed).toEqual({
      ok: true,
      expression: '(("a" OR "b c") AND "dr"*) NOT ("e")',
      groups: [
        [
          { text: 'a', phrase: false, prefix: false },
          { text: 'b c', phrase: true, prefix: false },
        ],
        [{ text: 'dr', phrase: false, prefix: true }],
      ],
      excluded: [{ text: 'e', phrase: false, prefix: false }],
    });
  });
});

describe('parseSearchQuery: mistakes get a message in plain words', () => {
  it.each([
    ['', /Type a word or a phrase/],
    ['   \t ', /Type a word or a phrase/],
    ['"sustain talk', /^Close the quotation mark after “sustain talk”\.$/],
    ['drinking "', /Close the quotation mark, or take it out/],
    ['a "b" "c', /Close the quotation mark after “c”/],
    ['OR', /OR joins two words/],
    ['OR drinking', /OR needs a word on each side/],
    ['drinking OR', /OR needs a word on each side/],
    ['a OR OR b', /OR needs a word on each side/],
    ['-', /right after the minus sign, like: -alcohol/],
    ['drinking - beer', /right after the minus sign, with no space: -beer/],
    ['-beer', /cannot only leave words out/],
    ['-beer -"red wine"', /cannot only leave words out/],
    ['drinking OR -beer', /cannot be joined with OR/],
    ['*', /Put a few letters before the \*/],
    ['drink **', /Put a few letters before the \*/],
    ['a * b', /Put a few letters before the \*/],
    ['AND', /There are no words in that search/],
    ['!!! ??? ...', /There are no words in that search/],
    ['""', /There are no words in that search/],
    ['😀 ^ ()', /There are no words in that search/],
    ['x'.repeat(501), /at most 500 characters/],
    [Array.from({ length: SEARCH_MAX_TERMS + 1 }, (_, i) => `w${i}`).join(' '), /at most 40 words and phrases/],
    ['a*', /^Type at least two letters before \*, like: reflect\* \(not “a\*”\)\.$/],
    ['drinking -b*', /Type at least two letters before \*/],
    ['"sustain t"*', /Type at least two letters before \*.*“"sustain t"\*”/],
    ["don't*", /Type at least two letters before \*/],
    ['é*', /Type at least two letters before \*/],
    ['a* OR b* OR c* OR d* OR e* OR f*', /Type at least two letters before \*/],
    [
      Array.from({ length: SEARCH_MAX_PREFIXES + 1 }, (_, i) => `w${String.fromCharCode(97 + i)}*`).join(' OR '),
      /^Use at most 5 words ending in \* in one search; type more of the word instead\.$/,
    ],
    ['ab* cd* -ef* gh* OR ij* kl*', /at most 5 words ending in \*/],
  ])('%j', (q, pattern) => {
    const m = message(q);
    expect(m).toMatch(pattern);
    expect(m).not.toMatch(/fts5|syntax error|SQL|MATCH/i);
  });
});

describe('parseSearchQuery: hostile text is only ever searched for as words', () => {
  // Every term is a quoted FTS5 string, so no operator typed by a user reaches FTS5 unquoted.
  const onlyQuotedTerms = (fts: string): boolean => {
    const outside = fts.replace(/"(?:[^"]|"")*"\*?/g, 'T');
    return /^[T() ]*(?:(?:AND|OR|NOT)[T() ]*)*$/.test(outside.replace(/\s+/g, ' '));
  };

  it.each([
    'NEAR(a b, 3)',
    'text: drinking',
    'text:drinking',
    '{text notes}: drinking',
    '^drinking',
    '+drinking',
    'a AND b NOT c',
    'drinking) OR (1=1',
    "'; DROP TABLE sessions; --",
    '" OR 1=1 --"',
    'a"b"c',
    'x""y',
    'café naïve',
    '日本語 テキスト',
    'a\u0000b',
    'emoji 😀 here',
    'NEAR',
    'ab*cd*',
    '\u202Eevil',
    `${'word '.repeat(39)}end`,
  ])('%j', (q) => {
    const fts = expression(q);
    expect(onlyQuotedTerms(fts)).toBe(true);
  });

  it('accepts prefixes of two letters or more, up to five of them', () => {
    expect(expression('dr*')).toBe('"dr"*');
    expect(expression('éa*')).toBe('"éa"*');
    expect(expression('"sustain ta"*')).toBe('"sustain ta"*');
    expect(expression('ab* OR cd* OR ef* gh* -ij*')).toBe('(("ab"* OR "cd"* OR "ef"*) AND "gh"*) NOT ("ij"*)');
  });

  it('keeps quotation marks inside a term doubled', () => {
    // A stray straight quote after letters starts a phrase; inside words only typographic ones are possible.
    expect(expression('it’s')).toBe('"it’s"');
    expect(expression('"say ""hi"""')).toBe('"say" AND "hi"');
  });

  it('refuses 10 kB of text quickly, in plain words', () => {
    const started = performance.now();
    expect(message('a "'.repeat(5000))).toMatch(/at most 500 characters/);
    expect(performance.now() - started).toBeLessThan(50);
  });
});
