/**
 * Feedback out and back with real parts: two libraries in temp dirs (the supervisor's and the
 * trainee's), a real recording, real ffmpeg. The supervisor exports an encrypted, de-identified
 * package with clips; the trainee opens it, reads, replies and reflects, and sends a reply file; the
 * supervisor merges it. Then every kind of hostile package is refused with its own message, and
 * nothing is written.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../../shared/api/errors';
import type { Annotation } from '../../../../shared/domain/annotation';
import type { PackageOptions, SessionBundle } from '../../../../shared/domain/export';
import type { PackageOpenOutcome, ReceivedFeedback, SessionReplies, TraineeResponse } from '../../../../shared/package/feedback-view';
import { bleepRanges, makeDeidentifier } from '../../../../shared/package/deidentify';
import { NOT_A_PACKAGE, WRONG_PASSPHRASE } from '../../../../shared/package/package-format';
import { dispatch } from '../../../api/dispatch';
import { dispatchHarness, type DispatchHarness } from '../../../test-support/api-harness';
import { filesBelow, importSample, openTempServices, tempDir } from '../../../test-support/temp-library';
import type { Services } from '../../services';
import { truthVtt } from '../export-test-session';
import { loadSessionBundle } from '../session-bundle';
import { decryptPackage, isEncryptedPackage } from './container';
import { exportFeedbackPackage } from './feedback-package';
import { openPackageFile } from './open-package';

type TempServices = Services & { cleanup(): void };

const PASSPHRASE = 'correct horse battery staple';
const TERMS = ['Rosalind', 'Harrogate'];

/** The session's truth transcript as WebVTT, the client named Rosalind, her name and town said in two lines. */
function transcriptVtt(): string {
  return truthVtt('sessions/annomi-0-high.truth.json', { therapist: 'Counselor', client: 'Rosalind' }, (text, i) => {
    if (i === 0) return text.replace('Thanks for filling it out.', 'Thanks for filling it out, Rosalind.');
    if (i === 1) return 'Sure. I came over from Harrogate for this.';
    return text;
  });
}

/** Row counts of every table a package touches, and every file in the data dir: "nothing written" is these unchanged. */
function snapshot(services: Services): { rows: Record<string, number>; files: string[] } {
  const tables = ['sessions', 'media', 'segments', 'transcripts', 'annotations', 'annotation_segments', 'codebooks', 'codes', 'session_reviews', 'review_evidence', 'received_packages', 'received_clips', 'trainee_responses', 'annotation_replies', 'session_reflections', 'sent_packages'];
  const rows = Object.fromEntries(tables.map((t) => [t, (services.db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n]));
  return { rows, files: filesBelow(services.paths.root).filter((f) => !/attune\.sqlite(-wal|-shm)?$/.test(f)) };
}

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** 16 kHz mono float samples of a media file. */
function decodePcm(ffmpeg: string, file: string): Float32Array {
  const res = spawnSync(ffmpeg, ['-v', 'error', '-i', file, '-ac', '1', '-ar', '16000', '-f', 'f32le', '-'], { maxBuffer: 256 * 1024 * 1024 });
  expect(res.status).toBe(0);
  const bytes = res.stdout;
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/** Share of the signal's energy at 1 kHz over [from, to] seconds (1 for a pure tone, near 0 for speech). */
function toneShare(samples: Float32Array, from: number, to: number): number {
  const rate = 16000;
  const x = samples.subarray(Math.round(from * rate), Math.round(to * rate));
  const n = x.length;
  const w = (2 * Math.PI * 1000) / rate;
  let re = 0;
  let im = 0;
  let energy = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i] ?? 0;
    re += v * Math.cos(w * i);
    im -= v * Math.sin(w * i);
    energy += v * v;
  }
  return energy === 0 ? 0 : (2 * (re * re + im * im)) / n / energy;
}

describe('feedback package: out to the trainee and back', () => {
  let supervisor: TempServices;
  let trainee: TempServices;
  let sup: DispatchHarness;
  let tra: DispatchHarness;
  let work: string;
  let sessionId: string;
  let annotations: Annotation[];
  let bundle: SessionBundle;
  let packagePath: string;
  let copyId: string;
  let replyPath: string;

  beforeAll(async () => {
    supervisor = openTempServices();
    trainee = openTempServices();
    sup = dispatchHarness(supervisor);
    tra = dispatchHarness(trainee);
    work = tempDir('attune-package-files-');
    supervisor.profile.update({ name: 'Dr Supervisor' });
    trainee.profile.update({ name: 'Tom Trainee' });
    const session = await importSample(supervisor, 'sessions/annomi-0-high.m4a');
    sessionId = session.id;
    supervisor.sessions.update(sessionId, { title: 'Session with Rosalind', trainee: 'Tom Trainee', notes: 'Rosalind was referred by her GP in Harrogate.' });
    const imported = supervisor.transcripts.importSubtitles(sessionId, 'rosalind.vtt', transcriptVtt());
    const [seg0, seg1] = imported.transcript.segments;
    const make = (codeId: string, start: number, end: number | null, comment: string, extra: { modelResponse?: string; segmentIds?: string[] } = {}) =>
      supervisor.annotations.create({ sessionId, codeId, start, end, comment, ...extra });
    make('open-question', 0.6, 12.366, 'A good open question to Rosalind.', { segmentIds: [seg0?.id ?? ''] });
    make('missed-reflection', 13.194, 20.333, 'Rosalind mentioned Harrogate; a reflection would have helped.', {
      modelResponse: 'It sounds like coming over from Harrogate took some doing, Rosalind.',
      segmentIds: [seg1?.id ?? ''],
    });
    make('simple-reflection', 60, null, 'Nice and short.');
    make('affirmation', 100, 104, 'Warm affirmation.');
    supervisor.reviews.update(sessionId, {
      globals: { cultivatingChangeTalk: 4, softeningSustainTalk: 3, partnership: 4, empathy: 5 },
      feedback: { strengths: 'You stayed with Rosalind’s ambivalence.', growthAreas: 'Reflect more often.', goals: 'Two reflections per question.' },
      phases: { beginning: { start: 0, end: 30 } },
      checklist: { 'greeting-and-rapport': true },
    });
    annotations = supervisor.annotations.list(sessionId);
    supervisor.reviews.update(sessionId, { evidence: { empathy: [annotations[0]?.id ?? ''] } });
    bundle = loadSessionBundle(supervisor, sessionId);
    packagePath = path.join(work, 'session.attune-feedback');
    replyPath = path.join(work, 'reply.attune-reply');
  }, 180_000);

  afterAll(() => {
    supervisor?.cleanup();
    trainee?.cleanup();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('exports an encrypted, de-identified package with a clip per annotation, reporting progress; the names are in no byte of it', async () => {
    const options: PackageOptions = { media: 'clips', clipPreRoll: 2, clipPostRoll: 2, deidentify: { terms: TERMS, bleep: true }, passphrase: PASSPHRASE };
    const stages: string[] = [];
    const percents: number[] = [];
    const result = await exportFeedbackPackage(supervisor, bundle, packagePath, options, {
      progress: (percent, stage) => {
        percents.push(percent);
        stages.push(stage);
      },
    });
    expect(result.path).toBe(packagePath);
    expect(fs.statSync(packagePath).size).toBe(result.bytes);
    expect(stages).toContain('Cutting clips 1 of 4');
    expect(stages).toContain('Cutting clips 4 of 4');
    expect(percents.at(-1)).toBe(100);
    expect([...percents].sort((a, b) => a - b)).toEqual(percents);
    expect(fs.readdirSync(work).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(filesBelow(supervisor.paths.tmpDir)).toEqual([]);
    expect(supervisor.sessions.get(sessionId).status).toBe('feedback-sent');

    const sealed = fs.readFileSync(packagePath);
    expect(isEncryptedPackage(sealed)).toBe(true);
    const zip = await decryptPackage(sealed, PASSPHRASE);
    const entries = unzipSync(zip);
    expect(Object.keys(entries).sort()).toEqual(['manifest.json', 'session.json', ...annotations.map((a) => `media/clips/${a.id}.m4a`)].sort());
    for (const term of TERMS) {
      const lower = term.toLowerCase();
      expect(zip.toString('latin1').toLowerCase()).not.toContain(lower);
      for (const [name, data] of Object.entries(entries)) {
        expect(name.toLowerCase()).not.toContain(lower);
        expect(Buffer.from(data).toString('utf8').toLowerCase(), name).not.toContain(lower);
        expect(Buffer.from(data).toString('latin1').toLowerCase(), name).not.toContain(lower);
      }
    }
    const session = JSON.parse(Buffer.from(entries['session.json'] as Uint8Array).toString('utf8')) as { session: { title: string }; transcript: { speakerNames: { client: string } } };
    expect(session.session.title).toBe('Session with [NAME 1]');
    expect(session.transcript.speakerNames.client).toBe('[NAME 1]');
  });

  it('bleeps the names in the clips: a 1 kHz tone where the name was said, the voice elsewhere', async () => {
    const ranges = bleepRanges(bundle.transcript.segments, makeDeidentifier(TERMS), bundle.session.media.duration);
    const first = ranges[0];
    if (!first) throw new Error('no name in the transcript');
    const middle = (first.start + first.end) / 2;
    const original = decodePcm(supervisor.tools.ffmpeg, path.join(supervisor.paths.mediaDir, bundle.session.media.fileName));
    expect(toneShare(original, middle - 0.1, middle + 0.1)).toBeLessThan(0.3);
    // The first annotation's clip starts at 0 (0.6 s minus 2 s of pre-roll), so clip time is recording time.
    const entries = unzipSync(await decryptPackage(fs.readFileSync(packagePath), PASSPHRASE));
    const file = path.join(work, 'clip-0.m4a');
    fs.writeFileSync(file, entries[`media/clips/${annotations[0]?.id}.m4a`] as Uint8Array);
    const bleeped = decodePcm(supervisor.tools.ffmpeg, file);
    expect(toneShare(bleeped, middle - 0.1, middle + 0.1)).toBeGreaterThan(0.9);
    // Well away from any name, the clip is the recording's voice.
    expect(toneShare(bleeped, 8, 8.5)).toBeLessThan(0.3);
    fs.rmSync(file);
  });

  it('the trainee opens it only with the right passphrase; a refusal writes nothing', async () => {
    const before = snapshot(trainee);
    const locked = await refusal(openPackageFile(trainee, packagePath, null));
    expect(locked.code).toBe('passphrase_required');
    expect(locked.message).toBe('This file is protected by a passphrase. Enter the passphrase you were given to open it.');
    const wrong = await refusal(openPackageFile(trainee, packagePath, 'not the passphrase'));
    expect(wrong.code).toBe('passphrase_required');
    expect(wrong.message).toBe(WRONG_PASSPHRASE);
    expect(snapshot(trainee)).toEqual(before);

    const opened = await tra.ok<PackageOpenOutcome>('package.open', { path: packagePath, passphrase: PASSPHRASE });
    expect(opened).toMatchObject({ kind: 'feedback', title: 'Session with [NAME 1]', updated: false });
    copyId = opened.sessionId;
    expect(tra.events.some(([name, p]) => name === 'library.changed' && (p as { sessionId: string }).sessionId === copyId)).toBe(true);
  });

  it('every annotation, score and piece of feedback arrives intact (de-identified), with its clip', async () => {
    const d = makeDeidentifier(TERMS);
    const got = await tra.ok<ReceivedFeedback>('feedback.get', { sessionId: copyId });
    expect(got.session.title).toBe('Session with [NAME 1]');
    expect(got.session.trainee).toBe('Tom Trainee');
    expect(got.session.notes).toBe('[NAME 1] was referred by her GP in [NAME 2].');
    expect(got.session.media.duration).toBeCloseTo(bundle.session.media.duration, 6);
    expect(got.createdBy).toBe('Dr Supervisor');
    expect(got.deidentified).toBe(true);
    expect(got.annotations.map((a) => ({ id: a.id, codeId: a.codeId, start: a.start, end: a.end, author: a.author, comment: a.comment, modelResponse: a.modelResponse, segmentIds: a.segmentIds }))).toEqual(
      annotations.map((a) => ({ id: a.id, codeId: a.codeId, start: a.start, end: a.end, author: a.author, comment: d.replace(a.comment), modelResponse: d.replace(a.modelResponse), segmentIds: a.segmentIds })),
    );
    expect(got.annotations[1]?.modelResponse).toBe('It sounds like coming over from [NAME 2] took some doing, [NAME 1].');
    const usedCodes = new Set(annotations.map((a) => a.codeId));
    expect(got.codebook.codes.map((c) => c.id)).toEqual(bundle.codebook.codes.filter((c) => usedCodes.has(c.id)).map((c) => c.id));
    expect(got.codebook.codes.map((c) => [c.name, c.kind, c.color])).toEqual(bundle.codebook.codes.filter((c) => usedCodes.has(c.id)).map((c) => [c.name, c.kind, c.color]));
    expect(got.scores).toEqual(bundle.scores);
    expect(trainee.reviews.scores(copyId)).toEqual(bundle.scores);
    expect(got.review.globals).toEqual(bundle.review.globals);
    expect(got.review.phases).toEqual(bundle.review.phases);
    expect(got.review.checklist).toEqual(bundle.review.checklist);
    expect(got.review.evidence).toEqual(bundle.review.evidence);
    expect(got.review.feedback).toEqual({ strengths: 'You stayed with [NAME 1]’s ambivalence.', growthAreas: 'Reflect more often.', goals: 'Two reflections per question.' });
    expect(got.transcript.segments.map((g) => [g.id, g.start, g.end, g.speaker, g.text])).toEqual(bundle.transcript.segments.map((g) => [g.id, g.start, g.end, g.speaker, d.replace(g.text)]));
    expect(got.transcript.speakerNames.client).toBe('[NAME 1]');
    expect(got.media.kind).toBe('clips');
    if (got.media.kind !== 'clips') return;
    expect(Object.keys(got.media.clips).sort()).toEqual(annotations.map((a) => a.id).sort());
    for (const a of annotations) {
      const clip = got.media.clips[a.id];
      expect(clip?.start).toBeCloseTo(Math.max(0, a.start - 2), 6);
      expect(fs.existsSync(path.join(trainee.paths.mediaDir, clip?.fileName ?? 'x'))).toBe(true);
    }
    expect(got.responses).toEqual({});
  });

  it('the trainee marks points read, replies and reflects; each is stored at once', async () => {
    const [a1, a2, a3, a4] = annotations.map((a) => a.id) as [string, string, string, string];
    const read = await tra.ok<TraineeResponse>('feedback.markRead', { sessionId: copyId, annotationId: a2, read: true });
    expect(read.readAt).not.toBeNull();
    await tra.ok('feedback.markRead', { sessionId: copyId, annotationId: a4, read: true });
    const replied = await tra.ok<TraineeResponse>('feedback.reply', { sessionId: copyId, annotationId: a1, text: 'Thank you — I will keep asking like that.' });
    expect(replied).toMatchObject({ reply: 'Thank you — I will keep asking like that.' });
    expect(replied.readAt).not.toBeNull();
    await tra.ok('feedback.reply', { sessionId: copyId, annotationId: a3, text: 'I was not sure it was a reflection.' });
    await tra.ok('feedback.reflection', { sessionId: copyId, text: 'I rush to questions when I am nervous.' });
    expect(tra.events.filter(([name]) => name === 'feedback.changed')).toHaveLength(5);

    expect(trainee.db.prepare('SELECT COUNT(*) AS n FROM trainee_responses').get()).toEqual({ n: 4 });
    const stranger = await refusal(dispatchOrThrow(tra, 'feedback.reply', { sessionId: copyId, annotationId: 'no-such-annotation', text: 'x' }));
    expect(stranger.message).toBe('That point of the feedback is no longer in this package.');
    const notReceived = await refusal(dispatchOrThrow(sup, 'feedback.get', { sessionId }));
    expect(notReceived.message).toBe('This session is not a received feedback package.');

    // The supervisor's content in the trainee's copy is read-only, whichever way a change comes.
    const readOnly = 'This is feedback you received from your supervisor, so it cannot be changed. Write your replies in the Feedback view.';
    const before = trainee.db.prepare('SELECT COUNT(*) AS n FROM annotations').get();
    const comment = trainee.annotations.get(a1).comment;
    for (const [name, input] of [
      ['annotations.create', { sessionId: copyId, codeId: annotations[0]!.codeId, start: 1, end: null }],
      ['annotations.update', { annotationId: a1, patch: { comment: 'rewritten' } }],
      ['annotations.delete', { annotationId: a2 }],
      ['review.update', { sessionId: copyId, patch: { feedback: { goals: 'none' } } }],
      ['transcript.renameSpeaker', { sessionId: copyId, role: 'client', name: 'Someone' }],
      ['transcription.start', { sessionIds: [copyId] }],
    ] as const) {
      const refused = await refusal(dispatchOrThrow(tra, name, input));
      expect(refused, name).toMatchObject({ code: 'forbidden', message: readOnly });
    }
    expect(trainee.db.prepare('SELECT COUNT(*) AS n FROM annotations').get()).toEqual(before);
    expect(trainee.annotations.get(a1).comment).toBe(comment);
  });

  it('writes the reply file, which the supervisor merges beside each annotation', async () => {
    const [a1, a2, a3, a4] = annotations.map((a) => a.id) as [string, string, string, string];
    const written = await tra.ok<{ path: string; replies: number }>('feedback.exportReply', { sessionId: copyId, outPath: replyPath });
    expect(written).toMatchObject({ path: replyPath, replies: 2 });
    expect(trainee.db.prepare('SELECT reply_exported_at FROM received_packages').get()).not.toEqual({ reply_exported_at: null });
    // Not overwritten without asking.
    const again = await refusal(dispatchOrThrow(tra, 'feedback.exportReply', { sessionId: copyId, outPath: replyPath }));
    expect(again.code).toBe('file_exists');

    // Meanwhile the supervisor deleted the fourth annotation: its read mark is skipped.
    supervisor.annotations.delete(a4);
    const merged = await sup.ok<PackageOpenOutcome>('package.open', { path: replyPath });
    expect(merged).toEqual({ kind: 'reply', sessionId, title: 'Session with Rosalind', merged: 3, skipped: 1 });
    expect(supervisor.sessions.get(sessionId).status).toBe('reply-received');
    const replies = await sup.ok<SessionReplies>('replies.list', { sessionId });
    expect(replies.from).toBe('Tom Trainee');
    expect(replies.reflection?.text).toBe('I rush to questions when I am nervous.');
    expect(replies.byAnnotation[a1]?.text).toBe('Thank you — I will keep asking like that.');
    expect(replies.byAnnotation[a3]?.text).toBe('I was not sure it was a reflection.');
    expect(replies.byAnnotation[a2]).toMatchObject({ text: '', repliedAt: null });
    expect(replies.byAnnotation[a2]?.readAt).not.toBeNull();
    expect(Object.keys(replies.byAnnotation).sort()).toEqual([a1, a2, a3].sort());
    expect(sup.events.some(([name]) => name === 'replies.changed')).toBe(true);
  });

  it('refuses plainly a reply for a session this library does not have', async () => {
    const before = snapshot(trainee);
    const refused = await refusal(openPackageFile(trainee, replyPath, null));
    expect(refused.message).toBe('This reply is for a session that is not in this library (“Session with [NAME 1]”).');
    expect(snapshot(trainee)).toEqual(before);
  });

  it('re-opening a newer package updates the trainee’s copy instead of duplicating it, keeping answers that still apply', async () => {
    const [a1, a2, a3, a4] = annotations.map((a) => a.id) as [string, string, string, string];
    supervisor.annotations.update(a1, { comment: 'A good open question to Rosalind — keep it up.' });
    const second = path.join(work, 'second.attune-feedback');
    await exportFeedbackPackage(supervisor, loadSessionBundle(supervisor, sessionId), second, {
      media: 'none',
      clipPreRoll: 5,
      clipPostRoll: 5,
      deidentify: { terms: TERMS, bleep: false },
      passphrase: null,
    });
    const sessionsBefore = trainee.sessions.list().length;
    const reopened = await openPackageFile(trainee, second, null);
    expect(reopened).toMatchObject({ kind: 'feedback', sessionId: copyId, updated: true });
    expect(trainee.sessions.list()).toHaveLength(sessionsBefore);
    const got = await tra.ok<ReceivedFeedback>('feedback.get', { sessionId: copyId });
    expect(got.annotations.map((a) => a.id)).toEqual([a1, a2, a3]);
    expect(got.annotations[0]?.comment).toBe('A good open question to [NAME 1] — keep it up.');
    expect(Object.keys(got.responses).sort()).toEqual([a1, a2, a3].sort());
    expect(got.responses[a1]?.reply).toBe('Thank you — I will keep asking like that.');
    expect(got.responses[a4]).toBeUndefined();
    expect(got.reflection.text).toBe('I rush to questions when I am nervous.');
    expect(got.media).toEqual({ kind: 'none' });
    // The clips of the first package are gone from the trainee's media folder.
    expect(filesBelow(trainee.paths.mediaDir)).toEqual([]);
  });

  it('a full, de-identified recording opens through the importer: probed, decoded, stored under its own name', async () => {
    const full = path.join(work, 'full.attune-feedback');
    await exportFeedbackPackage(supervisor, loadSessionBundle(supervisor, sessionId), full, {
      media: 'full',
      clipPreRoll: 5,
      clipPostRoll: 5,
      deidentify: { terms: TERMS, bleep: true },
      passphrase: null,
    });
    const opened = await openPackageFile(trainee, full, null);
    expect(opened).toMatchObject({ kind: 'feedback', sessionId: copyId, updated: true });
    const copy = trainee.sessions.get(copyId);
    expect(copy.media.audioCodec).toBe('aac');
    expect(copy.media.duration).toBeGreaterThan(299);
    expect(fs.existsSync(path.join(trainee.paths.mediaDir, copy.media.fileName))).toBe(true);
    expect(fs.existsSync(path.join(trainee.paths.peaksDir, copy.media.peaksFileName))).toBe(true);
    const got = await tra.ok<ReceivedFeedback>('feedback.get', { sessionId: copyId });
    expect(got.media).toEqual({ kind: 'full' });
  });

  it('cancelling an export leaves nothing behind', async () => {
    const out = path.join(work, 'cancelled.attune-feedback');
    const controller = new AbortController();
    const refused = await refusal(
      exportFeedbackPackage(supervisor, bundle, out, { media: 'clips', clipPreRoll: 1, clipPostRoll: 1, deidentify: null, passphrase: null }, {
        signal: controller.signal,
        progress: (_p, stage) => {
          if (stage.startsWith('Cutting clips 2')) controller.abort();
        },
      }),
    );
    expect(refused.code).toBe('cancelled');
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync(work).filter((f) => f.includes('cancelled'))).toEqual([]);
    expect(filesBelow(supervisor.paths.tmpDir)).toEqual([]);
  });
});

async function dispatchOrThrow(h: DispatchHarness, name: Parameters<DispatchHarness['ok']>[0], input: unknown): Promise<unknown> {
  const res = await dispatch(name, input, h.ctx);
  if (!res.ok) throw new ApiError(res.error.code, res.error.message);
  return res.value;
}

describe('hostile packages are refused with their own message, and nothing is written', () => {
  let supervisor: TempServices;
  let trainee: TempServices;
  let work: string;
  let plain: Record<string, Uint8Array>;
  let manifest: { version: number; entries: { path: string; size: number; sha256: string }[] };
  let encrypted: Buffer;

  const sha = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

  beforeAll(async () => {
    supervisor = openTempServices();
    trainee = openTempServices();
    work = tempDir('attune-hostile-');
    const session = await importSample(supervisor, 'audio/jfk.wav');
    supervisor.annotations.create({ sessionId: session.id, codeId: 'open-question', start: 1, end: 2, comment: 'Fine.' });
    const bundle = loadSessionBundle(supervisor, session.id);
    const plainPath = path.join(work, 'plain.attune-feedback');
    await exportFeedbackPackage(supervisor, bundle, plainPath, { media: 'none', clipPreRoll: 5, clipPostRoll: 5, deidentify: null, passphrase: null });
    plain = unzipSync(fs.readFileSync(plainPath));
    manifest = JSON.parse(Buffer.from(plain['manifest.json'] as Uint8Array).toString('utf8')) as typeof manifest;
    const lockedPath = path.join(work, 'locked.attune-feedback');
    await exportFeedbackPackage(supervisor, bundle, lockedPath, { media: 'none', clipPreRoll: 5, clipPostRoll: 5, deidentify: null, passphrase: PASSPHRASE });
    encrypted = fs.readFileSync(lockedPath);
  }, 120_000);

  afterAll(() => {
    supervisor?.cleanup();
    trainee?.cleanup();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  /** A package from the plain one's entries, changed; `files` values may carry zip attributes. */
  function write(name: string, files: Zippable): string {
    const file = path.join(work, name);
    fs.writeFileSync(file, zipSync(files));
    return file;
  }
  const manifestBytes = (m: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(m));

  async function expectRefused(file: string, message: string | RegExp, passphrase: string | null = null): Promise<void> {
    const before = snapshot(trainee);
    const error = await refusal(openPackageFile(trainee, file, passphrase));
    if (typeof message === 'string') expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
    expect(snapshot(trainee)).toEqual(before);
  }

  it('opens the untouched package (the hostile ones below differ from it in one way each)', async () => {
    const file = write('untouched.attune-feedback', { ...plain });
    const outcome = await openPackageFile(trainee, file, null);
    expect(outcome.kind).toBe('feedback');
    trainee.deleteSession(outcome.sessionId);
  });

  it('an unknown format version', async () => {
    await expectRefused(write('v2.attune-feedback', { ...plain, 'manifest.json': manifestBytes({ ...manifest, version: 2 }) }), 'This package was made by a newer version of Attune (format 2). Update Attune to open it.');
  });

  it('a missing entry', async () => {
    const { 'session.json': _dropped, ...rest } = plain;
    await expectRefused(write('missing.attune-feedback', rest), 'The package is incomplete: “session.json” is missing. Nothing was imported.');
  });

  it('an entry escaping the folder with ../, and an absolute path', async () => {
    const evil = new TextEncoder().encode('evil');
    const listed = (p: string) => manifestBytes({ ...manifest, entries: [...manifest.entries, { path: p, size: evil.length, sha256: sha(evil) }] });
    await expectRefused(write('dotdot.attune-feedback', { ...plain, '../evil.txt': evil }), 'The package holds an entry “../evil.txt” that Attune refuses: it points outside the package (“..”). Nothing was imported.');
    await expectRefused(write('dotdot-listed.attune-feedback', { ...plain, 'manifest.json': listed('../evil.txt'), '../evil.txt': evil }), /“\.\.\/evil\.txt” that Attune refuses: it points outside the package/);
    await expectRefused(write('absolute.attune-feedback', { ...plain, '/tmp/evil.txt': evil }), 'The package holds an entry “/tmp/evil.txt” that Attune refuses: it is an absolute path. Nothing was imported.');
    await expectRefused(write('backslash.attune-feedback', { ...plain, 'media\\..\\evil.txt': evil }), /uses a backslash/);
    await expectRefused(write('extra.attune-feedback', { ...plain, 'media/extra.m4a': evil }), 'The package holds “media/extra.m4a”, which its manifest does not list; it may have been changed. Nothing was imported.');
  });

  it('a symbolic link entry', async () => {
    const target = new TextEncoder().encode('/etc/passwd');
    const withLink = manifestBytes({ ...manifest, entries: [...manifest.entries, { path: 'media/link', size: target.length, sha256: sha(target) }] });
    await expectRefused(
      write('symlink.attune-feedback', { ...plain, 'manifest.json': withLink, 'media/link': [target, { os: 3, attrs: (0o120777 << 16) >>> 0 }] }),
      'The package holds an entry “media/link” that Attune refuses: it is a link, which Attune never follows. Nothing was imported.',
    );
  });

  it('a size that does not match, and a checksum that does not match', async () => {
    const sized = { ...manifest, entries: manifest.entries.map((e) => (e.path === 'session.json' ? { ...e, size: e.size + 1 } : e)) };
    await expectRefused(write('size.attune-feedback', { ...plain, 'manifest.json': manifestBytes(sized) }), 'The package is damaged: “session.json” is not the size its manifest says. Nothing was imported.');
    const session = Buffer.from(plain['session.json'] as Uint8Array).toString('utf8').replace('"Fine."', '"Fina."');
    await expectRefused(write('checksum.attune-feedback', { ...plain, 'session.json': new TextEncoder().encode(session) }), 'The package is damaged: “session.json” does not match its checksum. Nothing was imported.');
  });

  it('a wrong passphrase, and one changed byte anywhere in an encrypted package', async () => {
    const locked = path.join(work, 'locked-copy.attune-feedback');
    fs.writeFileSync(locked, encrypted);
    await expectRefused(locked, WRONG_PASSPHRASE, 'the wrong passphrase');
    for (const at of [12, 40, Math.floor(encrypted.length / 2), encrypted.length - 1]) {
      const flipped = Buffer.from(encrypted);
      flipped[at] = (flipped[at] ?? 0) ^ 0x01;
      const file = path.join(work, `flipped-${at}.attune-feedback`);
      fs.writeFileSync(file, flipped);
      await expectRefused(file, WRONG_PASSPHRASE, PASSPHRASE);
    }
  });

  it('files that are not packages at all', async () => {
    const random = path.join(work, 'random.attune-feedback');
    fs.writeFileSync(random, Buffer.from('just some text, not a zip'));
    await expectRefused(random, NOT_A_PACKAGE);
    await expectRefused(write('no-manifest.attune-feedback', { 'session.json': plain['session.json'] as Uint8Array }), NOT_A_PACKAGE);
    const truncated = path.join(work, 'truncated.attune-feedback');
    const whole = zipSync({ ...plain });
    fs.writeFileSync(truncated, whole.subarray(0, whole.length - 30));
    await expectRefused(truncated, NOT_A_PACKAGE);
  });
});
