/**
 * `attune annotations` and the scores of `attune show`, as a user runs them: the built CLI, a real
 * library, real ffmpeg. The AnnoMI sessions' expert labels become annotation files; the scores the
 * CLI reports must match the ones counted straight from those labels.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAttune } from '../test-support/cli-runner';
import { sharedData, tempDir } from '../test-support/temp-library';

interface TruthUtterance {
  start: number;
  end: number;
  speaker: 'therapist' | 'client';
  text: string;
  therapist_behaviour: string;
  reflection_subtype: string;
  therapist_input_subtype: string;
}

interface Truth {
  duration: number;
  utterances: TruthUtterance[];
}

interface ShowJson {
  title: string;
  annotationCount: number;
  scores: {
    reflectionToQuestion: number | null;
    complexReflectionShare: number | null;
    miAdherent: number;
    miNonAdherent: number;
    technicalGlobal: number | null;
    relationalGlobal: number | null;
    globals: Record<string, number | null>;
  };
}

const readTruth = (name: string): Truth => JSON.parse(fs.readFileSync(path.join(sharedData, 'sessions', `${name}.truth.json`), 'utf8')) as Truth;

/**
 * The code for a therapist utterance. An utterance an annotator marked as a reflection (a reflection
 * subtype) counts as that reflection even where another annotator's behaviour label won: AnnoMI
 * transcript 0's "So, it sounds like you have some reasons to cut back…" is labelled therapist input
 * with a complex reflection subtype.
 */
function codeFor(u: TruthUtterance): string | null {
  if (u.speaker !== 'therapist') return null;
  if (u.reflection_subtype === 'simple') return 'simple-reflection';
  if (u.reflection_subtype === 'complex') return 'complex-reflection';
  if (u.therapist_behaviour === 'question') return 'question';
  if (u.therapist_behaviour === 'therapist_input' && u.therapist_input_subtype === 'advice') return 'persuade';
  return null;
}

const csvCell = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** An annotation CSV with one row per coded therapist utterance, at its start and end, the utterance as the comment. */
function truthCsv(truth: Truth): { csv: string; rows: number } {
  const lines = ['start,end,code,comment'];
  for (const u of truth.utterances) {
    const code = codeFor(u);
    if (code) lines.push([String(u.start), String(u.end), code, csvCell(u.text)].join(','));
  }
  return { csv: `${lines.join('\r\n')}\r\n`, rows: lines.length - 1 };
}

/** R:Q and %CR counted straight from the expert labels. */
function truthScores(truth: Truth): { rq: number | null; cr: number | null } {
  const therapist = truth.utterances.filter((u) => u.speaker === 'therapist');
  const simple = therapist.filter((u) => u.reflection_subtype === 'simple').length;
  const complex = therapist.filter((u) => u.reflection_subtype === 'complex').length;
  const questions = therapist.filter((u) => u.reflection_subtype === 'n/a' && u.therapist_behaviour === 'question').length;
  return { rq: questions === 0 ? null : (simple + complex) / questions, cr: simple + complex === 0 ? null : complex / (simple + complex) };
}

describe('attune annotations, and the scores of attune show', () => {
  let dataDir: string;
  let work: string;
  const ids: Record<'high' | 'low' | 'target', string> = { high: '', low: '', target: '' };
  const run = (...args: string[]) => runAttune(dataDir, args);
  const show = (id: string): ShowJson => JSON.parse(run('show', id, '--json').stdout) as ShowJson;

  beforeAll(() => {
    dataDir = tempDir('attune-cli-annotations-');
    work = tempDir('attune-cli-annotation-files-');
    const files = ['annomi-0-high.m4a', 'annomi-115-low.mp3', 'annomi-53-low.mp4'].map((f) => path.join(sharedData, 'sessions', f));
    const res = run('import', ...files, '--json');
    expect(res.code).toBe(0);
    const [high, low, target] = JSON.parse(res.stdout) as { id: string }[];
    ids.high = high?.id ?? '';
    ids.low = low?.id ?? '';
    ids.target = target?.id ?? '';
  }, 180_000);
  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('imports the expert labels of AnnoMI sessions, and show reports the R:Q and %CR they give', () => {
    const results: Record<'high' | 'low', ShowJson['scores']> = {} as never;
    for (const [which, name, title] of [
      ['high', 'annomi-0-high', 'Annomi 0 high'],
      ['low', 'annomi-115-low', 'Annomi 115 low'],
    ] as const) {
      const truth = readTruth(name);
      const { csv, rows } = truthCsv(truth);
      const file = path.join(work, `${name}.csv`);
      fs.writeFileSync(file, csv);
      expect(show(ids[which]).annotationCount).toBe(0);
      const imp = run('annotations', 'import', ids[which].slice(0, 8), file);
      expect(imp.stderr.trim()).toBe(`Imported ${rows} annotations into “${title}”.`);
      expect(imp.code).toBe(0);

      const shown = show(ids[which]);
      const expected = truthScores(truth);
      expect(shown.annotationCount).toBe(rows);
      if (expected.rq === null) expect(shown.scores.reflectionToQuestion).toBeNull();
      else expect(shown.scores.reflectionToQuestion).toBeCloseTo(expected.rq, 10);
      if (expected.cr === null) expect(shown.scores.complexReflectionShare).toBeNull();
      else expect(shown.scores.complexReflectionShare).toBeCloseTo(expected.cr, 10);
      expect(shown.scores.globals).toEqual({ cultivatingChangeTalk: null, softeningSustainTalk: null, partnership: null, empathy: null });
      results[which] = shown.scores;
    }
    // The high-quality conversation reflects more, and more deeply (the low one has no reflections at all: no %CR).
    expect(results.high.reflectionToQuestion ?? 0).toBeGreaterThan(results.low.reflectionToQuestion ?? 0);
    expect(results.high.complexReflectionShare ?? 0).toBeGreaterThan(results.low.complexReflectionShare ?? 0);
    expect(results.low.miNonAdherent).toBeGreaterThan(results.high.miNonAdherent);

    const text = run('show', ids.high);
    expect(text.stdout).toMatch(new RegExp(`^Annotations +${show(ids.high).annotationCount}$`, 'm'));
    expect(text.stdout).toMatch(/^Scores\n {2}Reflections to questions +0\.31 \(below fair\)\n {2}Complex reflections +25 % \(below fair\)\n/m);
  });

  it('exports to stdout or a new file, and an export imported into another session gives the same rows', () => {
    const csv = run('annotations', 'export', ids.high, '--format', 'csv');
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\r\n')[0]).toBe('start,end,code,code_name,kind,author,comment,transcript_text,model_response');

    const out = path.join(work, 'high.annotations.json');
    const wrote = run('annotations', 'export', ids.high, '--format', 'json', '--out', out);
    expect(wrote.code).toBe(0);
    expect(wrote.stderr.trim()).toBe(`Exported ${show(ids.high).annotationCount} annotations of “Annomi 0 high” to ${out}.`);
    expect(fs.readFileSync(out, 'utf8')).toBe(run('annotations', 'export', ids.high, '--format', 'json').stdout);

    const imp = run('annotations', 'import', ids.target, out, '--json');
    expect(imp.code).toBe(0);
    expect(JSON.parse(imp.stdout)).toEqual({ imported: show(ids.high).annotationCount });
    expect(run('annotations', 'export', ids.target, '--format', 'csv').stdout).toBe(csv.stdout);

    // CSV → CSV as well: the low session's rows join the target's.
    const lowCsv = path.join(work, 'low.csv');
    expect(run('annotations', 'export', ids.low, '--format', 'csv', '--out', lowCsv).code).toBe(0);
    expect(run('annotations', 'import', ids.target, lowCsv).code).toBe(0);
    const rowsOf = (text: string) => text.split('\r\n').slice(1).filter(Boolean).sort();
    expect(rowsOf(run('annotations', 'export', ids.target, '--format', 'csv').stdout)).toEqual([...rowsOf(csv.stdout), ...rowsOf(fs.readFileSync(lowCsv, 'utf8'))].sort());
  });

  it('never overwrites a file without --force, and leaves no partial file behind', () => {
    const out = path.join(work, 'existing.csv');
    fs.writeFileSync(out, 'keep me');
    const refused = run('annotations', 'export', ids.low, '--format', 'csv', '--out', out);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe(`attune annotations: ${out} already exists; add --force to replace it.`);
    expect(fs.readFileSync(out, 'utf8')).toBe('keep me');
    expect(run('annotations', 'export', ids.low, '--format', 'csv', '--out', out, '--force').code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toMatch(/^start,end,code,/);

    const missingFolder = path.join(work, 'no-such-folder', 'x.csv');
    const failed = run('annotations', 'export', ids.low, '--format', 'csv', '--out', missingFolder);
    expect(failed.code).toBe(1);
    expect(failed.stderr.trim()).toBe(`attune annotations: The folder of ${missingFolder} does not exist.`);
    expect(fs.readdirSync(work).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('refuses a bad file with its line number and writes nothing', () => {
    const before = show(ids.low).annotationCount;
    const file = path.join(work, 'bad.csv');
    fs.writeFileSync(file, 'start,end,code,comment\n1,2,question,fine\n3,4,simple-reflection,fine\n250,251,question,after the end\n');
    const res = run('annotations', 'import', ids.low, file);
    expect(res.code).toBe(1);
    expect(res.stderr.trim()).toBe('attune annotations: bad.csv: Line 4: The annotation starts at 4:10, after the recording ends (3:30).');
    fs.writeFileSync(file, 'start,end,code,comment\n1,2,question,fine\n3,4,reframe,no such code\n');
    expect(run('annotations', 'import', ids.low, file).stderr).toMatch(/^attune annotations: bad\.csv: Line 3: There is no code “reframe” in the codebook “.+”\.\n$/);
    fs.writeFileSync(file, 'start,end,code,comment,mood\n1,2,question,fine,happy\n');
    expect(run('annotations', 'import', ids.low, file).stderr).toMatch(/^attune annotations: bad\.csv: Line 1: the column "?mood"? is not known/);
    expect(show(ids.low).annotationCount).toBe(before);
  });

  it('explains misuse', () => {
    expect(run('annotations').code).toBe(2);
    expect(run('annotations', 'import', ids.low).code).toBe(2);
    expect(run('annotations', 'export', ids.low).stderr).toMatch(/--format csv or --format json/);
    expect(run('annotations', 'export', ids.low, '--format', 'xlsx').stderr).toMatch(/--format is one of csv, json/);
    expect(run('annotations', 'import', ids.low, path.join(work, 'missing.csv')).code).toBe(1);
    expect(run('annotations', 'export', 'zzzz', '--format', 'csv').stderr).toMatch(/No session has the id "zzzz"/);
  });
});
