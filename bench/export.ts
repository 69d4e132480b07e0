/**
 * Export benchmarks (Node side, real ffmpeg and Chromium):
 *  - export_pdf_200_annotations_ms: the feedback report of a session with 200 annotations and a full
 *    transcript, from the export call to the PDF on disk (headless Chromium included);
 *  - package_with_clips_ratio_vs_ffmpeg: a feedback package with 50 clips over ffmpeg cutting the same
 *    50 clips alone, with the same arguments, one after another as the package does — side by side.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openServices, type Services } from '../main/services/services';
import { importRecording } from '../main/services/media/import-recording';
import { runExport } from '../main/services/export/export-test-run';
import { clipSpan } from '../main/services/export/package/feedback-package';
import { clipArgs, runFfmpeg } from '../main/services/export/package/package-media';
import { ANNOTATION_COLUMNS } from '../shared/annotations/annotation-file';
import { defaultCodes } from '../shared/codebook/default-codebook';
import { benchDir, median, round, sharedData, tools } from './support';

function vttFromTruth(name: string): string {
  const truth = JSON.parse(fs.readFileSync(path.join(sharedData, 'sessions', `${name}.truth.json`), 'utf8')) as {
    utterances: { start: number; end: number; speaker: string; text: string }[];
  };
  const clock = (t: number) => new Date(t * 1000).toISOString().slice(11, 23);
  const cues = truth.utterances.map((u) => `${clock(u.start)} --> ${clock(u.end)}\n<v ${u.speaker === 'therapist' ? 'Counselor' : 'Client'}>${u.text}\n`);
  return `WEBVTT\n\n${cues.join('\n')}`;
}

function annotationCsv(count: number, duration: number): string {
  const codes = defaultCodes();
  const rows = [ANNOTATION_COLUMNS.join(',')];
  for (let i = 0; i < count; i++) {
    const code = codes[(i * 5) % codes.length]!;
    const start = ((i + 0.5) / count) * (duration - 12);
    const end = i % 3 === 0 ? (start + 4).toFixed(3) : '';
    const comment = `"Point ${i}: ${code.name.toLowerCase()} — what the counselor did here and why it matters for the client's change talk."`;
    const model = code.missedOpportunity ? `"It sounds like part of you is worried about this (${i})."` : '';
    rows.push([start.toFixed(3), end, code.id, '', '', 'Bench', comment, '', model].join(','));
  }
  return `${rows.join('\n')}\n`;
}

async function sessionWith(services: Services, file: string, annotations: number, transcript: string | null): Promise<string> {
  const deps = { store: services.sessions, paths: services.paths, tools: services.tools };
  const { session } = await importRecording(deps, { sourcePath: path.join(sharedData, 'sessions', file) });
  if (transcript) services.transcripts.importSubtitles(session.id, 'truth.vtt', transcript);
  services.annotations.import(session.id, 'bench.csv', annotationCsv(annotations, session.media.duration));
  return session.id;
}

export async function benchExport(rounds = 3): Promise<Record<string, number>> {
  const dataDir = benchDir('export');
  const outDir = benchDir('export-out');
  const services = openServices(dataDir, { resumeTranscriptions: false });
  try {
    const reportSession = await sessionWith(services, 'annomi-0-high.m4a', 200, vttFromTruth('annomi-0-high'));
    services.reviews.update(reportSession, {
      globals: { cultivatingChangeTalk: 4, softeningSustainTalk: 3, partnership: 4, empathy: 5 },
      feedback: { strengths: 'Warm reflections throughout.', growthAreas: 'Ask before advising.', goals: 'Two complex reflections per question.' },
    });
    const pdf: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const outPath = path.join(outDir, `report-${r}.pdf`);
      const started = performance.now();
      const run = await runExport(services, { sessionId: reportSession, format: 'pdf', outPath });
      if (run.outcome.kind !== 'done') throw new Error(`the PDF export failed: ${JSON.stringify(run.outcome)}`);
      pdf.push(performance.now() - started);
    }

    const clipSession = await sessionWith(services, 'annomi-115-low.mp3', 50, null);
    const session = services.sessions.get(clipSession);
    const recording = path.join(services.paths.mediaDir, session.media.fileName);
    const annotations = services.annotations.list(clipSession);
    const packaged: number[] = [];
    const alone: number[] = [];
    const cutAlone = async (): Promise<number> => {
      const cutDir = fs.mkdtempSync(path.join(outDir, 'cut-'));
      const started = performance.now();
      for (const a of annotations) {
        const span = clipSpan(a.start, a.end, 5, 5, session.media.duration);
        const output = path.join(cutDir, `${a.id}.m4a`);
        await runFfmpeg(tools.ffmpeg, clipArgs({ input: recording, output, start: span.start, end: span.end, hasVideo: false, sampleRate: session.media.sampleRate, bleep: [] }));
      }
      const ms = performance.now() - started;
      fs.rmSync(cutDir, { recursive: true, force: true });
      return ms;
    };
    const pack = async (r: number): Promise<number> => {
      const outPath = path.join(outDir, `package-${r}.attune-feedback`);
      const started = performance.now();
      const run = await runExport(services, {
        sessionId: clipSession,
        format: 'package',
        outPath,
        package: { media: 'clips', clipPreRoll: 5, clipPostRoll: 5, deidentify: null, passphrase: null },
      });
      if (run.outcome.kind !== 'done') throw new Error(`the package export failed: ${JSON.stringify(run.outcome)}`);
      return performance.now() - started;
    };
    // Side by side, alternating which goes first, since spawning 50 ffmpeg processes is noisy on a shared machine.
    for (let r = 0; r < rounds + 2; r++) {
      if (r % 2 === 0) {
        alone.push(await cutAlone());
        packaged.push(await pack(r));
      } else {
        packaged.push(await pack(r));
        alone.push(await cutAlone());
      }
    }
    return {
      export_pdf_200_annotations_ms: Math.round(median(pdf)),
      package_with_clips_ratio_vs_ffmpeg: round(median(packaged) / median(alone), 3),
      package_with_clips_ms: Math.round(median(packaged)),
      ffmpeg_50_clips_ms: Math.round(median(alone)),
    };
  } finally {
    services.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}
