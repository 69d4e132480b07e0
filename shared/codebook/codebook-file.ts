/** Codebooks as JSON files, and the rules every codebook obeys (unique ids and hotkeys, no reserved keys). */
import { codeSchema } from '../api/contract';
import type { Code, Codebook } from '../domain/annotation';
import { parseJsonFile } from '../annotations/json-text';
import { HOTKEY_PATTERN, RESERVED_HOTKEYS } from './default-codebook';

export const CODEBOOK_FORMAT = 'attune.codebook';
export const CODEBOOK_VERSION = 1;
export const MAX_CODES = 500;
const MAX_ID_LENGTH = 80;
const MAX_NAME_LENGTH = 120;
const DEFAULT_IMPORTED_NAME = 'Imported codebook';

/** A codebook file that cannot be read; the message says why in plain words. */
export class CodebookFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CodebookFileError';
  }
}

/** Turns a name into a code id: "Complex reflection" → "complex-reflection". */
export function kebabCase(name: string): string {
  const id = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_ID_LENGTH)
    .replace(/-+$/, '');
  return id === '' ? 'code' : id;
}

/** How a key is named in messages. */
function keyLabel(key: string): string {
  return key === ' ' ? 'Space' : `"${key}"`;
}

/**
 * The first rule a set of codes breaks, in plain words (null when they are fine): duplicate ids,
 * duplicate hotkeys, a reserved hotkey (see RESERVED_HOTKEYS), a hotkey outside HOTKEY_PATTERN.
 */
export function codebookProblem(codes: readonly Pick<Code, 'id' | 'name' | 'hotkey'>[]): string | null {
  const byId = new Map<string, Pick<Code, 'id' | 'name'>>();
  for (const code of codes) {
    const other = byId.get(code.id);
    if (other) return `Two codes have the id "${code.id}" (“${other.name}” and “${code.name}”). Every code needs its own id.`;
    byId.set(code.id, code);
  }
  const byKey = new Map<string, Pick<Code, 'name'>>();
  for (const code of codes) {
    if (code.hotkey === null) continue;
    const key = code.hotkey.toLowerCase();
    const other = byKey.get(key);
    if (other) return `The key ${keyLabel(key)} is the hotkey of both “${other.name}” and “${code.name}”. Give one of them another key.`;
    byKey.set(key, code);
  }
  for (const code of codes) {
    if (code.hotkey !== null && RESERVED_HOTKEYS.includes(code.hotkey.toLowerCase())) {
      return `The key ${keyLabel(code.hotkey)} cannot be the hotkey of “${code.name}”: it is used for playback and the timeline while reviewing.`;
    }
  }
  for (const code of codes) {
    if (code.hotkey !== null && !HOTKEY_PATTERN.test(code.hotkey)) {
      return `The hotkey ${keyLabel(code.hotkey)} of “${code.name}” cannot be used: a hotkey is one lower-case letter or a digit from 1 to 9.`;
    }
  }
  return null;
}

/** `{ format: "attune.codebook", version: 1, name, codes: [...] }`, pretty-printed. */
export function codebookToJson(codebook: Codebook): string {
  const codes = codebook.codes.map((c): Code => ({
    id: c.id,
    name: c.name,
    definition: c.definition,
    kind: c.kind,
    color: c.color,
    hotkey: c.hotkey,
    miti: c.miti,
    missedOpportunity: c.missedOpportunity,
    enabled: c.enabled,
  }));
  return `${JSON.stringify({ format: CODEBOOK_FORMAT, version: CODEBOOK_VERSION, name: codebook.name, codes }, null, 2)}\n`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a codebook file: checks format and version, every code's fields (codeSchema), and codebookProblem. Throws Error with a specific message. */
export function parseCodebookJson(text: string): { name: string; codes: Code[] } {
  const data = parseJsonFile(text, (message) => new CodebookFileError(message));
  const notCodebook = 'This is not an Attune codebook file.';
  if (!isRecord(data)) throw new CodebookFileError(notCodebook);
  if (data.format !== CODEBOOK_FORMAT && !(data.format === undefined && Array.isArray(data.codes))) throw new CodebookFileError(notCodebook);
  if (data.version !== undefined) {
    if (typeof data.version !== 'number' || !Number.isInteger(data.version) || data.version < 1) {
      throw new CodebookFileError('The codebook file has an unknown version number.');
    }
    if (data.version > CODEBOOK_VERSION) throw new CodebookFileError('This codebook was made by a newer version of Attune. Update Attune to open it.');
  }

  let name = DEFAULT_IMPORTED_NAME;
  if (data.name !== undefined && data.name !== null) {
    if (typeof data.name !== 'string') throw new CodebookFileError('The codebook’s name must be text.');
    if (data.name.trim().length > MAX_NAME_LENGTH) throw new CodebookFileError(`The codebook’s name is too long (at most ${MAX_NAME_LENGTH} characters).`);
    if (data.name.trim() !== '') name = data.name.trim();
  }

  if (!Array.isArray(data.codes) || data.codes.length === 0) throw new CodebookFileError('The codebook has no codes.');
  if (data.codes.length > MAX_CODES) {
    throw new CodebookFileError(`A codebook can hold at most ${MAX_CODES} codes; this file has ${data.codes.length}.`);
  }

  const codes = data.codes.map((raw: unknown, i): Code => {
    const label = isRecord(raw) && typeof raw.id === 'string' && raw.id.trim() !== '' ? `Code ${i + 1} ("${raw.id.trim()}")` : `Code ${i + 1}`;
    const parsed = codeSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue && issue.path.length > 0 ? ` (the field "${issue.path.join('.')}")` : '';
      throw new CodebookFileError(`${label}: ${issue?.message ?? 'this is not a valid code.'}${field}`);
    }
    return parsed.data;
  });

  const problem = codebookProblem(codes);
  if (problem) throw new CodebookFileError(problem);
  return { name, codes };
}
