import { describe, expect, it } from 'vitest';
import { jsonSyntaxProblem, parseJsonFile } from './json-text';

describe('jsonSyntaxProblem', () => {
  it('accepts valid JSON of every kind', () => {
    for (const text of ['{}', '[]', ' {"a": [1, -2.5e3, true, false, null, "x\\"\\u00e9\\n"]} ', '"s"', '0', '{"a":{"b":[]}}']) {
      expect(() => JSON.parse(text) as unknown).not.toThrow();
      expect(jsonSyntaxProblem(text)).toBeNull();
    }
  });

  it('says where and what for the errors people make', () => {
    const cases: [string, number, number, string][] = [
      ['{"a": 1,}', 1, 9, 'a comma before "}" (remove the last comma)'],
      ['[1, 2,]', 1, 7, 'a comma before "]" (remove the last comma)'],
      ["{'a': 1}", 1, 2, `unexpected "'" where a "quoted" name was expected`],
      ['{"a" 1}', 1, 6, 'unexpected "1" where ":" was expected'],
      ['{"a": 1\n "b": 2}', 2, 2, 'unexpected "\\"" where "," or "}" was expected'],
      ['[1 2]', 1, 4, 'unexpected "2" where "," or "]" was expected'],
      ['{"a": [1,\n2', 2, 2, 'the file ends too early where "," or "]" was expected'],
      ['"open', 1, 6, 'a text in quotes is never closed'],
      ['"a\nb"', 1, 3, 'a line break or control character inside quotes'],
      ['"\\x"', 1, 2, 'a backslash that does not start a valid escape'],
      ['{} {}', 1, 4, 'unexpected "{" after the end of the data'],
      ['', 1, 1, 'the file ends too early'],
      ['nope', 1, 1, 'unexpected "n"'],
      ['01', 1, 2, 'unexpected "1" after the end of the data'],
    ];
    for (const [text, line, column, message] of cases) {
      expect(() => JSON.parse(text) as unknown).toThrow();
      expect(jsonSyntaxProblem(text), text).toEqual({ line, column, message });
    }
  });

  it('parseJsonFile skips a BOM and throws the caller’s error', () => {
    expect(parseJsonFile('\ufeff{"a":1}', (m) => new Error(m))).toEqual({ a: 1 });
    class Mine extends Error {}
    expect(() => parseJsonFile('{"a":}', (m) => new Mine(m))).toThrow(Mine);
    expect(() => parseJsonFile('{"a":}', (m) => new Error(m))).toThrow('This is not valid JSON (line 1, column 6: unexpected "}").');
  });
});
