/**
 * The undo history of one session's annotations, kept in memory. Pure: it records what happened
 * and says what to do to reverse or repeat it; useAnnotations carries that out against the API.
 *
 * - an add is undone by deleting, and redone by restoring the very same annotation (same id);
 * - a change is undone by changing back to the previous values, and redone by changing again;
 * - a delete is undone by restoring the annotation exactly as it was.
 *
 * Consecutive changes with the same `mergeKey` (typing one comment) fold into one step.
 */
import type { Annotation, AnnotationPatch } from '../../shared/domain/annotation';

export type UndoEntry =
  | { kind: 'create'; annotation: Annotation; label: string }
  | { kind: 'delete'; annotation: Annotation; label: string }
  | { kind: 'update'; id: string; before: AnnotationPatch; after: AnnotationPatch; label: string; mergeKey?: string };

/** What to send to put things as they were (undo) or as they became (redo). */
export type UndoAction =
  | { kind: 'delete'; id: string }
  | { kind: 'restore'; annotation: Annotation }
  | { kind: 'update'; id: string; patch: AnnotationPatch };

/** How many steps are kept; the oldest fall off. */
export const UNDO_LIMIT = 500;

export function undoAction(entry: UndoEntry): UndoAction {
  switch (entry.kind) {
    case 'create':
      return { kind: 'delete', id: entry.annotation.id };
    case 'delete':
      return { kind: 'restore', annotation: entry.annotation };
    case 'update':
      return { kind: 'update', id: entry.id, patch: entry.before };
  }
}

export function redoAction(entry: UndoEntry): UndoAction {
  switch (entry.kind) {
    case 'create':
      return { kind: 'restore', annotation: entry.annotation };
    case 'delete':
      return { kind: 'delete', id: entry.annotation.id };
    case 'update':
      return { kind: 'update', id: entry.id, patch: entry.after };
  }
}

/** The fields `patch` touches, read from `annotation` (the values to go back to). */
export function previousValues(annotation: Annotation, patch: AnnotationPatch): AnnotationPatch {
  const before: AnnotationPatch = {};
  if (patch.codeId !== undefined) before.codeId = annotation.codeId;
  if (patch.start !== undefined) before.start = annotation.start;
  if (patch.end !== undefined) before.end = annotation.end;
  if (patch.comment !== undefined) before.comment = annotation.comment;
  if (patch.modelResponse !== undefined) before.modelResponse = annotation.modelResponse;
  if (patch.segmentIds !== undefined) before.segmentIds = [...annotation.segmentIds];
  return before;
}

/** True when applying `patch` to `annotation` would change nothing. */
export function patchIsNoop(annotation: Annotation, patch: AnnotationPatch): boolean {
  return (
    (patch.codeId === undefined || patch.codeId === annotation.codeId) &&
    (patch.start === undefined || patch.start === annotation.start) &&
    (patch.end === undefined || patch.end === annotation.end) &&
    (patch.comment === undefined || patch.comment === annotation.comment) &&
    (patch.modelResponse === undefined || patch.modelResponse === annotation.modelResponse) &&
    (patch.segmentIds === undefined || (patch.segmentIds.length === annotation.segmentIds.length && patch.segmentIds.every((id, i) => id === annotation.segmentIds[i])))
  );
}

export class UndoStack {
  private done: UndoEntry[] = [];
  private undone: UndoEntry[] = [];

  constructor(private readonly limit = UNDO_LIMIT) {}

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  /** The step Undo would reverse. */
  peekUndo(): UndoEntry | undefined {
    return this.done.at(-1);
  }

  /** The step Redo would repeat. */
  peekRedo(): UndoEntry | undefined {
    return this.undone.at(-1);
  }

  /** Records a new step; anything undone before it can no longer be redone. */
  push(entry: UndoEntry): void {
    this.undone = [];
    const top = this.done.at(-1);
    if (entry.kind === 'update' && entry.mergeKey !== undefined && top?.kind === 'update' && top.mergeKey === entry.mergeKey && top.id === entry.id) {
      // One typing session is one step: keep the first "before", take the latest "after".
      this.done[this.done.length - 1] = { ...top, before: { ...entry.before, ...top.before }, after: { ...top.after, ...entry.after }, label: entry.label };
      return;
    }
    this.done.push(entry);
    if (this.done.length > this.limit) this.done.splice(0, this.done.length - this.limit);
  }

  /** Undo has been carried out: the step moves to the redo side (replaced by `settled` when the answer refines it). */
  markUndone(settled?: UndoEntry): void {
    const entry = this.done.pop();
    if (entry) this.undone.push(settled ?? entry);
  }

  /** Redo has been carried out: the step moves back to the undo side. */
  markRedone(settled?: UndoEntry): void {
    const entry = this.undone.pop();
    if (entry) this.done.push(settled ?? entry);
  }

  /** Drops the step Undo would reverse (it can no longer be carried out, e.g. deleted elsewhere). */
  dropUndo(): void {
    this.done.pop();
  }

  dropRedo(): void {
    this.undone.pop();
  }

  clear(): void {
    this.done = [];
    this.undone = [];
  }
}
