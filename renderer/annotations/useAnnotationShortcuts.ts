/**
 * Annotating keys, whenever focus is not in a text field and no dialog is open: a code's key marks
 * the moment just heard, I and O mark a span's start and end, Escape drops a pending in-point, and
 * Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y; ⌘ on a Mac) undo and redo. Keys a focused control handles
 * itself (a transcript row's 1/2/3, E, S, X) never get here: it marks them handled first.
 */
import { useEffect, useRef } from 'react';
import type { Code } from '../../shared/domain/annotation';
import { RESERVED_HOTKEYS } from '../../shared/codebook/default-codebook';
import { isTextEntry, modalIsOpen } from '../lib/keyboard';

export interface AnnotationKeyHandlers {
  onCode(code: Code): void;
  onMarkIn(): void;
  onMarkOut(): void;
  /** Answers true when Escape had something to cancel. */
  onEscape(): boolean;
  onUndo(): void;
  onRedo(): void;
}

/** The enabled codes by key; keys the review screen already uses are never taken by a code. */
export function hotkeyMap(codes: readonly Code[]): Map<string, Code> {
  const map = new Map<string, Code>();
  for (const code of codes) {
    if (!code.enabled || !code.hotkey) continue;
    const key = code.hotkey.toLowerCase();
    if (RESERVED_HOTKEYS.includes(key) || map.has(key)) continue;
    map.set(key, code);
  }
  return map;
}

export function useAnnotationShortcuts(hotkeys: ReadonlyMap<string, Code>, enabled: boolean, handlers: AnnotationKeyHandlers): void {
  const handlersRef = useRef(handlers);
  useEffect(() => {
    handlersRef.current = handlers;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || modalIsOpen()) return;
      const h = handlersRef.current;
      const target = event.target;
      if ((event.ctrlKey || event.metaKey) && !event.altKey) {
        if (isTextEntry(target)) return; // the text field's own undo
        const key = event.key.toLowerCase();
        if (key === 'z') {
          event.preventDefault();
          if (event.shiftKey) h.onRedo();
          else h.onUndo();
        } else if (key === 'y' && !event.shiftKey) {
          event.preventDefault();
          h.onRedo();
        }
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey || event.shiftKey || isTextEntry(target)) return;
      if (event.key === 'Escape') {
        if (h.onEscape()) event.preventDefault();
        return;
      }
      // Holding a key down marks once, not once per repeat.
      if (event.key.length !== 1 || event.repeat) return;
      const key = event.key.toLowerCase();
      if (key === 'i') {
        event.preventDefault();
        h.onMarkIn();
      } else if (key === 'o') {
        event.preventDefault();
        h.onMarkOut();
      } else {
        const code = hotkeys.get(key);
        if (!code) return;
        event.preventDefault();
        h.onCode(code);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [hotkeys, enabled]);
}
