/**
 * The chart models: everything a progress chart shows, already laid out in SVG units, so one
 * renderer (chart-svg.ts) draws it for the screen, the PNG and the PDF alike. Pure.
 *  - lineChart: one measure across a trainee's sessions (evenly spaced, oldest left), with the MITI
 *    fair/good bands shaded where MITI sets them;
 *  - growthChart: growth-area code counts per session, stacked;
 *  - cohortChart: one measure, one row per trainee, the mean as a dot and the latest session as a ring.
 */
import type { CohortTrainee, GrowthCode, ProgressMeasure, ProgressPoint } from '../domain/progress';
import { pluralise } from '../util/format';
import { longDate, niceStep, shortDate, spreadIndices, valueAxis } from './chart-scale';
import { MEASURES, measureBand } from './measures';

export type BandName = 'good' | 'fair' | 'below';

export const BAND_LABELS: Record<BandName, string> = { good: 'good', fair: 'fair', below: 'below fair' };

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface Tick {
  /** SVG units along the axis. */
  at: number;
  label: string;
}

export interface BandArea {
  band: 'fair' | 'good';
  /** SVG units: y (line chart) or x (cohort chart) from…to. */
  from: number;
  to: number;
}

export interface LegendItem {
  kind: 'good' | 'fair' | 'line' | 'mean' | 'latest' | 'swatch';
  label: string;
  color?: string;
}

export interface ChartPoint {
  sessionId: string;
  x: number;
  y: number;
  value: number;
  /** The value as read, e.g. "1.50" or "45 %". */
  text: string;
  date: string;
  title: string;
  band: BandName | null;
  /** What a screen reader says on the point. */
  label: string;
}

export interface TableRow {
  /** The session (line and growth charts) or the trainee (cohort chart). */
  key: string;
  cells: string[];
}

interface ChartBase {
  id: string;
  title: string;
  hint: string;
  width: number;
  height: number;
  plot: Box;
  legend: LegendItem[];
  /** One sentence for aria-label and alt text. */
  summary: string;
  columns: string[];
  rows: TableRow[];
}

export interface LineChartModel extends ChartBase {
  kind: 'line';
  measure: ProgressMeasure;
  yTicks: Tick[];
  xTicks: Tick[];
  bands: BandArea[];
  points: ChartPoint[];
  /** SVG path data through the points, in order (sessions without a value are skipped). */
  line: string;
}

export interface GrowthBar {
  sessionId: string;
  x: number;
  width: number;
  label: string;
  segments: { codeId: string; color: string; y: number; height: number; count: number }[];
}

export interface GrowthChartModel extends ChartBase {
  kind: 'growth';
  yTicks: Tick[];
  xTicks: Tick[];
  bars: GrowthBar[];
}

export interface CohortDot {
  trainee: string;
  y: number;
  mean: { x: number; text: string } | null;
  latest: { x: number; text: string } | null;
  label: string;
}

export interface CohortChartModel extends ChartBase {
  kind: 'cohort';
  measure: ProgressMeasure;
  xTicks: Tick[];
  bands: BandArea[];
  dots: CohortDot[];
  /** The gutter on the left holding the trainees' names. */
  gutter: number;
}

export type ChartModel = LineChartModel | GrowthChartModel | CohortChartModel;

const r2 = (v: number): number => Math.round(v * 100) / 100;

/** Evenly spaced slots for n sessions across the plot (one in the middle when there is one). */
function slots(n: number, plot: Box, pad: number): number[] {
  const from = plot.left + pad;
  const to = plot.right - pad;
  if (n <= 1) return n === 1 ? [r2((from + to) / 2)] : [];
  return Array.from({ length: n }, (_, i) => r2(from + (i * (to - from)) / (n - 1)));
}

function dateTicks(points: readonly Pick<ProgressPoint, 'date'>[], xs: readonly number[], count: number): Tick[] {
  const spansYears = points.length > 0 && points[0]!.date.slice(0, 4) !== points.at(-1)!.date.slice(0, 4);
  return spreadIndices(points.length, count).map((i) => ({ at: xs[i]!, label: shortDate(points[i]!.date, spansYears) }));
}

function bandLegend(measure: ProgressMeasure): LegendItem[] {
  const bands = MEASURES[measure].bands;
  if (!bands) return [];
  const f = MEASURES[measure].format;
  return [
    { kind: 'good', label: `Good ≥ ${f(bands.good)}` },
    { kind: 'fair', label: `Fair ≥ ${f(bands.fair)}` },
  ];
}

function bandSentence(measure: ProgressMeasure): string {
  const { bands, bandsFrom, format } = MEASURES[measure];
  return bands ? ` Fair from ${format(bands.fair)}, good from ${format(bands.good)} (${bandsFrom} thresholds).` : '';
}

export const LINE_SIZE = { width: 360, height: 196 };

/** One measure across a trainee's sessions (points in time order, oldest first). */
export function lineChart(measure: ProgressMeasure, points: readonly ProgressPoint[], size = LINE_SIZE): LineChartModel {
  const info = MEASURES[measure];
  const plot: Box = { left: 40, top: 26, right: size.width - 10, bottom: size.height - 24 };
  const axis = valueAxis(measure, points.map((p) => p.values[measure]));
  const y = (v: number): number => r2(plot.bottom - ((Math.min(Math.max(v, axis.min), axis.max) - axis.min) / (axis.max - axis.min)) * (plot.bottom - plot.top));
  const xs = slots(points.length, plot, 12);
  const bands: BandArea[] = [];
  if (info.bands) {
    const { fair, good } = info.bands;
    if (good < axis.max) bands.push({ band: 'good', from: y(axis.max), to: y(good) });
    if (fair < axis.max) bands.push({ band: 'fair', from: y(Math.min(good, axis.max)), to: y(fair) });
  }
  const charted: ChartPoint[] = [];
  points.forEach((p, i) => {
    const value = p.values[measure];
    if (value === null) return;
    const band = measureBand(measure, value);
    const text = info.format(value);
    charted.push({
      sessionId: p.sessionId,
      x: xs[i]!,
      y: y(value),
      value,
      text,
      date: p.date,
      title: p.title,
      band,
      label: `${longDate(p.date)}, ${p.title}: ${text}${band ? ` (${BAND_LABELS[band]})` : ''}. Opens the session.`,
    });
  });
  const line = charted.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join(' ');
  const first = charted[0];
  const last = charted.at(-1);
  const summary =
    first && last
      ? `${info.label} across ${pluralise(charted.length, 'session', 'sessions')} from ${longDate(first.date)} to ${longDate(last.date)}: ` +
        (charted.length === 1 ? `${first.text}` : `from ${first.text} to ${last.text}`) +
        `${last.band ? ` (latest ${BAND_LABELS[last.band]})` : ''}.${bandSentence(measure)}`
      : `${info.label}: no session has a value yet.`;
  return {
    kind: 'line',
    id: measure,
    measure,
    title: info.label,
    hint: info.hint,
    width: size.width,
    height: size.height,
    plot,
    legend: bandLegend(measure),
    summary,
    yTicks: axis.ticks.map((t) => ({ at: y(t), label: info.format(t) })),
    xTicks: dateTicks(points, xs, 5),
    bands,
    points: charted,
    line,
    columns: ['Date', 'Session', info.label, ...(info.bands ? ['Standing'] : [])],
    rows: points.map((p) => {
      const value = p.values[measure];
      const band = measureBand(measure, value);
      return {
        key: p.sessionId,
        cells: [longDate(p.date), p.title, value === null ? '—' : info.format(value), ...(info.bands ? [band ? BAND_LABELS[band] : '—'] : [])],
      };
    }),
  };
}

export const GROWTH_SIZE = { width: 740, height: 220 };

/** Growth-area code counts per session, stacked; only codes used at least once are drawn. */
export function growthChart(points: readonly ProgressPoint[], codes: readonly GrowthCode[], size = GROWTH_SIZE): GrowthChartModel {
  const used = codes.filter((c) => points.some((p) => (p.growth[c.id] ?? 0) > 0));
  const legendRows = Math.ceil(used.length / 4);
  const height = size.height + Math.max(0, legendRows - 1) * 16;
  const plot: Box = { left: 40, top: 12 + legendRows * 16, right: size.width - 10, bottom: height - 24 };
  const totals = points.map((p) => used.reduce((sum, c) => sum + (p.growth[c.id] ?? 0), 0));
  const maxTotal = Math.max(4, ...totals);
  const step = niceStep(maxTotal, 4);
  const top = Math.ceil(maxTotal / step) * step;
  const y = (v: number): number => r2(plot.bottom - (v / top) * (plot.bottom - plot.top));
  const xs = slots(points.length, plot, 16);
  const gap = points.length > 1 ? (xs[1]! - xs[0]!) : plot.right - plot.left;
  const width = r2(Math.max(2, Math.min(28, gap * 0.6)));
  const bars: GrowthBar[] = points.map((p, i) => {
    let base = 0;
    const segments = used
      .filter((c) => (p.growth[c.id] ?? 0) > 0)
      .map((c) => {
        const count = p.growth[c.id] ?? 0;
        const seg = { codeId: c.id, color: c.color, y: y(base + count), height: r2(y(base) - y(base + count)), count };
        base += count;
        return seg;
      });
    const parts = used.filter((c) => (p.growth[c.id] ?? 0) > 0).map((c) => `${c.name} ${p.growth[c.id]}`);
    return {
      sessionId: p.sessionId,
      x: r2(xs[i]! - width / 2),
      width,
      segments,
      label: `${longDate(p.date)}, ${p.title}: ${parts.length ? parts.join(', ') : 'no growth-area codes'}. Opens the session.`,
    };
  });
  const total = totals.reduce((a, b) => a + b, 0);
  const firstTotal = totals[0] ?? 0;
  const lastTotal = totals.at(-1) ?? 0;
  const summary =
    points.length === 0
      ? 'Growth areas: no sessions yet.'
      : used.length === 0
        ? `Growth areas: none coded in ${pluralise(points.length, 'session', 'sessions')}.`
        : `Growth-area codes per session across ${pluralise(points.length, 'session', 'sessions')}: ${total} in all, ${firstTotal} in the first session and ${lastTotal} in the latest. Codes: ${used.map((c) => c.name).join(', ')}.`;
  return {
    kind: 'growth',
    id: 'growth',
    title: 'Growth areas',
    hint: 'Annotations with a growth-area code, per session',
    width: size.width,
    height,
    plot,
    legend: used.map((c) => ({ kind: 'swatch', label: c.name, color: c.color })),
    summary,
    yTicks: Array.from({ length: Math.round(top / step) + 1 }, (_, i) => ({ at: y(i * step), label: String(Math.round(i * step * 100) / 100) })),
    xTicks: dateTicks(points, xs, 7),
    bars,
    columns: ['Date', 'Session', ...codes.map((c) => c.name), 'All'],
    rows: points.map((p, i) => ({ key: p.sessionId, cells: [longDate(p.date), p.title, ...codes.map((c) => String(p.growth[c.id] ?? 0)), String(totals[i] ?? 0)] })),
  };
}

export const COHORT_WIDTH = 360;

/** One measure, one row per trainee: the mean over their sessions (dot) and their latest session (ring). */
export function cohortChart(measure: ProgressMeasure, trainees: readonly CohortTrainee[], width = COHORT_WIDTH): CohortChartModel {
  const info = MEASURES[measure];
  const gutter = 112;
  const rowHeight = 22;
  const plot: Box = { left: gutter, top: 26, right: width - 12, bottom: 26 + Math.max(1, trainees.length) * rowHeight };
  const height = plot.bottom + 24;
  const axis = valueAxis(measure, trainees.flatMap((t) => [t.mean[measure], t.latest[measure]]));
  const x = (v: number): number => r2(plot.left + ((Math.min(Math.max(v, axis.min), axis.max) - axis.min) / (axis.max - axis.min)) * (plot.right - plot.left));
  const bands: BandArea[] = [];
  if (info.bands) {
    const { fair, good } = info.bands;
    if (good < axis.max) bands.push({ band: 'good', from: x(good), to: x(axis.max) });
    if (fair < axis.max) bands.push({ band: 'fair', from: x(fair), to: x(Math.min(good, axis.max)) });
  }
  const dots: CohortDot[] = trainees.map((t, i) => {
    const mean = t.mean[measure];
    const latest = t.latest[measure];
    return {
      trainee: t.trainee,
      y: r2(plot.top + (i + 0.5) * rowHeight),
      mean: mean === null ? null : { x: x(mean), text: info.format(mean) },
      latest: latest === null ? null : { x: x(latest), text: info.format(latest) },
      label: `${t.trainee}: mean ${mean === null ? 'none' : info.format(mean)}, latest ${latest === null ? 'none' : info.format(latest)} over ${pluralise(t.sessionCount, 'session', 'sessions')}. Opens their progress.`,
    };
  });
  const valued = trainees.filter((t) => t.mean[measure] !== null);
  const best = [...valued].sort((a, b) => (info.lowerIsBetter ? 1 : -1) * ((a.mean[measure] ?? 0) - (b.mean[measure] ?? 0)))[0];
  const summary =
    valued.length === 0
      ? `${info.label}: no trainee has a value yet.`
      : `${info.label} for ${pluralise(trainees.length, 'trainee', 'trainees')} (mean over their sessions, and their latest session); ` +
        `${best ? `${info.lowerIsBetter ? 'lowest' : 'highest'} mean: ${best.trainee}, ${info.format(best.mean[measure] ?? 0)}.` : ''}${bandSentence(measure)}`;
  return {
    kind: 'cohort',
    id: `cohort-${measure}`,
    measure,
    title: info.label,
    hint: info.hint,
    width,
    height,
    plot,
    gutter,
    legend: [{ kind: 'mean', label: 'Mean' }, { kind: 'latest', label: 'Latest' }, ...bandLegend(measure)],
    summary,
    xTicks: axis.ticks.map((t) => ({ at: x(t), label: info.format(t) })),
    bands,
    dots,
    columns: ['Trainee', 'Sessions', 'Mean', 'Latest', ...(info.bands ? ['Latest standing'] : [])],
    rows: trainees.map((t) => {
      const latestBand = measureBand(measure, t.latest[measure]);
      return {
        key: t.trainee,
        cells: [
          t.trainee,
          String(t.sessionCount),
          t.mean[measure] === null ? '—' : info.format(t.mean[measure]),
          t.latest[measure] === null ? '—' : info.format(t.latest[measure]),
          ...(info.bands ? [latestBand ? BAND_LABELS[latestBand] : '—'] : []),
        ],
      };
    }),
  };
}
