/**
 * The one renderer of the progress charts: a chart model (chart-model.ts) as a standalone SVG string,
 * shown inline on screen, drawn on a canvas for the PNG, and embedded as an image in the PDF report.
 * Styles are attributes, so the SVG looks the same on its own; every text is escaped. On screen the
 * points are focusable links (`data-session-id` / `data-trainee`), each with its own label, inside a
 * labelled group (not an image, whose children a screen reader skips), which the page wires up.
 */
import { escapeHtml, safeColour } from '../report/html-escape';
import type { ChartModel, CohortChartModel, GrowthChartModel, LegendItem, LineChartModel } from './chart-model';

export interface SvgOptions {
  /** Put the chart's title on top (the PNG and the PDF); on screen the card shows it instead. */
  withTitle?: boolean;
  /** Make points focusable links (on screen). */
  interactive?: boolean;
}

export const CHART_COLORS = {
  text: '#1b2230',
  axis: '#5f6878',
  grid: '#e6e9ee',
  baseline: '#b9c1cc',
  line: '#2553b0',
  good: '#d7efdf',
  goodEdge: '#9fd3b2',
  fair: '#fbecd2',
  fairEdge: '#ecc98c',
  stripe: '#f6f7f9',
} as const;

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
const TITLE_HEIGHT = 34;
const e = escapeHtml;

/** Numbers in attributes: short, no exponent. */
function n(value: number): string {
  return Number.isFinite(value) ? String(Math.round(value * 100) / 100) : '0';
}

/** Roughly how wide a label is at font size 10, to place the legend. */
const textWidth = (text: string, size = 10): number => text.length * size * 0.62;

function linkAttrs(interactive: boolean, data: string, label: string): string {
  return interactive ? ` ${data} tabindex="0" role="link" aria-label="${e(label)}"` : '';
}

function legendSvg(items: readonly LegendItem[], right: number, y: number): string {
  const parts: string[] = [];
  let x = right;
  for (const item of [...items].reverse()) {
    const w = textWidth(item.label) + 24;
    x -= w;
    const sx = x + 2;
    let mark: string;
    if (item.kind === 'good') mark = `<rect x="${n(sx)}" y="${n(y - 8)}" width="10" height="10" rx="2" fill="${CHART_COLORS.good}" stroke="${CHART_COLORS.goodEdge}"/>`;
    else if (item.kind === 'fair') mark = `<rect x="${n(sx)}" y="${n(y - 8)}" width="10" height="10" rx="2" fill="${CHART_COLORS.fair}" stroke="${CHART_COLORS.fairEdge}"/>`;
    else if (item.kind === 'mean') mark = `<circle cx="${n(sx + 5)}" cy="${n(y - 3)}" r="4" fill="${CHART_COLORS.line}"/>`;
    else if (item.kind === 'latest') mark = `<circle cx="${n(sx + 5)}" cy="${n(y - 3)}" r="4" fill="#fff" stroke="${CHART_COLORS.line}" stroke-width="2"/>`;
    else if (item.kind === 'swatch') mark = `<rect x="${n(sx)}" y="${n(y - 8)}" width="10" height="10" rx="2" fill="${safeColour(item.color ?? '')}"/>`;
    else mark = `<path d="M${n(sx)} ${n(y - 3)}h10" stroke="${CHART_COLORS.line}" stroke-width="2"/>`;
    parts.push(`${mark}<text x="${n(sx + 14)}" y="${n(y)}" font-size="10" fill="${CHART_COLORS.axis}">${e(item.label)}</text>`);
  }
  return parts.join('');
}

/** The growth legend wraps: four codes a row, left to right. */
function wrappedLegend(items: readonly LegendItem[], left: number, width: number, top: number): string {
  const perRow = 4;
  const colWidth = width / perRow;
  return items
    .map((item, i) => {
      const x = left + (i % perRow) * colWidth;
      const y = top + Math.floor(i / perRow) * 16;
      return `<rect x="${n(x)}" y="${n(y - 8)}" width="10" height="10" rx="2" fill="${safeColour(item.color ?? '')}"/><text x="${n(x + 14)}" y="${n(y)}" font-size="10" fill="${CHART_COLORS.axis}">${e(item.label)}</text>`;
    })
    .join('');
}

function yAxis(model: LineChartModel | GrowthChartModel): string {
  const { plot } = model;
  return model.yTicks
    .map(
      (t) =>
        `<path d="M${n(plot.left)} ${n(t.at)}H${n(plot.right)}" stroke="${CHART_COLORS.grid}"/>` +
        `<text x="${n(plot.left - 6)}" y="${n(t.at + 3.5)}" font-size="10" text-anchor="end" fill="${CHART_COLORS.axis}">${e(t.label)}</text>`,
    )
    .join('');
}

function xLabels(ticks: LineChartModel['xTicks'], y: number, plot: { left: number; right: number }): string {
  return ticks
    .map((t) => {
      const anchor = t.at - plot.left < 18 ? 'start' : plot.right - t.at < 18 ? 'end' : 'middle';
      return `<text x="${n(t.at)}" y="${n(y)}" font-size="10" text-anchor="${anchor}" fill="${CHART_COLORS.axis}">${e(t.label)}</text>`;
    })
    .join('');
}

function emptyNote(model: ChartModel, text: string): string {
  const { plot } = model;
  return `<text x="${n((plot.left + plot.right) / 2)}" y="${n((plot.top + plot.bottom) / 2)}" font-size="11" text-anchor="middle" fill="${CHART_COLORS.axis}">${e(text)}</text>`;
}

function lineBody(model: LineChartModel, interactive: boolean): string {
  const { plot } = model;
  const parts: string[] = [];
  for (const b of model.bands) {
    parts.push(`<rect x="${n(plot.left)}" y="${n(b.from)}" width="${n(plot.right - plot.left)}" height="${n(b.to - b.from)}" fill="${b.band === 'good' ? CHART_COLORS.good : CHART_COLORS.fair}"/>`);
  }
  parts.push(yAxis(model));
  parts.push(`<path d="M${n(plot.left)} ${n(plot.bottom)}H${n(plot.right)}" stroke="${CHART_COLORS.baseline}"/>`);
  parts.push(xLabels(model.xTicks, plot.bottom + 15, plot));
  if (model.points.length === 0) parts.push(emptyNote(model, 'No session has a value yet'));
  if (model.points.length > 1) parts.push(`<path d="${model.line}" fill="none" stroke="${CHART_COLORS.line}" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"/>`);
  for (const p of model.points) {
    parts.push(
      `<circle class="chart-point" cx="${n(p.x)}" cy="${n(p.y)}" r="4" fill="${CHART_COLORS.line}" stroke="#fff" stroke-width="1.5" data-value="${n(p.value)}"${linkAttrs(interactive, `data-session-id="${e(p.sessionId)}"`, p.label)}><title>${e(p.label.replace(/ Opens the session\.$/, ''))}</title></circle>`,
    );
  }
  parts.push(legendSvg(model.legend, plot.right, 14));
  return parts.join('');
}

function growthBody(model: GrowthChartModel, interactive: boolean): string {
  const { plot } = model;
  const parts: string[] = [yAxis(model)];
  parts.push(`<path d="M${n(plot.left)} ${n(plot.bottom)}H${n(plot.right)}" stroke="${CHART_COLORS.baseline}"/>`);
  parts.push(xLabels(model.xTicks, plot.bottom + 15, plot));
  if (model.legend.length === 0) parts.push(emptyNote(model, model.bars.length === 0 ? 'No sessions yet' : 'No growth-area codes in these sessions'));
  for (const bar of model.bars) {
    const rects = bar.segments
      .map((s) => `<rect x="${n(bar.x)}" y="${n(s.y)}" width="${n(bar.width)}" height="${n(s.height)}" fill="${safeColour(s.color)}" stroke="#fff" stroke-width="0.75"/>`)
      .join('');
    // A transparent full-height hit area, so an empty session can still be opened.
    const hit = `<rect x="${n(bar.x)}" y="${n(plot.top)}" width="${n(bar.width)}" height="${n(plot.bottom - plot.top)}" fill="transparent"/>`;
    parts.push(`<g class="chart-point"${linkAttrs(interactive, `data-session-id="${e(bar.sessionId)}"`, bar.label)}>${hit}${rects}<title>${e(bar.label.replace(/ Opens the session\.$/, ''))}</title></g>`);
  }
  parts.push(wrappedLegend(model.legend, plot.left, plot.right - plot.left, 14));
  return parts.join('');
}

function cohortBody(model: CohortChartModel, interactive: boolean): string {
  const { plot } = model;
  const parts: string[] = [];
  for (const b of model.bands) {
    parts.push(`<rect x="${n(b.from)}" y="${n(plot.top)}" width="${n(b.to - b.from)}" height="${n(plot.bottom - plot.top)}" fill="${b.band === 'good' ? CHART_COLORS.good : CHART_COLORS.fair}"/>`);
  }
  for (const t of model.xTicks) parts.push(`<path d="M${n(t.at)} ${n(plot.top)}V${n(plot.bottom)}" stroke="${CHART_COLORS.grid}"/>`);
  parts.push(`<path d="M${n(plot.left)} ${n(plot.bottom)}H${n(plot.right)}" stroke="${CHART_COLORS.baseline}"/>`);
  parts.push(xLabels(model.xTicks, plot.bottom + 15, plot));
  if (model.dots.length === 0) parts.push(emptyNote(model, 'No trainees yet'));
  for (const row of model.dots) {
    const name = row.trainee.length > 18 ? `${row.trainee.slice(0, 17)}…` : row.trainee;
    const items: string[] = [`<rect x="0" y="${n(row.y - 11)}" width="${n(plot.right)}" height="22" fill="transparent"/>`];
    items.push(`<text x="${n(plot.left - 8)}" y="${n(row.y + 3.5)}" font-size="11" text-anchor="end" fill="${CHART_COLORS.text}">${e(name)}</text>`);
    if (row.mean && row.latest) items.push(`<path d="M${n(row.mean.x)} ${n(row.y)}H${n(row.latest.x)}" stroke="${CHART_COLORS.baseline}" stroke-width="2"/>`);
    // The ring on top of the dot, open, so both show when they coincide.
    if (row.mean) items.push(`<circle cx="${n(row.mean.x)}" cy="${n(row.y)}" r="3.5" fill="${CHART_COLORS.line}"/>`);
    if (row.latest) items.push(`<circle cx="${n(row.latest.x)}" cy="${n(row.y)}" r="6" fill="none" stroke="${CHART_COLORS.line}" stroke-width="2"/>`);
    if (!row.mean && !row.latest) items.push(`<text x="${n(plot.left + 6)}" y="${n(row.y + 3.5)}" font-size="10" fill="${CHART_COLORS.axis}">no value</text>`);
    parts.push(`<g class="chart-point"${linkAttrs(interactive, `data-trainee="${e(row.trainee)}"`, row.label)}>${items.join('')}<title>${e(row.label.replace(/ Opens their progress\.$/, ''))}</title></g>`);
  }
  parts.push(legendSvg(model.legend, plot.right, 14));
  return parts.join('');
}

/** The chart as a standalone SVG document string. */
export function chartSvg(model: ChartModel, options: SvgOptions = {}): string {
  const interactive = options.interactive ?? false;
  const offset = options.withTitle ? TITLE_HEIGHT : 0;
  const height = model.height + offset;
  const body = model.kind === 'line' ? lineBody(model, interactive) : model.kind === 'growth' ? growthBody(model, interactive) : cohortBody(model, interactive);
  const title = options.withTitle
    ? `<text x="6" y="15" font-size="13" font-weight="600" fill="${CHART_COLORS.text}">${e(model.title)}</text><text x="6" y="29" font-size="10" fill="${CHART_COLORS.axis}">${e(model.hint)}</text>`
    : '';
  // A picture on its own (PNG, PDF); on screen a group, so that its points stay links a screen reader reaches.
  const rootRole = interactive ? 'role="group" aria-roledescription="chart"' : 'role="img"';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" viewBox="0 0 ${n(model.width)} ${n(height)}" width="${n(model.width)}" height="${n(height)}" ` +
    `${rootRole} aria-label="${e(model.summary)}" font-family="${e(FONT)}" data-chart="${e(model.id)}">` +
    `<rect width="100%" height="100%" fill="#fff"/>${title}<g transform="translate(0 ${offset})">${body}</g></svg>`
  );
}

function utf8(text: string): number[] {
  const bytes: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return bytes;
}

/** UTF-8 text as base64 (no DOM or Node needed): for `data:image/svg+xml;base64,…`. */
export function base64Utf8(text: string): string {
  const bytes = utf8(text);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += alphabet[a >> 2]! + alphabet[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    out += b === undefined ? '=' : alphabet[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    out += c === undefined ? '=' : alphabet[c & 63]!;
  }
  return out;
}

/** The chart as a data URL of its SVG (for <img> in the PDF report). */
export function chartDataUrl(model: ChartModel): string {
  return `data:image/svg+xml;base64,${base64Utf8(chartSvg(model, { withTitle: true }))}`;
}
