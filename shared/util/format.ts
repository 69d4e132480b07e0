/** Formatting helpers for times, dates, sizes and media facts, for the UI and the command line. Pure functions, no DOM. */

/** `h:mm:ss` for any non-negative number of seconds (floored). `--:--:--` when unknown. */
export function formatClock(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '-:--:--';
  const total = Math.floor(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/** `h:mm:ss.t` (tenths), for precise readouts such as the hover time. */
export function formatClockPrecise(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return formatClock(null);
  const tenths = Math.floor((seconds * 10) % 10);
  return `${formatClock(seconds)}.${tenths}`;
}

/** A compact ruler label: `m:ss` under an hour, `h:mm:ss` above; sub-second steps get tenths. */
export function formatRulerLabel(seconds: number, step: number, longRecording: boolean): string {
  const whole = Math.floor(seconds + 1e-6);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const base = longRecording ? `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}` : `${h * 60 + m}:${String(s).padStart(2, '0')}`;
  if (step < 1) return `${base}.${Math.round((seconds - whole) * 10) % 10}`;
  return base;
}

/**
 * Reads a time typed by a person: `90` or `90.5` (seconds), `m:ss`, `h:mm:ss`, each optionally with
 * a fraction (`1:30.5`). The first part may be any size (`75:00` is 75 minutes); later parts are
 * below 60. Null when the text is not a time.
 */
export function parseClock(text: string): number | null {
  const match = /^(\d+)(?::(\d{1,2}))?(?::(\d{1,2}))?(?:[.,](\d+))?$/.exec(text.trim());
  if (!match) return null;
  const [, first, second, third, fraction] = match;
  const parts = [first, second, third].filter((p): p is string => p !== undefined).map(Number);
  if (parts.slice(1).some((p) => p >= 60)) return null;
  const whole = parts.reduce((total, part) => total * 60 + part, 0);
  const value = fraction === undefined ? whole : whole + Number(`0.${fraction}`);
  return Number.isFinite(value) ? value : null;
}

/** Spoken form for screen readers: "1 hour 3 minutes 5 seconds". */
export function spokenDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return 'unknown';
  const total = Math.floor(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const parts: string[] = [];
  if (h) parts.push(`${h} ${h === 1 ? 'hour' : 'hours'}`);
  if (m) parts.push(`${m} ${m === 1 ? 'minute' : 'minutes'}`);
  if (s || parts.length === 0) parts.push(`${s} ${s === 1 ? 'second' : 'seconds'}`);
  return parts.join(' ');
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** An ISO calendar date (`2026-03-14`) for display, or null when absent or malformed. */
export function formatIsoDate(iso: string | null): string | null {
  if (!iso) return null;
  const t = Date.parse(`${iso}T00:00:00Z`);
  return Number.isNaN(t) ? null : dateFormat.format(t);
}

/** An ISO timestamp for display in local time. */
export function formatTimestamp(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : dateTimeFormat.format(t);
}

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${units[unit] ?? 'TB'}`;
}

const CONTAINER_LABELS: [RegExp, string][] = [
  [/mp4|m4a|mov/, 'MPEG-4 / QuickTime'],
  [/^mp3$/, 'MP3'],
  [/wav/, 'WAV'],
  [/matroska|webm/, 'WebM / Matroska'],
  [/^ogg$/, 'Ogg'],
  [/flac/, 'FLAC'],
  [/^aac$/, 'AAC (ADTS)'],
];

/** ffprobe's format name (`mov,mp4,m4a,3gp,3g2,mj2`) as something a person recognises. */
export function containerLabel(formatName: string): string {
  for (const [pattern, label] of CONTAINER_LABELS) if (pattern.test(formatName)) return label;
  return formatName || 'Unknown';
}

const CODEC_LABELS: Record<string, string> = {
  aac: 'AAC',
  mp3: 'MP3',
  opus: 'Opus',
  vorbis: 'Vorbis',
  flac: 'FLAC',
  alac: 'Apple Lossless',
  h264: 'H.264',
  hevc: 'H.265 / HEVC',
  vp8: 'VP8',
  vp9: 'VP9',
  av1: 'AV1',
  mpeg4: 'MPEG-4 Part 2',
};

export function codecLabel(codec: string | null): string {
  if (!codec) return '—';
  if (codec.startsWith('pcm_')) return `PCM (${codec.slice(4)})`;
  return CODEC_LABELS[codec] ?? codec;
}

export function channelsLabel(channels: number): string {
  if (channels === 1) return 'Mono';
  if (channels === 2) return 'Stereo';
  return `${channels} channels`;
}

export function sampleRateLabel(hz: number): string {
  if (!hz) return '—';
  return `${Number((hz / 1000).toFixed(2))} kHz`;
}

export function pluralise(count: number, one: string, many: string): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}
