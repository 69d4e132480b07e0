/** `attune delete` as a user runs it: the built CLI on a real library; what went is printed, and logged without content. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAttune } from '../test-support/cli-runner';
import { filesBelow, sharedData, tempDir } from '../test-support/temp-library';
import type { DeletionReport } from '../../shared/domain/library';

describe('attune delete', () => {
  let dir: string;
  let ids: string[];

  beforeAll(() => {
    dir = tempDir('attune-delete-cli-');
    const res = runAttune(dir, ['import', path.join(sharedData, 'audio', 'jfk.wav'), path.join(sharedData, 'audio', 'jfk.mp3'), '--json']);
    expect(res.code, res.stderr).toBe(0);
    const parsed = JSON.parse(res.stdout) as { id: string }[] | { sessions: { id: string }[] };
    ids = (Array.isArray(parsed) ? parsed : parsed.sessions).map((s) => s.id);
    expect(ids).toHaveLength(2);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses an unknown id plainly, and a start of an id by naming the full one, deleting nothing', () => {
    const unknown = runAttune(dir, ['delete', 'no-such-id']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toBe('attune delete: No session has the id "no-such-id". Nothing was deleted.');
    const prefix = runAttune(dir, ['delete', ids[0]!.slice(0, 8)]);
    expect(prefix.code).toBe(1);
    expect(prefix.stderr.trim()).toBe(`attune delete: No session has the id "${ids[0]!.slice(0, 8)}". To delete, give the full id: ${ids[0]}`);
    expect(runAttune(dir, ['delete']).code).toBe(2);
    expect(JSON.parse(runAttune(dir, ['list', '--json']).stdout)).toHaveLength(2);
  });

  it('deletes with --json: the report says what kinds went, and the files are gone', () => {
    const res = runAttune(dir, ['delete', ids[0]!, '--json']);
    expect(res.code, res.stderr).toBe(0);
    const report = JSON.parse(res.stdout) as DeletionReport;
    expect(report.sessionId).toBe(ids[0]);
    expect(report.removed.recording?.count).toBe(1);
    expect(report.removed.recording?.bytes).toBeGreaterThan(0);
    expect(report.overwrittenFiles).toBeGreaterThanOrEqual(1);
    expect(Object.keys(report).sort()).toEqual(['deletedAt', 'deletedBy', 'id', 'overwrittenFiles', 'removed', 'removedFiles', 'sessionId']);
    const left = JSON.parse(runAttune(dir, ['list', '--json']).stdout) as { id: string; sha256: string }[];
    expect(left.map((s) => s.id)).toEqual([ids[1]]);
    expect(filesBelow(path.join(dir, 'media'))).toEqual([`${left[0]!.sha256}.mp3`]);
  });

  it('deletes and says so in words', () => {
    const res = runAttune(dir, ['delete', ids[1]!]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(new RegExp(`^Deleted “Jfk” \\(${ids[1]}\\)\\.\\n  Recording: 1 file, [\\d.]+ KB\\n`));
    expect(res.stdout).toMatch(/file\(s\) overwritten before removal; logged as deleted by /);
    expect(filesBelow(path.join(dir, 'media'))).toEqual([]);
    expect(runAttune(dir, ['delete', ids[1]!]).code).toBe(1);
  });
});
