/**
 * Whisper and VAD models as the Node side lists them, shared by the Models screen and the Transcribe
 * dialogs. Loaded on first use, refreshed on `models.changed`; download progress kept per model name.
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { CallOutput } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import { api, errorMessage } from '../api/client';
import { Observable } from '../lib/store';

export type ModelsList = CallOutput<'models.list'>;

export type ModelsState =
  | { status: 'loading'; list: null; error: null }
  | { status: 'ready'; list: ModelsList; error: null }
  | { status: 'error'; list: ModelsList | null; error: string; unavailable: boolean };

export interface DownloadState {
  receivedBytes: number;
  totalBytes: number;
  done: boolean;
  error: string | null;
}

const state = new Observable<ModelsState>({ status: 'loading', list: null, error: null });
const downloads = new Observable<ReadonlyMap<string, DownloadState>>(new Map());
let started = false;
let generation = 0;

export function reloadModels(): Promise<void> {
  started = true;
  const mine = ++generation;
  return api.invoke('models.list', {}).then(
    (list) => {
      if (mine === generation) state.set({ status: 'ready', list, error: null });
    },
    (error: unknown) => {
      if (mine !== generation) return;
      const unavailable = error instanceof ApiError && error.code === 'unavailable';
      state.set({ status: 'error', list: state.get().list, error: errorMessage(error), unavailable });
    },
  );
}

export function startModelsSync(): () => void {
  const offChanged = api.on('models.changed', () => {
    if (started) void reloadModels();
  });
  const offDownload = api.on('models.download', ({ name, ...progress }) => {
    downloads.update((m) => new Map(m).set(name, progress));
    if (progress.done && !progress.error && started) void reloadModels();
  });
  return () => {
    offChanged();
    offDownload();
  };
}

export function setDownload(name: string, progress: DownloadState | null): void {
  downloads.update((m) => {
    const next = new Map(m);
    if (progress) next.set(name, progress);
    else next.delete(name);
    return next;
  });
}

/** The models list; loads it the first time a component asks. */
export function useModels(): ModelsState {
  useEffect(() => {
    if (!started) void reloadModels();
  }, []);
  return useSyncExternalStore(state.subscribe, state.get);
}

export function useDownloads(): ReadonlyMap<string, DownloadState> {
  return useSyncExternalStore(downloads.subscribe, downloads.get);
}
