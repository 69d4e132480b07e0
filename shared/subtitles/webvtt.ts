/** WebVTT (https://www.w3.org/TR/webvtt1/) → cues, and cues → WebVTT with speakers as `<v Name>` tags. */
import {
  blocksOf,
  clip,
  formatTimestamp,
  parseTimingLine,
  readPayload,
  sortCues,
  splitLines,
  splitSpeakerPrefix,
  SubtitleParseError,
  normalizeText,
  type Cue,
  type ParsedCue,
} from './cue';

const HEADER = /^WEBVTT(?:[ \t].*)?$/;
const SKIPPED_BLOCK = /^(?:NOTE(?:[ \t].*)?|STYLE[ \t]*|REGION[ \t]*)$/;

/**
 * Reads a WebVTT file: BOM, CRLF/CR, NOTE/STYLE/REGION blocks, cue identifiers and cue settings are
 * all fine; timestamps need a dot and three decimals, hours are optional. Cues come back sorted by
 * start. Throws SubtitleParseError ("Line N: …") for anything malformed.
 */
export function parseWebVtt(content: string): ParsedCue[] {
  const lines = splitLines(content);
  const first = lines[0] ?? '';
  if (!HEADER.test(first)) {
    throw new SubtitleParseError(
      1,
      first.trim() === '' && lines.every((l) => l.trim() === '')
        ? 'the file is empty; a WebVTT file begins with the line "WEBVTT".'
        : `a WebVTT file begins with the line "WEBVTT", but this one begins with "${clip(first)}".`,
    );
  }
  // The header runs to the first blank line (or, tolerantly, to the first cue timing).
  let i = 1;
  while (i < lines.length && (lines[i] as string).trim() !== '' && !(lines[i] as string).includes('-->')) i++;

  const cues: ParsedCue[] = [];
  for (const block of blocksOf(lines, i)) {
    const head = block.lines[0] as string;
    if (SKIPPED_BLOCK.test(head)) continue;
    let timing = 0;
    if (!head.includes('-->')) {
      if (block.lines[1]?.includes('-->')) timing = 1;
      else {
        // No timing where one must be: name the line it should have been on.
        const at = block.lines.length > 1 && /^\d+$/.test(head.trim()) ? 1 : 0;
        const found = block.lines[at] ?? '';
        throw new SubtitleParseError(
          block.first + at + 1,
          `expected a cue timing like "00:00:01.000 --> 00:00:04.000" but found "${clip(found)}" (a blank line ends a cue, so cue text cannot contain blank lines).`,
        );
      }
    }
    const lineNo = block.first + timing + 1;
    const { start, end } = parseTimingLine(block.lines[timing] as string, lineNo, 'vtt');
    const payload = block.lines.slice(timing + 1);
    const arrow = payload.findIndex((l) => l.includes('-->'));
    if (arrow >= 0) {
      throw new SubtitleParseError(
        lineNo + 1 + arrow,
        'a cue timing inside the previous cue; put a blank line before each cue.',
      );
    }
    cues.push({ start, end, ...readPayload(payload, true), line: lineNo });
  }
  return sortCues(cues);
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Writes cues as WebVTT: numbered cues, `hh:mm:ss.mmm` times, speakers as `<v Name>`. */
export function serializeWebVtt(cues: readonly Cue[]): string {
  const out = ['WEBVTT', ''];
  cues.forEach((cue, n) => {
    let text = escapeText(normalizeText(cue.text));
    const speaker = cue.speaker ? normalizeText(cue.speaker) : '';
    // Without a speaker, text that looks like "Name: …" gets its colon escaped so it reads back as text.
    if (!speaker && splitSpeakerPrefix(text).speaker !== null) text = text.replace(':', '&#58;');
    out.push(String(n + 1), `${formatTimestamp(cue.start, '.')} --> ${formatTimestamp(cue.end, '.')}`);
    const payload = speaker ? `<v ${escapeText(speaker)}>${text}` : text;
    if (payload) out.push(payload);
    out.push('');
  });
  return out.join('\n');
}
