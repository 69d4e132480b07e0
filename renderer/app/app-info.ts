/** What the Node side says about this window (shell, media base URL, native dialogs), fetched once. */
import { useSyncExternalStore } from 'react';
import type { AppInfo } from '../../shared/api/contract';
import { api, errorMessage } from '../api/client';
import { Observable } from '../lib/store';

export type AppInfoState = { status: 'loading' } | { status: 'ready'; info: AppInfo } | { status: 'error'; message: string };

const state = new Observable<AppInfoState>({ status: 'loading' });
let request: Promise<void> | null = null;

/** Starts (once) asking for the app info; call early so it overlaps with the first render. */
export function loadAppInfo(): Promise<void> {
  request ??= api.invoke('app.info', {}).then(
    (info) => state.set({ status: 'ready', info }),
    (error: unknown) => {
      request = null;
      state.set({ status: 'error', message: errorMessage(error) });
    },
  );
  return request;
}

/** The app info if it has arrived (not a hook: safe anywhere). */
export function currentAppInfo(): AppInfo | null {
  const s = state.get();
  return s.status === 'ready' ? s.info : null;
}

export function useAppInfoState(): AppInfoState {
  return useSyncExternalStore(state.subscribe, state.get);
}

export function useAppInfo(): AppInfo | null {
  const s = useAppInfoState();
  return s.status === 'ready' ? s.info : null;
}

export function mediaUrl(info: AppInfo, fileName: string): string {
  return `${info.mediaBase}/media/${encodeURIComponent(fileName)}`;
}

export function peaksUrl(info: AppInfo, fileName: string): string {
  return `${info.mediaBase}/peaks/${encodeURIComponent(fileName)}`;
}
