/**
 * Trainee progress on a real library: the values charted equal each session's own summary scores
 * (what `attune show --json` prints), sessions come in time order, a trainee scored better over time
 * gets a rising line, received copies and sessions without a trainee stay out, and bad input is
 * refused in plain words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../../shared/domain/session';
import { PROGRESS_MEASURES, type CohortComparison, type TraineeSeries, type TraineeSummary } from '../../../shared/domain/progress';
import type { GlobalRatings } from '../../../shared/domain/review';
import { cohortChart, growthChart, lineChart } from '../../../shared/progress/chart-model';
import { chartSvg } from '../../../shared/progress/chart-svg';
import { dispatch } from '../../api/dispatch';
import { sessionDetailJson } from '../../cli/session-json';
import { dispatchHarness } from '../../test-support/api-harness';
import { fakeMedia, importSample, openTempServices } from '../../test-support/temp-library';
import { SAMPLE_RECORDING, SAMPLE_TRUTH, truthUtterances, truthVtt } from '../export/export-test-session';
import type { Services } from '../services';


const globals = (g: number): GlobalRatings => ({ cultivatingChangeTalk: g, softeningSustainTalk: g, partnership: g, empathy: Math.min(5, g + 1) });

/** A session of `trainee` with `reflections` complex + simple reflections and `questions` questions spread over its length. */
function codedSession(services: Services, o: { trainee: string; title: string; recordedAt: string | null; reflections: number; questions: number; growth: number; rating: number }): Session {
  const session = services.sessions.create({ title: o.title, trainee: o.trainee, recordedAt: o.recordedAt }, fakeMedia(1200));
  const codes = [
    ...Array.from({ length: o.reflections }, (_, i) => (i % 2 === 0 ? 'complex-reflection' : 'simple-reflection')),
    ...Array.from({ length: o.questions }, () => 'open-question'),
    ...Array.from({ length: o.growth }, () => 'missed-reflection'),
    'affirmation',
    'persuade',
  ];
  codes.forEach((codeId, i) => services.annotations.create({ sessionId: session.id, codeId, start: 10 + i * 7, end: null }));
  services.reviews.update(session.id, { globals: globals(o.rating) });
  return session;
}

describe('trainee progress', () => {
  let services: Services & { cleanup(): void };
  let real: Session;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    services = openTempServices();
    // A real recording with its ground-truth two-voice transcript: talk time from labelled segments.
    real = await importSample(services, SAMPLE_RECORDING);
    services.transcripts.importSubtitles(real.id, 'truth.vtt', truthVtt(SAMPLE_TRUTH));
    services.annotations.import(
      real.id,
      'a.csv',
      ['start,end,code,comment', '5,,open-question,', '20,,complex-reflection,', '40,,simple-reflection,', '60,,affirmation,', '80,,missed-reflection,', '100,,premature-advice,', '150,,complex-reflection,'].join('\n') + '\n',
    );
    services.reviews.update(real.id, { globals: { cultivatingChangeTalk: 2, softeningSustainTalk: 3, partnership: 3, empathy: 4 }, codedRange: { start: 0, end: 120 } });
    services.sessions.update(real.id, { trainee: 'Dana Reyes', recordedAt: '2026-03-10', title: 'Dana 3' });
    ids.real = real.id;

    // Created out of time order on purpose: the series must sort by date.
    ids.d4 = codedSession(services, { trainee: 'Dana Reyes', title: 'Dana 4', recordedAt: '2026-04-02', reflections: 12, questions: 4, growth: 1, rating: 4 }).id;
    ids.d1 = codedSession(services, { trainee: 'Dana Reyes', title: 'Dana 1', recordedAt: '2026-01-20', reflections: 2, questions: 8, growth: 5, rating: 1 }).id;
    ids.d2 = codedSession(services, { trainee: 'Dana Reyes', title: 'Dana 2', recordedAt: '2026-02-14', reflections: 6, questions: 6, growth: 3, rating: 2 }).id;
    ids.d5 = codedSession(services, { trainee: 'Dana Reyes', title: 'Dana 5', recordedAt: '2026-05-01', reflections: 16, questions: 4, growth: 0, rating: 5 }).id;
    ids.sam = codedSession(services, { trainee: 'Sam Okafor', title: 'Sam 1', recordedAt: null, reflections: 3, questions: 3, growth: 2, rating: 3 }).id;
    for (const [id, cohort] of [[ids.d1, 'Practicum I'], [ids.d2, 'Practicum I'], [ids.sam, 'Practicum I'], [ids.d4, 'Practicum II'], [ids.d5, 'Practicum II']] as const) {
      services.sessions.update(id!, { cohort });
    }
    codedSession(services, { trainee: '', title: 'Nobody', recordedAt: '2026-01-01', reflections: 1, questions: 1, growth: 0, rating: 2 });
    // A received read-only copy of a feedback package, with the same trainee: left out.
    const copy = codedSession(services, { trainee: 'Dana Reyes', title: 'Received copy', recordedAt: '2026-06-01', reflections: 30, questions: 1, growth: 0, rating: 5 });
    services.db
      .prepare(
        `INSERT INTO received_packages (package_id, session_id, source_session_id, created_by, source_created_at, opened_at, media_kind, scores_json)
         VALUES ('pkg-1', ?, 'src', 'Dr. Lee', '2026-06-01T00:00:00Z', '2026-06-02T00:00:00Z', 'none', '{}')`,
      )
      .run(copy.id);
  });

  afterAll(() => services?.cleanup());

  it('lists trainees with their session counts and latest session, leaving out received copies and sessions without a trainee', async () => {
    const api = dispatchHarness(services);
    const trainees = await api.ok<TraineeSummary[]>('progress.trainees', {});
    expect(trainees.map((t) => [t.name, t.sessionCount, t.lastSessionDate, t.cohorts])).toEqual([
      ['Dana Reyes', 5, '2026-05-01', ['Practicum I', 'Practicum II']],
      ['Sam Okafor', 1, new Date().toISOString().slice(0, 10), ['Practicum I']],
    ]);
  });

  it('charts each session in time order with the values of its own summary scores', async () => {
    const api = dispatchHarness(services);
    const series = await api.ok<TraineeSeries>('progress.series', { trainee: 'Dana Reyes' });
    expect(series.points.map((p) => p.title)).toEqual(['Dana 1', 'Dana 2', 'Dana 3', 'Dana 4', 'Dana 5']);
    expect(series.points.map((p) => p.date)).toEqual(['2026-01-20', '2026-02-14', '2026-03-10', '2026-04-02', '2026-05-01']);

    for (const p of series.points) {
      const session = services.sessions.get(p.sessionId);
      // What `attune show --json` prints for the session.
      const { scores } = sessionDetailJson(session, services.annotations.count(session.id), services.reviews.scores(session.id));
      const review = services.reviews.get(session.id);
      const seconds = review.codedRange ? review.codedRange.end - review.codedRange.start : session.media.duration;
      expect(p.values.reflectionToQuestion).toBe(scores.reflectionToQuestion);
      expect(p.values.complexReflectionShare).toBe(scores.complexReflectionShare);
      expect(p.values.miAdherentPer10).toBeCloseTo((scores.miAdherent * 600) / seconds, 9);
      expect(p.values.miNonAdherentPer10).toBeCloseTo((scores.miNonAdherent * 600) / seconds, 9);
      expect(p.values.cultivatingChangeTalk).toBe(scores.globals.cultivatingChangeTalk);
      expect(p.values.softeningSustainTalk).toBe(scores.globals.softeningSustainTalk);
      expect(p.values.partnership).toBe(scores.globals.partnership);
      expect(p.values.empathy).toBe(scores.globals.empathy);
    }

    // The real session: coded range 0–120 s keeps 6 of its 7 annotations; 1 affirmation, 1 persuade (premature advice) in 2 minutes.
    const realPoint = series.points.find((p) => p.sessionId === ids.real)!;
    expect(realPoint.codedSeconds).toBe(120);
    expect(realPoint.annotationCount).toBe(6);
    expect(realPoint.values.reflectionToQuestion).toBe(2);
    expect(realPoint.values.miAdherentPer10).toBeCloseTo(5, 9);
    expect(realPoint.values.miNonAdherentPer10).toBeCloseTo(5, 9);
    expect(realPoint.growth).toEqual({ 'missed-reflection': 1, 'premature-advice': 1 });

    // Talk time: the therapist's share of the ground truth's speaking time inside the coded range.
    const clip = (s: number, e: number): number => Math.max(0, Math.min(e, 120, real.media.duration) - Math.max(s, 0));
    const truth = truthUtterances(SAMPLE_TRUTH);
    const therapist = truth.filter((u) => u.speaker === 'therapist').reduce((sum, u) => sum + clip(u.start, u.end), 0);
    const all = truth.reduce((sum, u) => sum + clip(u.start, u.end), 0);
    expect(realPoint.values.talkShare).toBeCloseTo(therapist / all, 6);
    // Sessions without a transcript have no talk time.
    expect(series.points.find((p) => p.sessionId === ids.d1)!.values.talkShare).toBeNull();

    // Every chart plots exactly those values, at the sessions' places, and links each point to its session.
    for (const m of PROGRESS_MEASURES) {
      const chart = lineChart(m, series.points);
      const expected = series.points.filter((p) => p.values[m] !== null);
      expect(chart.points.map((pt) => [pt.sessionId, pt.value])).toEqual(expected.map((p) => [p.sessionId, p.values[m]]));
      const svg = chartSvg(chart, { interactive: true });
      for (const pt of chart.points) expect(svg).toContain(`data-session-id="${pt.sessionId}"`);
      expect(svg).toContain('role="group" aria-roledescription="chart"');
    }
    const growth = growthChart(series.points, series.growthCodes);
    expect(growth.bars.map((b) => b.segments.find((s) => s.codeId === 'missed-reflection')?.count ?? 0)).toEqual([5, 3, 1, 1, 0]);
  });

  it('draws a rising line for a trainee whose sessions score better over time, with the MITI bands', async () => {
    const series = await services.progress.series('Dana Reyes');
    const without = { ...series, points: series.points.filter((p) => p.sessionId !== ids.real) };
    for (const m of ['reflectionToQuestion', 'cultivatingChangeTalk', 'partnership'] as const) {
      const chart = lineChart(m, without.points);
      const values = chart.points.map((p) => p.value);
      const ys = chart.points.map((p) => p.y);
      const xs = chart.points.map((p) => p.x);
      for (let i = 1; i < values.length; i++) {
        expect(values[i]!).toBeGreaterThan(values[i - 1]!);
        // SVG y grows downwards: a rising line has falling y.
        expect(ys[i]!).toBeLessThan(ys[i - 1]!);
        expect(xs[i]!).toBeGreaterThan(xs[i - 1]!);
      }
      expect(chart.bands.map((b) => b.band)).toEqual(['good', 'fair']);
    }
    const rq = lineChart('reflectionToQuestion', without.points);
    expect(rq.summary).toBe(
      'Reflections to questions across 4 sessions from 20 Jan 2026 to 1 May 2026: from 0.25 to 4.00 (latest good). Fair from 1.00, good from 2.00 (MITI 4.2.1 thresholds).',
    );
    // Growth areas fall as the trainee improves (missed reflections, and the one "Persuade" of each session).
    const growth = growthChart(without.points, series.growthCodes);
    expect(growth.bars.map((b) => b.segments.reduce((s, x) => s + x.count, 0))).toEqual([6, 4, 2, 1]);
    expect(lineChart('miAdherentPer10', without.points).bands).toEqual([]);
  });

  it('compares trainees by the mean over their sessions and their latest session', async () => {
    const api = dispatchHarness(services);
    const cohort = await api.ok<CohortComparison>('progress.cohort', { cohort: null });
    expect(cohort.trainees.map((t) => [t.trainee, t.sessionCount])).toEqual([
      ['Dana Reyes', 5],
      ['Sam Okafor', 1],
    ]);
    const dana = cohort.trainees[0]!;
    const series = await services.progress.series('Dana Reyes');
    const rq = series.points.map((p) => p.values.reflectionToQuestion!);
    expect(dana.mean.reflectionToQuestion).toBeCloseTo(rq.reduce((a, b) => a + b, 0) / rq.length, 12);
    expect(dana.latest.reflectionToQuestion).toBe(4);
    expect(dana.latest.talkShare).toBe(series.points.find((p) => p.sessionId === ids.real)!.values.talkShare);
    expect(cohort.cohorts).toEqual(['Practicum I', 'Practicum II', '']);

    // One cohort: only its sessions count (Dana's first two, Sam's one).
    const first = await api.ok<CohortComparison>('progress.cohort', { cohort: 'Practicum I' });
    expect(first.trainees.map((t) => [t.trainee, t.sessionCount])).toEqual([
      ['Dana Reyes', 2],
      ['Sam Okafor', 1],
    ]);
    expect(first.trainees[0]!.mean.reflectionToQuestion).toBeCloseTo((0.25 + 1) / 2, 12);
    expect(first.trainees[0]!.latest.reflectionToQuestion).toBe(1);
    // '' is the sessions without a cohort: Dana's real one.
    const none = await api.ok<CohortComparison>('progress.cohort', { cohort: '' });
    expect(none.trainees.map((t) => [t.trainee, t.sessionCount])).toEqual([['Dana Reyes', 1]]);
    expect((await services.progress.series('Dana Reyes')).cohorts).toEqual(['Practicum I', 'Practicum II']);

    const chart = cohortChart('reflectionToQuestion', cohort.trainees);
    expect(chart.dots.map((d) => d.trainee)).toEqual(['Dana Reyes', 'Sam Okafor']);
    expect(chartSvg(chart, { interactive: true })).toContain('data-trainee="Dana Reyes"');
  });

  it('refuses unknown trainees and bad report paths in plain words', async () => {
    const ctx = dispatchHarness(services).ctx;
    const refusal = async (name: Parameters<typeof dispatch>[0], input: unknown) => {
      const res = await dispatch(name, input, ctx);
      if (res.ok) throw new Error(`${String(name)} was accepted`);
      return res.error;
    };
    expect(await refusal('progress.series', { trainee: 'Nobody Here' })).toEqual({ code: 'not_found', message: 'There are no sessions of the trainee “Nobody Here” in the library.' });
    expect((await refusal('progress.series', { trainee: '   ' })).message).toMatch(/Choose a trainee\./);
    expect((await refusal('progress.cohort', { cohort: 'MSW 2030' })).code).toBe('not_found');
    expect((await refusal('progress.exportReport', { trainee: 'Dana Reyes', outPath: 'report.pdf' })).message).toMatch(/full path/);
    expect((await refusal('progress.exportReport', { trainee: 'Dana Reyes', outPath: '/tmp/report.docx' })).message).toBe('The report is a PDF: end the file name with .pdf.');
    expect((await refusal('progress.exportReport', { trainee: 'Dana Reyes', outPath: '/no/such/folder/r.pdf' })).message).toBe('The folder /no/such/folder does not exist.');
  });
});
