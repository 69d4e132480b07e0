/** Subtitle files (WebVTT, SRT) in and out. Pure: no Node, no DOM. */
import type { ParsedCue, SubtitleFormat } from './cue';
import { parseSrt } from './srt';
import { parseWebVtt } from './webvtt';

export * from './cue';
export { parseWebVtt, serializeWebVtt } from './webvtt';
export { parseSrt, serializeSrt } from './srt';
export { serializePlainText } from './plain-text';

/**
 * Which format a file is in: by its extension (.vtt / .srt), else by its content (a "WEBVTT" first
 * line; a cue number or a timing line first). Null when it is neither.
 */
export function detectSubtitleFormat(fileName: string, content: string): SubtitleFormat | null {
  const ext = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'vtt' || ext === 'webvtt') return 'vtt';
  if (ext === 'srt') return 'srt';
  const body = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  if (/^WEBVTT(?:[ \t\r\n]|$)/.test(body)) return 'vtt';
  const firstLine = body.split(/\r\n|\r|\n/).find((l) => l.trim() !== '')?.trim() ?? '';
  if (/^\d+$/.test(firstLine) || /^[\d:.,]+\s*-->/.test(firstLine)) return 'srt';
  return null;
}

export function parseSubtitles(content: string, format: SubtitleFormat): ParsedCue[] {
  return format === 'vtt' ? parseWebVtt(content) : parseSrt(content);
}
