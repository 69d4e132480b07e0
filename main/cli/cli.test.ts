/** The built `attune` command, run as a user would: a real process, a real library, real ffmpeg. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAttune } from '../test-support/cli-runner';
import { sharedData, tempDir } from '../test-support/temp-library';

describe('attune command line', () => {
  let dataDir: string;
  const run = (...args: string[]) => runAttune(dataDir, args);
  beforeAll(() => {
    dataDir = tempDir('attune-cli-');
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('imports recordings and prints only JSON on stdout with --json', () => {
    const m4a = path.join(sharedData, 'sessions', 'annomi-0-high.m4a');
    const mp3 = path.join(sharedData, 'sessions', 'annomi-115-low.mp3');
    const res = run('import', m4a, mp3, '--trainee', 'Dana Reyes', '--json');
    expect(res.stderr).not.toMatch(/Error:/);
    expect(res.code).toBe(0);
    const imported = JSON.parse(res.stdout) as Record<string, unknown>[];
    expect(imported).toHaveLength(2);
    expect(imported[0]).toMatchObject({ title: 'Annomi 0 high', trainee: 'Dana Reyes', channels: 2, hasVideo: false, status: 'new', alreadyInLibrary: false });
    expect(imported[0]?.duration as number).toBeCloseTo(300.249, 1);
    expect(imported[1]).toMatchObject({ channels: 1, hasVideo: false });
  });

  it('lists and shows sessions, by full id or a prefix', () => {
    const list = run('list', '--json');
    expect(list.code).toBe(0);
    const sessions = JSON.parse(list.stdout) as { id: string; title: string; duration: number }[];
    expect(sessions.map((s) => s.title).sort()).toEqual(['Annomi 0 high', 'Annomi 115 low']);
    const first = sessions.find((s) => s.title === 'Annomi 0 high');
    const show = run('show', first?.id.slice(0, 8) ?? '', '--json');
    expect(show.code).toBe(0);
    expect(JSON.parse(show.stdout)).toMatchObject({ id: first?.id, title: 'Annomi 0 high', channels: 2 });
    const human = run('list');
    expect(human.stdout).toMatch(/Annomi 0 high/);
    expect(human.stdout).toMatch(/0:05:00/);
  });

  it('reports a re-import as already in the library', () => {
    const res = run('import', path.join(sharedData, 'sessions', 'annomi-0-high.m4a'));
    expect(res.code).toBe(0);
    expect(res.stderr).toMatch(/Already in library/);
    expect(JSON.parse(run('list', '--json').stdout)).toHaveLength(2);
  });

  it('fails with a one-line reason and a non-zero status', () => {
    const missing = run('import', '/no/such/file.mp3');
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/file\.mp3/);
    const unknown = run('show', 'zzzz');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No session has the id "zzzz"/);
    const misuse = run('import');
    expect(misuse.code).toBe(2);
    expect(run('frobnicate').code).toBe(2);
  });
});
