/**
 * One session's annotations: fetched once, kept current by `annotations.changed` (a CLI import or
 * another window shows up without a reload), and changed only through the API — an annotation
 * appears when the call that stores it resolves, so what the window shows is already durable.
 * Every change goes on the session's undo stack (kept in memory for as long as the window lives).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Annotation, AnnotationPatch, Code } from '../../shared/domain/annotation';
import { api, errorMessage } from '../api/client';
import { Observable } from '../lib/store';
import { announce, showError } from '../ui/toasts';
import { applyChanges, resorted, sortedByTime, type AnnotationMap } from './annotation-set';
import { annotationLabel } from './annotation-text';
import { patchIsNoop, previousValues, redoAction, undoAction, UndoStack, type UndoAction, type UndoEntry } from './undo-stack';

export type AnnotationsStatus = { kind: 'loading' } | { kind: 'ready' } | { kind: 'error'; message: string };

export interface NewAnnotation {
  codeId: string;
  start: number;
  end: number | null;
}

export interface UpdateOptions {
  /** Consecutive saves with the same key are one undo step (one comment typed in one go). */
  mergeKey?: string;
}

export interface AnnotationActions {
  /**
   * Stores a new annotation; answers it once durable (null when it failed; the error is shown).
   * `onStored` runs as soon as it is stored, in the same update as the new annotation itself, so
   * what the caller changes with it (selection, focus) shows in the same render and paint.
   */
  create(input: NewAnnotation, onStored?: (created: Annotation) => void): Promise<Annotation | null>;
  /** Rejects with the error (callers show it where it belongs). */
  update(id: string, patch: AnnotationPatch, options?: UpdateOptions): Promise<Annotation>;
  /** Deletes (undoable); answers the deleted annotation, null when it failed (the error is shown). */
  remove(id: string): Promise<Annotation | null>;
  undo(): void;
  redo(): void;
  reload(): void;
}

export interface UndoInfo {
  canUndo: boolean;
  canRedo: boolean;
  /** What Undo / Redo would do, for the buttons' titles. */
  undoLabel: string | null;
  redoLabel: string | null;
  /** The last thing undone, redone or deleted, for the status line ("Undid: added Open question at 3:04"). */
  message: { id: number; text: string; undoable: boolean } | null;
}

export interface AnnotationsModel {
  status: AnnotationsStatus;
  map: AnnotationMap;
  /** All annotations in time order. */
  sorted: readonly Annotation[];
  actions: AnnotationActions;
  undo: UndoInfo;
}

// One undo stack per session for the life of the window, so leaving a session and coming back keeps it.
const stacks = new Map<string, UndoStack>();
const stackVersion = new Observable(0);
let messageId = 0;
const bump = () => stackVersion.update((v) => v + 1);

function stackFor(sessionId: string): UndoStack {
  let stack = stacks.get(sessionId);
  if (!stack) {
    stack = new UndoStack();
    stacks.set(sessionId, stack);
  }
  return stack;
}

function describePatch(patch: AnnotationPatch): string {
  if (patch.codeId !== undefined) return 'changed the code of';
  if (patch.start !== undefined || patch.end !== undefined) return 'moved';
  if (patch.comment !== undefined) return 'edited the comment on';
  if (patch.modelResponse !== undefined) return 'edited “what could have been said” on';
  if (patch.segmentIds !== undefined) return 'changed the transcript link of';
  return 'changed';
}

interface Held {
  map: AnnotationMap;
  /** The same annotations in time order, kept in step with the map (see `resorted`). */
  sorted: readonly Annotation[];
}

const EMPTY: Held = { map: new Map(), sorted: [] };

/**
 * The undo stack's version as plain React state: a change to it re-renders in the same batch as the
 * annotation it belongs to (useSyncExternalStore would force a separate, synchronous render first).
 */
function useStackVersion(): void {
  const [, setVersion] = useState(stackVersion.get);
  useEffect(() => stackVersion.subscribe(() => setVersion(stackVersion.get())), []);
}

export function useAnnotations(sessionId: string, codes: ReadonlyMap<string, Code>): AnnotationsModel {
  const [held, setHeld] = useState<Held>(EMPTY);
  const { map, sorted } = held;
  const [status, setStatus] = useState<AnnotationsStatus>({ kind: 'loading' });
  const [message, setMessage] = useState<UndoInfo['message']>(null);
  const heldRef = useRef(held);
  const mapRef = useRef(map);
  const setMap = useCallback((next: AnnotationMap) => {
    const previous = heldRef.current;
    const now = { map: next, sorted: resorted(previous.sorted, previous.map, next) };
    heldRef.current = now;
    mapRef.current = next;
    setHeld(now);
  }, []);
  const codesRef = useRef(codes);
  useEffect(() => {
    codesRef.current = codes;
  }, [codes]);

  const apply = useCallback((upserted: readonly Annotation[], deletedIds: readonly string[] = []) => {
    const next = applyChanges(mapRef.current, upserted, deletedIds);
    if (next === mapRef.current) return;
    setMap(next);
  }, [setMap]);

  const generation = useRef(0);
  const load = useCallback(() => {
    const mine = ++generation.current;
    api.invoke('annotations.list', { sessionId }).then(
      (list) => {
        if (mine !== generation.current) return;
        const next = applyChanges(new Map(), list);
        const now = { map: next, sorted: sortedByTime(next) };
        heldRef.current = now;
        mapRef.current = next;
        setHeld(now);
        setStatus({ kind: 'ready' });
      },
      (error: unknown) => {
        if (mine === generation.current) setStatus({ kind: 'error', message: errorMessage(error) });
      },
    );
  }, [sessionId]);

  useEffect(() => {
    load();
    return api.on('annotations.changed', (event) => {
      if (event.sessionId === sessionId) apply(event.upserted, event.deletedIds);
    });
  }, [sessionId, load, apply]);

  const stack = stackFor(sessionId);
  useStackVersion();
  const label = useCallback((a: Pick<Annotation, 'codeId' | 'start' | 'end'>) => annotationLabel(a, codesRef.current), []);
  const say = useCallback((text: string, undoable = false) => {
    setMessage({ id: ++messageId, text, undoable });
    announce(text);
  }, []);

  /** Carries out an undo or redo step against the API; answers the annotation as it now stands. */
  const perform = useCallback(
    async (action: UndoAction): Promise<Annotation> => {
      switch (action.kind) {
        case 'delete': {
          const deleted = await api.invoke('annotations.delete', { annotationId: action.id });
          apply([], [deleted.id]);
          return deleted;
        }
        case 'restore': {
          const restored = await api.invoke('annotations.restore', { ...action.annotation, segmentIds: [...action.annotation.segmentIds] });
          apply([restored]);
          return restored;
        }
        case 'update': {
          const updated = await api.invoke('annotations.update', { annotationId: action.id, patch: action.patch });
          apply([updated]);
          return updated;
        }
      }
    },
    [apply],
  );

  // Undo and redo run one at a time, in the order pressed.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const enqueue = useCallback((job: () => Promise<void>) => {
    queue.current = queue.current.then(job, job);
  }, []);

  const step = useCallback(
    (direction: 'undo' | 'redo') =>
      enqueue(async () => {
        const entry = direction === 'undo' ? stack.peekUndo() : stack.peekRedo();
        if (!entry) return;
        try {
          const result = await perform(direction === 'undo' ? undoAction(entry) : redoAction(entry));
          // A restored or deleted annotation is kept as it now is, so the next step puts back exactly that.
          const settled: UndoEntry = entry.kind === 'update' ? entry : { ...entry, annotation: result };
          if (direction === 'undo') stack.markUndone(settled);
          else stack.markRedone(settled);
          say(`${direction === 'undo' ? 'Undid' : 'Redid'}: ${entry.label}`);
        } catch (error) {
          // The annotation changed elsewhere (e.g. deleted in another window): this step cannot be carried out.
          if (direction === 'undo') stack.dropUndo();
          else stack.dropRedo();
          showError(errorMessage(error), direction === 'undo' ? 'That could not be undone' : 'That could not be redone');
        } finally {
          bump();
        }
      }),
    [enqueue, stack, perform, say],
  );

  const actions = useMemo<AnnotationActions>(
    () => ({
      create: async (input, onStored) => {
        try {
          const created = await api.invoke('annotations.create', { sessionId, codeId: input.codeId, start: input.start, end: input.end });
          apply([created]);
          onStored?.(created);
          stack.push({ kind: 'create', annotation: created, label: `added ${label(created)}` });
          bump();
          announce(`Added ${label(created)}.`);
          return created;
        } catch (error) {
          showError(errorMessage(error), 'The annotation was not added');
          return null;
        }
      },
      update: async (id, patch, options) => {
        const current = mapRef.current.get(id);
        if (current && patchIsNoop(current, patch)) return current;
        const updated = await api.invoke('annotations.update', { annotationId: id, patch });
        apply([updated]);
        if (current) {
          stack.push({ kind: 'update', id, before: previousValues(current, patch), after: patch, label: `${describePatch(patch)} ${label(current)}`, mergeKey: options?.mergeKey });
          bump();
        }
        return updated;
      },
      remove: async (id) => {
        try {
          const deleted = await api.invoke('annotations.delete', { annotationId: id });
          apply([], [deleted.id]);
          stack.push({ kind: 'delete', annotation: deleted, label: `deleted ${label(deleted)}` });
          bump();
          say(`Deleted ${label(deleted)}.`, true);
          return deleted;
        } catch (error) {
          showError(errorMessage(error), 'The annotation was not deleted');
          return null;
        }
      },
      undo: () => step('undo'),
      redo: () => step('redo'),
      reload: load,
    }),
    [sessionId, apply, stack, label, say, step, load],
  );

  const undoEntry = stack.peekUndo();
  const redoEntry = stack.peekRedo();
  const { canUndo, canRedo } = stack;
  const undoLabel = undoEntry ? undoEntry.label : null;
  const redoLabel = redoEntry ? redoEntry.label : null;
  const undo = useMemo<UndoInfo>(() => ({ canUndo, canRedo, undoLabel, redoLabel, message }), [canUndo, canRedo, undoLabel, redoLabel, message]);
  return useMemo(() => ({ status, map, sorted, actions, undo }), [status, map, sorted, actions, undo]);
}
