/** `attune search` as a user runs it: the built CLI on a real library with a transcript and annotations. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAttune } from '../test-support/cli-runner';
import { sharedData, tempDir } from '../test-support/temp-library';

const VTT = `WEBVTT

00:00:01.000 --> 00:00:04.000
<v Dana>How much are you drinking these days?

00:01:05.500 --> 00:01:09.000
<v Sam>I want to cut down on the drinking before summer.
`;

const CSV = `start,end,code,code_name,kind,author,comment,transcript_text,model_response
65.5,69,change-talk,,,,Clear change talk about drinking less,,
12,,open-question,,,,Good open question,,It sounds like summer matters to you.
`;

describe('attune search', () => {
  let dataDir: string;
  let work: string;
  let id = '';
  const run = (...args: string[]) => runAttune(dataDir, args);
  beforeAll(() => {
    dataDir = tempDir('attune-cli-search-');
    work = tempDir('attune-cli-search-files-');
    const res = run('import', path.join(sharedData, 'sessions', 'annomi-0-high.m4a'), '--json');
    expect(res.code).toBe(0);
    id = (JSON.parse(res.stdout) as { id: string }[])[0]?.id ?? '';
    fs.writeFileSync(path.join(work, 't.vtt'), VTT);
    fs.writeFileSync(path.join(work, 'a.csv'), CSV);
    expect(run('transcript', 'import', id, path.join(work, 't.vtt')).code).toBe(0);
    expect(run('annotations', 'import', id, path.join(work, 'a.csv')).code).toBe(0);
  });
  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('prints the hits as JSON: session, start in seconds, text and what matched', () => {
    const res = run('search', 'drinking', '--json');
    expect(res.code).toBe(0);
    const hits = JSON.parse(res.stdout) as { sessionId: string; start: number; text: string; matched: string }[];
    expect(hits.map((h) => [h.sessionId, h.start, h.matched]).sort()).toEqual(
      [
        [id, 1, 'transcript'],
        [id, 65.5, 'comment'],
        [id, 65.5, 'transcript'],
      ].sort(),
    );
    expect(hits.find((h) => h.matched === 'comment')?.text).toBe('Clear change talk about drinking less');
    // Model responses count as comments.
    expect((JSON.parse(run('search', 'summer', '--json', '--code', 'open-question').stdout) as { matched: string; text: string }[]).map((h) => [h.matched, h.text])).toEqual([
      ['comment', 'It sounds like summer matters to you.'],
    ]);
  });

  it('applies the filters', () => {
    const hits = (args: string[]) => (JSON.parse(run('search', ...args, '--json').stdout) as { start: number }[]).map((h) => h.start);
    expect(hits(['drinking', '--speaker', 'client'])).toEqual([65.5]);
    expect(hits(['drinking', '--speaker', 'Dana'])).toEqual([1]);
    expect(hits(['drinking', '--trainee', 'Nobody'])).toEqual([]);
    expect(hits(['drinking', '--from', '2020-01-01'])).toEqual([]);
    expect(hits(['"cut down"', '--code', 'change-talk'])).toEqual([65.5]);
  });

  it('prints plain lines grouped by session, with the time as m:ss', () => {
    const res = run('search', '"cut down" OR question');
    expect(res.code).toBe(0);
    const lines = res.stdout.trim().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^Annomi 0 high  \\[${id.slice(0, 8)}\\]$`));
    expect(lines.slice(1).sort()).toEqual(['     0:12  Comment · Open question: Good open question', '     1:05  Sam: I want to cut down on the drinking before summer.']);
    expect(res.stderr.trim()).toBe('2 matches.');
  });

  it('answers a search it cannot read with a plain message and exit status 1', () => {
    const open = run('search', '"cut down');
    expect(open.code).toBe(1);
    expect(open.stdout).toBe('');
    expect(open.stderr.trim()).toBe('attune search: Close the quotation mark after “cut down”.');
    const or = run('search', 'OR drinking');
    expect(or.code).toBe(1);
    expect(or.stderr).toMatch(/OR needs a word on each side/);
    const date = run('search', 'drinking', '--from', '14.3.2026');
    expect(date.code).toBe(1);
    expect(date.stderr.trim()).toBe('attune search: --from: Use a date like 2026-03-14.');
    expect(run('search').code).toBe(2);
    const hostile = run('search', "text:drinking NEAR( ^x '; DROP TABLE sessions; --", '--json');
    expect(hostile.code).toBe(0);
    expect(JSON.parse(hostile.stdout)).toEqual([]);
    expect(run('list', '--json').stdout).toContain(id);
  });

  it('rebuilds the index on request', () => {
    const res = run('search', '--rebuild-index');
    expect(res.code).toBe(0);
    expect(res.stderr.trim()).toBe('Rebuilt the search index: 5 texts.');
    expect((JSON.parse(run('search', 'drinking', '--json').stdout) as unknown[]).length).toBe(3);
  });
});
