/** Subtitle cues and the helpers the WebVTT and SRT readers and writers share. Pure: no Node, no DOM. */

export type SubtitleFormat = 'vtt' | 'srt';

/** One timed line of speech. Times in seconds; `text` is one line with single spaces. */
export interface Cue {
  start: number;
  end: number;
  /** The speaker's name from a `<v Name>` tag or a `Name:` prefix, else null. */
  speaker: string | null;
  text: string;
}

/** A cue as read from a file, with the (1-based) line its timing is on, for messages. */
export interface ParsedCue extends Cue {
  line: number;
}

/** A file that is not valid WebVTT or SRT. `line` is 1-based; the message starts with "Line N: ". */
export class SubtitleParseError extends Error {
  readonly line: number;
  constructor(line: number, detail: string) {
    super(`Line ${line}: ${detail}`);
    this.name = 'SubtitleParseError';
    this.line = line;
  }
}

/** Lines of a text file: without a byte-order mark, split at CRLF, LF or CR. */
export function splitLines(content: string): string[] {
  const body = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  return body.split(/\r\n|\r|\n/);
}

export const isBlank = (line: string): boolean => line.trim() === '';

/** Blocks of non-blank lines, each with the 0-based index of its first line. */
export function blocksOf(lines: readonly string[], from = 0): { first: number; lines: string[] }[] {
  const blocks: { first: number; lines: string[] }[] = [];
  let current: { first: number; lines: string[] } | null = null;
  for (let i = from; i < lines.length; i++) {
    const line = lines[i] as string;
    if (isBlank(line)) {
      current = null;
      continue;
    }
    if (!current) {
      current = { first: i, lines: [] };
      blocks.push(current);
    }
    current.lines.push(line);
  }
  return blocks;
}

/** `hh:mm:ss` + separator + `mmm`, hours at least two digits. */
export function formatTimestamp(seconds: number, separator: '.' | ','): string {
  const totalMs = Math.max(0, Math.round(seconds * 1000));
  const ms = totalMs % 1000;
  const totalS = Math.floor(totalMs / 1000);
  const h = Math.floor(totalS / 3600);
  const m = Math.floor((totalS % 3600) / 60);
  const s = totalS % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(h)}:${two(m)}:${two(s)}${separator}${String(ms).padStart(3, '0')}`;
}

/**
 * Reads a time loosely (optional hours, 1–3 fraction digits, either decimal mark) to suggest the
 * correct spelling in an error message. Answers seconds, or null when it is not a time at all.
 */
export function looseTimestamp(text: string): number | null {
  const m = /^(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:[.,:](\d{1,3}))?$/.exec(text);
  if (!m) return null;
  const [, h, min, s, frac] = m;
  if (Number(min) > 59 || Number(s) > 59) return null;
  const fraction = frac ? Number(frac.padEnd(3, '0')) / 1000 : 0;
  return Number(h ?? 0) * 3600 + Number(min) * 60 + Number(s) + fraction;
}

/** Parses a strict timestamp: optional hours, two-digit minutes and seconds, the given decimal mark, three digits. */
export function strictTimestamp(text: string, separator: '.' | ','): number | null {
  const re = separator === '.' ? /^(?:(\d+):)?(\d{2}):(\d{2})\.(\d{3})$/ : /^(?:(\d+):)?(\d{2}):(\d{2}),(\d{3})$/;
  const m = re.exec(text);
  if (!m) return null;
  const [, h, min, s, ms] = m;
  if (Number(min) > 59 || Number(s) > 59) return null;
  return Number(h ?? 0) * 3600 + Number(min) * 60 + Number(s) + Number(ms) / 1000;
}

/** One line, single spaces, trimmed. */
export function normalizeText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * A speaker prefix: up to three capitalised words (a word may also be a number, as in "Speaker 2";
 * initials and "Dr." are fine), a colon, then the words spoken. Longer or lower-case prefixes are
 * taken as part of what was said.
 */
const NAME_WORD = String.raw`\p{Lu}[\p{L}\p{M}'’.\-]*`;
const PREFIX = new RegExp(String.raw`^(${NAME_WORD}(?:[ \t]+(?:${NAME_WORD}|\d{1,3})){0,2}):[ \t]+(\S.*)$`, 'u');
export const MAX_SPEAKER_NAME = 60;

export function splitSpeakerPrefix(text: string): { speaker: string | null; text: string } {
  const m = PREFIX.exec(text);
  if (!m || !m[1] || m[1].length > MAX_SPEAKER_NAME) return { speaker: null, text };
  return { speaker: m[1], text: m[2] ?? '' };
}

/** Sorted by start (then end), stably: overlapping cues are allowed. */
export function sortCues<T extends Cue>(cues: T[]): T[] {
  return cues
    .map((cue, i) => ({ cue, i }))
    .sort((a, b) => a.cue.start - b.cue.start || a.cue.end - b.cue.end || a.i - b.i)
    .map((x) => x.cue);
}

/** The checks both formats make on a cue's timing line (`start --> end[ settings]`). */
export function parseTimingLine(
  line: string,
  lineNo: number,
  format: SubtitleFormat,
): { start: number; end: number } {
  const separator = format === 'vtt' ? '.' : ',';
  const name = format === 'vtt' ? 'WebVTT' : 'SRT';
  const m = /^\s*(\S+?)[ \t]*-->[ \t]*(\S+)(?:[ \t]+.*)?$/.exec(line);
  if (!m) {
    throw new SubtitleParseError(
      lineNo,
      `expected a cue timing like "${formatTimestamp(1, separator)} --> ${formatTimestamp(4, separator)}" but found "${clip(line)}".`,
    );
  }
  const read = (text: string): number => {
    const value = strictTimestamp(text, separator);
    if (value !== null) return value;
    const loose = looseTimestamp(text);
    const hint = loose !== null ? formatTimestamp(loose, separator) : formatTimestamp(62, separator);
    throw new SubtitleParseError(
      lineNo,
      `the time '${clip(text)}' is not a valid ${name} timestamp (use ${loose !== null ? hint : `a time like ${hint}`}).`,
    );
  };
  const start = read(m[1] as string);
  const end = read(m[2] as string);
  if (end < start) {
    throw new SubtitleParseError(
      lineNo,
      `the cue ends (${formatTimestamp(end, separator)}) before it starts (${formatTimestamp(start, separator)}).`,
    );
  }
  return { start, end };
}

export function clip(text: string, max = 40): string {
  const t = text.trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  lrm: '\u200e',
  rlm: '\u200f',
};

/** Decodes the character references WebVTT allows (`&amp;`, `&#58;`, `&#x3A;`, …); unknown ones stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/**
 * A cue's payload lines → speaker and text. The speaker comes from the first `<v Name>` voice tag,
 * else from a `Name:` prefix. Markup (`<i>`, `<c.x>`, `<00:00:01.000>`, `{\an8}`) is dropped; with
 * `entities`, character references are decoded (WebVTT) — after the prefix is looked for, so an
 * escaped colon (`&#58;`) is never taken for a speaker prefix.
 */
export function readPayload(lines: readonly string[], entities: boolean): { speaker: string | null; text: string } {
  const raw = lines.join('\n');
  const decode = (s: string) => (entities ? decodeEntities(s) : s);
  const voice = /<v(?:\.[^\s>]*)?[ \t]+([^>]*)>/.exec(raw);
  const stripped = normalizeText(raw.replace(/<[^>]*>/g, '').replace(/\{\\[^}]*\}/g, ''));
  const voiceName = voice?.[1] ? normalizeText(decode(voice[1])) : '';
  if (voiceName) return { speaker: voiceName.slice(0, MAX_SPEAKER_NAME), text: normalizeText(decode(stripped)) };
  const prefixed = splitSpeakerPrefix(stripped);
  return { speaker: prefixed.speaker === null ? null : decode(prefixed.speaker), text: normalizeText(decode(prefixed.text)) };
}
