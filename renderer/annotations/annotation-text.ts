/** How annotations read in the list, the editor, the status line and to screen readers. */
import type { Annotation, Code } from '../../shared/domain/annotation';

/** `m:ss` under an hour, `h:mm:ss` above (floored). */
export function clockTime(seconds: number, long = seconds >= 3600): string {
  const t = Math.max(0, Math.floor(seconds + 1e-6));
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const s = t % 60;
  return long ? `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}` : `${h * 60 + m}:${String(s).padStart(2, '0')}`;
}

/** `m:ss.t`: the editable form, precise to a tenth. */
export function preciseTime(seconds: number, long = seconds >= 3600): string {
  const tenths = Math.round(Math.max(0, seconds) * 10);
  return `${clockTime(Math.floor(tenths / 10), long)}.${tenths % 10}`;
}

/** "3:04" for a moment, "3:04–3:10" for a span. */
export function annotationTime(a: Pick<Annotation, 'start' | 'end'>, long = false): string {
  return a.end === null ? clockTime(a.start, long) : `${clockTime(a.start, long)}–${clockTime(a.end, long)}`;
}

/** The same, spoken: "at 3:04" or "from 3:04 to 3:10". */
export function spokenTime(a: Pick<Annotation, 'start' | 'end'>, long = false): string {
  return a.end === null ? `at ${clockTime(a.start, long)}` : `from ${clockTime(a.start, long)} to ${clockTime(a.end, long)}`;
}

export function codeName(codeId: string, codes: ReadonlyMap<string, Code>): string {
  return codes.get(codeId)?.name ?? `Unknown code “${codeId}”`;
}

/** "Open question at 3:04": how a step names its annotation in "Undid: …". */
export function annotationLabel(a: Pick<Annotation, 'codeId' | 'start' | 'end'>, codes: ReadonlyMap<string, Code>): string {
  return `${codeName(a.codeId, codes)} ${a.end === null ? 'at' : 'from'} ${a.end === null ? clockTime(a.start) : `${clockTime(a.start)} to ${clockTime(a.end)}`}`;
}

/** The comment's first line, for the list. */
export function commentPreview(comment: string, max = 140): string {
  const line = comment.trim().replace(/\s+/g, ' ');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** `#rrggbb` at `alpha` as `rgba()`. */
export function withAlpha(hex: string, alpha: number): string {
  const [r, g, b] = rgb(hex);
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/** `#rrggbb` mixed with white (`amount` 0 = the colour, 1 = white), as an opaque `rgb()`. */
export function tint(hex: string, amount: number): string {
  const [r, g, b] = rgb(hex).map((c) => Math.round(c + (255 - c) * amount)) as [number, number, number];
  return `rgb(${r}, ${g}, ${b})`;
}

function rgb(hex: string): [number, number, number] {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!m) return [100, 116, 139];
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
}
