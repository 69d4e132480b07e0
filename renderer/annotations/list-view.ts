/** What the annotation list shows: filtered by code, kind and author, sorted by time, code or author. */
import type { Annotation, Code, CodeKind } from '../../shared/domain/annotation';
import { byTime } from './annotation-set';

export type SortKey = 'time' | 'code' | 'author';

export interface ListFilter {
  /** A code id, or null for every code. */
  codeId: string | null;
  kind: CodeKind | null;
  author: string | null;
}

export const NO_FILTER: ListFilter = { codeId: null, kind: null, author: null };

export function isFiltered(filter: ListFilter): boolean {
  return filter.codeId !== null || filter.kind !== null || filter.author !== null;
}

/**
 * The rows to show. `sorted` is already in time order; sorting by code follows the codebook's
 * order (unknown codes last) and keeps time order within a code, likewise for authors.
 */
export function listRows(sorted: readonly Annotation[], codes: ReadonlyMap<string, Code>, codeOrder: ReadonlyMap<string, number>, filter: ListFilter, sort: SortKey): readonly Annotation[] {
  const filtered = isFiltered(filter)
    ? sorted.filter(
        (a) =>
          (filter.codeId === null || a.codeId === filter.codeId) &&
          (filter.kind === null || codes.get(a.codeId)?.kind === filter.kind) &&
          (filter.author === null || a.author === filter.author),
      )
    : sorted;
  if (sort === 'time') return filtered;
  const rows = [...filtered];
  if (sort === 'code') {
    const rank = (a: Annotation) => codeOrder.get(a.codeId) ?? Number.MAX_SAFE_INTEGER;
    rows.sort((a, b) => rank(a) - rank(b) || a.codeId.localeCompare(b.codeId) || byTime(a, b));
  } else {
    rows.sort((a, b) => a.author.localeCompare(b.author, undefined, { sensitivity: 'base' }) || byTime(a, b));
  }
  return rows;
}

/** Every author that appears, alphabetically. */
export function authorsOf(annotations: readonly Annotation[]): string[] {
  return [...new Set(annotations.map((a) => a.author))].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' }));
}

/** How many annotations use each code. */
export function codeCounts(annotations: readonly Annotation[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const a of annotations) counts.set(a.codeId, (counts.get(a.codeId) ?? 0) + 1);
  return counts;
}
