/**
 * Where the code-name labels on the waveform go: each label takes the first of a few rows at the
 * top where it does not collide with the label before it; a label with no room left is collapsed
 * to a small tab (the region itself stays). A span's label also never runs past the span's end.
 */

export interface LabelBox {
  id: string;
  /** Left edge in px along the whole (zoomed) waveform. */
  x: number;
  /** The label's natural width in px. */
  width: number;
  /** For a span, its width in px (the label is clipped to it); null for a moment. */
  spanWidth: number | null;
}

/** Row index per id; -1 means collapsed (no room for the name). */
export function labelLanes(boxes: readonly LabelBox[], rows: number, gap = 4, minSpanLabel = 28): Map<string, number> {
  const lanes = new Map<string, number>();
  const rowEnds: number[] = Array.from({ length: rows }, () => -Infinity);
  const sorted = [...boxes].sort((a, b) => a.x - b.x);
  for (const box of sorted) {
    const width = box.spanWidth === null ? box.width : Math.min(box.width, box.spanWidth);
    if (box.spanWidth !== null && box.spanWidth < minSpanLabel) {
      lanes.set(box.id, -1);
      continue;
    }
    const row = rowEnds.findIndex((end) => end + gap <= box.x);
    if (row < 0) {
      lanes.set(box.id, -1);
      continue;
    }
    rowEnds[row] = box.x + width;
    lanes.set(box.id, row);
  }
  return lanes;
}

/** A label's width from its text: good enough to place it (11 px system font, bold). */
export function estimateLabelWidth(text: string): number {
  return Math.ceil(text.length * 6.2 + 12);
}
