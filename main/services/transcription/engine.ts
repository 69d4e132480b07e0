/**
 * The engine side of a job, run inside the worker process: optional VAD over the PCM cache, then
 * whisper.cpp over the remaining (speech) audio, reporting progress and segments on the recording's timeline.
 */
import fs from 'node:fs';
import { addNativeLogListener, initWhisper, initWhisperVad, toggleNativeLog } from '@fugood/whisper.node';
import { groupCalls, mapToRecording, mergeRegions, piecesFrom, totalSeconds, type Call } from './plan';
import { SAMPLE_RATE, type EngineSegment, type StartMessage, type TimeRange, type WorkerMessage } from './worker-protocol';

const BYTES_PER_SECOND = SAMPLE_RATE * 2;

/** Reads [start, end) seconds of a 16 kHz mono s16le file into `target` at `at` bytes. */
function readRange(fd: number, start: number, end: number, target: Buffer, at: number): number {
  const from = Math.floor(start * SAMPLE_RATE) * 2;
  const to = Math.floor(end * SAMPLE_RATE) * 2;
  let done = 0;
  while (done < to - from) {
    const n = fs.readSync(fd, target, at + done, to - from - done, from + done);
    if (n === 0) break;
    done += n;
  }
  return done;
}

/** The PCM of a call's pieces, end to end (s16le; the binding converts to Float32). */
function callBuffer(fd: number, call: Call): ArrayBuffer {
  const bytes = call.pieces.reduce((n, p) => n + (Math.floor(p.end * SAMPLE_RATE) - Math.floor(p.start * SAMPLE_RATE)) * 2, 0);
  const ab = new ArrayBuffer(bytes);
  const buf = Buffer.from(ab);
  let at = 0;
  for (const p of call.pieces) at += readRange(fd, p.start, p.end, buf, at);
  return at === bytes ? ab : ab.slice(0, at);
}

export class EngineError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Recent native log lines, to explain a failure. */
function nativeLogTail(): { lines: string[]; stop: () => void } {
  const lines: string[] = [];
  void toggleNativeLog(true);
  const listener = addNativeLogListener((_level, text) => {
    lines.push(text.trim());
    if (lines.length > 30) lines.shift();
  });
  return { lines, stop: () => listener.remove() };
}

export async function runEngine(job: StartMessage, post: (m: WorkerMessage) => void): Promise<void> {
  const log = nativeLogTail();
  let fd: number;
  try {
    fd = fs.openSync(job.pcmPath, 'r');
  } catch {
    throw new EngineError('pcm-missing', 'The recording’s audio cache is missing. Delete the session and import the recording again.');
  }
  try {
    const duration = fs.fstatSync(fd).size / BYTES_PER_SECOND;
    let speech = job.speech;
    if (!speech && job.vadModelPath) {
      let vad;
      try {
        vad = await initWhisperVad({ filePath: job.vadModelPath, useGpu: false, nThreads: job.threads });
      } catch {
        throw new EngineError('bad-model', `The voice-activity model ${job.vadModelPath} could not be loaded. Remove it on the Models screen or add it again.`);
      }
      const all = callBuffer(fd, { pieces: [{ start: 0, end: duration, at: 0 }], seconds: duration });
      const raw = await vad.detectSpeechData(all, { threshold: 0.5, minSilenceDurationMs: 300, speechPadMs: 30 });
      await vad.release();
      speech = mergeRegions(
        raw.map((s) => ({ start: s.t0 / 100, end: s.t1 / 100 })),
        duration,
      );
      post({ type: 'speech', regions: speech });
    }
    const whole: TimeRange[] = speech ?? [{ start: 0, end: duration }];
    const totalWork = totalSeconds(whole);
    const pieces = piecesFrom(speech, job.from, duration);
    const runWork = totalSeconds(pieces);
    const doneBefore = totalWork - runWork;

    let ctx;
    try {
      ctx = await initWhisper({ filePath: job.modelPath, useGpu: false });
    } catch {
      const reason = log.lines.filter((l) => /error|invalid|failed|wrong|unknown|not all/i.test(l)).slice(-1)[0];
      throw new EngineError('bad-model', `The Whisper model ${job.modelPath} could not be loaded${reason ? ` (${reason.replace(/^\w+: /, '')})` : ''}. It may be damaged or incomplete; add it again or choose another model.`);
    }
    post({ type: 'loaded' });

    let covered = job.from;
    let processedCalls = 0;
    for (const call of groupCalls(pieces)) {
      const audio = callBuffer(fd, call);
      const report = (fractionOfCall: number): void => {
        const processed = processedCalls + fractionOfCall * call.seconds;
        const percent = totalWork > 0 ? ((doneBefore + processed) / totalWork) * 100 : 100;
        post({ type: 'progress', percent: Math.min(100, percent), processed, remaining: Math.max(0, runWork - processed) });
      };
      report(0);
      const { promise } = ctx.transcribeData(audio, {
        language: job.language,
        maxThreads: job.threads,
        ...(job.temperatureInc !== null ? { temperatureInc: job.temperatureInc } : {}),
        onProgress: (p: number) => report(p / 100),
        onNewSegments: (r) => {
          const segments: EngineSegment[] = [];
          for (const s of r.segments) {
            const start = Math.max(covered, mapToRecording(call, s.t0 / 1000));
            const end = Math.min(duration, Math.max(start, mapToRecording(call, s.t1 / 1000)));
            segments.push({ start, end, text: s.text });
            covered = Math.max(covered, end);
          }
          post({ type: 'segments', segments, coveredUntil: covered });
        },
      });
      const result = await promise;
      if (result.isAborted) throw new EngineError('cancelled', 'Transcription was cancelled.');
      report(1);
      processedCalls += call.seconds;
      const last = call.pieces.at(-1);
      covered = Math.max(covered, last ? last.end : covered);
      post({ type: 'segments', segments: [], coveredUntil: covered });
    }
    await ctx.release();
    post({ type: 'done', coveredUntil: Math.max(covered, duration) });
  } finally {
    fs.closeSync(fd);
    log.stop();
  }
}
