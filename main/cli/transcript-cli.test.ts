/** `attune transcript` as a user runs it: the built CLI, a real library, real ffmpeg. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSrt, parseWebVtt, serializeSrt, serializeWebVtt, type Cue } from '../../shared/subtitles';
import { runAttune } from '../test-support/cli-runner';
import { sharedData, tempDir } from '../test-support/temp-library';

const cues: Cue[] = [
  { start: 0.6, end: 12.366, speaker: 'Dana Reyes', text: 'Thanks for filling it out. Is it okay if I take a look?' },
  { start: 13.194, end: 13.636, speaker: 'Sam', text: 'Sure.' },
  { start: 14.188, end: 20.333, speaker: 'Dana Reyes', text: "So, let's see — four times a week & more." },
  { start: 20.714, end: 21.324, speaker: null, text: 'Mm-hmm.' },
  { start: 299.5, end: 300.2, speaker: 'Sam', text: 'Bye.' },
];

function expectSameCues(actual: Cue[], expected: Cue[]): void {
  expect(actual.map((c) => [c.speaker, c.text])).toEqual(expected.map((c) => [c.speaker, c.text]));
  actual.forEach((c, i) => {
    expect(Math.abs(c.start - (expected[i]?.start ?? NaN))).toBeLessThanOrEqual(0.001);
    expect(Math.abs(c.end - (expected[i]?.end ?? NaN))).toBeLessThanOrEqual(0.001);
  });
}

describe('attune transcript', () => {
  let dataDir: string;
  let work: string;
  let id = '';
  const run = (...args: string[]) => runAttune(dataDir, args);
  beforeAll(() => {
    dataDir = tempDir('attune-cli-transcript-');
    work = tempDir('attune-cli-subs-');
    const res = run('import', path.join(sharedData, 'sessions', 'annomi-0-high.m4a'), '--json');
    expect(res.code).toBe(0);
    id = (JSON.parse(res.stdout) as { id: string }[])[0]?.id ?? '';
  });
  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('round-trips a WebVTT file: import, then print as vtt, srt, json and txt', () => {
    const file = path.join(work, 'zoom export.vtt');
    fs.writeFileSync(file, `\ufeff${serializeWebVtt(cues).replace(/\n/g, '\r\n')}`);
    const imp = run('transcript', 'import', id.slice(0, 8), file);
    expect(imp.code).toBe(0);
    expect(imp.stdout).toBe('');
    expect(imp.stderr).toMatch(/Imported 5 segments from zoom export\.vtt \(WebVTT\).*speakers: Dana Reyes → counselor, Sam → client/);

    const vtt = run('transcript', id, '--format', 'vtt');
    expect(vtt.code).toBe(0);
    expectSameCues(parseWebVtt(vtt.stdout), cues);

    const srt = run('transcript', id, '--format', 'srt');
    expectSameCues(parseSrt(srt.stdout), cues);

    const json = run('transcript', id, '--format', 'json');
    const segments = JSON.parse(json.stdout) as { start: number; end: number; speaker: string | null; speakerName: string | null; text: string; edited: boolean }[];
    expect(segments.map((s) => [s.start, s.end, s.speaker, s.speakerName, s.text, s.edited])).toEqual(
      cues.map((c) => [c.start, c.end, c.speaker === 'Dana Reyes' ? 'counselor' : c.speaker === 'Sam' ? 'client' : null, c.speaker, c.text, false]),
    );
    expect(run('transcript', id, '--json').stdout).toBe(json.stdout);

    const txt = run('transcript', id);
    expect(txt.stdout.split('\n').slice(0, 2)).toEqual([
      '[0:00:00] Dana Reyes: Thanks for filling it out. Is it okay if I take a look?',
      '[0:00:13] Sam: Sure.',
    ]);
  });

  it('round-trips an SRT file', () => {
    const file = path.join(work, 'teams.srt');
    fs.writeFileSync(file, serializeSrt(cues));
    const imp = run('transcript', 'import', id, file, '--json');
    expect(imp.code).toBe(0);
    expect((JSON.parse(imp.stdout) as unknown[]).length).toBe(5);
    expectSameCues(parseSrt(run('transcript', id, '--format', 'srt').stdout), cues);
    expectSameCues(parseWebVtt(run('transcript', id, '--format', 'vtt').stdout), cues);
  });

  it('rejects a malformed file with the line number and keeps the transcript', () => {
    const before = run('transcript', id, '--format', 'json').stdout;
    const file = path.join(work, 'broken.srt');
    fs.writeFileSync(file, serializeSrt(cues).replace('00:00:13,194', '00:00:13.194'));
    const res = run('transcript', 'import', id, file);
    expect(res.code).toBe(1);
    expect(res.stderr.trim()).toBe("attune transcript: broken.srt: Line 6: the time '00:00:13.194' is not a valid SRT timestamp (use 00:00:13,194).");
    expect(run('transcript', id, '--format', 'json').stdout).toBe(before);
  });

  it('explains misuse', () => {
    expect(run('transcript').code).toBe(2);
    expect(run('transcript', id, '--format', 'docx').stderr).toMatch(/--format is one of json, vtt, srt, txt/);
    expect(run('transcript', 'import', id).code).toBe(2);
    expect(run('transcript', 'import', id, path.join(work, 'missing.vtt')).code).toBe(1);
    expect(run('transcript', 'zzzz').stderr).toMatch(/No session has the id "zzzz"/);
  });
});
