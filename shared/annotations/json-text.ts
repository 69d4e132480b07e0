/**
 * JSON files read from disk: BOM-tolerant parsing, and when the text is not JSON a message that
 * says where (line and column) and what is wrong in plain words.
 */

/** Parses JSON text (a leading byte-order mark is ignored). Throws `makeError` with "This is not valid JSON (line L, column C: …)." */
export function parseJsonFile(text: string, makeError: (message: string) => Error): unknown {
  const src = text.startsWith('\ufeff') ? text.slice(1) : text;
  try {
    return JSON.parse(src) as unknown;
  } catch (error) {
    const where = jsonSyntaxProblem(src);
    const detail = where ? `line ${where.line}, column ${where.column}: ${where.message}` : error instanceof Error ? error.message.replace(/\.$/, '') : String(error);
    throw makeError(`This is not valid JSON (${detail}).`);
  }
}

export interface JsonSyntaxProblem {
  /** 1-based. */
  line: number;
  /** 1-based, in characters. */
  column: number;
  message: string;
}

/** Where JSON text first goes wrong, or null when it is valid. */
export function jsonSyntaxProblem(src: string): JsonSyntaxProblem | null {
  let i = 0;
  const n = src.length;

  class Stop extends Error {}
  const fail = (message: string): never => {
    throw new Stop(message);
  };
  const what = (): string => (i >= n ? 'the file ends too early' : `unexpected ${JSON.stringify(src[i])}`);
  const skip = () => {
    while (i < n && (src[i] === ' ' || src[i] === '\t' || src[i] === '\n' || src[i] === '\r')) i++;
  };
  const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

  const string = () => {
    i++; // opening quote
    for (;;) {
      if (i >= n) fail('a text in quotes is never closed');
      const ch = src.charCodeAt(i);
      if (ch === 0x22) {
        i++;
        return;
      }
      if (ch < 0x20) fail('a line break or control character inside quotes');
      if (ch === 0x5c) {
        const next = src[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(src.slice(i + 2, i + 6))) fail('a broken \\u escape');
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) {
          i += 2;
        } else {
          fail('a backslash that does not start a valid escape');
        }
        continue;
      }
      i++;
    }
  };

  const value = (): void => {
    skip();
    const ch = src[i];
    if (ch === '{') {
      i++;
      skip();
      if (src[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        skip();
        if (src[i] !== '"') fail(src[i] === '}' ? 'a comma before "}" (remove the last comma)' : `${what()} where a "quoted" name was expected`);
        string();
        skip();
        if (src[i] !== ':') fail(`${what()} where ":" was expected`);
        i++;
        value();
        skip();
        if (src[i] === ',') {
          i++;
          continue;
        }
        if (src[i] === '}') {
          i++;
          return;
        }
        fail(`${what()} where "," or "}" was expected`);
      }
    }
    if (ch === '[') {
      i++;
      skip();
      if (src[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        skip();
        if (src[i] === ']') fail('a comma before "]" (remove the last comma)');
        value();
        skip();
        if (src[i] === ',') {
          i++;
          continue;
        }
        if (src[i] === ']') {
          i++;
          return;
        }
        fail(`${what()} where "," or "]" was expected`);
      }
    }
    if (ch === '"') return string();
    for (const word of ['true', 'false', 'null']) {
      if (src.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    NUMBER.lastIndex = i;
    if (ch !== undefined && /[-0-9]/.test(ch) && NUMBER.test(src)) {
      i = NUMBER.lastIndex;
      return;
    }
    fail(what());
  };

  try {
    value();
    skip();
    if (i < n) fail(`${what()} after the end of the data`);
    return null;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    const before = src.slice(0, Math.min(i, n));
    const lastBreak = before.lastIndexOf('\n');
    return { line: before.split('\n').length, column: before.length - lastBreak, message: error.message };
  }
}
