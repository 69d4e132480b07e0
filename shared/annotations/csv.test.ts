import { describe, expect, it } from 'vitest';
import { CsvError, neutraliseFormula, parseCsv, unneutraliseFormula, writeCsv } from './csv';

describe('parseCsv', () => {
  it('reads quoted fields, "" escapes, commas and line breaks inside quotes, with the line each record starts on', () => {
    const text = '\ufeffa,b,c\r\n1,"two, ""2""",3\r\n"multi\nline\r\ncell",x,\n\n4,5,6\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'two, "2"', '3'] },
      { line: 3, fields: ['multi\nline\r\ncell', 'x', ''] },
      { line: 7, fields: ['4', '5', '6'] },
    ]);
  });

  it('accepts LF, CRLF and lone CR line ends, and no newline at the end', () => {
    expect(parseCsv('a,b\nc,d').map((r) => r.line)).toEqual([1, 2]);
    expect(parseCsv('a,b\r\nc,d\r\n').map((r) => r.fields)).toEqual([['a', 'b'], ['c', 'd']]);
    expect(parseCsv('a,b\rc,d\r').map((r) => [r.line, ...r.fields])).toEqual([[1, 'a', 'b'], [2, 'c', 'd']]);
  });

  it('skips blank lines but keeps a quoted empty field and empty trailing fields', () => {
    expect(parseCsv('\n\r\na\n\n""\n,\n')).toEqual([
      { line: 3, fields: ['a'] },
      { line: 5, fields: [''] },
      { line: 6, fields: ['', ''] },
    ]);
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\ufeff')).toEqual([]);
  });

  it('keeps spaces in unquoted fields and allows spaces around quoted ones', () => {
    expect(parseCsv(' a , "b" ,c')[0]?.fields).toEqual([' a ', 'b', 'c']);
  });

  it('names the line of a quote that is never closed', () => {
    const text = 'a,b\n1,2\n3,"never\nclosed\n';
    expect(() => parseCsv(text)).toThrow(CsvError);
    expect(() => parseCsv(text)).toThrow(/^Line 3: a quoted field is never closed/);
  });

  it('refuses text right after a closing quote', () => {
    expect(() => parseCsv('a,b\n"x"y,2\n')).toThrow(/^Line 2: there is text right after a closing quote/);
  });

  it('writes what it reads', () => {
    const rows = [['start', 'comment'], ['1', 'plain'], ['2', 'a "quote", a comma\nand a line'], ['3', ' edge spaces '], ['4', '']];
    const text = writeCsv(rows);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text).toContain('"a ""quote"", a comma\nand a line"');
    expect(parseCsv(text).map((r) => r.fields)).toEqual(rows);
  });
});

describe('formula neutralising', () => {
  it('prefixes an apostrophe to cells a spreadsheet would run, and undoes exactly that', () => {
    const cases = ['=SUM(A1)', '+1', '-2', '@cmd', '\tx', '\rx', "'=already", "''+two", 'plain', "'plain", "it's", '', "'"];
    for (const value of cases) expect(unneutraliseFormula(neutraliseFormula(value))).toBe(value);
    expect(neutraliseFormula('=1+1')).toBe("'=1+1");
    expect(neutraliseFormula("'=1")).toBe("''=1");
    expect(neutraliseFormula("'plain")).toBe("'plain");
    expect(neutraliseFormula('a=b')).toBe('a=b');
    expect(unneutraliseFormula("'plain")).toBe("'plain");
  });
});
