import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../shared/domain/annotation';
import { patchIsNoop, previousValues, redoAction, undoAction, UndoStack, type UndoEntry } from './undo-stack';

function annotation(overrides: Partial<Annotation> = {}): Annotation {
  return {
    id: 'a1',
    sessionId: 's1',
    codeId: 'open-question',
    start: 184,
    end: null,
    comment: '',
    author: 'Dr. Lee',
    modelResponse: '',
    segmentIds: [],
    createdAt: '2026-03-14T10:00:00.000Z',
    updatedAt: '2026-03-14T10:00:00.000Z',
    ...overrides,
  };
}

describe('undo and redo actions', () => {
  it('undoes an add by deleting it and redoes it by restoring the very same annotation', () => {
    const a = annotation();
    const entry: UndoEntry = { kind: 'create', annotation: a, label: 'added Open question at 3:04' };
    expect(undoAction(entry)).toEqual({ kind: 'delete', id: 'a1' });
    expect(redoAction(entry)).toEqual({ kind: 'restore', annotation: a });
  });

  it('undoes a delete by restoring the annotation exactly as it was', () => {
    const a = annotation({ comment: 'kept' });
    const entry: UndoEntry = { kind: 'delete', annotation: a, label: 'deleted …' };
    expect(undoAction(entry)).toEqual({ kind: 'restore', annotation: a });
    expect(redoAction(entry)).toEqual({ kind: 'delete', id: 'a1' });
  });

  it('undoes a change by changing back only the fields it touched', () => {
    const a = annotation({ start: 10, end: 12, comment: 'old' });
    const patch = { start: 11, end: 14 };
    const before = previousValues(a, patch);
    expect(before).toEqual({ start: 10, end: 12 });
    const entry: UndoEntry = { kind: 'update', id: 'a1', before, after: patch, label: 'moved …' };
    expect(undoAction(entry)).toEqual({ kind: 'update', id: 'a1', patch: { start: 10, end: 12 } });
    expect(redoAction(entry)).toEqual({ kind: 'update', id: 'a1', patch: { start: 11, end: 14 } });
  });

  it('remembers a moment as a moment (end null) when it is turned into a span', () => {
    expect(previousValues(annotation({ end: null }), { end: 190 })).toEqual({ end: null });
  });

  it('knows when a change changes nothing', () => {
    const a = annotation({ comment: 'same', segmentIds: ['s1', 's2'] });
    expect(patchIsNoop(a, { comment: 'same', segmentIds: ['s1', 's2'] })).toBe(true);
    expect(patchIsNoop(a, { comment: 'same', segmentIds: ['s2', 's1'] })).toBe(false);
    expect(patchIsNoop(a, { end: null })).toBe(true);
    expect(patchIsNoop(a, { end: 200 })).toBe(false);
  });
});

describe('UndoStack', () => {
  const add = (id: string): UndoEntry => ({ kind: 'create', annotation: annotation({ id }), label: `added ${id}` });

  it('undoes in reverse order and redoes in order', () => {
    const stack = new UndoStack();
    stack.push(add('a'));
    stack.push(add('b'));
    expect(stack.peekUndo()?.label).toBe('added b');
    stack.markUndone();
    expect(stack.peekUndo()?.label).toBe('added a');
    expect(stack.peekRedo()?.label).toBe('added b');
    stack.markRedone();
    expect(stack.peekUndo()?.label).toBe('added b');
    expect(stack.canRedo).toBe(false);
  });

  it('forgets what was undone once something new is done', () => {
    const stack = new UndoStack();
    stack.push(add('a'));
    stack.markUndone();
    expect(stack.canRedo).toBe(true);
    stack.push(add('b'));
    expect(stack.canRedo).toBe(false);
    expect(stack.peekUndo()?.label).toBe('added b');
  });

  it('keeps the settled version of a step (the annotation as restored) for the next redo', () => {
    const stack = new UndoStack();
    stack.push(add('a'));
    const settled: UndoEntry = { kind: 'create', annotation: annotation({ id: 'a', comment: 'as it was when deleted' }), label: 'added a' };
    stack.markUndone(settled);
    expect(stack.peekRedo()).toBe(settled);
  });

  it('folds one typing session into one step: the first before, the latest after', () => {
    const stack = new UndoStack();
    stack.push({ kind: 'update', id: 'a', before: { comment: '' }, after: { comment: 'He' }, label: 'edited', mergeKey: 'comment:a:0' });
    stack.push({ kind: 'update', id: 'a', before: { comment: 'He' }, after: { comment: 'Hello' }, label: 'edited', mergeKey: 'comment:a:0' });
    expect(stack.peekUndo()).toMatchObject({ before: { comment: '' }, after: { comment: 'Hello' } });
    stack.markUndone();
    expect(stack.canUndo).toBe(false);
  });

  it('does not fold across typing sessions or annotations', () => {
    const stack = new UndoStack();
    stack.push({ kind: 'update', id: 'a', before: { comment: '' }, after: { comment: 'x' }, label: 'edited', mergeKey: 'comment:a:0' });
    stack.push({ kind: 'update', id: 'a', before: { comment: 'x' }, after: { comment: 'xy' }, label: 'edited', mergeKey: 'comment:a:1' });
    stack.push({ kind: 'update', id: 'b', before: { comment: '' }, after: { comment: 'z' }, label: 'edited', mergeKey: 'comment:a:1' });
    stack.markUndone();
    stack.markUndone();
    stack.markUndone();
    expect(stack.canUndo).toBe(false);
    expect(stack.canRedo).toBe(true);
  });

  it('keeps at most its limit of steps, dropping the oldest', () => {
    const stack = new UndoStack(3);
    for (const id of ['a', 'b', 'c', 'd']) stack.push(add(id));
    const labels: string[] = [];
    while (stack.canUndo) {
      labels.push(stack.peekUndo()!.label);
      stack.markUndone();
    }
    expect(labels).toEqual(['added d', 'added c', 'added b']);
  });

  it('drops a step that can no longer be carried out', () => {
    const stack = new UndoStack();
    stack.push(add('a'));
    stack.push(add('b'));
    stack.dropUndo();
    expect(stack.peekUndo()?.label).toBe('added a');
    expect(stack.canRedo).toBe(false);
  });
});
