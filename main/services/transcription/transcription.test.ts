/**
 * The real engine end to end: a random-weight whisper model built from whisper.cpp's test model, real
 * SQLite in a temp dir, a real ffmpeg import, real worker processes (killed with SIGKILL mid-job).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventMap, EventName } from '../../../shared/api/contract';
import type { Session } from '../../../shared/domain/session';
import type { TranscriptSegment } from '../../../shared/domain/transcript';
import { openServices, type Services } from '../services';
import { sharedData, tempDir } from '../../test-support/temp-library';
import { makeTestWhisperModel } from './test-model/make-test-model';
import type { TranscriptionFinished } from './transcription-queue';

const whisperDir = path.join(sharedData, 'whisper');
const truth = JSON.parse(fs.readFileSync(path.join(sharedData, 'sessions', 'annomi-115-low.truth.json'), 'utf8')) as {
  duration: number;
  long_silences: { start: number; end: number }[];
};

function finished(services: Services, jobId: string): Promise<TranscriptionFinished> {
  return new Promise((resolve) => {
    const stop = services.transcriptions.onFinished((f) => {
      if (f.jobId === jobId) {
        stop();
        resolve(f);
      }
    });
  });
}

function nextEvent<E extends EventName>(services: Services, name: E, pred: (p: EventMap[E]) => boolean = () => true): Promise<EventMap[E]> {
  return new Promise((resolve) => {
    const stop = services.events.subscribe((n, p) => {
      if (n === name && pred(p as EventMap[E])) {
        stop();
        resolve(p as EventMap[E]);
      }
    });
  });
}

async function importSession(services: Services, file: string): Promise<Session> {
  const done = new Promise<Session>((resolve, reject) => {
    services.imports.onFinished((f) => (f.outcome.kind === 'imported' || f.outcome.kind === 'duplicate' ? resolve(f.outcome.session) : reject(new Error(JSON.stringify(f.outcome)))));
  });
  services.imports.enqueue([{ sourcePath: file }]);
  return done;
}

/** Segments are in order, never overlap, and lie inside the recording. */
function expectOrdered(segments: TranscriptSegment[], duration: number): void {
  expect(segments.length).toBeGreaterThan(0);
  let lastEnd = 0;
  for (const s of segments) {
    expect(s.start).toBeGreaterThanOrEqual(lastEnd - 1e-6);
    expect(s.end).toBeGreaterThanOrEqual(s.start);
    expect(s.end).toBeLessThanOrEqual(duration + 0.01);
    lastEnd = s.end;
  }
}

describe('transcription engine, queue and resume', () => {
  let dir: string;
  let work: string;
  let services: Services;
  let session: Session;
  let modelFile: string;

  beforeAll(async () => {
    dir = tempDir('attune-transcribe-');
    work = tempDir('attune-models-');
    modelFile = path.join(work, 'ggml-test-small.en.bin');
    makeTestWhisperModel({ base: path.join(whisperDir, 'for-tests-ggml-tiny.en.bin'), out: modelFile });
    services = openServices(dir, { temperatureInc: 0 });
    session = await importSession(services, path.join(sharedData, 'sessions', 'annomi-115-low.mp3'));
    services.models.add(modelFile);
  }, 60_000);

  afterAll(() => {
    services.close();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('transcribes a session: ordered segments inside the recording, progress, stored as they arrive', async () => {
    const progress: number[] = [];
    const batches: number[] = [];
    const stop = services.events.subscribe((name, p) => {
      if (name === 'transcription.progress') progress.push((p as EventMap['transcription.progress']).percent);
      if (name === 'transcription.segments') batches.push((p as EventMap['transcription.segments']).segments.length);
    });
    const [jobId] = services.transcriptions.start([session.id], { language: 'en' });
    expect(services.transcriptions.jobs()[0]).toMatchObject({ jobId, sessionId: session.id, status: 'running' });
    const result = await finished(services, jobId as string);
    stop();
    expect(result.outcome.kind).toBe('done');
    const segments = services.transcriptRuns.segments(session.id);
    expectOrdered(segments, session.media.duration);
    expect(segments.every((s) => s.text.length > 0 && s.originalText === s.text && !s.edited && s.speaker === null)).toBe(true);
    expect(result.outcome).toEqual({ kind: 'done', segmentCount: segments.length });
    expect(batches.reduce((a, b) => a + b, 0)).toBe(segments.length);
    expect(batches.length).toBeGreaterThan(1);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toBe(100);
    expect(services.transcriptRuns.pending(session.id)).toBeNull();
    expect(services.sessions.get(session.id).status).toBe('transcribed');
  });

  it('cancel stops the worker, keeps stored segments and the resume point', async () => {
    const [jobId] = services.transcriptions.start([session.id]);
    await nextEvent(services, 'transcription.segments', (p) => p.sessionId === session.id);
    const pid = services.transcriptions.workerPid(jobId as string);
    expect(pid).toBeGreaterThan(0);
    const done = finished(services, jobId as string);
    expect(services.transcriptions.cancel(jobId as string)).toBe(true);
    expect((await done).outcome).toEqual({ kind: 'cancelled' });
    expect(() => process.kill(pid as number, 0)).toThrow();
    const pending = services.transcriptRuns.pending(session.id);
    expect(pending?.coveredUntil).toBeGreaterThan(0);
    expect(pending?.coveredUntil).toBeLessThan(session.media.duration);
    expect(services.transcriptRuns.segments(session.id).length).toBeGreaterThan(0);
    expect(services.transcriptions.jobs()).toEqual([]);
  });

  it('kill -9 of the worker mid-job, then a new services instance resumes without duplicate or missing ranges', async () => {
    const [jobId] = services.transcriptions.start([session.id]);
    await nextEvent(services, 'transcription.segments', (p) => p.sessionId === session.id);
    const done = finished(services, jobId as string);
    process.kill(services.transcriptions.workerPid(jobId as string) as number, 'SIGKILL');
    const outcome = (await done).outcome;
    expect(outcome.kind).toBe('failed');
    expect(outcome.kind === 'failed' && outcome.message).toMatch(/stopped unexpectedly.*kept/);
    const coveredAtKill = services.transcriptRuns.pending(session.id)?.coveredUntil as number;
    const before = services.transcriptRuns.segments(session.id);
    expect(coveredAtKill).toBeGreaterThan(0);
    expect(before.every((s) => s.end <= coveredAtKill + 1e-6)).toBe(true);
    services.close();

    // A restart: openServices resumes unfinished runs on its own.
    services = openServices(dir, { temperatureInc: 0 });
    const [resumed] = services.transcriptions.jobs();
    expect(resumed).toMatchObject({ sessionId: session.id });
    expect((await finished(services, resumed?.jobId as string)).outcome.kind).toBe('done');
    const after = services.transcriptRuns.segments(session.id);
    expectOrdered(after, session.media.duration);
    // Everything stored before the kill is still there, unchanged; the rest starts at the resume point.
    expect(after.slice(0, before.length)).toEqual(before);
    const added = after.slice(before.length);
    expect(added.length).toBeGreaterThan(0);
    expect(added[0]?.start).toBeGreaterThanOrEqual(coveredAtKill);
    // Whisper reads 30-second windows: the first new segment starts within one window of the resume point.
    expect((added[0]?.start as number) - coveredAtKill).toBeLessThan(30);
    expect(services.transcriptRuns.pending(session.id)).toBeNull();
  });

  it('keeps corrected segments when asked, and drops new segments that overlap them', async () => {
    const first = services.transcriptRuns.segments(session.id)[0] as TranscriptSegment;
    services.db.prepare("UPDATE segments SET text = 'Corrected by the supervisor', edited = 1 WHERE id = ?").run(first.id);
    const [jobId] = services.transcriptions.start([session.id], { keepCorrections: true, language: 'en' });
    expect((await finished(services, jobId as string)).outcome.kind).toBe('done');
    const after = services.transcriptRuns.segments(session.id);
    const kept = after.find((s) => s.id === first.id);
    expect(kept?.text).toBe('Corrected by the supervisor');
    expect(after.filter((s) => s.id !== first.id).every((s) => s.end <= first.start || s.start >= first.end)).toBe(true);
  });

  it('a truncated or corrupt model gives a clear error', async () => {
    const truncated = path.join(work, 'ggml-truncated.bin');
    fs.writeFileSync(truncated, fs.readFileSync(modelFile).subarray(0, 2_000_000));
    expect(() => services.models.add(truncated)).toThrow(/truncated/);
    const [jobId] = services.transcriptions.start([session.id], { modelPath: truncated });
    const outcome = (await finished(services, jobId as string)).outcome;
    expect(outcome).toMatchObject({ kind: 'failed', code: 'bad-model' });
    expect(outcome.kind === 'failed' && outcome.message).toMatch(/ggml-truncated\.bin could not be loaded.*damaged or incomplete/);
    const junk = path.join(work, 'notes.bin');
    fs.writeFileSync(junk, 'these are not model weights');
    expect(() => services.transcriptions.start([session.id], { modelPath: junk })).toThrow(/not a Whisper model/);
  });

  it('with a Silero VAD model: stores speech regions, none inside the truth file’s 6-second silence', async () => {
    services.models.add(path.join(whisperDir, 'for-tests-silero-v6.2.0-ggml.bin'));
    expect(services.models.defaultModel('vad')?.id).toBe('ggml-silero-v6.2.0.bin');
    const [jobId] = services.transcriptions.start([session.id], { language: 'en', keepCorrections: false, modelId: 'ggml-test-small.en.bin' });
    expect((await finished(services, jobId as string)).outcome.kind).toBe('done');
    const row = services.db.prepare<[string], { speech_json: string | null }>('SELECT speech_json FROM transcripts WHERE session_id = ?').get(session.id);
    const speech = JSON.parse(row?.speech_json ?? 'null') as [number, number][];
    expect(speech.length).toBeGreaterThanOrEqual(2);
    const [silence] = truth.long_silences;
    expect(silence).toBeDefined();
    const { start, end } = silence as { start: number; end: number };
    // The silence is found: no region lies inside it, and the gap around it covers most of it.
    for (const [s, e] of speech) expect(e <= start + 0.5 || s >= end - 0.5).toBe(true);
    const before = Math.max(...speech.filter(([, e]) => e <= start + 0.5).map(([, e]) => e));
    const after = Math.min(...speech.filter(([s]) => s >= end - 0.5).map(([s]) => s));
    expect(after - before).toBeGreaterThan(5);
    expect(Math.max(...speech.map(([, e]) => e))).toBeLessThanOrEqual(truth.duration + 0.01);
    // Re-transcribed without keepCorrections: the earlier correction is gone with the old segments.
    const segments = services.transcriptRuns.segments(session.id);
    expect(segments.some((s) => s.edited)).toBe(false);
    expectOrdered(segments, session.media.duration);
  });

  it('prepares a cleared audio cache again (Clear caches, a restored backup) before the engine starts; cancel stops that too', async () => {
    const pcm = path.join(services.paths.pcmDir, `${session.media.sha256}.pcm`);
    const bytes = fs.statSync(pcm).size;
    fs.rmSync(pcm);
    const [cancelledId] = services.transcriptions.start([session.id], { language: 'en' });
    const cancelled = finished(services, cancelledId as string);
    expect(services.transcriptions.cancel(cancelledId as string)).toBe(true);
    expect((await cancelled).outcome).toEqual({ kind: 'cancelled' });
    expect(fs.existsSync(pcm)).toBe(false);

    const [jobId] = services.transcriptions.start([session.id], { language: 'en' });
    await nextEvent(services, 'transcription.segments', (p) => p.sessionId === session.id);
    expect(fs.statSync(pcm).size).toBe(bytes);
    const done = finished(services, jobId as string);
    services.transcriptions.cancel(jobId as string);
    expect((await done).outcome).toEqual({ kind: 'cancelled' });
    expect(fs.readdirSync(services.paths.tmpDir)).toEqual([]);
  });
});
