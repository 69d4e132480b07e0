/** Pure helpers for the transcript panel: the segment at a time, search matches, where to cut text. */
import type { TranscriptSegment } from '../../shared/domain/transcript';

/** Index of the segment playing at `time` (start ≤ time < end), else -1. Segments are sorted by start. */
export function segmentAt(segments: readonly TranscriptSegment[], time: number): number {
  let lo = 0;
  let hi = segments.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = segments[mid]!;
    if (s.start <= time) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return -1;
  // Overlapping segments: prefer the latest one that still covers `time`.
  for (let i = found; i >= 0 && i > found - 4; i--) {
    const s = segments[i]!;
    if (time < s.end) return i;
  }
  return -1;
}

export interface SearchMatch {
  segmentIndex: number;
  /** Character range in the segment's text. */
  from: number;
  to: number;
}

/** Case- and accent-insensitive folding that keeps string length (so offsets map back). */
function fold(text: string): string {
  let out = '';
  for (const ch of text.toLowerCase()) {
    const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    out += base.length === ch.length ? base : ch;
  }
  return out;
}

export function findMatches(segments: readonly TranscriptSegment[], query: string): SearchMatch[] {
  const q = fold(query.trim());
  if (!q) return [];
  const matches: SearchMatch[] = [];
  segments.forEach((s, segmentIndex) => {
    const text = fold(s.text);
    let from = text.indexOf(q);
    while (from >= 0) {
      matches.push({ segmentIndex, from, to: from + q.length });
      from = text.indexOf(q, from + q.length);
    }
  });
  return matches;
}

/**
 * Where to cut a segment's text when it is split at `at` seconds and no caret says where: the same
 * fraction of the characters as of the time, moved to the nearest word boundary.
 */
export function proportionalTextOffset(segment: Pick<TranscriptSegment, 'start' | 'end' | 'text'>, at: number): number {
  const { text } = segment;
  const span = segment.end - segment.start;
  if (text.length === 0 || span <= 0) return 0;
  const fraction = Math.min(1, Math.max(0, (at - segment.start) / span));
  const target = Math.round(text.length * fraction);
  const boundaries: number[] = [];
  for (let i = 1; i < text.length; i++) if (/\s/.test(text[i - 1]!) && !/\s/.test(text[i]!)) boundaries.push(i);
  if (boundaries.length === 0) return target <= text.length / 2 ? 0 : text.length;
  let best = boundaries[0]!;
  for (const b of boundaries) if (Math.abs(b - target) < Math.abs(best - target)) best = b;
  return best;
}

/** `m:ss` under an hour, `h:mm:ss` above: the start time shown on each segment. */
export function formatSegmentTime(seconds: number, long: boolean): string {
  const t = Math.max(0, Math.floor(seconds));
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const s = t % 60;
  return long ? `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}` : `${h * 60 + m}:${String(s).padStart(2, '0')}`;
}
