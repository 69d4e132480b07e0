/**
 * One long storage task in a dialog: where (a path typed into a field, with a suggested default —
 * browser mode has no native dialog), then its progress with Cancel, then what it did, in plain
 * words. Restoring over a library that holds sessions, and saving over an existing archive, ask first.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { StorageFinished } from '../../shared/domain/archive';
import { ApiError } from '../../shared/api/errors';
import { formatBytes, pluralise } from '../../shared/util/format';
import { api, errorMessage } from '../api/client';
import { AlertIcon, CheckIcon } from '../ui/icons';
import { Modal } from '../ui/Modal';
import { cancelStorageJob, useStorageJobs } from './storage-jobs';

export type StorageTask = { kind: 'backup' } | { kind: 'restore' } | { kind: 'archiveExport'; sessionIds: string[] } | { kind: 'archiveImport' };

const TITLES: Record<StorageTask['kind'], string> = {
  backup: 'Back up the library',
  restore: 'Restore from a backup',
  archiveExport: 'Export sessions as an archive',
  archiveImport: 'Import an archive',
};

const HINTS: Record<StorageTask['kind'], string> = {
  backup:
    'A full path on this computer, for a new folder. If you name a folder that already exists, the backup goes into a new dated folder inside it. A name ending in .attune-backup makes one file instead of a folder. Recordings, waveforms and the database are copied and then read back to verify them; the audio prepared for transcription is left out (it is rebuilt when needed).',
  restore:
    'The full path of a backup folder (the one holding attune-backup.json) or of a backup file ending in .attune-backup. The whole backup is checked before anything in this library changes.',
  archiveExport: 'A full path on this computer for the archive file. The folder must exist.',
  archiveImport: 'The full path of an .attune-archive file. Sessions already in this library (the same recording) are skipped.',
};

const START_LABELS: Record<StorageTask['kind'], string> = {
  backup: 'Back up',
  restore: 'Restore',
  archiveExport: 'Export archive',
  archiveImport: 'Import',
};

interface Props {
  task: StorageTask | null;
  onClose(): void;
}

export function StorageTaskDialog({ task, onClose }: Props) {
  return (
    <Modal open={task !== null} onClose={onClose} title={task ? TITLES[task.kind] : ''} size="medium" testId="storage-dialog">
      {task && <TaskBody key={task.kind} task={task} onClose={onClose} />}
    </Modal>
  );
}

function TaskBody({ task, onClose }: { task: StorageTask; onClose(): void }) {
  const ids = useId();
  const { running, finishedOf } = useStorageJobs();
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const sessionKey = task.kind === 'archiveExport' ? task.sessionIds.join(',') : '';

  useEffect(() => {
    let live = true;
    const suggest =
      task.kind === 'backup'
        ? api.invoke('backup.suggestPath', {})
        : task.kind === 'archiveExport'
          ? api.invoke('archive.suggestPath', { sessionIds: sessionKey.split(',') })
          : null;
    suggest?.then(
      (answer) => live && setPath((p) => p || answer.path),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [task.kind, sessionKey]);

  useEffect(() => {
    if (confirm) confirmRef.current?.focus();
  }, [confirm]);

  const finished = finishedOf(jobId);
  const job = running && running.jobId === jobId ? running : null;

  const start = async (confirmed: boolean) => {
    const where = path.trim();
    if (!where) {
      setError(task.kind === 'backup' || task.kind === 'archiveExport' ? 'Say where to save it.' : 'Say which file or folder to use.');
      inputRef.current?.focus();
      return;
    }
    setError(null);
    setConfirm(null);
    setBusy(true);
    try {
      const answer =
        task.kind === 'backup'
          ? await api.invoke('backup.start', { path: where })
          : task.kind === 'restore'
            ? await api.invoke('restore.start', { path: where, replace: confirmed })
            : task.kind === 'archiveExport'
              ? await api.invoke('archive.export', { sessionIds: task.sessionIds, outPath: where, overwrite: confirmed })
              : await api.invoke('archive.import', { path: where });
      setJobId(answer.jobId);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'file_exists' && (task.kind === 'restore' || task.kind === 'archiveExport')) setConfirm(e.message);
      else setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (finished) return <TaskDone finished={finished} onAgain={() => setJobId(null)} onClose={onClose} />;
  if (jobId) {
    const percent = job?.percent ?? 0;
    const stage = job?.stage ?? 'Starting';
    return (
      <div className="storage-running">
        <div
          className="progress storage-progress"
          role="progressbar"
          aria-label={`${TITLES[task.kind]}: progress`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={`${percent}%: ${stage}`}
          data-testid="storage-progress"
        >
          <div className="progress-fill" style={{ width: `${percent}%` }} />
        </div>
        <p className="storage-stage" aria-live="polite">
          {stage}… <span className="num">{percent}%</span>
        </p>
        <footer className="modal-footer">
          <button type="button" className="btn btn-danger" data-testid="storage-cancel" onClick={() => cancelStorageJob(jobId)}>
            Cancel
          </button>
        </footer>
      </div>
    );
  }

  return (
    <form
      className="storage-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy) void start(false);
      }}
    >
      {task.kind === 'archiveExport' && <p className="storage-note">{pluralise(task.sessionIds.length, 'session', 'sessions')} with their recordings, waveforms, transcripts, annotations and reviews.</p>}
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-path`}>
          {task.kind === 'backup' ? 'Back up to' : task.kind === 'archiveExport' ? 'Save as' : task.kind === 'restore' ? 'Backup folder or file' : 'Archive file'}
        </label>
        <input
          ref={inputRef}
          id={`${ids}-path`}
          className="input storage-path"
          data-testid="storage-path"
          value={path}
          spellCheck={false}
          autoComplete="off"
          placeholder={task.kind === 'restore' ? '/path/to/attune-backup-…' : task.kind === 'archiveImport' ? '/path/to/sessions.attune-archive' : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${ids}-hint${error ? ` ${ids}-error` : ''}`}
          onChange={(e) => {
            setPath(e.target.value);
            setError(null);
            setConfirm(null);
          }}
        />
        <span id={`${ids}-hint`} className="field-hint">
          {HINTS[task.kind]}
        </span>
      </div>
      {error && (
        <p id={`${ids}-error`} className="inline-alert" role="alert" data-testid="storage-error">
          <AlertIcon /> {error}
        </p>
      )}
      {confirm ? (
        <div className="callout callout-warning storage-confirm" role="alertdialog" aria-labelledby={`${ids}-confirm`} aria-describedby={`${ids}-confirm-detail`}>
          <AlertIcon />
          <div>
            <strong id={`${ids}-confirm`}>{task.kind === 'restore' ? 'Replace everything in this library with the backup?' : 'Replace the existing file?'}</strong>
            <p id={`${ids}-confirm-detail`}>{confirm.replace(/ Replace it\?$/, '').replace(/; confirm to replace it\.$/, '.')} This cannot be undone{task.kind === 'restore' ? '; make a backup of this library first if you may need it' : ''}.</p>
            <div className="button-group">
              <button ref={confirmRef} type="button" className="btn btn-danger btn-small" data-testid="storage-confirm" onClick={() => void start(true)}>
                {task.kind === 'restore' ? 'Replace the library' : 'Replace the file'}
              </button>
              <button type="button" className="btn btn-secondary btn-small" onClick={() => setConfirm(null)}>
                Keep it
              </button>
            </div>
          </div>
        </div>
      ) : (
        <footer className="modal-footer">
          <button type="button" className="btn btn-secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" data-testid="storage-start" disabled={busy || (running !== null && running.jobId !== jobId)}>
            {START_LABELS[task.kind]}
          </button>
        </footer>
      )}
      {running && running.jobId !== jobId && <p className="field-hint">Other storage work is under way; wait for it to finish.</p>}
    </form>
  );
}

function TaskDone({ finished, onAgain, onClose }: { finished: StorageFinished; onAgain(): void; onClose(): void }) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  const { outcome } = finished;
  let body;
  if (outcome.kind === 'cancelled') {
    body = (
      <p className="storage-result" role="status">
        Cancelled; nothing was written or changed.
      </p>
    );
  } else if (outcome.kind === 'failed') {
    body = (
      <p className="inline-alert" role="alert" data-testid="storage-error">
        <AlertIcon /> {outcome.message}
      </p>
    );
  } else {
    let line: string;
    let where: string;
    const extra: string[] = [];
    switch (outcome.kind) {
      case 'backup':
        line = `Backup verified: ${pluralise(outcome.result.sessions, 'session', 'sessions')}, ${pluralise(outcome.result.files, 'file', 'files')}, ${formatBytes(outcome.result.bytes)}. Every file was read back and matched, and the database passed SQLite’s integrity check.`;
        where = outcome.result.path;
        break;
      case 'restore':
        line = `Restored ${pluralise(outcome.result.sessions, 'session', 'sessions')} from the backup made ${new Date(outcome.result.backupCreatedAt).toLocaleString()}.`;
        where = outcome.result.path;
        extra.push(...outcome.result.warnings);
        break;
      case 'archiveExport':
        line = `Saved ${pluralise(outcome.result.sessions, 'session', 'sessions')} (${formatBytes(outcome.result.bytes)}).`;
        where = outcome.result.path;
        break;
      case 'archiveImport':
        line = `Imported ${pluralise(outcome.result.imported.length, 'session', 'sessions')}.`;
        where = outcome.result.path;
        for (const d of outcome.result.duplicates) extra.push(`Skipped “${d.title}”: it is already in this library.`);
        extra.push(...outcome.result.warnings);
        break;
    }
    body = (
      <>
        <p className="storage-result" role="status" data-testid="storage-done">
          <CheckIcon size={18} /> <span>{line}</span>
        </p>
        <p className="storage-result-path">
          <code>{where}</code>
        </p>
        {extra.length > 0 && (
          <ul className="storage-duplicates" data-testid="storage-duplicates">
            {extra.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        )}
      </>
    );
  }
  return (
    <div className="storage-done">
      {body}
      <footer className="modal-footer">
        {(outcome.kind === 'failed' || outcome.kind === 'cancelled') && (
          <button type="button" className="btn btn-secondary" onClick={onAgain}>
            Try again
          </button>
        )}
        <button ref={closeRef} type="button" className="btn btn-primary" onClick={onClose}>
          Done
        </button>
      </footer>
    </div>
  );
}
