/** Codebooks as JSON files, and the rules every codebook obeys (unique ids and hotkeys, no reserved keys). */
import type { Code, Codebook } from '../domain/annotation';

/** Turns a name into a code id: "Complex reflection" → "complex-reflection". */
export function kebabCase(name: string): string {
  throw new Error('not implemented');
}

/**
 * The first rule a set of codes breaks, in plain words (null when they are fine): duplicate ids,
 * duplicate hotkeys, a reserved hotkey (see RESERVED_HOTKEYS), a hotkey outside HOTKEY_PATTERN.
 */
export function codebookProblem(codes: readonly Pick<Code, 'id' | 'name' | 'hotkey'>[]): string | null {
  throw new Error('not implemented');
}

/** `{ format: "attune.codebook", version: 1, name, codes: [...] }`, pretty-printed. */
export function codebookToJson(codebook: Codebook): string {
  throw new Error('not implemented');
}

/** Reads a codebook file: checks format and version, every code's fields (codeSchema), and codebookProblem. Throws Error with a specific message. */
export function parseCodebookJson(text: string): { name: string; codes: Code[] } {
  throw new Error('not implemented');
}
