import { describe, expect, it } from 'vitest';
import { PROGRESS_MEASURES, type ProgressPoint } from '../domain/progress';
import { niceStep, shortDate, spreadIndices, valueAxis } from './chart-scale';
import { cohortChart, lineChart } from './chart-model';
import { base64Utf8, chartSvg } from './chart-svg';
import { summariseTrainee } from './series';

function point(i: number, rq: number | null, date: string): ProgressPoint {
  const values = Object.fromEntries(PROGRESS_MEASURES.map((m) => [m, null])) as ProgressPoint['values'];
  values.reflectionToQuestion = rq;
  return { sessionId: `s${i}`, title: `Session <${i}> & “co”`, date, recorded: true, cohort: '', codedSeconds: 600, codedRange: false, annotationCount: 0, values, growth: {} };
}

describe('progress charts', () => {
  it('picks round axis steps and short dates', () => {
    expect(niceStep(10, 4)).toBe(2.5);
    expect(niceStep(3, 4)).toBe(1);
    expect(valueAxis('reflectionToQuestion', [0.5, 7.2])).toEqual({ min: 0, max: 8, ticks: [0, 2, 4, 6, 8] });
    expect(valueAxis('empathy', []).ticks).toEqual([1, 2, 3, 4, 5]);
    expect(shortDate('2026-03-04')).toBe('4 Mar');
    expect(shortDate('2026-12-24', true)).toBe('24 Dec ’26');
    expect(spreadIndices(40, 5)).toEqual([0, 10, 20, 29, 39]);
  });

  it('skips sessions without a value but keeps their place, and escapes every text', () => {
    const points = [point(1, 0.5, '2026-01-01'), point(2, null, '2026-02-01'), point(3, 2.5, '2027-01-10')];
    const chart = lineChart('reflectionToQuestion', points);
    expect(chart.points.map((p) => p.sessionId)).toEqual(['s1', 's3']);
    expect(chart.line).toBe(`M${chart.points[0]!.x} ${chart.points[0]!.y} L${chart.points[1]!.x} ${chart.points[1]!.y}`);
    expect(chart.xTicks.map((t) => t.label)).toEqual(['1 Jan ’26', '1 Feb ’26', '10 Jan ’27']);
    expect(chart.rows[1]!.cells).toEqual(['1 Feb 2026', 'Session <2> & “co”', '—', '—']);
    const svg = chartSvg(chart, { interactive: true, withTitle: true });
    expect(svg).not.toContain('<2>');
    expect(svg).toContain('Session &lt;1&gt; &amp; “co”');
    expect(svg.match(/tabindex="0"/g)).toHaveLength(2);
    expect(chartSvg(chart)).not.toContain('tabindex');
  });

  it('says so when no session has a value', () => {
    const chart = lineChart('talkShare', [point(1, 1, '2026-01-01')]);
    expect(chart.points).toEqual([]);
    expect(chart.summary).toBe('Counselor talk time: no session has a value yet.');
    expect(chartSvg(chart)).toContain('No session has a value yet');
  });

  it('summarises a trainee by the mean and the latest value', () => {
    const t = summariseTrainee('Dana', [point(1, 1, '2026-01-01'), point(2, 3, '2026-02-01'), point(3, null, '2026-03-01')]);
    expect(t.mean.reflectionToQuestion).toBe(2);
    expect(t.latest.reflectionToQuestion).toBe(3);
    expect(t.mean.empathy).toBeNull();
    const chart = cohortChart('reflectionToQuestion', [t]);
    expect(chart.dots[0]!.mean!.text).toBe('2.00');
    expect(chart.summary).toMatch(/highest mean: Dana, 2\.00\./);
  });

  it('encodes UTF-8 as base64 like Node does', () => {
    for (const text of ['', 'a', 'ab', 'abc', 'Reflections ÷ questions ≥ 2 — café 👍']) expect(base64Utf8(text)).toBe(Buffer.from(text, 'utf8').toString('base64'));
  });
});
