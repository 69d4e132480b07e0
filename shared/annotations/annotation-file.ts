/**
 * Annotation files in and out: CSV and JSON with the same columns (the export issue uses them too).
 * CSV columns: start,end,code,code_name,kind,author,comment,transcript_text,model_response — start and
 * end in seconds, end empty for a moment, code an id or a name. On import only start, end, code and
 * comment are required; other columns are optional and unknown columns are refused by name.
 */
import type { Code, CodeKind } from '../domain/annotation';
import { parseJsonFile } from './json-text';
import { CsvError, neutraliseFormula, parseCsv, unneutraliseFormula, writeCsv } from './csv';

export const ANNOTATION_COLUMNS = ['start', 'end', 'code', 'code_name', 'kind', 'author', 'comment', 'transcript_text', 'model_response'] as const;

/** One annotation read from a file, before it is checked against a codebook and a recording. */
export interface AnnotationRecord {
  start: number;
  end: number | null;
  /** As written in the file: a code id or a code name. */
  code: string;
  comment: string;
  /** Null when the file does not say (the importer uses the profile name). */
  author: string | null;
  modelResponse: string;
  /** Where it came from, for messages: "line 14" (CSV, the record's first line) or "annotation 3" (JSON, 1-based). */
  where: string;
}

/** One annotation as exported. */
export interface AnnotationExportRow {
  start: number;
  end: number | null;
  codeId: string;
  codeName: string;
  kind: CodeKind | '';
  author: string;
  comment: string;
  transcriptText: string;
  modelResponse: string;
}

/** A file that cannot be read as annotations; the message names the line or entry. */
export class AnnotationFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AnnotationFileError';
  }
}

const REQUIRED_COLUMNS = ['start', 'end', 'code', 'comment'] as const;
/** Other names a column may go by in a file. */
const COLUMN_ALIASES: Record<string, (typeof ANNOTATION_COLUMNS)[number]> = {
  what_could_have_been_said: 'model_response',
  code_id: 'code',
};
type Column = (typeof ANNOTATION_COLUMNS)[number];
const KNOWN_COLUMNS: ReadonlySet<string> = new Set(ANNOTATION_COLUMNS);

const NO_ANNOTATIONS = 'The file has no annotations.';

/** A header cell as a column name: trimmed, lower case, spaces and hyphens as underscores. */
function columnName(header: string): string {
  return header.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/**
 * Seconds from a cell: a plain number ("83.5") or a clock ("1:23.5", "0:01:23.500"). Undefined when
 * the text is neither; a negative number comes back negative so the caller can say so.
 */
export function parseSeconds(text: string): number | undefined {
  const t = text.trim();
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) {
    const n = Number(t);
    return Number.isFinite(n) ? n : undefined;
  }
  const clock = /^(?:(\d+):([0-5]\d)|(\d+)):([0-5]?\d(?:\.\d+)?)$/.exec(t);
  if (!clock) return undefined;
  const [, hours, minutesAfterHours, minutesOnly, secs] = clock;
  const minutes = Number(minutesAfterHours ?? minutesOnly);
  const value = Number(hours ?? 0) * 3600 + minutes * 60 + Number(secs);
  return Number.isFinite(value) ? value : undefined;
}

function secondsCell(where: string, label: 'start' | 'end', raw: string): number {
  const value = parseSeconds(raw);
  if (value === undefined) throw new AnnotationFileError(`${where}: the ${label} "${raw.trim()}" is not a number of seconds.`);
  if (value < 0) throw new AnnotationFileError(`${where}: the ${label} "${raw.trim()}" is before the start of the recording.`);
  return value;
}

/** start/end checks shared by both formats; a span that ends where it starts is a moment. */
function checkedEnd(where: string, start: number, end: number | null): number | null {
  if (end === null) return null;
  if (end < start) throw new AnnotationFileError(`${where}: the end (${end}) comes before the start (${start}).`);
  return end === start ? null : end;
}

/** Parses a CSV annotation file (RFC 4180; header row required). Throws AnnotationFileError. */
export function parseAnnotationCsv(text: string): AnnotationRecord[] {
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvError) throw new AnnotationFileError(error.message);
    throw error;
  }
  const [header, ...rows] = records;
  if (!header) throw new AnnotationFileError(NO_ANNOTATIONS);

  if (header.fields.length === 1) {
    const separator = header.fields[0]?.includes(';') ? 'semicolons' : header.fields[0]?.includes('\t') ? 'tabs' : null;
    if (separator) {
      throw new AnnotationFileError(`Line ${header.line}: the columns are separated by ${separator}, not commas. Save the file as “CSV (comma delimited)” and try again.`);
    }
  }
  const index = new Map<Column, number>();
  const unknown: string[] = [];
  header.fields.forEach((cell, i) => {
    const name = columnName(cell);
    const column = (COLUMN_ALIASES[name] ?? name) as Column;
    if (!KNOWN_COLUMNS.has(column)) {
      unknown.push(`"${cell.trim()}"`);
      return;
    }
    if (index.has(column)) throw new AnnotationFileError(`Line ${header.line}: the column "${column}" appears twice in the first row.`);
    index.set(column, i);
  });
  if (unknown.length > 0) {
    throw new AnnotationFileError(
      `Line ${header.line}: ${unknown.length === 1 ? 'the column' : 'the columns'} ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not known. ` +
        `The columns can be: ${ANNOTATION_COLUMNS.join(', ')}.`,
    );
  }
  const missing = REQUIRED_COLUMNS.filter((c) => !index.has(c));
  if (missing.length > 0) {
    throw new AnnotationFileError(
      `The file has no ${missing.map((c) => `"${c}"`).join(', ')} ${missing.length === 1 ? 'column' : 'columns'}. ` +
        `The first row must name the columns, including ${REQUIRED_COLUMNS.join(', ')}.`,
    );
  }

  const expected = header.fields.length;
  const out: AnnotationRecord[] = [];
  for (const row of rows) {
    // Rows a spreadsheet leaves with every cell empty are skipped like blank lines.
    if (row.fields.every((f) => f.trim() === '')) continue;
    const where = `Line ${row.line}`;
    if (row.fields.length !== expected) throw new AnnotationFileError(`${where}: expected ${expected} fields, found ${row.fields.length}.`);
    const cell = (column: Column): string | undefined => {
      const i = index.get(column);
      return i === undefined ? undefined : unneutraliseFormula(row.fields[i] ?? '');
    };
    const start = secondsCell(where, 'start', cell('start') ?? '');
    const endText = (cell('end') ?? '').trim();
    const end = checkedEnd(where, start, endText === '' ? null : secondsCell(where, 'end', endText));
    const code = (cell('code') ?? '').trim();
    if (code === '') throw new AnnotationFileError(`${where}: the code is empty.`);
    const author = (cell('author') ?? '').trim();
    out.push({
      start,
      end,
      code,
      comment: cell('comment') ?? '',
      author: author === '' ? null : author,
      modelResponse: cell('model_response') ?? '',
      where: `line ${row.line}`,
    });
  }
  if (out.length === 0) throw new AnnotationFileError(NO_ANNOTATIONS);
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses a JSON annotation file: `{ "annotations": [...] }` as exported, or a bare array. Throws AnnotationFileError. */
export function parseAnnotationJson(text: string): AnnotationRecord[] {
  const data = parseJsonFile(text, (message) => new AnnotationFileError(message));
  let items: unknown[];
  if (Array.isArray(data)) {
    items = data;
  } else if (isRecord(data)) {
    if (data.format !== undefined && data.format !== 'attune.annotations') throw new AnnotationFileError('This is not an Attune annotation file.');
    if (data.version !== undefined) {
      if (typeof data.version !== 'number' || !Number.isInteger(data.version) || data.version < 1) {
        throw new AnnotationFileError('The file has an unknown version number.');
      }
      if (data.version > 1) throw new AnnotationFileError('This annotation file was made by a newer version of Attune. Update Attune to import it.');
    }
    if (data.annotations === undefined) throw new AnnotationFileError('The file has no "annotations" list.');
    if (!Array.isArray(data.annotations)) throw new AnnotationFileError('In the file, "annotations" must be a list.');
    items = data.annotations;
  } else {
    throw new AnnotationFileError('This is not an Attune annotation file.');
  }
  if (items.length === 0) throw new AnnotationFileError(NO_ANNOTATIONS);

  return items.map((item, i): AnnotationRecord => {
    const where = `Annotation ${i + 1}`;
    if (!isRecord(item)) throw new AnnotationFileError(`${where}: each annotation must be an object with a start, a code and a comment.`);
    const seconds = (label: 'start' | 'end', value: unknown): number => {
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new AnnotationFileError(`${where}: the ${label} must be a number of seconds.`);
      if (value < 0) throw new AnnotationFileError(`${where}: the ${label} (${value}) is before the start of the recording.`);
      return value;
    };
    if (item.start === undefined) throw new AnnotationFileError(`${where}: the start is missing.`);
    const start = seconds('start', item.start);
    const end = checkedEnd(where, start, item.end === undefined || item.end === null ? null : seconds('end', item.end));
    const rawCode = item.code !== undefined ? item.code : item.codeId;
    if (rawCode === undefined) throw new AnnotationFileError(`${where}: the code is missing.`);
    if (typeof rawCode !== 'string' || rawCode.trim() === '') throw new AnnotationFileError(`${where}: the code must be a code id or name.`);
    const text = (label: string, value: unknown): string => {
      if (value === undefined || value === null) return '';
      if (typeof value !== 'string') throw new AnnotationFileError(`${where}: the ${label} must be text.`);
      return value;
    };
    const author = text('author', item.author).trim();
    return {
      start,
      end,
      code: rawCode.trim(),
      comment: text('comment', item.comment),
      author: author === '' ? null : author,
      modelResponse: text('model response', item.modelResponse),
      where: `annotation ${i + 1}`,
    };
  });
}

/** Parses by the file name's extension (.csv / .json), else by content. Throws AnnotationFileError. */
export function parseAnnotationFile(fileName: string, text: string): AnnotationRecord[] {
  const ext = /\.([^./\\]+)$/.exec(fileName.trim())?.[1]?.toLowerCase();
  if (ext === 'csv') return parseAnnotationCsv(text);
  if (ext === 'json') return parseAnnotationJson(text);
  const first = text.replace(/^\ufeff/, '').trimStart()[0];
  return first === '[' || first === '{' ? parseAnnotationJson(text) : parseAnnotationCsv(text);
}

/** Finds a code by id, else by name (case-insensitive, trimmed). */
export function resolveCode(ref: string, codes: readonly Code[]): Code | undefined {
  const wanted = ref.trim();
  const exact = codes.find((c) => c.id === wanted);
  if (exact) return exact;
  const lower = wanted.toLowerCase();
  if (lower === '') return undefined;
  return codes.find((c) => c.name.trim().toLowerCase() === lower) ?? codes.find((c) => c.id.toLowerCase() === lower);
}

/** Seconds as written in files: up to three decimals, no trailing zeros. */
export function formatFileSeconds(value: number): string {
  return Number(value.toFixed(3)).toString();
}

/** CSV text with a header row; text cells that a spreadsheet would run as a formula are neutralised. */
export function annotationsToCsv(rows: readonly AnnotationExportRow[]): string {
  const text = neutraliseFormula;
  return writeCsv([
    [...ANNOTATION_COLUMNS],
    ...rows.map((r) => [
      formatFileSeconds(r.start),
      r.end === null ? '' : formatFileSeconds(r.end),
      text(r.codeId),
      text(r.codeName),
      text(r.kind),
      text(r.author),
      text(r.comment),
      text(r.transcriptText),
      text(r.modelResponse),
    ]),
  ]);
}

/** JSON text: `{ format: "attune.annotations", version: 1, ...extra, annotations: [...] }`. */
export function annotationsToJson(rows: readonly AnnotationExportRow[], extra?: Record<string, unknown>): string {
  const file: Record<string, unknown> = { format: 'attune.annotations', version: 1, ...extra };
  file.format = 'attune.annotations';
  file.version = 1;
  file.annotations = rows.map((r) => ({
    start: r.start,
    end: r.end,
    codeId: r.codeId,
    codeName: r.codeName,
    kind: r.kind,
    author: r.author,
    comment: r.comment,
    transcriptText: r.transcriptText,
    modelResponse: r.modelResponse,
  }));
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * The transcript text of a moment: the linked segments when there are any, else every segment that
 * overlaps the span (for a moment: the segment containing it, or the nearest one starting within 2 s).
 */
export function transcriptTextFor(
  annotation: { start: number; end: number | null; segmentIds: readonly string[] },
  segments: readonly { id: string; start: number; end: number; text: string }[],
): string {
  const ordered = [...segments].sort((a, b) => a.start - b.start || a.end - b.end);
  let chosen: typeof ordered;
  const linked = new Set(annotation.segmentIds);
  if (linked.size > 0 && ordered.some((s) => linked.has(s.id))) {
    chosen = ordered.filter((s) => linked.has(s.id));
  } else if (annotation.end !== null && annotation.end > annotation.start) {
    const { start, end } = annotation as { start: number; end: number };
    chosen = ordered.filter((s) => s.start < end && s.end > start);
  } else {
    const t = annotation.start;
    const containing = ordered.find((s) => s.start <= t && t < s.end) ?? ordered.find((s) => s.start <= t && t <= s.end);
    if (containing) {
      chosen = [containing];
    } else {
      let nearest: (typeof ordered)[number] | undefined;
      for (const s of ordered) {
        const distance = Math.abs(s.start - t);
        if (distance <= 2 && (!nearest || distance < Math.abs(nearest.start - t))) nearest = s;
      }
      chosen = nearest ? [nearest] : [];
    }
  }
  return chosen
    .map((s) => s.text.trim())
    .filter((t) => t !== '')
    .join(' ');
}
