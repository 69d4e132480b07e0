/** Text with the matches marked by FTS5's snippet(), turned into plain text and the ranges to highlight. */

/** Control characters FTS5 puts around each match (never in text a person typed or a transcript holds). */
export const MARK_OPEN = '\u0002';
export const MARK_CLOSE = '\u0003';

export function unmark(marked: string): { text: string; highlights: [number, number][] } {
  let text = '';
  const highlights: [number, number][] = [];
  let openAt = -1;
  for (const ch of marked) {
    if (ch === MARK_OPEN) {
      openAt = text.length;
    } else if (ch === MARK_CLOSE) {
      if (openAt >= 0 && text.length > openAt) {
        const last = highlights.at(-1);
        // Adjacent matches ("sustain talk") read as one highlight.
        if (last && /^\s*$/.test(text.slice(last[1], openAt))) last[1] = text.length;
        else highlights.push([openAt, text.length]);
      }
      openAt = -1;
    } else {
      text += ch;
    }
  }
  return { text, highlights };
}
