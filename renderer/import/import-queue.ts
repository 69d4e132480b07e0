/**
 * The import queue as the window sees it: local uploads (browser mode) that have not become server
 * jobs yet, server jobs reported by `import.progress` / `import.finished`, and their outcomes.
 */
import { useSyncExternalStore } from 'react';
import type { ImportFinished, ImportPhase, ImportProgress } from '../../shared/domain/import';
import { IMPORTABLE_EXTENSIONS } from '../../shared/domain/import';
import { api, errorMessage } from '../api/client';
import { uploadRecording } from '../api/upload';
import { Observable } from '../lib/store';
import { announce } from '../ui/toasts';

export type EntryPhase = 'waiting-upload' | 'uploading' | ImportPhase;

export type EntryResult =
  | { kind: 'imported'; sessionId: string; title: string }
  | { kind: 'duplicate'; sessionId: string; title: string }
  | { kind: 'failed'; message: string }
  | { kind: 'cancelled' };

export interface ImportEntry {
  key: string;
  jobId: string | null;
  fileName: string;
  phase: EntryPhase;
  /** 0–100 within the current stage (upload, then the server job). */
  percent: number;
  result: EntryResult | null;
}

export const PHASE_LABELS: Record<EntryPhase, string> = {
  'waiting-upload': 'Waiting',
  uploading: 'Uploading',
  queued: 'Queued',
  copying: 'Copying',
  probing: 'Checking the file',
  decoding: 'Reading the audio',
  finishing: 'Finishing',
};

const entries = new Observable<ImportEntry[]>([]);
const uploadAborts = new Map<string, () => void>();
const cancelledBeforeUpload = new Set<string>();
let localCounter = 0;

function update(key: string, patch: Partial<ImportEntry>): void {
  entries.update((list) => list.map((e) => (e.key === key ? { ...e, ...patch } : e)));
}

function byJob(jobId: string): ImportEntry | undefined {
  return entries.get().find((e) => e.jobId === jobId);
}

function addEntry(entry: ImportEntry): void {
  entries.update((list) => [...list, entry]);
}

export const SUPPORTED_FORMATS_TEXT = 'WAV, MP3, M4A, AAC, MP4, MOV, WebM, Ogg, Opus and FLAC';
export const ACCEPT_ATTRIBUTE = [
  ...IMPORTABLE_EXTENSIONS.map((ext) => `.${ext}`),
  'audio/*',
  'video/mp4',
  'video/quicktime',
  'video/webm',
].join(',');

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

export function isImportableName(name: string): boolean {
  return (IMPORTABLE_EXTENSIONS as readonly string[]).includes(extensionOf(name));
}

function unsupportedMessage(name: string): string {
  return `“${name}” is not a recording type Attune can import. Choose a ${SUPPORTED_FORMATS_TEXT} file.`;
}

function finish(key: string, result: EntryResult, fileName: string): void {
  update(key, { result, percent: result.kind === 'imported' || result.kind === 'duplicate' ? 100 : 0 });
  switch (result.kind) {
    case 'imported':
      announce(`Imported ${fileName}.`);
      break;
    case 'duplicate':
      announce(`${fileName} is already in the library as ${result.title}.`);
      break;
    case 'failed':
      announce(`Could not import ${fileName}. ${result.message}`);
      break;
    case 'cancelled':
      announce(`Import of ${fileName} cancelled.`);
      break;
  }
}

function resultOf(finished: ImportFinished): EntryResult {
  const o = finished.outcome;
  switch (o.kind) {
    case 'imported':
    case 'duplicate':
      return { kind: o.kind, sessionId: o.session.id, title: o.session.title };
    case 'failed':
      return { kind: 'failed', message: o.message };
    case 'cancelled':
      return { kind: 'cancelled' };
  }
}

/**
 * The server can report a job before the upload's HTTP answer arrives. Uploads run one at a time, so
 * an unknown job named like the file being uploaded right now is that upload.
 */
function adoptByUpload(jobId: string, fileName: string): ImportEntry | undefined {
  const uploading = entries.get().find((e) => e.jobId === null && e.phase === 'uploading' && !e.result && e.fileName === fileName);
  if (!uploading) return undefined;
  update(uploading.key, { jobId });
  return { ...uploading, jobId };
}

function onProgress(p: ImportProgress): void {
  const entry = byJob(p.jobId) ?? adoptByUpload(p.jobId, p.fileName);
  if (!entry) {
    addEntry({ key: p.jobId, jobId: p.jobId, fileName: p.fileName, phase: p.phase, percent: p.percent, result: null });
    return;
  }
  if (entry.result) return;
  update(entry.key, { phase: p.phase, percent: p.percent });
}

function onFinished(f: ImportFinished): void {
  let entry = byJob(f.jobId) ?? adoptByUpload(f.jobId, f.fileName);
  if (!entry) {
    entry = { key: f.jobId, jobId: f.jobId, fileName: f.fileName, phase: 'finishing', percent: 100, result: null };
    addEntry(entry);
  }
  if (entry.result) return;
  finish(entry.key, resultOf(f), entry.fileName);
}

/** A local upload learned its server job id: fold in anything the server already reported for it. */
function attachJob(key: string, jobId: string): void {
  let local = entries.get().find((e) => e.key === key);
  if (!local || local.jobId === jobId) return;
  if (local.jobId !== null) {
    // It adopted someone else's job (another window uploading a file of the same name): give it back.
    const other = local;
    entries.update((list) => [
      ...list.map((e) => (e.key === key ? { ...e, jobId: null, phase: 'uploading' as const, percent: 100, result: null } : e)),
      { ...other, key: other.jobId ?? `job-${localCounter}` },
    ]);
    local = entries.get().find((e) => e.key === key);
    if (!local) return;
  }
  const early = byJob(jobId);
  if (early && early.key !== key) {
    entries.update((list) =>
      list
        .filter((e) => e.key !== early.key)
        .map((e) => (e.key === key ? { ...e, jobId, phase: early.phase, percent: early.percent, result: early.result } : e)),
    );
    return;
  }
  update(key, { jobId, phase: 'queued', percent: 0 });
}

async function uploadSequentially(items: { key: string; file: File }[]): Promise<void> {
  for (const { key, file } of items) {
    if (cancelledBeforeUpload.delete(key)) continue;
    update(key, { phase: 'uploading', percent: 0 });
    const handle = uploadRecording(file, (fraction) => update(key, { percent: Math.round(fraction * 100) }));
    uploadAborts.set(key, () => handle.abort());
    try {
      const jobId = await handle.done;
      attachJob(key, jobId);
    } catch (error) {
      const entry = entries.get().find((e) => e.key === key);
      if (entry && !entry.result) {
        const message = errorMessage(error);
        finish(key, message === 'Upload cancelled.' ? { kind: 'cancelled' } : { kind: 'failed', message }, file.name);
      }
    } finally {
      uploadAborts.delete(key);
    }
  }
}

/** Imports chosen or dropped files: by path in Electron, by upload in browser mode. */
export function importFiles(files: File[]): void {
  const accepted: { key: string; file: File }[] = [];
  for (const file of files) {
    const key = `local-${++localCounter}`;
    if (!isImportableName(file.name)) {
      addEntry({ key, jobId: null, fileName: file.name, phase: 'waiting-upload', percent: 0, result: null });
      finish(key, { kind: 'failed', message: unsupportedMessage(file.name) }, file.name);
      continue;
    }
    accepted.push({ key, file });
  }
  if (accepted.length === 0) return;
  const bridge = window.attuneBridge;
  if (bridge) {
    const paths = accepted.map(({ file }) => bridge.pathForFile(file)).filter((p) => p.length > 0);
    if (paths.length > 0) importPaths(paths);
    return;
  }
  for (const { key, file } of accepted) {
    addEntry({ key, jobId: null, fileName: file.name, phase: 'waiting-upload', percent: 0, result: null });
  }
  void uploadSequentially(accepted);
}

/** Imports files by path (Electron's dialog or drop). */
export function importPaths(paths: string[]): void {
  api.invoke('import.paths', { paths }).then(
    ({ jobIds }) => {
      jobIds.forEach((jobId, i) => {
        if (byJob(jobId)) return;
        const fileName = (paths[i] ?? '').split(/[\\/]/).pop() ?? 'recording';
        addEntry({ key: jobId, jobId, fileName, phase: 'queued', percent: 0, result: null });
      });
    },
    (error: unknown) => {
      const key = `local-${++localCounter}`;
      const fileName = paths.length === 1 ? ((paths[0] ?? '').split(/[\\/]/).pop() ?? 'recording') : `${paths.length} files`;
      addEntry({ key, jobId: null, fileName, phase: 'queued', percent: 0, result: null });
      finish(key, { kind: 'failed', message: errorMessage(error) }, fileName);
    },
  );
}

export function cancelImport(key: string): void {
  const entry = entries.get().find((e) => e.key === key);
  if (!entry || entry.result) return;
  if (entry.jobId) {
    void api.invoke('import.cancel', { jobId: entry.jobId }).then(
      ({ cancelled }) => {
        // A job that had already finished cannot be cancelled; its outcome arrives as an event.
        if (cancelled) {
          const now = byJob(entry.jobId ?? '');
          if (now && !now.result) finish(now.key, { kind: 'cancelled' }, now.fileName);
        }
      },
      (error: unknown) => announce(`Could not cancel: ${errorMessage(error)}`),
    );
    return;
  }
  const abort = uploadAborts.get(key);
  if (abort) {
    abort();
    return;
  }
  cancelledBeforeUpload.add(key);
  finish(key, { kind: 'cancelled' }, entry.fileName);
}

export function dismissImport(key: string): void {
  entries.update((list) => list.filter((e) => e.key !== key || !e.result));
}

export function clearFinishedImports(): void {
  entries.update((list) => list.filter((e) => !e.result));
}

/** Listens to import events for the lifetime of the window and picks up jobs already running. */
export function startImportSync(): () => void {
  const offProgress = api.on('import.progress', onProgress);
  const offFinished = api.on('import.finished', onFinished);
  api.invoke('import.jobs', {}).then(
    (jobs) => {
      for (const job of jobs) if (!byJob(job.jobId)) onProgress(job);
    },
    () => undefined,
  );
  return () => {
    offProgress();
    offFinished();
  };
}

export function useImports(): ImportEntry[] {
  return useSyncExternalStore(entries.subscribe, entries.get);
}
