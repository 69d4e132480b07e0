/**
 * Test support: a real library with one reviewed session (AnnoMI 115 with its transcript, a dozen
 * annotations imported from CSV including a missed opportunity and hostile comment text, ratings,
 * evidence, phases, a coded range, the checklist and overall feedback), and its session bundle.
 */
import type { Annotation } from '../../../../shared/domain/annotation';
import type { SessionBundle } from '../../../../shared/domain/export';
import { importSample, openTempServices } from '../../../test-support/temp-library';
import type { Services } from '../../services';
import { truthVtt } from '../export-test-session';
import { loadSessionBundle } from '../session-bundle';

export const HOSTILE_COMMENT = 'Nice pace. <script>alert(1)</script> & < > " \' <img src=x onerror=alert(2)>';
export const MODEL_RESPONSE = 'You have heard the warnings before; what matters most to you right now is getting your teeth fixed.';
export const COUNSELOR = 'Jordan Lee';
export const CLIENT = 'David';

/** start, end ('' for a moment), code id, comment, model response. */
const ROWS: [number, number | '', string, string, string][] = [
  [0.6, 4.7, 'open-question', 'Warm, open start that invites the client to talk.', ''],
  [12.5, '', 'complex-reflection', HOSTILE_COMMENT, ''],
  [59, '', 'missed-reflection', 'He named what matters to him (his teeth); a reflection would have kept him talking.', MODEL_RESPONSE],
  [45, 52, 'premature-advice', 'Advice before asking whether he wanted it — the righting reflex.', ''],
  [66, '', 'question', 'Closed question; consider an open one.', ''],
  [72, '', 'simple-reflection', 'Accurate simple reflection.', ''],
  [88, '', 'question', 'Another question in a row.', ''],
  [101, 112, 'change-talk', 'Change talk: reasons.\nWorth reflecting back.', ''],
  [125, '', 'affirmation', 'Genuine affirmation of his effort so far.', ''],
  [140, '', 'confronting-or-arguing', 'Arguing with the client; notice the push-back that follows.', ''],
  [160, '', 'missed-change-talk', 'Change talk went by unexplored.', ''],
  [190, 198, 'summary', 'A short summary to close — good structure.', ''],
];

function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function annotationsCsv(): string {
  const lines = ['start,end,code,comment,model_response,author'];
  for (const [start, end, code, comment, model] of ROWS) lines.push([start, end, code, comment, model, 'Dr. Ana Ruiz'].map(csvCell).join(','));
  return `${lines.join('\n')}\n`;
}

export interface ReportFixture {
  services: Services & { cleanup(): void };
  sessionId: string;
  annotations: Annotation[];
  bundle(): SessionBundle;
}

export async function reviewedSessionFixture(): Promise<ReportFixture> {
  const services = openTempServices();
  const session = await importSample(services, 'sessions/annomi-115-low.mp3');
  services.sessions.update(session.id, {
    title: 'Smoking cessation — second session',
    trainee: 'Jordan Lee',
    supervisor: 'Dr. Ana Ruiz',
    recordedAt: '2026-03-14',
  });
  services.profile.update({ name: 'Dr. Ana Ruiz' });
  services.transcripts.importSubtitles(session.id, 'annomi-115.vtt', truthVtt('sessions/annomi-115-low.truth.json', { therapist: COUNSELOR, client: CLIENT }));
  const annotations = services.annotations.import(session.id, 'annotations.csv', annotationsCsv());
  const byCode = (code: string): string => {
    const found = annotations.find((a) => a.codeId === code);
    if (!found) throw new Error(`fixture: no ${code} annotation`);
    return found.id;
  };
  services.reviews.update(session.id, {
    globals: { cultivatingChangeTalk: 3, softeningSustainTalk: 2, partnership: 4, empathy: 4 },
    evidence: { empathy: [byCode('complex-reflection'), byCode('simple-reflection')], softeningSustainTalk: [byCode('confronting-or-arguing')] },
    phases: { beginning: { start: 0, end: 40 }, middle: { start: 40, end: 180 }, termination: { start: 180, end: session.media.duration } },
    codedRange: { start: 0, end: 200 },
    checklist: { 'greeting-and-rapport': true, 'open-questions-used': true, 'reflections-used': true, 'summary-before-ending': true },
    feedback: {
      strengths: 'Warm opening and a genuine affirmation.\nYour summary at the end drew the threads together.',
      growthAreas: 'Reflect before asking the next question; hold back advice until invited.',
      goals: 'Aim for two reflections per question in the next session. & keep <b>notes</b> brief.',
    },
  });
  return { services, sessionId: session.id, annotations, bundle: () => loadSessionBundle(services, session.id) };
}
