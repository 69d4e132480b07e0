import { describe, expect, it } from 'vitest';
import { PROGRESS_MEASURES, type ProgressPoint } from '../domain/progress';
import { type ChartModel, cohortChart, growthChart, lineChart } from './chart-model';
import { chartSvg } from './chart-svg';
import { summariseTrainee } from './series';

function point(i: number, rq: number, date: string, growth: Record<string, number> = {}): ProgressPoint {
  const values = Object.fromEntries(PROGRESS_MEASURES.map((m) => [m, null])) as ProgressPoint['values'];
  values.reflectionToQuestion = rq;
  return { sessionId: `s${i}`, title: `Session ${i}`, date, recorded: true, cohort: '', codedSeconds: 600, codedRange: false, annotationCount: 0, values, growth };
}

const points = [point(1, 0.5, '2026-02-03', { g: 2 }), point(2, 1.5, '2026-03-04', { g: 1 })];
const charts: [string, ChartModel][] = [
  ['line', lineChart('reflectionToQuestion', points)],
  ['growth', growthChart(points, [{ id: 'g', name: 'Closed question', color: '#c05621' }])],
  ['cohort', cohortChart('reflectionToQuestion', [summariseTrainee('Dana', points), summariseTrainee('Lee', [point(3, 2, '2026-01-01')])])],
];

/** The root <svg> element's attributes, and each focusable element's. */
function roles(svg: string): { root: string; focusable: string[] } {
  const root = /^<svg [^>]*>/.exec(svg)?.[0] ?? '';
  return { root, focusable: svg.match(/<(?:circle|g) [^>]*tabindex="0"[^>]*>/g) ?? [] };
}

describe('chart SVG for assistive technology', () => {
  it.each(charts)('%s chart on screen: a labelled group whose points are labelled links', (_, chart) => {
    const { root, focusable } = roles(chartSvg(chart, { interactive: true }));
    expect(root).toContain('role="group"');
    expect(root).not.toContain('role="img"');
    expect(root).toContain(`aria-label="${chart.summary}"`);
    expect(focusable.length).toBeGreaterThanOrEqual(2);
    for (const el of focusable) {
      expect(el).toContain('role="link"');
      expect(el).toMatch(/aria-label="[^"]*\S[^"]*"/);
    }
  });

  it.each(charts)('%s chart as a picture (PNG, PDF): one labelled image with nothing focusable', (_, chart) => {
    const svg = chartSvg(chart, { withTitle: true });
    const { root, focusable } = roles(svg);
    expect(root).toContain('role="img"');
    expect(root).toContain(`aria-label="${chart.summary}"`);
    expect(focusable).toEqual([]);
    expect(svg).not.toContain('role="link"');
  });

  it('names each point of a line chart by its date, value and where it leads', () => {
    const svg = chartSvg(lineChart('reflectionToQuestion', points), { interactive: true });
    const labels = [...svg.matchAll(/role="link" aria-label="([^"]*)"/g)].map((m) => m[1]);
    expect(labels).toHaveLength(2);
    expect(labels[0]).toMatch(/^3 Feb 2026, Session 1: 0\.50.*Opens the session\.$/);
    expect(labels[1]).toMatch(/^4 Mar 2026, Session 2: 1\.50.*Opens the session\.$/);
  });
});
