/**
 * The timeline strip of the whole session as inline SVG: phases as a band on top, one lane per code
 * kind with every annotation as a coloured tick (spans as bars), the coded range shaded, and time
 * labels below. No script, no external reference; every text is escaped.
 */
import { escapeHtml } from './html-escape';
import type { TimelineModel } from './report-model';

const WIDTH = 700;
const GUTTER = 96;
const RIGHT = 8;
const PHASE_HEIGHT = 18;
const GAP = 6;
const LANE_HEIGHT = 20;
const AXIS_HEIGHT = 18;
const PHASE_FILLS = ['#dfe8f7', '#e9e4f6', '#dff0e7'];
const PHASE_TEXT = '#1b2230';

/** Numbers in SVG attributes: short, no exponent. */
function n(value: number): string {
  return Number.isFinite(value) ? String(Math.round(value * 100) / 100) : '0';
}

/** Roughly how wide a label is at font-size 10 (DejaVu/Helvetica average), to leave out those that would not fit. */
function textWidth(text: string): number {
  return text.length * 5.6;
}

export function renderTimelineSvg(timeline: TimelineModel, titleId = 'timeline-title'): string {
  const duration = timeline.duration > 0 ? timeline.duration : 1;
  const plot = WIDTH - GUTTER - RIGHT;
  const x = (t: number): number => GUTTER + (Math.min(Math.max(t, 0), duration) / duration) * plot;
  const lanesTop = PHASE_HEIGHT + GAP;
  const laneCount = Math.max(timeline.lanes.length, 1);
  const lanesBottom = lanesTop + laneCount * LANE_HEIGHT;
  const height = lanesBottom + AXIS_HEIGHT;
  const parts: string[] = [];

  const total = timeline.lanes.reduce((sum, lane) => sum + lane.items.length, 0);
  const summary = `${total} ${total === 1 ? 'annotation' : 'annotations'} over ${timeline.ticks.at(-1)?.label ?? ''}${
    timeline.phases.length > 0 ? `; phases: ${timeline.phases.map((p) => p.label).join(', ')}` : ''
  }.`;
  parts.push(
    `<svg class="timeline" viewBox="0 0 ${WIDTH} ${n(height)}" width="100%" role="img" aria-labelledby="${titleId}" preserveAspectRatio="xMidYMid meet">`,
    `<title id="${titleId}">Timeline of the session: ${escapeHtml(summary)}</title>`,
  );

  // Phases band.
  parts.push(`<text x="0" y="${n(PHASE_HEIGHT - 5)}" class="tl-label">Phases</text>`);
  parts.push(`<rect x="${n(GUTTER)}" y="0" width="${n(plot)}" height="${PHASE_HEIGHT}" rx="3" fill="#f3f4f6"/>`);
  if (timeline.phases.length === 0) {
    parts.push(`<text x="${n(GUTTER + 6)}" y="${n(PHASE_HEIGHT - 5)}" class="tl-muted">Not marked</text>`);
  }
  timeline.phases.forEach((phase, i) => {
    const x0 = x(phase.start);
    const w = Math.max(x(phase.end) - x0, 1);
    parts.push(`<rect x="${n(x0)}" y="0" width="${n(w)}" height="${PHASE_HEIGHT}" rx="3" fill="${PHASE_FILLS[i % PHASE_FILLS.length] ?? '#e5e7eb'}"/>`);
    if (textWidth(phase.label) + 8 <= w) {
      parts.push(`<text x="${n(x0 + 5)}" y="${n(PHASE_HEIGHT - 5)}" class="tl-phase" fill="${PHASE_TEXT}">${escapeHtml(phase.label)}</text>`);
    }
  });

  // Lane backgrounds and labels.
  for (let i = 0; i < laneCount; i++) {
    const y = lanesTop + i * LANE_HEIGHT;
    parts.push(`<rect x="${n(GUTTER)}" y="${n(y)}" width="${n(plot)}" height="${LANE_HEIGHT}" fill="${i % 2 === 0 ? '#f8f9fb' : '#ffffff'}"/>`);
    const lane = timeline.lanes[i];
    parts.push(`<text x="0" y="${n(y + LANE_HEIGHT - 6)}" class="tl-label">${escapeHtml(lane ? lane.label : 'Annotations')}</text>`);
    if (!lane) parts.push(`<text x="${n(GUTTER + 6)}" y="${n(y + LANE_HEIGHT - 6)}" class="tl-muted">None</text>`);
  }

  // Coded range: shaded, with dashed edges.
  if (timeline.codedRange) {
    const x0 = x(timeline.codedRange.start);
    const x1 = x(timeline.codedRange.end);
    parts.push(
      `<rect x="${n(x0)}" y="${n(lanesTop)}" width="${n(Math.max(x1 - x0, 1))}" height="${n(lanesBottom - lanesTop)}" fill="#2553b0" fill-opacity="0.07"/>`,
      `<line x1="${n(x0)}" y1="${n(lanesTop)}" x2="${n(x0)}" y2="${n(lanesBottom)}" stroke="#2553b0" stroke-width="1" stroke-dasharray="3 2"/>`,
      `<line x1="${n(x1)}" y1="${n(lanesTop)}" x2="${n(x1)}" y2="${n(lanesBottom)}" stroke="#2553b0" stroke-width="1" stroke-dasharray="3 2"/>`,
    );
  }

  // Annotations: spans first, then moments on top.
  timeline.lanes.forEach((lane, i) => {
    const y = lanesTop + i * LANE_HEIGHT + 3;
    const h = LANE_HEIGHT - 6;
    const spans = lane.items.filter((item) => item.end !== null && item.end > item.start);
    const moments = lane.items.filter((item) => !(item.end !== null && item.end > item.start));
    for (const item of spans) {
      const x0 = x(item.start);
      const w = Math.max(x(item.end ?? item.start) - x0, 3);
      parts.push(
        `<rect x="${n(x0)}" y="${n(y + 2)}" width="${n(w)}" height="${n(h - 4)}" rx="1.5" fill="${item.colour}" fill-opacity="0.78"><title>${escapeHtml(item.title)}</title></rect>`,
      );
    }
    for (const item of moments) {
      parts.push(
        `<rect x="${n(x(item.start) - 1)}" y="${n(y)}" width="2.2" height="${n(h)}" fill="${item.colour}"><title>${escapeHtml(item.title)}</title></rect>`,
      );
    }
  });

  // Axis.
  parts.push(`<line x1="${n(GUTTER)}" y1="${n(lanesBottom)}" x2="${n(WIDTH - RIGHT)}" y2="${n(lanesBottom)}" stroke="#c5ccd6" stroke-width="1"/>`);
  const last = timeline.ticks.length - 1;
  timeline.ticks.forEach((tick, i) => {
    const tx = x(tick.at);
    const anchor = i === 0 ? 'start' : i === last && tx > WIDTH - RIGHT - 20 ? 'end' : 'middle';
    parts.push(
      `<line x1="${n(tx)}" y1="${n(lanesBottom)}" x2="${n(tx)}" y2="${n(lanesBottom + 4)}" stroke="#7b8596" stroke-width="1"/>`,
      `<text x="${n(tx)}" y="${n(lanesBottom + 14)}" text-anchor="${anchor}" class="tl-tick">${escapeHtml(tick.label)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}
