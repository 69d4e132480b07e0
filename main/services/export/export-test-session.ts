/**
 * Test support for the export tests: a real session (the AnnoMI 115 recording through the real
 * importer) with its ground-truth transcript imported as WebVTT and annotations of every code kind
 * imported as CSV — a moment, overlapping spans, a missed opportunity, and text that needs escaping.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Session } from '../../../shared/domain/session';
import { serializeWebVtt, type Cue } from '../../../shared/subtitles';
import { importSample, sharedData } from '../../test-support/temp-library';
import type { Services } from '../services';

interface TruthUtterance {
  start: number;
  end: number;
  speaker: 'therapist' | 'client';
  text: string;
}

/** Text that must survive escaping in every format (XML, CSV, HTML): ampersand, angle brackets, quotes, accents, an emoji. */
export const AWKWARD_TEXT = 'Tom & Jerry <said> "no" — café “quoted” 👍';

export const SAMPLE_RECORDING = 'sessions/annomi-115-low.mp3';

/** The ground truth of the sample recording (a `.truth.json` file under the shared data). */
export const SAMPLE_TRUTH = 'sessions/annomi-115-low.truth.json';

export function truthUtterances(truthFile = SAMPLE_TRUTH): TruthUtterance[] {
  const truth = JSON.parse(fs.readFileSync(path.join(sharedData, truthFile), 'utf8')) as { utterances: TruthUtterance[] };
  return truth.utterances;
}

/** A recording's ground-truth transcript as WebVTT, speakers named as given; `edit` may change a line's text. */
export function truthVtt(
  truthFile = SAMPLE_TRUTH,
  names = { therapist: 'Therapist', client: 'Client' },
  edit: (text: string, index: number) => string = (text) => text,
): string {
  const cues: Cue[] = truthUtterances(truthFile).map((u, i) => ({
    start: u.start,
    end: u.end,
    speaker: u.speaker === 'therapist' ? names.therapist : names.client,
    text: edit(u.text, i),
  }));
  return serializeWebVtt(cues);
}

/** The annotation rows imported (start, end or '' for a moment, code, comment, model_response). */
export const ANNOTATION_ROWS: [number, number | '', string, string, string][] = [
  [0.6, 4.7, 'open-question', `Good opener. ${AWKWARD_TEXT}`, ''],
  [2.0, 6.0, 'summary', 'Overlaps the opener (a second strength lane).', ''],
  [12.5, '', 'affirmation', 'A moment: the affirmation lands here.', ''],
  [30, 36, 'missed-reflection', 'The client’s worry went by.', 'It sounds like you are worried about your health.'],
  [45, 50, 'change-talk', 'Client: wants to cut down.', ''],
  [60, 62, 'question', 'MITI question (a neutral code).', ''],
  [209.9, '', 'persuade', 'A moment at the very end of the recording.', ''],
];

const csvCell = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** Imports the recording, its transcript (speakers "Therapist" and "Client") and the annotations. */
export async function makeExportSession(services: Services): Promise<Session> {
  const session = await importSample(services, SAMPLE_RECORDING);
  const vtt = truthVtt(SAMPLE_TRUTH, undefined, (text, i) => (i === 3 ? `${text} ${AWKWARD_TEXT}` : text));
  services.transcripts.importSubtitles(session.id, 'truth.vtt', vtt);
  const csv = ['start,end,code,comment,model_response', ...ANNOTATION_ROWS.map((r) => r.map((c) => csvCell(String(c))).join(','))].join('\n');
  services.annotations.import(session.id, 'annotations.csv', `${csv}\n`);
  services.reviews.update(session.id, { feedback: { strengths: 'Warm tone throughout.', growthAreas: 'Reflect before asking.', goals: 'Two reflections per question.' } });
  return services.sessions.update(session.id, { title: 'Session 3 — Dana & Sam', trainee: 'Dana', supervisor: 'Dr. Lee' });
}
