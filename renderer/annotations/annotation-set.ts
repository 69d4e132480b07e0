/**
 * A session's annotations as the window holds them: a map by id, changed only through
 * `applyChanges`, which is idempotent (an event or answer seen twice changes nothing) and answers
 * the same map when nothing changed, so React skips the re-render.
 */
import type { Annotation } from '../../shared/domain/annotation';

export type AnnotationMap = ReadonlyMap<string, Annotation>;

function sameAnnotation(a: Annotation, b: Annotation): boolean {
  return (
    a.updatedAt === b.updatedAt &&
    a.codeId === b.codeId &&
    a.start === b.start &&
    a.end === b.end &&
    a.comment === b.comment &&
    a.modelResponse === b.modelResponse &&
    a.author === b.author &&
    a.segmentIds.length === b.segmentIds.length &&
    a.segmentIds.every((id, i) => id === b.segmentIds[i])
  );
}

/**
 * Upserts and removals, from our own answers or from `annotations.changed`. A stored annotation is
 * only replaced by one at least as new (updatedAt), so a late echo never undoes a later edit.
 */
export function applyChanges(current: AnnotationMap, upserted: readonly Annotation[], deletedIds: readonly string[] = []): AnnotationMap {
  let next: Map<string, Annotation> | null = null;
  const writable = () => (next ??= new Map(current));
  for (const a of upserted) {
    const had = (next ?? current).get(a.id);
    if (had && (had.updatedAt > a.updatedAt || sameAnnotation(had, a))) continue;
    writable().set(a.id, a);
  }
  for (const id of deletedIds) {
    if ((next ?? current).has(id)) writable().delete(id);
  }
  return next ?? current;
}

/** In time order (start, then end, moments before spans, then creation), the order of the list and the regions. */
export function byTime(a: Annotation, b: Annotation): number {
  return a.start - b.start || (a.end ?? a.start) - (b.end ?? b.start) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}

export function sortedByTime(map: AnnotationMap): Annotation[] {
  return [...map.values()].sort(byTime);
}

/**
 * `previous` (the time order of `before`) brought in line with `after` without sorting everything
 * again: a few changed annotations are taken out and put back in place by binary search, so adding
 * one to 5,000 costs a copy, not a sort. Many changes at once fall back to a full sort.
 */
export function resorted(previous: readonly Annotation[], before: AnnotationMap, after: AnnotationMap): readonly Annotation[] {
  if (after === before) return previous;
  const changed: Annotation[] = [];
  let removed = 0;
  for (const a of previous) {
    const now = after.get(a.id);
    if (now !== a) removed++;
  }
  for (const a of after.values()) if (before.get(a.id) !== a) changed.push(a);
  if (changed.length + removed > 64 || previous.length !== before.size) return sortedByTime(after);
  const rows = removed > 0 ? previous.filter((a) => after.get(a.id) === a) : [...previous];
  for (const a of changed.sort(byTime)) {
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (byTime(rows[mid]!, a) <= 0) lo = mid + 1;
      else hi = mid;
    }
    rows.splice(lo, 0, a);
  }
  return rows;
}

/**
 * The transcript segments an annotation is about, by time: those a span overlaps; for a moment the
 * segment containing it, else the one starting nearest to it within 2 seconds (the same rule as
 * "what was said", transcriptTextFor).
 */
export function overlappingSegmentIds(annotation: Pick<Annotation, 'start' | 'end'>, segments: readonly { id: string; start: number; end: number }[]): string[] {
  const from = annotation.start;
  if (annotation.end !== null && annotation.end > from) {
    const to = annotation.end;
    return segments.filter((s) => s.start < to && from < s.end).map((s) => s.id);
  }
  const containing = segments.find((s) => s.start <= from && from < s.end) ?? segments.find((s) => s.start <= from && from <= s.end);
  if (containing) return [containing.id];
  let nearest: { id: string; start: number } | undefined;
  for (const s of segments) {
    const distance = Math.abs(s.start - from);
    if (distance <= 2 && (!nearest || distance < Math.abs(nearest.start - from))) nearest = s;
  }
  return nearest ? [nearest.id] : [];
}
