/** Axes for the progress charts: the value range of a measure, round tick steps, and short date labels. Pure. */
import type { ProgressMeasure } from '../domain/progress';
import { MEASURES } from './measures';

/** The smallest of 1, 2, 2.5, 5 × 10^k that splits `span` into at most `maxTicks` steps. */
export function niceStep(span: number, maxTicks = 5): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / maxTicks;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

export interface ValueAxis {
  min: number;
  max: number;
  ticks: number[];
}

/** The y (or x) range of a measure for these values: fixed for ratings and shares, from the data (rounded up) for ratios and rates. */
export function valueAxis(measure: ProgressMeasure, values: readonly (number | null)[]): ValueAxis {
  const info = MEASURES[measure];
  if (info.axis.kind === 'fixed') {
    const { min, max } = info.axis;
    const step = max - min === 1 ? 0.25 : 1;
    return { min, max, ticks: ticksOf(min, max, step) };
  }
  let top = info.axis.atLeast;
  for (const v of values) if (v !== null && Number.isFinite(v)) top = Math.max(top, v * 1.08);
  const step = niceStep(top - info.axis.min, 4);
  const max = Math.ceil(top / step - 1e-9) * step;
  return { min: info.axis.min, max, ticks: ticksOf(info.axis.min, max, step) };
}

function ticksOf(min: number, max: number, step: number): number[] {
  const ticks: number[] = [];
  for (let i = 0; min + i * step <= max + 1e-9; i++) ticks.push(Math.round((min + i * step) * 1e6) / 1e6);
  return ticks;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2026-03-14` → `14 Mar` (with `’26` when the chart spans years). Not locale-dependent, so the PDF and the screen read alike. */
export function shortDate(iso: string, withYear = false): string {
  const [y, m, d] = iso.split('-');
  const month = MONTHS[Number(m) - 1] ?? '';
  const day = String(Number(d));
  return withYear ? `${day} ${month} ’${(y ?? '').slice(2)}` : `${day} ${month}`;
}

/** `2026-03-14` → `14 Mar 2026`. */
export function longDate(iso: string): string {
  const [y] = iso.split('-');
  return `${shortDate(iso)} ${y ?? ''}`;
}

/** Up to `count` indices spread evenly over 0…n−1, first and last included. */
export function spreadIndices(n: number, count: number): number[] {
  if (n <= 0) return [];
  if (n <= count) return Array.from({ length: n }, (_, i) => i);
  const picked = new Set<number>();
  for (let k = 0; k < count; k++) picked.add(Math.round((k * (n - 1)) / (count - 1)));
  return [...picked].sort((a, b) => a - b);
}
