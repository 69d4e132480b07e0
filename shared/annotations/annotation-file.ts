/**
 * Annotation files in and out: CSV and JSON with the same columns (the export issue uses them too).
 * CSV columns: start,end,code,code_name,kind,author,comment,transcript_text,model_response — start and
 * end in seconds, end empty for a moment, code an id or a name. On import only start, end, code and
 * comment are required; other columns are optional and unknown columns are refused by name.
 */
import type { Code, CodeKind } from '../domain/annotation';

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

/** Parses a CSV annotation file (RFC 4180; header row required). Throws AnnotationFileError. */
export function parseAnnotationCsv(text: string): AnnotationRecord[] {
  throw new Error('not implemented');
}

/** Parses a JSON annotation file: `{ "annotations": [...] }` as exported, or a bare array. Throws AnnotationFileError. */
export function parseAnnotationJson(text: string): AnnotationRecord[] {
  throw new Error('not implemented');
}

/** Parses by the file name's extension (.csv / .json), else by content. Throws AnnotationFileError. */
export function parseAnnotationFile(fileName: string, text: string): AnnotationRecord[] {
  throw new Error('not implemented');
}

/** Finds a code by id, else by name (case-insensitive, trimmed). */
export function resolveCode(ref: string, codes: readonly Code[]): Code | undefined {
  throw new Error('not implemented');
}

/** CSV text with a header row; text cells that a spreadsheet would run as a formula are neutralised. */
export function annotationsToCsv(rows: readonly AnnotationExportRow[]): string {
  throw new Error('not implemented');
}

/** JSON text: `{ format: "attune.annotations", version: 1, ...extra, annotations: [...] }`. */
export function annotationsToJson(rows: readonly AnnotationExportRow[], extra?: Record<string, unknown>): string {
  throw new Error('not implemented');
}

/**
 * The transcript text of a moment: the linked segments when there are any, else every segment that
 * overlaps the span (for a moment: the segment containing it, or the nearest one starting within 2 s).
 */
export function transcriptTextFor(
  annotation: { start: number; end: number | null; segmentIds: readonly string[] },
  segments: readonly { id: string; start: number; end: number; text: string }[],
): string {
  throw new Error('not implemented');
}
