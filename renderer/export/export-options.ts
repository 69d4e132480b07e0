/** The Export dialog's choices in plain data: the format groups, the target path, and the feedback package's options checked before starting. */
import { EXPORT_FORMATS, type ExportFormat, type PackageOptions } from '../../shared/domain/export';
import { DEFAULT_SPEAKER_NAMES, type SpeakerRole } from '../../shared/domain/transcript';

export const FORMAT_GROUPS: readonly { label: string; formats: readonly ExportFormat[] }[] = [
  { label: 'Feedback report', formats: ['pdf', 'html'] },
  { label: 'For the trainee', formats: ['package'] },
  { label: 'Annotations', formats: ['csv', 'json'] },
  { label: 'Transcript', formats: ['vtt', 'srt', 'txt', 'docx'] },
  { label: 'ELAN', formats: ['eaf'] },
];

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);
}

const lastSeparator = (p: string): number => Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));

/** The file name part of a path (either separator: the Node side may be Windows). */
export function baseName(p: string): string {
  return p.slice(lastSeparator(p) + 1);
}

/** The folder part of a path, '' when it has none. */
export function folderOf(p: string): string {
  const at = lastSeparator(p);
  return at < 0 ? '' : p.slice(0, at);
}

/**
 * The path for a newly chosen format: the suggested file name, in the folder the user had chosen
 * (their folder is kept; the name follows the format).
 */
export function pathForFormat(current: string, suggested: string): string {
  const at = lastSeparator(current.trim());
  if (at < 0) return suggested;
  return current.trim().slice(0, at + 1) + baseName(suggested);
}

/** The names and places to replace, one per line: trimmed, blank lines and repeats (any case) dropped. */
export function parseTerms(text: string): string[] {
  const seen = new Set<string>();
  const terms: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const term = line.trim();
    if (!term || seen.has(term.toLocaleLowerCase())) continue;
    seen.add(term.toLocaleLowerCase());
    terms.push(term);
  }
  return terms;
}

/** The client's name from the transcript's speaker names, when someone gave one (not the default "Client"). */
export function prefilledTerms(speakerNames: Record<SpeakerRole, string> | null | undefined): string {
  const name = speakerNames?.client.trim() ?? '';
  return name && name.toLocaleLowerCase() !== DEFAULT_SPEAKER_NAMES.client.toLocaleLowerCase() ? name : '';
}

export interface PackageForm {
  media: PackageOptions['media'];
  preRoll: string;
  postRoll: string;
  terms: string;
  bleep: boolean;
  protect: boolean;
  passphrase: string;
  confirm: string;
}

export type PackageField = 'preRoll' | 'postRoll' | 'terms' | 'passphrase' | 'confirm';

export const MIN_PASSPHRASE = 8;

function seconds(text: string, label: string): number | string {
  const value = Number(text.trim().replace(',', '.'));
  if (text.trim() === '' || !Number.isFinite(value)) return `${label} must be a number of seconds.`;
  if (value < 0) return `${label} cannot be negative.`;
  if (value > 60) return `${label} is at most 60 seconds.`;
  return value;
}

/** The package options, or the first problem in plain words and the field it is about. */
export function packageOptionsOf(form: PackageForm): { ok: true; options: PackageOptions } | { ok: false; field: PackageField; message: string } {
  let clipPreRoll = 5;
  let clipPostRoll = 5;
  if (form.media === 'clips') {
    const pre = seconds(form.preRoll, 'The time before each moment');
    if (typeof pre === 'string') return { ok: false, field: 'preRoll', message: pre };
    const post = seconds(form.postRoll, 'The time after each moment');
    if (typeof post === 'string') return { ok: false, field: 'postRoll', message: post };
    clipPreRoll = pre;
    clipPostRoll = post;
  }
  const terms = parseTerms(form.terms);
  const long = terms.find((t) => t.length > 200);
  if (long) return { ok: false, field: 'terms', message: `“${long.slice(0, 40)}…” is too long to replace (at most 200 characters a line).` };
  if (terms.length > 200) return { ok: false, field: 'terms', message: 'List at most 200 names and places.' };
  let passphrase: string | null = null;
  if (form.protect) {
    if (form.passphrase.length < MIN_PASSPHRASE) {
      return { ok: false, field: 'passphrase', message: form.passphrase ? `The passphrase needs at least ${MIN_PASSPHRASE} characters.` : 'Enter a passphrase, or turn off the protection.' };
    }
    if (form.confirm !== form.passphrase) return { ok: false, field: 'confirm', message: 'The two passphrases are not the same.' };
    passphrase = form.passphrase;
  }
  return {
    ok: true,
    options: {
      media: form.media,
      clipPreRoll,
      clipPostRoll,
      deidentify: terms.length > 0 ? { terms, bleep: form.bleep && form.media !== 'none' } : null,
      passphrase,
    },
  };
}
