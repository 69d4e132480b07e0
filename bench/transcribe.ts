/**
 * Transcription with a random-weight model of tiny.en's dimensions (state 384, 6 heads, 4 layers, f16),
 * temperature increment 0:
 * - transcribe_overhead_ratio: our whole job (PCM cache → worker process → stored segments) over the
 *   binding called directly, in this process, on the same PCM and model (a 1-minute recording).
 * - transcribe_rtf_tiny: processing time over audio duration of our job. The issue asks for a 10-minute
 *   recording; on a 2-core build machine a tiny.en-sized model runs at about real time, so by default the
 *   1-minute job above is used to keep `npm run bench` short. ATTUNE_BENCH_RTF_SECONDS=600 measures a
 *   10-minute recording instead (about as many minutes of wall time on such a machine).
 * - vad_speedup_ratio: job time without VAD over time with Silero VAD, on a 50-second recording that is
 *   40 % silence (three 10-second stretches of speech, each followed by 6.7 seconds of silence).
 * - transcribe_peak_rss_mb: the worker process's peak resident memory during the RTF job.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { initWhisper, toggleNativeLog } from '@fugood/whisper.node';
import { openServices, type Services } from '../main/services/services';
import type { Session } from '../shared/domain/session';
import { makeTestWhisperModel, TINY_DIMS } from '../main/services/transcription/test-model/make-test-model';
import { benchDir, ffmpeg, round, sharedData } from './support';

const SOURCE = path.join(sharedData, 'sessions', 'annomi-0-high.m4a');

async function importFile(services: Services, file: string): Promise<{ id: string; pcm: string; duration: number }> {
  const session = await new Promise<Session>((resolve, reject) => {
    const stop = services.imports.onFinished((f) => {
      stop();
      if (f.outcome.kind === 'imported' || f.outcome.kind === 'duplicate') resolve(f.outcome.session);
      else reject(new Error(JSON.stringify(f.outcome)));
    });
    services.imports.enqueue([{ sourcePath: file }]);
  });
  return { id: session.id, pcm: path.join(services.paths.pcmDir, `${session.media.sha256}.pcm`), duration: session.media.duration };
}

/** Runs one job to the end; answers wall ms and the worker's peak RSS (Linux: VmHWM). */
async function job(services: Services, sessionId: string): Promise<{ ms: number; peakRssMb: number }> {
  const started = performance.now();
  const [jobId] = services.transcriptions.start([sessionId], { language: 'en', keepCorrections: false });
  let peak = 0;
  const poll = setInterval(() => {
    const pid = services.transcriptions.workerPid(jobId as string);
    if (!pid) return;
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) peak = Math.max(peak, Number(m[1]) / 1024);
    } catch {
      // not Linux, or the worker just ended
    }
  }, 200);
  const outcome = await new Promise<string>((resolve) => {
    const stop = services.transcriptions.onFinished((f) => {
      if (f.jobId !== jobId) return;
      stop();
      resolve(f.outcome.kind === 'failed' ? f.outcome.message : f.outcome.kind);
    });
  });
  clearInterval(poll);
  if (outcome !== 'done') throw new Error(`transcription failed: ${outcome}`);
  return { ms: performance.now() - started, peakRssMb: peak };
}

/** The binding alone: load the model, read the PCM, transcribe with the same options. */
async function direct(model: string, pcm: string, threads: number): Promise<number> {
  await toggleNativeLog(true); // routed to (no) listeners: whisper.cpp's log stays off the bench output
  const started = performance.now();
  const ctx = await initWhisper({ filePath: model, useGpu: false });
  const buf = fs.readFileSync(pcm);
  const audio = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  let n = 0;
  const { promise } = ctx.transcribeData(audio, { language: 'en', maxThreads: threads, temperatureInc: 0, onNewSegments: (r) => (n += r.nNew) });
  await promise;
  await ctx.release();
  return performance.now() - started;
}

/** 50 s: three 10-second stretches of speech, each followed by 6.67 seconds of silence (40 %). */
function fortyPercentSilence(dir: string): string {
  const out = path.join(dir, 'silences-40pct.wav');
  const chunks = 3;
  const parts: string[] = [];
  const splits = Array.from({ length: chunks }, (_, i) => `[a${i}]`).join('');
  const zeros = Array.from({ length: chunks }, (_, i) => `[z${i}]`).join('');
  for (let i = 0; i < chunks; i++) parts.push(`[a${i}]atrim=${i * 10}:${i * 10 + 10},asetpts=PTS-STARTPTS[s${i}]`);
  const order = Array.from({ length: chunks }, (_, i) => `[s${i}][z${i}]`).join('');
  const filter = [
    `[0:a]aresample=16000,pan=mono|c0=0.5*c0+0.5*c1,asplit=${chunks}${splits}`,
    ...parts,
    `[1:a]asplit=${chunks}${zeros}`,
    `${order}concat=n=${chunks * 2}:v=0:a=1[out]`,
  ].join(';');
  ffmpeg(['-i', SOURCE, '-f', 'lavfi', '-t', '6.667', '-i', 'anullsrc=r=16000:cl=mono', '-filter_complex', filter, '-map', '[out]', out]);
  return out;
}

export async function benchTranscribe(log: (text: string) => void = () => undefined): Promise<Record<string, number>> {
  const dir = benchDir('transcribe');
  const dataDir = path.join(dir, 'library');
  let services: Services | null = null;
  try {
    const model = path.join(dir, 'ggml-random-tiny.en.bin');
    makeTestWhisperModel({ base: path.join(sharedData, 'whisper', 'for-tests-ggml-tiny.en.bin'), out: model, dims: TINY_DIMS });
    const rtfSeconds = Number(process.env.ATTUNE_BENCH_RTF_SECONDS ?? 0);
    const longFile = path.join(dir, 'rtf.m4a');
    if (rtfSeconds > 0) ffmpeg(['-stream_loop', String(Math.ceil(rtfSeconds / 290)), '-i', SOURCE, '-c', 'copy', '-t', String(rtfSeconds), longFile]);
    const oneMinute = path.join(dir, 'one-minute.m4a');
    ffmpeg(['-i', SOURCE, '-c', 'copy', '-t', '60', oneMinute]);
    const silences = fortyPercentSilence(dir);

    services = openServices(dataDir, { temperatureInc: 0, resumeTranscriptions: false });
    const threads = Math.max(1, os.availableParallelism());
    services.models.setThreads(threads);
    services.models.add(model);
    const short = await importFile(services, oneMinute);
    const long = rtfSeconds > 0 ? await importFile(services, longFile) : null;
    const gappy = await importFile(services, silences);

    log('[bench]   overhead: our job vs the binding on the same 1-minute PCM…');
    const theirs = await direct(model, short.pcm, threads);
    const oursJob = await job(services, short.id);
    const ours = oursJob.ms;

    log('[bench]   VAD: 40 % silence, without and with Silero VAD…');
    const withoutVad = (await job(services, gappy.id)).ms;
    services.models.add(path.join(sharedData, 'whisper', 'for-tests-silero-v6.2.0-ggml.bin'));
    const withVad = (await job(services, gappy.id)).ms;
    services.models.delete('ggml-silero-v6.2.0.bin');

    let tiny = oursJob;
    let seconds = short.duration;
    if (long) {
      log(`[bench]   real-time factor on a ${Math.round(long.duration)}-second recording…`);
      tiny = await job(services, long.id);
      seconds = long.duration;
    }
    return {
      transcribe_overhead_ratio: round(ours / theirs, 3),
      transcribe_1min_ms: Math.round(ours),
      binding_direct_1min_ms: Math.round(theirs),
      transcribe_rtf_tiny: round(tiny.ms / 1000 / seconds, 3),
      transcribe_rtf_audio_seconds: Math.round(seconds),
      vad_speedup_ratio: round(withoutVad / withVad, 2),
      transcribe_peak_rss_mb: round(tiny.peakRssMb, 1),
      transcribe_threads: threads,
    };
  } finally {
    services?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
