/**
 * The session list, kept in memory for the whole window: loaded once, refreshed whenever the
 * Node side says the library changed, and patched locally after our own edits so views agree.
 * Beside it, the received feedback packages (the trainee's read-only copies, `feedback.list`) by
 * session id: those rows carry a badge and open the Feedback view instead of the session.
 */
import { useSyncExternalStore } from 'react';
import type { Session } from '../../shared/domain/session';
import type { ReceivedSummary } from '../../shared/package/feedback-view';
import { api, errorMessage } from '../api/client';
import { feedbackHref, sessionHref } from '../app/router';
import { Observable } from '../lib/store';

export type LibraryState =
  | { status: 'loading'; sessions: null; error: null }
  | { status: 'ready'; sessions: Session[]; error: null }
  | { status: 'error'; sessions: Session[] | null; error: string };

const state = new Observable<LibraryState>({ status: 'loading', sessions: null, error: null });
let generation = 0;
let refreshTimer: ReturnType<typeof setTimeout> | null = null;

const NO_RECEIVED: ReadonlyMap<string, ReceivedSummary> = new Map();
const received = new Observable<ReadonlyMap<string, ReceivedSummary>>(NO_RECEIVED);
let receivedGeneration = 0;

/** Refreshes the received packages (a failure keeps the last list: the rows still open, as sessions). */
export function reloadReceived(): Promise<void> {
  const mine = ++receivedGeneration;
  return api.invoke('feedback.list', {}).then(
    (list) => {
      if (mine === receivedGeneration) received.set(new Map(list.map((r) => [r.sessionId, r])));
    },
    () => undefined,
  );
}

export function reloadLibrary(): Promise<void> {
  started = true;
  const mine = ++generation;
  const receivedLoaded = reloadReceived();
  return api.invoke('sessions.list', {}).then(
    async (sessions) => {
      // The badges arrive with the rows, so a received copy never flashes as an ordinary session.
      await receivedLoaded;
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
  const offLibrary = api.on('library.changed', () => scheduleLibraryReload());
  // Read marks and replies change the received packages' progress, not the session list.
  const offFeedback = api.on('feedback.changed', () => {
    if (started) void reloadReceived();
  });
  return () => {
    offLibrary();
    offFeedback();
  };
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

/** The received packages by session id (empty until the library has loaded). */
export function useReceived(): ReadonlyMap<string, ReceivedSummary> {
  return useSyncExternalStore(received.subscribe, received.get);
}

export function findReceived(id: string): ReceivedSummary | null {
  return received.get().get(id) ?? null;
}

/** Where a library row leads: a received copy opens the Feedback view, any other session the session view. */
export function openHref(id: string): string {
  return received.get().has(id) ? feedbackHref(id) : sessionHref(id);
}
