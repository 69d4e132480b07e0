/**
 * The export of each session this window started: its progress (from `export.progress`), its outcome
 * (`export.finished`), cancelling it, and opening the folder once it is saved. Kept outside the
 * dialog so closing the dialog does not lose a running export: the button shows its progress and a
 * notice says where it was saved. Passphrases are never kept here.
 */
import { useSyncExternalStore } from 'react';
import type { ExportFormat, ExportOutcome, PackageOptions } from '../../shared/domain/export';
import { ApiError } from '../../shared/api/errors';
import { api, errorMessage } from '../api/client';
import { Observable } from '../lib/store';
import { showError, showNotice } from '../ui/toasts';
import { baseName, folderOf } from './export-options';

export interface ExportRun {
  sessionId: string;
  /** Null while `export.start` is on its way. */
  jobId: string | null;
  format: ExportFormat;
  path: string;
  percent: number;
  stage: string;
  status: 'starting' | 'running' | 'done' | 'failed' | 'cancelled';
  /** Done: where it was saved. Failed: why, in plain words. */
  savedPath: string | null;
  error: string | null;
  /** The dialog was closed while it ran: say how it ended in a notice. */
  unattended: boolean;
}

const runs = new Observable<Readonly<Record<string, ExportRun>>>({});
/** Events of jobs not yet claimed (in Electron they can arrive before `export.start` answers). */
const early = new Map<string, { percent?: number; stage?: string; outcome?: ExportOutcome }>();
let listening = false;
/** The format and path last chosen for each session in this window, so the dialog opens where it was left (never a passphrase). */
const lastChoices = new Map<string, { format: ExportFormat; path: string }>();

export function lastExportChoice(sessionId: string): { format: ExportFormat; path: string } | null {
  return lastChoices.get(sessionId) ?? null;
}

export function useExportRun(sessionId: string): ExportRun | null {
  return useSyncExternalStore(runs.subscribe, () => runs.get()[sessionId] ?? null);
}

function put(sessionId: string, run: ExportRun | null): void {
  runs.update((all) => {
    const next = { ...all };
    if (run) next[sessionId] = run;
    else delete next[sessionId];
    return next;
  });
}

function patch(sessionId: string, fields: Partial<ExportRun>): void {
  const run = runs.get()[sessionId];
  if (run) put(sessionId, { ...run, ...fields });
}

function runOf(jobId: string): ExportRun | null {
  return Object.values(runs.get()).find((r) => r.jobId === jobId) ?? null;
}

function listen(): void {
  if (listening) return;
  listening = true;
  api.on('export.progress', (p) => {
    const run = runOf(p.jobId);
    if (run) {
      if (run.status === 'running') patch(run.sessionId, { percent: p.percent, stage: p.stage });
    } else if (Object.values(runs.get()).some((r) => r.status === 'starting')) {
      early.set(p.jobId, { ...early.get(p.jobId), percent: p.percent, stage: p.stage });
    }
  });
  api.on('export.finished', ({ jobId, outcome }) => {
    const run = runOf(jobId);
    if (run) finish(run, outcome);
    else if (Object.values(runs.get()).some((r) => r.status === 'starting')) early.set(jobId, { ...early.get(jobId), outcome });
  });
}

function finish(run: ExportRun, outcome: ExportOutcome): void {
  if (run.status !== 'running') return;
  if (outcome.kind === 'done') {
    patch(run.sessionId, { status: 'done', percent: 100, stage: 'Saved', savedPath: outcome.path });
    if (run.unattended) showNotice(`Saved “${baseName(outcome.path)}” in ${folderOf(outcome.path)}.`, 'Export finished');
    // The issue: "the UI opens the folder afterwards" — once, where a file manager exists.
    void revealExport(outcome.path, true);
  } else if (outcome.kind === 'failed') {
    patch(run.sessionId, { status: 'failed', error: outcome.message });
    if (run.unattended) showError(outcome.message, 'The export was not saved');
  } else {
    patch(run.sessionId, { status: 'cancelled', error: null });
  }
}

export type StartAnswer = { kind: 'started' } | { kind: 'exists'; message: string } | { kind: 'refused'; message: string };

/** Starts an export; `exists` when the file is there and replacing it was not allowed (ask, then start again with `overwrite`). */
export async function startExport(request: {
  sessionId: string;
  format: ExportFormat;
  outPath: string;
  overwrite: boolean;
  packageOptions: PackageOptions | null;
}): Promise<StartAnswer> {
  listen();
  const { sessionId, format, outPath, overwrite, packageOptions } = request;
  const current = runs.get()[sessionId];
  if (current && (current.status === 'starting' || current.status === 'running')) return { kind: 'refused', message: 'This session is being exported already; wait for it or cancel it.' };
  lastChoices.set(sessionId, { format, path: outPath });
  put(sessionId, { sessionId, jobId: null, format, path: outPath, percent: 0, stage: 'Starting', status: 'starting', savedPath: null, error: null, unattended: false });
  try {
    const { jobId } = await api.invoke('export.start', {
      sessionId,
      format,
      outPath,
      overwrite,
      ...(format === 'package' && packageOptions ? { package: packageOptions } : {}),
    });
    const seen = early.get(jobId);
    early.clear();
    patch(sessionId, { jobId, status: 'running', percent: seen?.percent ?? 0, stage: seen?.stage ?? 'Waiting to start' });
    const run = runs.get()[sessionId];
    if (run && seen?.outcome) finish(run, seen.outcome);
    return { kind: 'started' };
  } catch (error) {
    early.clear();
    put(sessionId, null);
    if (error instanceof ApiError && error.code === 'file_exists') return { kind: 'exists', message: error.message };
    return { kind: 'refused', message: errorMessage(error) };
  }
}

export function cancelExport(sessionId: string): void {
  const run = runs.get()[sessionId];
  if (!run?.jobId || run.status !== 'running') return;
  api.invoke('export.cancel', { jobId: run.jobId }).catch((error: unknown) => showError(errorMessage(error), 'The export could not be cancelled'));
}

/** The dialog closed: a running export goes on and reports in a notice; a finished one is forgotten. */
export function detachExport(sessionId: string): void {
  const run = runs.get()[sessionId];
  if (!run) return;
  if (run.status === 'running' || run.status === 'starting') patch(sessionId, { unattended: true });
  else put(sessionId, null);
}

/** The dialog opened again while it runs: it shows the progress itself. */
export function attachExport(sessionId: string): void {
  const run = runs.get()[sessionId];
  if (!run) return;
  // One that ended while the dialog was closed was reported in a notice already: start afresh.
  if (run.unattended && run.status !== 'running' && run.status !== 'starting') put(sessionId, null);
  else patch(sessionId, { unattended: false });
}

/** Forgets a finished run (the dialog goes back to its form). */
export function clearExport(sessionId: string): void {
  const run = runs.get()[sessionId];
  if (run && run.status !== 'running' && run.status !== 'starting') put(sessionId, null);
}

/** Opens the folder of an exported file. `quiet`: the automatic opening after an export says nothing when it cannot. */
export async function revealExport(path: string, quiet = false): Promise<boolean> {
  try {
    const { revealed } = await api.invoke('export.reveal', { path });
    if (!revealed && !quiet) showNotice(`This computer has no file manager Attune can open. The file is in ${folderOf(path)}.`);
    return revealed;
  } catch (error) {
    if (!quiet) showError(errorMessage(error), 'The folder could not be opened');
    return false;
  }
}
