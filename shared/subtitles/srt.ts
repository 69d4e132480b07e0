/** SubRip (.srt) → cues, and cues → SRT with speakers as `Name: ` prefixes. */
import {
  blocksOf,
  clip,
  formatTimestamp,
  normalizeText,
  parseTimingLine,
  readPayload,
  sortCues,
  splitLines,
  SubtitleParseError,
  type Cue,
  type ParsedCue,
} from './cue';

/**
 * Reads an SRT file: BOM and CRLF/CR are fine, the cue number is optional, timestamps need a comma
 * and three decimals (hours optional), coordinates after the end time and markup (`<i>`, `<font>`,
 * `{\an8}`) are ignored. Cues come back sorted by start. Throws SubtitleParseError ("Line N: …").
 */
export function parseSrt(content: string): ParsedCue[] {
  const lines = splitLines(content);
  const cues: ParsedCue[] = [];
  for (const block of blocksOf(lines)) {
    const head = block.lines[0] as string;
    let timing: number;
    if (head.includes('-->')) timing = 0;
    else if (block.lines[1]?.includes('-->')) timing = 1;
    else if (/^\d+$/.test(head.trim())) {
      throw new SubtitleParseError(
        block.first + 2,
        `expected a cue timing like "00:00:01,000 --> 00:00:04,000" after cue number ${head.trim()}, but found ${block.lines[1] === undefined ? 'a blank line' : `"${clip(block.lines[1])}"`}.`,
      );
    } else {
      throw new SubtitleParseError(
        block.first + 1,
        `expected a cue number followed by a timing like "00:00:01,000 --> 00:00:04,000" but found "${clip(head)}" (a blank line ends a cue, so cue text cannot contain blank lines).`,
      );
    }
    const lineNo = block.first + timing + 1;
    const { start, end } = parseTimingLine(block.lines[timing] as string, lineNo, 'srt');
    const payload = block.lines.slice(timing + 1);
    const arrow = payload.findIndex((l) => l.includes('-->'));
    if (arrow >= 0) {
      throw new SubtitleParseError(lineNo + 1 + arrow, 'a cue timing inside the previous cue; put a blank line before each cue.');
    }
    cues.push({ start, end, ...readPayload(payload, false), line: lineNo });
  }
  return sortCues(cues);
}

/** Writes cues as SRT: numbered, `hh:mm:ss,mmm` times, speakers as `Name: ` prefixes. */
export function serializeSrt(cues: readonly Cue[]): string {
  const out: string[] = [];
  cues.forEach((cue, n) => {
    const text = normalizeText(cue.text);
    const speaker = cue.speaker ? normalizeText(cue.speaker) : '';
    out.push(String(n + 1), `${formatTimestamp(cue.start, ',')} --> ${formatTimestamp(cue.end, ',')}`);
    const payload = speaker ? `${speaker}: ${text}` : text;
    if (payload) out.push(payload);
    out.push('');
  });
  return out.join('\n');
}
