/** TranscriptStore against a real library: SQLite in a temp dir, recordings imported with real ffmpeg. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/errors';
import type { Session } from '../../../shared/domain/session';
import { serializeSrt, serializeWebVtt, type Cue } from '../../../shared/subtitles';
import { importRecording } from '../media/import-recording';
import { openTempServices, sharedData } from '../../test-support/temp-library';

interface TruthUtterance {
  start: number;
  end: number;
  speaker: 'therapist' | 'client';
  text: string;
}
const sessionsDir = path.join(sharedData, 'sessions');
const truth = JSON.parse(fs.readFileSync(path.join(sessionsDir, 'annomi-0-high.truth.json'), 'utf8')) as {
  duration: number;
  utterances: TruthUtterance[];
};

function apiError(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected an ApiError');
}

const SAMPLE_VTT = [
  'WEBVTT',
  '',
  '1',
  '00:00:00.600 --> 00:00:12.366',
  '<v Dana Reyes>Thanks for filling it out.',
  '',
  '2',
  '00:00:13.194 --> 00:00:13.636',
  '<v Sam>Sure.',
  '',
  '3',
  '00:00:14.188 --> 00:00:20.333',
  '<v dana reyes>So, let us see.',
  '',
  '4',
  '00:00:20.714 --> 00:00:21.324',
  'Mm-hmm.',
  '',
].join('\n');

describe('TranscriptStore', () => {
  const services = openTempServices();
  const store = services.transcripts;
  let stereo: Session;
  let mono: Session;

  beforeAll(async () => {
    const ctx = { store: services.sessions, paths: services.paths, tools: services.tools };
    stereo = (await importRecording(ctx, { sourcePath: path.join(sessionsDir, 'annomi-0-high.m4a') })).session;
    mono = (await importRecording(ctx, { sourcePath: path.join(sharedData, 'audio', 'jfk.wav') })).session;
  });
  afterAll(() => services.cleanup());

  it('answers an empty transcript for a session without one, and not_found for a missing session', () => {
    expect(store.get(mono.id)).toEqual({
      sessionId: mono.id,
      source: null,
      origin: null,
      language: null,
      speakerNames: { counselor: 'Counselor', client: 'Client', other: 'Other' },
      segments: [],
      speech: null,
      pending: null,
    });
    expect(apiError(() => store.get('no-such-session')).code).toBe('not_found');
  });

  it('imports WebVTT: segments in order, speaker names mapped to roles in order of appearance', () => {
    const { transcript, source, speakers } = store.importSubtitles(stereo.id, 'zoom.vtt', SAMPLE_VTT);
    expect(source).toBe('vtt');
    expect(speakers).toEqual([
      { name: 'Dana Reyes', role: 'counselor' },
      { name: 'Sam', role: 'client' },
    ]);
    expect(transcript).toMatchObject({ source: 'vtt', origin: 'zoom.vtt', language: null, pending: null, speech: null });
    expect(transcript.speakerNames).toEqual({ counselor: 'Dana Reyes', client: 'Sam', other: 'Other' });
    expect(transcript.segments.map((s) => [s.start, s.end, s.speaker, s.text, s.originalText, s.edited])).toEqual([
      [0.6, 12.366, 'counselor', 'Thanks for filling it out.', 'Thanks for filling it out.', false],
      [13.194, 13.636, 'client', 'Sure.', 'Sure.', false],
      [14.188, 20.333, 'counselor', 'So, let us see.', 'So, let us see.', false],
      [20.714, 21.324, null, 'Mm-hmm.', 'Mm-hmm.', false],
    ]);
    expect(store.get(stereo.id)).toEqual(transcript);
  });

  it('edits text keeping the original, sets and clears speakers', () => {
    const [first] = store.importSubtitles(stereo.id, 'zoom.vtt', SAMPLE_VTT).transcript.segments;
    if (!first) throw new Error('no segment');
    const edited = store.updateSegment(first.id, { text: '  Thanks for filling it in. ' });
    expect(edited).toMatchObject({ id: first.id, text: 'Thanks for filling it in.', originalText: 'Thanks for filling it out.', edited: true, speaker: 'counselor' });
    expect(store.updateSegment(first.id, { speaker: 'other' })).toMatchObject({ speaker: 'other', text: 'Thanks for filling it in.', edited: true });
    expect(store.updateSegment(first.id, { speaker: null }).speaker).toBeNull();
    // Typing the original back is no longer a correction.
    expect(store.updateSegment(first.id, { text: 'Thanks for filling it out.' })).toMatchObject({ edited: false });
    expect(store.updateSegment(first.id, { text: 'Fixed.', speaker: 'client' })).toMatchObject({ text: 'Fixed.', speaker: 'client', edited: true });
    expect(store.get(stereo.id).segments[0]).toMatchObject({ text: 'Fixed.', originalText: 'Thanks for filling it out.', edited: true });
    expect(apiError(() => store.updateSegment('gone', { text: 'x' })).code).toBe('not_found');
  });

  it('splits a segment at a time inside it and cuts its text', () => {
    const [first, second] = store.importSubtitles(stereo.id, 'zoom.vtt', SAMPLE_VTT).transcript.segments;
    if (!first || !second) throw new Error('no segment');
    for (const at of [0.6, 12.366, 0.2, 30]) {
      expect(apiError(() => store.split(first.id, at, 5))).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/after 0:00:00\.600 and before 0:00:12\.366/) as unknown });
    }
    expect(apiError(() => store.split(first.id, 5, 999)).code).toBe('invalid_input');
    const t = store.split(first.id, 5, 'Thanks for'.length);
    expect(t.segments).toHaveLength(5);
    const [a, b] = t.segments;
    expect(a).toMatchObject({ id: first.id, start: 0.6, end: 5, text: 'Thanks for', originalText: 'Thanks for', speaker: 'counselor', edited: false });
    expect(b).toMatchObject({ start: 5, end: 12.366, text: 'filling it out.', originalText: 'filling it out.', speaker: 'counselor', edited: false });
    expect(b?.id).not.toBe(first.id);
    // An edited segment: both halves stay edited, the original is cut at the nearest word boundary.
    store.updateSegment(second.id, { text: 'Sure thing, yes.' });
    const t2 = store.split(second.id, 13.4, 'Sure thing,'.length);
    const halves = t2.segments.filter((s) => s.start >= 13.194 && s.end <= 13.636);
    expect(halves.map((s) => [s.text, s.edited, s.speaker])).toEqual([
      ['Sure thing,', true, 'client'],
      ['yes.', true, 'client'],
    ]);
    expect(halves.map((s) => s.originalText)).toEqual(['Sure.', '']);
    expect(apiError(() => store.split('gone', 1, 0)).code).toBe('not_found');
  });

  it('merges a segment with the next one', () => {
    const [first, second, third, fourth] = store.importSubtitles(stereo.id, 'zoom.vtt', SAMPLE_VTT).transcript.segments;
    if (!first || !second || !third || !fourth) throw new Error('no segment');
    store.updateSegment(second.id, { text: 'Sure, go ahead.' });
    const t = store.mergeWithNext(first.id);
    expect(t.segments).toHaveLength(3);
    expect(t.segments[0]).toMatchObject({
      id: first.id,
      start: 0.6,
      end: 13.636,
      speaker: 'counselor',
      text: 'Thanks for filling it out. Sure, go ahead.',
      originalText: 'Thanks for filling it out. Sure.',
      edited: true,
    });
    expect(t.segments.some((s) => s.id === second.id)).toBe(false);
    // No speaker on the first: the second's is kept.
    store.updateSegment(third.id, { speaker: null });
    expect(store.mergeWithNext(third.id).segments[1]).toMatchObject({ speaker: null, text: 'So, let us see. Mm-hmm.', edited: false });
    const last = store.get(stereo.id).segments.at(-1);
    expect(apiError(() => store.mergeWithNext(last?.id ?? '')).message).toMatch(/last segment/);
  });

  it('renames speakers per session, also before there is a transcript', () => {
    expect(store.renameSpeaker(mono.id, 'client', '  Alex ').speakerNames).toEqual({ counselor: 'Counselor', client: 'Alex', other: 'Other' });
    expect(store.get(mono.id)).toMatchObject({ source: null, segments: [], speakerNames: { client: 'Alex' } });
    expect(store.renameSpeaker(stereo.id, 'other', 'Interpreter').speakerNames.other).toBe('Interpreter');
    expect(store.get(mono.id).speakerNames.other).toBe('Other');
    expect(apiError(() => store.renameSpeaker('gone', 'client', 'X')).code).toBe('not_found');
  });

  it('replaces the whole transcript on import; SRT by content sniffing; a third speaker is "other"', () => {
    const before = store.importSubtitles(stereo.id, 'zoom.vtt', SAMPLE_VTT).transcript;
    const srt = '1\n00:00:01,000 --> 00:00:02,000\nAnna: Hi.\n\n2\n00:00:02,500 --> 00:00:03,000\nBen: Hello.\n\n3\n00:00:03,000 --> 00:00:04,000\nCara: Me too.\n';
    const after = store.importSubtitles(stereo.id, 'export.txt', srt);
    expect(after.source).toBe('srt');
    expect(after.transcript).toMatchObject({ source: 'srt', origin: 'export.txt', speakerNames: { counselor: 'Anna', client: 'Ben', other: 'Cara' } });
    expect(after.transcript.segments.map((s) => s.speaker)).toEqual(['counselor', 'client', 'other']);
    const oldIds = new Set(before.segments.map((s) => s.id));
    expect(after.transcript.segments.some((s) => oldIds.has(s.id))).toBe(false);
    const count = services.db.prepare('SELECT count(*) AS n FROM segments WHERE session_id = ?').get(stereo.id) as { n: number };
    expect(count.n).toBe(3);
  });

  it('rejects malformed files with the line number and writes nothing', () => {
    const before = store.importSubtitles(stereo.id, 'zoom.vtt', SAMPLE_VTT).transcript;
    store.renameSpeaker(stereo.id, 'client', 'Kept');
    const snapshot = store.get(stereo.id);
    const bad = SAMPLE_VTT.replace('00:00:14.188 --> 00:00:20.333', '00:00:14 --> 00:00:20.333');
    expect(apiError(() => store.importSubtitles(stereo.id, 'zoom.vtt', bad))).toMatchObject({
      code: 'invalid_input',
      message: "zoom.vtt: Line 12: the time '00:00:14' is not a valid WebVTT timestamp (use 00:00:14.000).",
    });
    expect(apiError(() => store.importSubtitles(stereo.id, 'a.srt', '1\n00:00:01.000 --> 00:00:02.000\nx\n')).message).toMatch(/^a\.srt: Line 2: .*valid SRT timestamp \(use 00:00:01,000\)/);
    expect(apiError(() => store.importSubtitles(stereo.id, 'notes.txt', 'Dear diary')).message).toMatch(/WebVTT \(\.vtt\) or SRT \(\.srt\)/);
    expect(apiError(() => store.importSubtitles(stereo.id, 'empty.vtt', 'WEBVTT\n')).message).toMatch(/no subtitles/);
    expect(apiError(() => store.importSubtitles('gone', 'a.vtt', SAMPLE_VTT)).code).toBe('not_found');
    expect(store.get(stereo.id)).toEqual(snapshot);
    expect(snapshot.segments.map((s) => s.id)).toEqual(before.segments.map((s) => s.id));
  });

  it('rejects a cue past the end of the recording (beyond 0.5 s), and clamps one within it', () => {
    const snapshot = store.get(stereo.id);
    const d = stereo.media.duration;
    const late: Cue[] = [
      { start: 1, end: 2, speaker: null, text: 'fine' },
      { start: d - 1, end: d + 0.6, speaker: null, text: 'too late' },
    ];
    expect(apiError(() => store.importSubtitles(stereo.id, 'late.vtt', serializeWebVtt(late))).message).toMatch(
      /^late\.vtt: Line 8: the cue from 0:04:59\.\d{3} to 0:05:00\.\d{3} runs past the end of the recording \(0:05:00\.\d{3}\)/,
    );
    expect(store.get(stereo.id)).toEqual(snapshot);
    const edge: Cue[] = [{ start: d - 1, end: d + 0.4, speaker: null, text: 'just in' }];
    const t = store.importSubtitles(stereo.id, 'edge.srt', serializeSrt(edge)).transcript;
    expect(t.segments[0]?.end).toBe(d);
  });

  it('reads Whisper state written by the engine: pending coverage, speech regions, language', () => {
    services.db
      .prepare("UPDATE transcripts SET source = 'whisper', origin = 'ggml-tiny.en.bin', language = 'en', covered_until = 42.5, speech_json = ? WHERE session_id = ?")
      .run(JSON.stringify([[0.5, 12.4], [13, 21.5]]), stereo.id);
    expect(store.get(stereo.id)).toMatchObject({
      source: 'whisper',
      origin: 'ggml-tiny.en.bin',
      language: 'en',
      pending: { coveredUntil: 42.5 },
      speech: [
        { start: 0.5, end: 12.4 },
        { start: 13, end: 21.5 },
      ],
    });
    // Importing subtitles clears the unfinished job's coverage but keeps the speech regions.
    expect(store.importSubtitles(stereo.id, 'zoom.vtt', SAMPLE_VTT).transcript).toMatchObject({ source: 'vtt', language: null, pending: null, speech: [{ start: 0.5 }, { start: 13 }] });
  });

  it('speaker by channel labels every truth utterance of annomi-0-high correctly', () => {
    const cues: Cue[] = truth.utterances.map((u) => ({ start: u.start, end: u.end, speaker: null, text: u.text }));
    const imported = store.importSubtitles(stereo.id, 'truth.vtt', serializeWebVtt(cues)).transcript;
    expect(imported.segments).toHaveLength(truth.utterances.length);
    expect(imported.segments.every((s) => s.speaker === null)).toBe(true);

    const started = performance.now();
    const t = store.speakerByChannel(stereo.id, 'counselor');
    const ms = performance.now() - started;
    const expected = truth.utterances.map((u) => (u.speaker === 'therapist' ? 'counselor' : 'client'));
    const got = t.segments.map((s) => s.speaker);
    const correct = got.filter((s, i) => s === expected[i]).length;
    console.log(`speaker by channel on annomi-0-high: ${correct}/${expected.length} utterances correct (${((100 * correct) / expected.length).toFixed(1)} %), ${ms.toFixed(1)} ms`);
    expect(got).toEqual(expected);

    // The other way round when the left channel is the client.
    const flipped = store.speakerByChannel(stereo.id, 'client').segments.map((s) => s.speaker);
    expect(flipped).toEqual(expected.map((r) => (r === 'counselor' ? 'client' : 'counselor')));
  });

  it('speaker by channel needs a stereo recording and a transcript', () => {
    store.importSubtitles(mono.id, 'jfk.srt', '1\n00:00:00,500 --> 00:00:05,000\nAsk not.\n');
    expect(apiError(() => store.speakerByChannel(mono.id))).toMatchObject({ code: 'invalid_input', message: 'Speaker by channel needs a stereo recording, and this one is mono.' });
    services.db.prepare('DELETE FROM segments WHERE session_id = ?').run(stereo.id);
    expect(apiError(() => store.speakerByChannel(stereo.id)).message).toMatch(/no transcript yet/);
  });
});
