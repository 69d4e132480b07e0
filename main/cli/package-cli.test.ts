/**
 * `attune open` and `attune reply` as a user runs them: the built CLI as a real process, two real
 * libraries (the supervisor's and the trainee's), a passphrase only ever read from a file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportFeedbackPackage } from '../services/export/package/feedback-package';
import { markRead, replyTo, writeReflection } from '../services/export/package/feedback-replies';
import { loadSessionBundle } from '../services/export/session-bundle';
import { openServices } from '../services/services';
import { runAttune } from '../test-support/cli-runner';
import { importSample, tempDir } from '../test-support/temp-library';

describe('attune open and attune reply', () => {
  let supervisorDir: string;
  let traineeDir: string;
  let work: string;
  let pkg: string;
  let passFile: string;
  const annotationIds: string[] = [];
  let copyId = '';
  const run = (dataDir: string, ...args: string[]) => runAttune(dataDir, args);

  beforeAll(async () => {
    supervisorDir = tempDir('attune-cli-supervisor-');
    traineeDir = tempDir('attune-cli-trainee-');
    work = tempDir('attune-cli-package-files-');
    pkg = path.join(work, 'jfk.attune-feedback');
    passFile = path.join(work, 'passphrase.txt');
    fs.writeFileSync(passFile, 'a long enough passphrase\n');
    const services = openServices(supervisorDir, { resumeTranscriptions: false });
    try {
      const session = await importSample(services, 'audio/jfk.wav');
      services.sessions.update(session.id, { title: 'JFK practice' });
      for (const [start, comment] of [
        [1, 'Clear opening.'],
        [6, 'Strong close.'],
      ] as const) {
        annotationIds.push(services.annotations.create({ sessionId: session.id, codeId: 'affirmation', start, end: start + 2, comment }).id);
      }
      await exportFeedbackPackage(services, loadSessionBundle(services, session.id), pkg, {
        media: 'clips',
        clipPreRoll: 1,
        clipPostRoll: 1,
        deidentify: null,
        passphrase: 'a long enough passphrase',
      });
    } finally {
      services.close();
    }
  }, 120_000);

  afterAll(() => {
    for (const dir of [supervisorDir, traineeDir, work]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('opens a locked package only with --passphrase-file, then updates the same copy when opened again', () => {
    const locked = run(traineeDir, 'open', pkg);
    expect(locked.code).toBe(1);
    expect(locked.stderr.trim()).toBe('attune open: This file is protected by a passphrase. Enter the passphrase you were given to open it.');
    const wrongFile = path.join(work, 'wrong.txt');
    fs.writeFileSync(wrongFile, 'not the passphrase at all');
    const wrong = run(traineeDir, 'open', pkg, '--passphrase-file', wrongFile);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr.trim()).toBe('attune open: The passphrase is wrong, or the file was changed after it was made.');

    const opened = run(traineeDir, 'open', pkg, '--passphrase-file', passFile, '--json');
    expect(opened.stderr).toBe('');
    expect(opened.code).toBe(0);
    const outcome = JSON.parse(opened.stdout) as { kind: string; sessionId: string; title: string; updated: boolean };
    expect(outcome).toMatchObject({ kind: 'feedback', title: 'JFK practice', updated: false });
    copyId = outcome.sessionId;

    const again = run(traineeDir, 'open', pkg, '--passphrase-file', passFile);
    expect(again.code).toBe(0);
    expect(again.stderr.trim()).toBe(`Updated the feedback on “JFK practice” (session ${copyId}).`);
    const list = JSON.parse(run(traineeDir, 'list', '--json').stdout) as { id: string }[];
    expect(list.map((s) => s.id)).toEqual([copyId]);
  });

  it('writes the trainee’s reply file, never over an existing file without --force, and the supervisor merges it', () => {
    const services = openServices(traineeDir, { resumeTranscriptions: false });
    try {
      markRead(services, copyId, annotationIds[0] ?? '', true);
      replyTo(services, copyId, annotationIds[1] ?? '', 'I practised that close ten times.');
      writeReflection(services, copyId, 'Slow down at the start.');
    } finally {
      services.close();
    }
    const reply = path.join(work, 'jfk.attune-reply');
    const wrote = run(traineeDir, 'reply', copyId.slice(0, 8), '--out', reply);
    expect(wrote.code).toBe(0);
    expect(wrote.stderr.trim()).toBe(`Wrote the reply on “JFK practice” (1 reply) to ${reply}.`);
    const refused = run(traineeDir, 'reply', copyId, '--out', reply);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe(`attune reply: ${reply} already exists; add --force to replace it.`);
    expect(run(traineeDir, 'reply', copyId, '--out', reply, '--force').code).toBe(0);
    expect(fs.readdirSync(work).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    // The trainee's library does not hold the source session.
    const stranger = run(traineeDir, 'open', reply);
    expect(stranger.code).toBe(1);
    expect(stranger.stderr.trim()).toBe('attune open: This reply is for a session that is not in this library (“JFK practice”).');

    const merged = run(supervisorDir, 'open', reply);
    expect(merged.code).toBe(0);
    expect(merged.stderr.trim()).toBe('Merged 2 answers from the trainee into “JFK practice”.');
    const shown = JSON.parse(run(supervisorDir, 'show', (JSON.parse(run(supervisorDir, 'list', '--json').stdout) as { id: string }[])[0]?.id ?? '', '--json').stdout) as { status: string };
    expect(shown.status).toBe('reply-received');
  });

  it('explains misuse and refuses files that are not packages', () => {
    expect(run(traineeDir, 'open').code).toBe(2);
    expect(run(traineeDir, 'reply', copyId).stderr).toMatch(/--out P/);
    expect(run(traineeDir, 'open', pkg, '--passphrase', 'x').code).toBe(2);
    const notPackage = path.join(work, 'notes.txt');
    fs.writeFileSync(notPackage, 'hello');
    const res = run(traineeDir, 'open', notPackage);
    expect(res.code).toBe(1);
    expect(res.stderr.trim()).toBe('attune open: This is not an Attune feedback package.');
    expect(run(traineeDir, 'open', path.join(work, 'nope.attune-feedback')).stderr.trim()).toBe(`attune open: ${path.join(work, 'nope.attune-feedback')} does not exist.`);
  });
});
