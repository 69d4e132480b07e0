/**
 * The export service's safety: no overwrite unless asked, no missing folder, nothing left by a cancel
 * or a full disk, the default export folder, reveal only of files it wrote; and the calls through
 * dispatch with their events.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EventMap } from '../../../shared/api/contract';
import { dispatch } from '../../api/dispatch';
import { dispatchHarness, expectApiError } from '../../test-support/api-harness';
import { filesBelow, openTempServices, tempDir } from '../../test-support/temp-library';
import { makeExportSession } from './export-test-session';
import { runExport, waitForExport } from './export-test-run';
import { EXPORT_FOLDER_KEY } from './export-paths';

let lib: ReturnType<typeof openTempServices>;
let sessionId: string;
let out: string;
const revealed: string[] = [];

beforeAll(async () => {
  lib = openTempServices();
  sessionId = (await makeExportSession(lib)).id;
  lib.exports.setRevealer(async (file) => {
    revealed.push(file);
    return true;
  });
}, 60_000);
afterAll(() => lib.cleanup());

describe('where an export goes', () => {
  beforeAll(() => {
    out = tempDir('attune-export-target-');
  });
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it('never overwrites a file unless asked to, and then replaces it whole', async () => {
    const file = path.join(out, 'kept.vtt');
    fs.writeFileSync(file, 'keep me');
    expectApiError(() => lib.exports.start({ sessionId, format: 'vtt', outPath: file, overwrite: false }), 'file_exists', `“kept.vtt” already exists in ${out}. Replace it?`);
    expect(fs.readFileSync(file, 'utf8')).toBe('keep me');
    expect(lib.exports.jobs()).toEqual([]);

    const run = await runExport(lib, { sessionId, format: 'vtt', outPath: file, overwrite: true });
    expect(run.outcome.kind).toBe('done');
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^WEBVTT\n/);
    expect(fs.readdirSync(out)).toEqual(['kept.vtt']);
  });

  it('claims the name only if it is still free when the file is done (a file that appears meanwhile is kept)', async () => {
    const file = path.join(out, 'raced.srt');
    const run = await waitForExport(lib, () => {
      const started = lib.exports.start({ sessionId, format: 'srt', outPath: file, overwrite: false });
      fs.writeFileSync(file, 'someone else’s'); // after the check, before the export is written
      return started;
    });
    expect(run.outcome).toEqual({ kind: 'failed', code: 'file_exists', message: `“raced.srt” already exists in ${out}. Replace it?` });
    expect(fs.readFileSync(file, 'utf8')).toBe('someone else’s');
    expect(fs.readdirSync(out).sort()).toEqual(['kept.vtt', 'raced.srt']);
  });

  it('refuses a folder that does not exist, a relative path, and a folder as the file', () => {
    const missing = path.join(out, 'no-such-folder');
    expectApiError(() => lib.exports.start({ sessionId, format: 'csv', outPath: path.join(missing, 'a.csv'), overwrite: false }), 'file_missing', `The folder ${missing} does not exist.`);
    expect(fs.existsSync(missing)).toBe(false);
    expectApiError(() => lib.exports.start({ sessionId, format: 'csv', outPath: 'a.csv', overwrite: false }), 'invalid_input', 'Choose a full path to save the export to.');
    fs.mkdirSync(path.join(out, 'folder.csv'));
    expectApiError(() => lib.exports.start({ sessionId, format: 'csv', outPath: path.join(out, 'folder.csv'), overwrite: true }), 'invalid_input', `“folder.csv” is a folder in ${out}; choose another name.`);
    fs.rmdirSync(path.join(out, 'folder.csv'));
    expectApiError(() => lib.exports.start({ sessionId: 'nope', format: 'csv', outPath: path.join(out, 'a.csv'), overwrite: false }), 'not_found', /./);
  });

  it('suggests the export folder and a file name from the title, and makes that folder on the first export', async () => {
    const folder = path.join(out, 'exports', 'Attune exports');
    lib.settings.set(EXPORT_FOLDER_KEY, folder);
    try {
      const suggested = lib.exports.suggestPath(sessionId, 'eaf');
      expect(suggested).toEqual({ path: path.join(folder, 'session-3-dana-sam.eaf'), exists: false });
      expect(lib.exports.suggestPath(sessionId, 'docx').path).toBe(path.join(folder, 'session-3-dana-sam.transcript.docx'));
      expect(lib.exports.suggestPath(sessionId, 'package').path).toBe(path.join(folder, 'session-3-dana-sam.attune-feedback'));
      const run = await runExport(lib, { sessionId, format: 'eaf', outPath: suggested.path });
      expect(run.outcome).toMatchObject({ kind: 'done', path: suggested.path });
      expect(lib.exports.suggestPath(sessionId, 'eaf').exists).toBe(true);
    } finally {
      lib.settings.set(EXPORT_FOLDER_KEY, null);
    }
  });

  it('without the setting: ~/Documents/Attune exports when there is a Documents folder, else ~/Attune exports', async () => {
    const { defaultExportFolder } = await import('./export-paths');
    const home = path.join(out, 'home');
    fs.mkdirSync(home);
    expect(defaultExportFolder(home)).toBe(path.join(home, 'Attune exports'));
    fs.mkdirSync(path.join(home, 'Documents'));
    expect(defaultExportFolder(home)).toBe(path.join(home, 'Documents', 'Attune exports'));
  });
});

describe('cancelling', () => {
  beforeAll(() => {
    out = tempDir('attune-export-cancel-');
  });
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it('a running export stops and leaves no file; a queued one never starts', async () => {
    const finished: EventMap['export.finished'][] = [];
    const stop = lib.events.subscribe((name, payload) => {
      if (name === 'export.finished') finished.push(payload as EventMap['export.finished']);
    });
    const first = lib.exports.start({ sessionId, format: 'docx', outPath: path.join(out, 'a.docx'), overwrite: false });
    const second = lib.exports.start({ sessionId, format: 'eaf', outPath: path.join(out, 'b.eaf'), overwrite: false });
    expect(lib.exports.jobs().map((j) => j.jobId)).toEqual([first.jobId, second.jobId]);
    // The first is already writing (its temp file is being written); the second waits.
    expect(lib.exports.cancel(second.jobId)).toBe(true);
    expect(lib.exports.cancel(first.jobId)).toBe(true);
    await lib.exports.whenIdle();
    stop();
    expect(finished.map((f) => [f.jobId, f.outcome.kind])).toEqual([
      [second.jobId, 'cancelled'],
      [first.jobId, 'cancelled'],
    ]);
    expect(fs.readdirSync(out)).toEqual([]);
    expect(lib.exports.cancel(first.jobId)).toBe(false);
    expect(lib.exports.jobs()).toEqual([]);
  });
});

describe('a full disk', () => {
  let mountPoint: string | null = null;
  afterEach(() => {
    if (mountPoint) {
      execFileSync('umount', [mountPoint]);
      fs.rmSync(mountPoint, { recursive: true, force: true });
      mountPoint = null;
    }
  });

  it('→ disk_full in plain words, and no partial file', async (ctx) => {
    const dir = tempDir('attune-export-tmpfs-');
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'pipe' });
    } catch (err) {
      fs.rmSync(dir, { recursive: true, force: true });
      ctx.skip(`cannot mount a tmpfs here (${String((err as Error).message).split('\n')[0]})`);
      return;
    }
    mountPoint = dir;
    // Fill the small disk to leave a few KB: less than the transcript's ~20 KB of ELAN XML.
    fs.writeFileSync(path.join(dir, 'filler'), Buffer.alloc(56 * 1024, 1));
    const eaf = path.join(dir, 'session.eaf');
    const run = await runExport(lib, { sessionId, format: 'eaf', outPath: eaf });
    expect(run.outcome).toEqual({
      kind: 'failed',
      code: 'disk_full',
      message: `There is not enough free disk space in ${dir} to save “session.eaf”. Free some space and try again.`,
    });
    expect(filesBelow(dir)).toEqual(['filler']);
    // With room again, the same export works.
    fs.rmSync(path.join(dir, 'filler'));
    expect((await runExport(lib, { sessionId, format: 'eaf', outPath: eaf })).outcome.kind).toBe('done');
  });
});

describe('through dispatch', () => {
  beforeAll(() => {
    out = tempDir('attune-export-dispatch-');
  });
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it('suggestPath, start with progress and finished events, jobs, reveal', async () => {
    const h = dispatchHarness(lib);
    lib.settings.set(EXPORT_FOLDER_KEY, out);
    try {
      const suggested = await h.ok<{ path: string; exists: boolean }>('export.suggestPath', { sessionId, format: 'txt' });
      expect(suggested).toEqual({ path: path.join(out, 'session-3-dana-sam.transcript.txt'), exists: false });
      const done = new Promise<EventMap['export.finished']>((resolve) => {
        const stop = lib.events.subscribe((name, payload) => {
          if (name === 'export.finished') {
            stop();
            resolve(payload as EventMap['export.finished']);
          }
        });
      });
      const { jobId } = await h.ok<{ jobId: string }>('export.start', { sessionId, format: 'txt', outPath: suggested.path });
      const finished = await done;
      expect(finished).toEqual({ jobId, sessionId, format: 'txt', outcome: { kind: 'done', path: suggested.path, bytes: fs.statSync(suggested.path).size } });
      const progress = h.events.filter(([name]) => name === 'export.progress').map(([, p]) => p as EventMap['export.progress']);
      expect(progress.map((p) => p.stage)).toEqual(['Waiting to start', 'Gathering the session', 'Writing the transcript', 'Saving the file', 'Saved']);
      expect(progress.map((p) => p.percent)).toEqual([0, 2, 10, 95, 100]);
      expect(await h.ok('export.jobs', {})).toEqual([]);

      // The same again: refused, with the question the UI asks.
      const again = await dispatch('export.start', { sessionId, format: 'txt', outPath: suggested.path }, h.ctx);
      expect(again).toEqual({ ok: false, error: { code: 'file_exists', message: `“session-3-dana-sam.transcript.txt” already exists in ${out}. Replace it?` } });
      const bad = await dispatch('export.start', { sessionId, format: 'mp3', outPath: suggested.path }, h.ctx);
      expect(bad.ok).toBe(false);

      expect(await h.ok('export.reveal', { path: suggested.path })).toEqual({ revealed: true });
      expect(revealed).toEqual([suggested.path]);
      const other = path.join(out, 'not-ours.txt');
      fs.writeFileSync(other, 'x');
      expect(await dispatch('export.reveal', { path: other }, h.ctx)).toEqual({ ok: false, error: { code: 'forbidden', message: 'Attune only opens the folders of files it exported.' } });
      expect(revealed).toHaveLength(1);
      expect(await h.ok('export.cancel', { jobId: 'no-such-job' })).toEqual({ cancelled: false });
    } finally {
      lib.settings.set(EXPORT_FOLDER_KEY, null);
    }
  });
});
