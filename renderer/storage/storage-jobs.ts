/**
 * The storage job under way (backup, restore, archive export or import) as the window sees it:
 * from `storage.jobs` when the view opens, then from `storage.progress` / `storage.finished`.
 * Finished outcomes are kept by job id, so a job that ends before its start call answers is not missed.
 */
import { useEffect, useState } from 'react';
import type { StorageFinished, StorageJobKind, StorageJobState } from '../../shared/domain/archive';
import { api } from '../api/client';

export const JOB_LABELS: Record<StorageJobKind, string> = {
  backup: 'Backing up the library',
  restore: 'Restoring a backup',
  archiveExport: 'Exporting an archive',
  archiveImport: 'Importing an archive',
};

type Listener = () => void;

let running: StorageJobState | null = null;
const finished = new Map<string, StorageFinished>();
const listeners = new Set<Listener>();
let started = false;

function notify(): void {
  for (const l of listeners) l();
}

function ensureSubscribed(): void {
  if (started) return;
  started = true;
  api.on('storage.progress', (state) => {
    running = state;
    notify();
  });
  api.on('storage.finished', (f) => {
    finished.set(f.jobId, f);
    if (running?.jobId === f.jobId) running = null;
    notify();
  });
  api.invoke('storage.jobs', {}).then(
    (jobs) => {
      running = jobs[0] ?? running;
      notify();
    },
    () => undefined,
  );
}

export function useStorageJobs(): { running: StorageJobState | null; finishedOf(jobId: string | null): StorageFinished | null } {
  const [, setTick] = useState(0);
  useEffect(() => {
    ensureSubscribed();
    const listener = () => setTick((t) => t + 1);
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);
  return { running, finishedOf: (jobId) => (jobId ? (finished.get(jobId) ?? null) : null) };
}

export function cancelStorageJob(jobId: string): void {
  void api.invoke('storage.cancel', { jobId }).catch(() => undefined);
}
