import { describe, expect, it } from 'vitest';
import {
  detectSubtitleFormat,
  parseSrt,
  parseSubtitles,
  parseWebVtt,
  serializePlainText,
  serializeSrt,
  serializeWebVtt,
  splitSpeakerPrefix,
  SubtitleParseError,
  type Cue,
} from './index';

const strip = (cues: Cue[]): Cue[] => cues.map(({ start, end, speaker, text }) => ({ start, end, speaker, text }));

function expectSameCues(actual: Cue[], expected: Cue[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((cue, i) => {
    const want = expected[i] as Cue;
    expect(Math.abs(cue.start - want.start)).toBeLessThanOrEqual(0.001);
    expect(Math.abs(cue.end - want.end)).toBeLessThanOrEqual(0.001);
    expect(cue.speaker).toBe(want.speaker);
    expect(cue.text).toBe(want.text);
  });
}

function parseError(fn: () => unknown): SubtitleParseError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SubtitleParseError);
    return error as SubtitleParseError;
  }
  throw new Error('expected the parser to reject the file');
}

describe('WebVTT', () => {
  it('reads voice tags, prefixes, identifiers, settings, NOTE/STYLE/REGION, BOM and CRLF', () => {
    const file = [
      '\ufeffWEBVTT - a session',
      'Kind: captions',
      '',
      'STYLE',
      '::cue { color: yellow }',
      '',
      'REGION',
      'id:left width:40%',
      '',
      'NOTE exported by Teams',
      'over two lines',
      '',
      'intro',
      '00:01.500 --> 00:04.250 align:start position:10%',
      '<v.loud Dana Reyes>Hello &amp; welcome.</v>',
      '',
      '2',
      '01:02:03.004 --> 01:02:05.000',
      'Client: I was <i>nervous</i>',
      'about today.',
      '',
      '00:00:05.000-->00:00:06.000',
      '<c.yellow>no speaker here</c> <00:00:05.500>really',
      '',
      'NOTE',
      'trailing note',
      '',
    ].join('\r\n');
    expect(strip(parseWebVtt(file))).toEqual([
      { start: 1.5, end: 4.25, speaker: 'Dana Reyes', text: 'Hello & welcome.' },
      { start: 5, end: 6, speaker: null, text: 'no speaker here really' },
      { start: 3723.004, end: 3725, speaker: 'Client', text: 'I was nervous about today.' },
    ]);
  });

  it('sorts overlapping cues by start and keeps them', () => {
    const file = 'WEBVTT\n\n00:00:05.000 --> 00:00:09.000\nB\n\n00:00:01.000 --> 00:00:06.000\nA\n\n00:00:01.000 --> 00:00:02.000\nA0\n';
    expect(parseWebVtt(file).map((c) => c.text)).toEqual(['A0', 'A', 'B']);
    expect(parseWebVtt(file).map((c) => c.line)).toEqual([9, 6, 3]);
  });

  it('accepts a file with a header and no cues, and old-Mac CR line ends', () => {
    expect(parseWebVtt('WEBVTT\n\nNOTE nothing yet\n')).toEqual([]);
    expect(strip(parseWebVtt('WEBVTT\r\r00:00:01.000 --> 00:00:02.000\rHi'))).toEqual([{ start: 1, end: 2, speaker: null, text: 'Hi' }]);
  });

  it('rejects malformed files with the line number', () => {
    const cases: [string, number, RegExp][] = [
      ['', 1, /the file is empty/],
      ['1\n00:00:01,000 --> 00:00:02,000\nHi\n', 1, /begins with the line "WEBVTT", but this one begins with "1"/],
      [
        'WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nfine\n\n2\n00:01:02 --> 00:01:04.000\nbad\n',
        8,
        /^Line 8: the time '00:01:02' is not a valid WebVTT timestamp \(use 00:01:02\.000\)\.$/,
      ],
      ['WEBVTT\n\n00:00:01,500 --> 00:00:02.000\nx\n', 3, /'00:00:01,500' is not a valid WebVTT timestamp \(use 00:00:01\.500\)/],
      ['WEBVTT\n\n00:00:61.000 --> 00:00:62.000\nx\n', 3, /'00:00:61\.000' is not a valid WebVTT timestamp \(use a time like/],
      ['WEBVTT\n\n00:00:05.000 --> 00:00:02.000\nx\n', 3, /ends \(00:00:02\.000\) before it starts \(00:00:05\.000\)/],
      ['WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nfirst\n\nstray text after a blank line\n', 6, /expected a cue timing .* found "stray text after a blank line"/],
      ['WEBVTT\n\n7\nHello\n', 4, /expected a cue timing/],
      ['WEBVTT\n\n00:00:01.000 00:00:02.000\nx\n', 3, /expected a cue timing like "00:00:01\.000 --> 00:00:04\.000"/],
      ['WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nx\n00:00:03.000 --> 00:00:04.000\ny\n', 5, /put a blank line before each cue/],
    ];
    for (const [file, line, message] of cases) {
      const error = parseError(() => parseWebVtt(file));
      expect(error.line).toBe(line);
      expect(error.message).toMatch(new RegExp(`^Line ${line}: `));
      expect(error.message).toMatch(message);
    }
  });
});

describe('SRT', () => {
  it('reads numbers, prefixes, markup, coordinates, BOM and CRLF', () => {
    const file = [
      '\ufeff1',
      '00:00:01,000 --> 00:00:03,500 X1:10 X2:20 Y1:5 Y2:9',
      'Dr. Smith: <i>How are</i> you?',
      '',
      '',
      '2',
      '00:00:04,000 --> 00:00:06,000',
      '{\\an8}Fine, thanks.',
      '',
      '3',
      '00:00:06,000 --> 00:00:07,000',
      'this is not a speaker: lower case',
      '',
    ].join('\r\n');
    expect(strip(parseSrt(file))).toEqual([
      { start: 1, end: 3.5, speaker: 'Dr. Smith', text: 'How are you?' },
      { start: 4, end: 6, speaker: null, text: 'Fine, thanks.' },
      { start: 6, end: 7, speaker: null, text: 'this is not a speaker: lower case' },
    ]);
  });

  it('rejects malformed files with the line number', () => {
    const cases: [string, number, RegExp][] = [
      ['1\n00:00:01.000 --> 00:00:02.000\nx\n', 2, /^Line 2: the time '00:00:01\.000' is not a valid SRT timestamp \(use 00:00:01,000\)\.$/],
      ['1\n00:00:01,000 --> 00:00:02,000\nx\n\n2\n00:00:09,000 --> 00:00:03,000\ny\n', 6, /ends \(00:00:03,000\) before it starts \(00:00:09,000\)/],
      ['1\n00:00:01,000 --> 00:00:02,000\nx\n\n2\n', 6, /after cue number 2, but found a blank line/],
      ['1\n00:00:01,000 --> 00:00:02,000\nfirst line\n\nsecond paragraph\n', 5, /expected a cue number .* found "second paragraph"/],
      ['1\n00:00:01,000 --> 00:00:02,000\nx\n2\n00:00:03,000 --> 00:00:04,000\ny\n', 5, /put a blank line before each cue/],
    ];
    for (const [file, line, message] of cases) {
      const error = parseError(() => parseSrt(file));
      expect(error.line).toBe(line);
      expect(error.message).toMatch(message);
    }
  });
});

describe('speaker prefixes', () => {
  it('takes short capitalised names only', () => {
    expect(splitSpeakerPrefix('Anna: hi')).toEqual({ speaker: 'Anna', text: 'hi' });
    expect(splitSpeakerPrefix('Mary Ann Jones: hi')).toEqual({ speaker: 'Mary Ann Jones', text: 'hi' });
    expect(splitSpeakerPrefix('Speaker 2: hi')).toEqual({ speaker: 'Speaker 2', text: 'hi' });
    expect(splitSpeakerPrefix('José Núñez: hola')).toEqual({ speaker: 'José Núñez', text: 'hola' });
    expect(splitSpeakerPrefix('THERAPIST: hi')).toEqual({ speaker: 'THERAPIST', text: 'hi' });
    expect(splitSpeakerPrefix('Mary Ann Jones Smith: hi').speaker).toBeNull();
    expect(splitSpeakerPrefix('anna: hi').speaker).toBeNull();
    expect(splitSpeakerPrefix('The thing is: hi').speaker).toBeNull();
    expect(splitSpeakerPrefix('At 10:30 we met').speaker).toBeNull();
    expect(splitSpeakerPrefix('Anna:').speaker).toBeNull();
  });
});

describe('serializers', () => {
  const cues: Cue[] = [
    { start: 0, end: 1.234, speaker: 'Dana Reyes', text: 'Hello & <welcome> --> in.' },
    { start: 1.5, end: 3, speaker: 'Client', text: 'Okay.' },
    { start: 2.9, end: 3.001, speaker: null, text: 'Overlapping, without a speaker.' },
    { start: 3723.456, end: 3725.999, speaker: 'Anna', text: 'Note: a colon later.' },
    { start: 4000, end: 4000, speaker: null, text: '' },
  ];

  it('writes WebVTT with voice tags and reads it back unchanged', () => {
    const vtt = serializeWebVtt(cues);
    expect(vtt).toMatch(/^WEBVTT\n\n1\n00:00:00\.000 --> 00:00:01\.234\n<v Dana Reyes>Hello &amp; &lt;welcome&gt; --&gt; in\.\n/);
    expect(vtt).toContain('01:02:03.456 --> 01:02:05.999\n<v Anna>Note: a colon later.');
    expectSameCues(parseWebVtt(vtt), cues);
  });

  it('escapes a prefix-like colon when there is no speaker, so it reads back as text', () => {
    const tricky: Cue[] = [{ start: 1, end: 2, speaker: null, text: 'Honestly: no idea.' }];
    const vtt = serializeWebVtt(tricky);
    expect(vtt).toContain('Honestly&#58; no idea.');
    expectSameCues(parseWebVtt(vtt), tricky);
  });

  it('writes SRT with name prefixes and reads it back unchanged', () => {
    const srt = serializeSrt(cues);
    expect(srt).toMatch(/^1\n00:00:00,000 --> 00:00:01,234\nDana Reyes: Hello & <welcome> --> in\.\n\n2\n/);
    // SRT has no escapes: markup-like text cannot survive, so compare the rest.
    const safe = cues.map((c, i) => (i === 0 ? { ...c, text: 'Hello & welcome in.' } : c));
    expectSameCues(parseSrt(serializeSrt(safe)), safe);
  });

  it('round-trips random cues within a millisecond', () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const names = [null, 'Counselor', 'Client', 'Dr. Kim', 'Speaker 3'];
    const words = ['so', 'I', 'think', 'that', 'maybe', 'we', "don't", 'know', 'yes,', 'right.', '42', 'é'];
    let t = 0;
    const random: Cue[] = Array.from({ length: 300 }, () => {
      t += rand() * 5;
      const start = t + rand() / 3;
      const text = Array.from({ length: 1 + Math.floor(rand() * 12) }, () => words[Math.floor(rand() * words.length)]).join(' ');
      return { start, end: start + rand() * 8, speaker: names[Math.floor(rand() * names.length)] ?? null, text };
    });
    const sorted = [...random].sort((a, b) => a.start - b.start);
    expectSameCues(parseWebVtt(serializeWebVtt(random)), sorted);
    expectSameCues(parseSrt(serializeSrt(random)), sorted);
  });

  it('writes plain text as [h:mm:ss] Name: text', () => {
    expect(serializePlainText(cues)).toBe(
      [
        '[0:00:00] Dana Reyes: Hello & <welcome> --> in.',
        '[0:00:01] Client: Okay.',
        '[0:00:02] Overlapping, without a speaker.',
        '[1:02:03] Anna: Note: a colon later.',
        '[1:06:40]',
        '',
      ].join('\n'),
    );
  });
});

describe('format detection', () => {
  it('goes by extension, then by content', () => {
    expect(detectSubtitleFormat('a.VTT', '')).toBe('vtt');
    expect(detectSubtitleFormat('a.srt', 'WEBVTT')).toBe('srt');
    expect(detectSubtitleFormat('zoom-transcript.txt', '\ufeffWEBVTT\r\n\r\n')).toBe('vtt');
    expect(detectSubtitleFormat('export', '\n1\n00:00:01,000 --> 00:00:02,000\nx')).toBe('srt');
    expect(detectSubtitleFormat('notes.txt', 'Dear diary')).toBeNull();
    expect(parseSubtitles('1\n00:00:01,000 --> 00:00:02,000\nx', 'srt')).toHaveLength(1);
  });
});
