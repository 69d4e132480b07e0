/** STUB (to be implemented by the codebook helper): every codebook, loaded once and kept fresh by `codebooks.changed`. */
import type { Codebook } from '../../shared/domain/annotation';

/** All codebooks, or null while loading. */
export function useCodebooks(): Codebook[] | null {
  return null;
}

/** One codebook by id (null while loading or when unknown). */
export function useCodebook(codebookId: string | null): Codebook | null {
  void codebookId;
  return null;
}
