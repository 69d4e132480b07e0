/**
 * The session list, kept in memory for the whole window: loaded once, refreshed whenever the
 * Node side says the library changed, and patched locally after our own edits so views agree.
 */
import { useSyncExternalStore } from 'react';
import type { Session } from '../../shared/domain/session';
import { api, errorMessage } from '../api/client';
import { Observable } from '../lib/store';

export type LibraryState =
  | { status: 'loading'; sessions: null; error: null }
  | { status: 'ready'; sessions: Session[]; error: null }
  | { status: 'error'; sessions: Session[] | null; error: string };

const state = new Observable<LibraryState>({ status: 'loading', sessions: null, error: null });
let generation = 0;
let refreshTimer: ReturnType<typeof setTimeout> | null = null;

export function reloadLibrary(): Promise<void> {
  started = true;
  const mine = ++generation;
  return api.invoke('sessions.list', {}).then(
    (sessions) => {
      if (mine === generation) state.set({ status: 'ready', sessions, error: null });
    },
    (error: unknown) => {
      if (mine === generation) state.set({ status: 'error', sessions: state.get().sessions, error: errorMessage(error) });
    },
  );
}

let started = false;

/**
 * Loads the list the first time something needs it. The library view asks at once; a session
 * opened directly asks only when idle, so the whole list never competes with the waveform.
 */
export function ensureLibraryLoaded(): void {
  if (started) return;
  started = true;
  void reloadLibrary();
}

/** Coalesces bursts of `library.changed` (an import of many files) into one reload. */
export function scheduleLibraryReload(delayMs = 120): void {
  if (!started) return;
  if (refreshTimer) clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => {
    refreshTimer = null;
    void reloadLibrary();
  }, delayMs);
}

/** Subscribes to library events for the lifetime of the window; returns the unsubscribe. */
export function startLibrarySync(): () => void {
  return api.on('library.changed', () => scheduleLibraryReload());
}

export function findSession(id: string): Session | null {
  return state.get().sessions?.find((s) => s.id === id) ?? null;
}

/** Replaces one session in the cached list (after an edit answered with the new version). */
export function upsertSession(session: Session): void {
  const current = state.get();
  if (!current.sessions) return;
  const index = current.sessions.findIndex((s) => s.id === session.id);
  const sessions = index >= 0 ? current.sessions.with(index, session) : [...current.sessions, session];
  state.set({ ...current, sessions } as LibraryState);
}

export function removeSession(id: string): void {
  const current = state.get();
  if (!current.sessions) return;
  state.set({ ...current, sessions: current.sessions.filter((s) => s.id !== id) } as LibraryState);
}

export function useLibrary(): LibraryState {
  return useSyncExternalStore(state.subscribe, state.get);
}
