/**
 * Every codebook, loaded once and kept fresh by `codebooks.changed`. Our own edits put the answer in
 * at once (the event's reload then agrees), so the editor never shows a value the Node side refused.
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { Codebook } from '../../shared/domain/annotation';
import { api, errorMessage } from '../api/client';
import { Observable } from '../lib/store';

export type CodebooksState =
  | { status: 'loading'; list: null; error: null }
  | { status: 'ready'; list: Codebook[]; error: null }
  | { status: 'error'; list: Codebook[] | null; error: string };

const state = new Observable<CodebooksState>({ status: 'loading', list: null, error: null });
let started = false;
let listening = false;
let generation = 0;
let reloadTimer: ReturnType<typeof setTimeout> | null = null;

export function reloadCodebooks(): Promise<void> {
  started = true;
  const mine = ++generation;
  return api.invoke('codebooks.list', {}).then(
    (list) => {
      if (mine === generation) state.set({ status: 'ready', list, error: null });
    },
    (error: unknown) => {
      if (mine === generation) state.set({ status: 'error', list: state.get().list, error: errorMessage(error) });
    },
  );
}

/** Loads the list (once) and follows `codebooks.changed` for the lifetime of the window. */
export function ensureCodebooksLoaded(): void {
  if (!listening) {
    listening = true;
    api.on('codebooks.changed', () => {
      if (!started) return;
      // Reorders and imports arrive as bursts; one reload covers them.
      if (reloadTimer) clearTimeout(reloadTimer);
      reloadTimer = setTimeout(() => {
        reloadTimer = null;
        void reloadCodebooks();
      }, 60);
    });
  }
  if (!started) void reloadCodebooks();
}

/** Puts a codebook the API answered with into the list (replacing the one with its id, or adding it). */
export function applyCodebook(codebook: Codebook): void {
  generation++; // a list request already under way predates this answer
  const current = state.get().list ?? [];
  const list = current.some((c) => c.id === codebook.id) ? current.map((c) => (c.id === codebook.id ? codebook : c)) : [...current, codebook];
  state.set({ status: 'ready', list, error: null });
}

/** Drops a deleted codebook from the list. */
export function forgetCodebook(codebookId: string): void {
  generation++;
  const current = state.get().list;
  if (current) state.set({ status: 'ready', list: current.filter((c) => c.id !== codebookId), error: null });
}

export function useCodebooksState(): CodebooksState {
  useEffect(() => ensureCodebooksLoaded(), []);
  return useSyncExternalStore(state.subscribe, state.get);
}

/** All codebooks, or null while loading. */
export function useCodebooks(): Codebook[] | null {
  return useCodebooksState().list;
}

/** One codebook by id (null while loading or when unknown). */
export function useCodebook(codebookId: string | null): Codebook | null {
  const list = useCodebooks();
  if (codebookId === null || !list) return null;
  return list.find((c) => c.id === codebookId) ?? null;
}
