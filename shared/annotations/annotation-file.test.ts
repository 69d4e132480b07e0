import { describe, expect, it } from 'vitest';
import { defaultCodes } from '../codebook/default-codebook';
import {
  ANNOTATION_COLUMNS,
  AnnotationFileError,
  annotationsToCsv,
  annotationsToJson,
  parseAnnotationCsv,
  parseAnnotationFile,
  parseAnnotationJson,
  parseSeconds,
  resolveCode,
  transcriptTextFor,
  type AnnotationExportRow,
} from './annotation-file';

function fileError(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AnnotationFileError);
    return (error as Error).message;
  }
  throw new Error('expected the file to be refused');
}

const HEADER = ANNOTATION_COLUMNS.join(',');

describe('parseAnnotationCsv', () => {
  it('reads the required columns in any order, case and spacing, with optional ones and aliases', () => {
    const text = ' Comment ,START,Code_ID,end,What_could_have_been_said,Author\n"Nice, warm",12.5,open-question,,,Dana\nGood span,0:01:00.25,Complex reflection,1:05,"You could say ""so you feel…""",\n';
    expect(parseAnnotationCsv(text)).toEqual([
      { start: 12.5, end: null, code: 'open-question', comment: 'Nice, warm', author: 'Dana', modelResponse: '', where: 'line 2' },
      { start: 60.25, end: 65, code: 'Complex reflection', comment: 'Good span', author: null, modelResponse: 'You could say "so you feel…"', where: 'line 3' },
    ]);
  });

  it('reports the line where a multi-line record starts', () => {
    const text = 'start,end,code,comment\n1,,question,"first\nsecond\nthird"\n2,,question,"again\nhere"\nabc,,question,x\n';
    expect(fileError(() => parseAnnotationCsv(text))).toBe('Line 7: the start "abc" is not a number of seconds.');
    const ok = parseAnnotationCsv(text.replace('abc', '3'));
    expect(ok.map((r) => r.where)).toEqual(['line 2', 'line 5', 'line 7']);
    expect(ok[0]?.comment).toBe('first\nsecond\nthird');
  });

  it('names a missing required column', () => {
    expect(fileError(() => parseAnnotationCsv('start,end,code\n1,,question\n'))).toMatch(/no "comment" column/);
    expect(fileError(() => parseAnnotationCsv('start,comment\n1,x\n'))).toMatch(/no "end", "code" columns/);
  });

  it('refuses unknown and doubled columns by name', () => {
    expect(fileError(() => parseAnnotationCsv('start,end,code,comment,mood,Rating\n1,,q,x,a,b\n'))).toMatch(/^Line 1: the columns "mood", "Rating" are not known/);
    expect(fileError(() => parseAnnotationCsv('start,end,code,code_id,comment\n1,,q,q,x\n'))).toMatch(/the column "code" appears twice/);
    expect(fileError(() => parseAnnotationCsv('start;end;code;comment\n1;;q;x\n'))).toMatch(/^Line 1: the columns are separated by semicolons, not commas/);
    expect(fileError(() => parseAnnotationCsv('start\tend\tcode\tcomment\n1\t\tq\tx\n'))).toMatch(/separated by tabs/);
  });

  it('checks each row with messages naming the line', () => {
    const bad = (row: string) => fileError(() => parseAnnotationCsv(`start,end,code,comment\n${row}\n`));
    expect(bad('abc,,question,x')).toBe('Line 2: the start "abc" is not a number of seconds.');
    expect(bad(',,question,x')).toBe('Line 2: the start "" is not a number of seconds.');
    expect(bad('-3,,question,x')).toBe('Line 2: the start "-3" is before the start of the recording.');
    expect(bad('5,soon,question,x')).toBe('Line 2: the end "soon" is not a number of seconds.');
    expect(bad('5,4,question,x')).toBe('Line 2: the end (4) comes before the start (5).');
    expect(bad('5,6,  ,x')).toBe('Line 2: the code is empty.');
    expect(bad('5,6,question')).toBe('Line 2: expected 4 fields, found 3.');
    expect(bad('5,6,question,x,y')).toBe('Line 2: expected 4 fields, found 5.');
    expect(bad('1,,question,"open')).toMatch(/^Line 2: a quoted field is never closed/);
    expect(fileError(() => parseAnnotationCsv(`${HEADER}\n1,,question,,,,x\n`))).toBe('Line 2: expected 9 fields, found 7.');
  });

  it('a span that ends where it starts is a moment; 1:05 style clocks are seconds', () => {
    const [r] = parseAnnotationCsv('start,end,code,comment\n1:05,65,question,\n');
    expect(r).toMatchObject({ start: 65, end: null });
  });

  it('says so when there are no annotations', () => {
    expect(fileError(() => parseAnnotationCsv(''))).toBe('The file has no annotations.');
    expect(fileError(() => parseAnnotationCsv('\ufeff\r\n'))).toBe('The file has no annotations.');
    expect(fileError(() => parseAnnotationCsv('start,end,code,comment\r\n'))).toBe('The file has no annotations.');
    expect(fileError(() => parseAnnotationCsv('start,end,code,comment\r\n,,,\r\n\r\n'))).toBe('The file has no annotations.');
  });
});

describe('parseSeconds', () => {
  it('reads numbers and clocks', () => {
    expect(parseSeconds('83.5')).toBe(83.5);
    expect(parseSeconds(' 7 ')).toBe(7);
    expect(parseSeconds('.5')).toBe(0.5);
    expect(parseSeconds('1:23.5')).toBe(83.5);
    expect(parseSeconds('75:00')).toBe(4500);
    expect(parseSeconds('1:02:03.004')).toBeCloseTo(3723.004, 9);
    expect(parseSeconds('-2')).toBe(-2);
    for (const bad of ['', 'abc', '1:2:3', '1:60', '1:02:60', 'Infinity', 'NaN', '1e3', '0x10', '12,5']) expect(parseSeconds(bad)).toBeUndefined();
  });
});

describe('parseAnnotationJson', () => {
  it('reads the exported shape and a bare array', () => {
    const file = JSON.stringify({
      format: 'attune.annotations',
      version: 1,
      session: { title: 'x' },
      annotations: [
        { start: 1, end: 2.5, codeId: 'open-question', codeName: 'Open question', kind: 'strength', author: 'Dana', comment: 'ok', transcriptText: 'hi', modelResponse: 'm' },
        { start: 3, code: 'Question', codeId: 'ignored' },
      ],
    });
    expect(parseAnnotationJson(file)).toEqual([
      { start: 1, end: 2.5, code: 'open-question', comment: 'ok', author: 'Dana', modelResponse: 'm', where: 'annotation 1' },
      { start: 3, end: null, code: 'Question', comment: '', author: null, modelResponse: '', where: 'annotation 2' },
    ]);
    expect(parseAnnotationJson('[{"start":0,"end":null,"code":"affirm","comment":""}]')).toHaveLength(1);
  });

  it('refuses bad entries naming them', () => {
    const bad = (items: unknown[]) => fileError(() => parseAnnotationJson(JSON.stringify({ annotations: items })));
    const ok = { start: 1, code: 'affirm', comment: '' };
    expect(bad([ok, ok, { code: 'affirm' }])).toBe('Annotation 3: the start is missing.');
    expect(bad([{ ...ok, start: '12' }])).toBe('Annotation 1: the start must be a number of seconds.');
    expect(bad([{ ...ok, start: -1 }])).toMatch(/^Annotation 1: the start \(-1\) is before the start of the recording/);
    expect(bad([ok, { ...ok, end: 0.5 }])).toBe('Annotation 2: the end (0.5) comes before the start (1).');
    expect(bad([{ start: 1, comment: '' }])).toBe('Annotation 1: the code is missing.');
    expect(bad([{ ...ok, code: 7 }])).toBe('Annotation 1: the code must be a code id or name.');
    expect(bad([{ ...ok, comment: 5 }])).toBe('Annotation 1: the comment must be text.');
    expect(bad([ok, 'text'])).toMatch(/^Annotation 2: each annotation must be an object/);
  });

  it('refuses other files, newer versions, empty lists and broken JSON', () => {
    expect(fileError(() => parseAnnotationJson('{"format":"attune.codebook","codes":[]}'))).toBe('This is not an Attune annotation file.');
    expect(fileError(() => parseAnnotationJson('{"version":2,"annotations":[{"start":1,"code":"a"}]}'))).toMatch(/newer version of Attune/);
    expect(fileError(() => parseAnnotationJson('{"version":"1","annotations":[]}'))).toMatch(/unknown version/);
    expect(fileError(() => parseAnnotationJson('{"annotations":[]}'))).toBe('The file has no annotations.');
    expect(fileError(() => parseAnnotationJson('[]'))).toBe('The file has no annotations.');
    expect(fileError(() => parseAnnotationJson('{"notes":[]}'))).toMatch(/no "annotations" list/);
    expect(fileError(() => parseAnnotationJson('42'))).toBe('This is not an Attune annotation file.');
    expect(fileError(() => parseAnnotationJson('{"annotations": [1,}'))).toBe('This is not valid JSON (line 1, column 20: unexpected "}").');
    expect(fileError(() => parseAnnotationJson('\ufeff{\n  "annotations": [\n    {"start": 1,}\n  ]\n}'))).toBe(
      'This is not valid JSON (line 3, column 17: a comma before "}" (remove the last comma)).',
    );
  });
});

describe('parseAnnotationFile', () => {
  it('chooses by extension, case-insensitively, else by content', () => {
    const json = '  [{"start":1,"code":"affirm"}]';
    const csv = 'start,end,code,comment\n1,,affirm,\n';
    expect(parseAnnotationFile('notes.JSON', json)[0]?.where).toBe('annotation 1');
    expect(parseAnnotationFile('notes.Csv', csv)[0]?.where).toBe('line 2');
    expect(parseAnnotationFile('notes.txt', json)[0]?.where).toBe('annotation 1');
    expect(parseAnnotationFile('notes', `\ufeff${csv}`)[0]?.where).toBe('line 2');
    expect(() => parseAnnotationFile('notes.csv', json)).toThrow(AnnotationFileError);
  });
});

describe('resolveCode', () => {
  const codes = defaultCodes();
  it('finds by exact id first, then by name ignoring case and spaces, disabled codes too', () => {
    expect(resolveCode('question', codes)?.id).toBe('question');
    expect(resolveCode('  open QUESTION ', codes)?.id).toBe('open-question');
    expect(resolveCode('Open-Question', codes)?.id).toBe('open-question');
    const clash = [...codes, { ...codes[0]!, id: 'x-1', name: 'question', enabled: false }];
    expect(resolveCode('question', clash)?.id).toBe('question');
    expect(resolveCode('Question', clash)?.name).toBe('Question');
    expect(resolveCode('nothing like it', codes)).toBeUndefined();
    expect(resolveCode('  ', codes)).toBeUndefined();
    const disabled = codes.map((c) => ({ ...c, enabled: false }));
    expect(resolveCode('Affirm', disabled)?.id).toBe('affirm');
  });
});

const nasty = [
  'Plain',
  'He said "no", then left',
  'Line one\nLine two\r\nLine three',
  '=HYPERLINK("http://evil","click")',
  '+1 for this',
  '-- not a formula, just dashes',
  '@mention',
  '\tstarts with a tab',
  "'=already quoted",
  'Ünïcödé — “quotes” ✓ 日本語 🙂',
  '   spaced   ',
  '',
];

function rows(): AnnotationExportRow[] {
  return nasty.map((comment, i) => ({
    start: i * 1.25 + 1 / 3,
    end: i % 2 === 0 ? null : i * 1.25 + 2,
    codeId: 'open-question',
    codeName: 'Open question',
    kind: 'strength',
    author: i === 3 ? '=cmd' : 'Dana Reyes',
    comment,
    transcriptText: 'Client: "I guess", maybe',
    modelResponse: i === 4 ? '-You could say…\n"so it matters"' : '',
  }));
}

describe('annotationsToCsv', () => {
  it('writes the header, seconds with up to 3 decimals, empty end for moments, CRLF', () => {
    const text = annotationsToCsv([
      { start: 12.5, end: null, codeId: 'affirm', codeName: 'Affirm', kind: 'strength', author: 'Dana', comment: 'ok', transcriptText: '', modelResponse: '' },
      { start: 1 / 3, end: 2.1000000001, codeId: 'question', codeName: 'Question', kind: '', author: 'Dana', comment: 'a,b', transcriptText: '', modelResponse: '' },
    ]);
    expect(text).toBe(`${HEADER}\r\n12.5,,affirm,Affirm,strength,Dana,ok,,\r\n0.333,2.1,question,Question,,Dana,"a,b",,\r\n`);
  });

  it('neutralises formulas and round-trips nasty comments exactly', () => {
    const text = annotationsToCsv(rows());
    expect(text).toContain(`"'=HYPERLINK(""http://evil"",""click"")"`);
    expect(text).toContain("'+1 for this");
    expect(text).toContain("''=already quoted");
    expect(text).toContain(",'=cmd,");
    expect(text).not.toMatch(/(^|,)[=+@]/m);
    const back = parseAnnotationCsv(text);
    expect(back.map((r) => r.comment)).toEqual(nasty);
    expect(back.map((r) => r.modelResponse)).toEqual(rows().map((r) => r.modelResponse));
    expect(back[3]?.author).toBe('=cmd');
    expect(back.map((r) => r.code)).toEqual(nasty.map(() => 'open-question'));
    back.forEach((r, i) => {
      const original = rows()[i]!;
      expect(r.start).toBeCloseTo(original.start, 3);
      if (original.end === null) expect(r.end).toBeNull();
      else expect(r.end).toBeCloseTo(original.end, 3);
    });
    expect(back[2]?.where).toBe('line 4');
    expect(back[3]?.where).toBe('line 7');
  });
});

describe('annotationsToJson', () => {
  it('writes format, version, extra fields and rows, and reads back', () => {
    const text = annotationsToJson(rows(), { session: { title: 'Intake' }, format: 'overridden?' });
    const data = JSON.parse(text) as Record<string, unknown>;
    expect(data.format).toBe('attune.annotations');
    expect(data.version).toBe(1);
    expect(data.session).toEqual({ title: 'Intake' });
    expect(Object.keys(data)).toEqual(['format', 'version', 'session', 'annotations']);
    const back = parseAnnotationJson(text);
    expect(back.map((r) => r.comment)).toEqual(nasty);
    expect(back.map((r) => [r.start, r.end, r.code])).toEqual(rows().map((r) => [r.start, r.end, 'open-question']));
    expect(parseAnnotationFile('export.json', text)).toEqual(back);
  });
});

describe('transcriptTextFor', () => {
  const segments = [
    { id: 'c', start: 10, end: 14, text: ' third ' },
    { id: 'a', start: 0, end: 4, text: 'first' },
    { id: 'b', start: 4, end: 8, text: 'second' },
    { id: 'd', start: 14, end: 15, text: '' },
  ];
  it('uses linked segments in time order', () => {
    expect(transcriptTextFor({ start: 0, end: null, segmentIds: ['c', 'a'] }, segments)).toBe('first third');
  });
  it('else the segments overlapping a span', () => {
    expect(transcriptTextFor({ start: 3, end: 11, segmentIds: [] }, segments)).toBe('first second third');
    expect(transcriptTextFor({ start: 4, end: 8, segmentIds: [] }, segments)).toBe('second');
    expect(transcriptTextFor({ start: 8.5, end: 9.5, segmentIds: [] }, segments)).toBe('');
  });
  it('for a moment, the segment containing it or the nearest starting within 2 s', () => {
    expect(transcriptTextFor({ start: 4, end: null, segmentIds: [] }, segments)).toBe('second');
    expect(transcriptTextFor({ start: 7.99, end: null, segmentIds: [] }, segments)).toBe('second');
    expect(transcriptTextFor({ start: 8.5, end: null, segmentIds: ['gone'] }, segments)).toBe('third');
    expect(transcriptTextFor({ start: 9, end: null, segmentIds: [] }, segments)).toBe('third');
    expect(transcriptTextFor({ start: 17.5, end: null, segmentIds: [] }, segments)).toBe('');
    expect(transcriptTextFor({ start: 20, end: null, segmentIds: [] }, segments)).toBe('');
  });
});
