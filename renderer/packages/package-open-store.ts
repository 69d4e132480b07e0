/**
 * Opening feedback packages and reply files, one after another, from wherever they come (the Open
 * button, a drop, File → Open feedback package…): a locked file asks for its passphrase (asked again
 * when it was wrong), then a feedback package opens in the trainee's Feedback view and a reply file
 * in the supervisor's session. A refusal says why in plain words and changes nothing.
 */
import { useSyncExternalStore } from 'react';
import { ApiError } from '../../shared/api/errors';
import type { PackageOpenOutcome } from '../../shared/package/feedback-view';
import { pluralise } from '../../shared/util/format';
import { api, errorMessage } from '../api/client';
import { feedbackHref, navigate, sessionHref } from '../app/router';
import { Observable } from '../lib/store';
import { showError, showNotice } from '../ui/toasts';
import { isReplyFileName, looksLocked, openPackageSource, sourceOfFile, type PackageSource } from './package-transport';

export type PackageOpenState =
  | { phase: 'idle' }
  /** Sending (browser mode: fraction of the upload, null when unknown) and opening; `prompted`: with a passphrase the prompt asked for (it stays up). */
  | { phase: 'opening'; name: string; fraction: number | null; prompted: boolean; reply: boolean }
  /** Waiting for the passphrase; `error` says why the last one did not open it (null: first ask). */
  | { phase: 'passphrase'; name: string; reply: boolean; error: string | null };

const state = new Observable<PackageOpenState>({ phase: 'idle' });
const queue: PackageSource[] = [];
let current: PackageSource | null = null;

export function usePackageOpen(): PackageOpenState {
  return useSyncExternalStore(state.subscribe, state.get);
}

/** Opens these files (feedback packages or reply files) one after another. */
export function openPackageFiles(files: File[]): void {
  enqueue(files.map(sourceOfFile));
}

/** Opens a file by its path (Electron). */
export function openPackagePath(path: string): void {
  enqueue([{ kind: 'path', path, name: path.split(/[\\/]/).pop() || path }]);
}

/** Electron: the native open dialog, then the file chosen. */
export async function choosePackageNatively(): Promise<void> {
  try {
    const { path } = await api.invoke('dialog.openPackage', {});
    if (path) openPackagePath(path);
  } catch (error) {
    showError(errorMessage(error), 'The file dialog could not be opened');
  }
}

export function submitPassphrase(passphrase: string): void {
  const s = state.get();
  if (s.phase !== 'passphrase' || !current) return;
  void attempt(current, passphrase);
}

export function cancelPassphrase(): void {
  if (state.get().phase !== 'passphrase') return;
  finishCurrent();
}

function enqueue(sources: PackageSource[]): void {
  queue.push(...sources);
  if (!current) next();
}

function next(): void {
  current = queue.shift() ?? null;
  if (!current) {
    state.set({ phase: 'idle' });
    return;
  }
  const source = current;
  void looksLocked(source).then((locked) => {
    if (locked) askPassphrase(source, null);
    else void attempt(source, null);
  });
}

function finishCurrent(): void {
  current = null;
  next();
}

function askPassphrase(source: PackageSource, error: string | null): void {
  state.set({ phase: 'passphrase', name: source.name, reply: isReplyFileName(source.name), error });
}

async function attempt(source: PackageSource, passphrase: string | null): Promise<void> {
  state.set({ phase: 'opening', name: source.name, fraction: source.kind === 'file' ? 0 : null, prompted: passphrase !== null, reply: isReplyFileName(source.name) });
  try {
    const outcome = await openPackageSource(source, passphrase, (fraction) => {
      const s = state.get();
      if (s.phase === 'opening') state.set({ ...s, fraction: fraction >= 1 ? null : fraction });
    });
    announceOutcome(outcome);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'passphrase_required') {
      askPassphrase(source, passphrase === null ? null : error.message);
      return;
    }
    showError(errorMessage(error), `“${source.name}” was not opened`);
  }
  finishCurrent();
}

function announceOutcome(outcome: PackageOpenOutcome): void {
  if (outcome.kind === 'feedback') {
    showNotice(outcome.updated ? `Your copy of “${outcome.title}” was updated; your replies are kept.` : `Opened feedback “${outcome.title}”.`, outcome.updated ? 'Feedback updated' : undefined);
    navigate(feedbackHref(outcome.sessionId));
    return;
  }
  const skipped = outcome.skipped > 0 ? ` ${pluralise(outcome.skipped, 'reply was', 'replies were')} left out: ${outcome.skipped === 1 ? 'its annotation has' : 'their annotations have'} since been deleted.` : '';
  showNotice(
    outcome.merged === 0 && outcome.skipped === 0
      ? `Merged the trainee’s reply into “${outcome.title}” (it answers no points).`
      : `Merged ${pluralise(outcome.merged, 'reply', 'replies')} into “${outcome.title}”.${skipped}`,
  );
  navigate(sessionHref(outcome.sessionId));
}
