/**
 * The Storage screen: how much space the library takes (per session: recording, waveform, audio
 * cache, clips; and the database and models), clearing the caches Attune can rebuild, backing up and
 * restoring the whole library, and exporting chosen sessions as an archive or importing one.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { StorageUsage } from '../../shared/domain/archive';
import { formatBytes, pluralise } from '../../shared/util/format';
import { api, errorMessage } from '../api/client';
import { sessionHref } from '../app/router';
import { usePublishViewTitle } from '../app/view-title';
import { AlertIcon, SpinnerIcon } from '../ui/icons';
import { showError } from '../ui/toasts';
import { cancelStorageJob, JOB_LABELS, useStorageJobs } from './storage-jobs';
import { StorageTaskDialog, type StorageTask } from './StorageTaskDialog';

export function StorageView() {
  usePublishViewTitle('Storage');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [usage, setUsage] = useState<StorageUsage | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [task, setTask] = useState<StorageTask | null>(null);
  const [clearing, setClearing] = useState(false);
  const [cleared, setCleared] = useState<string | null>(null);
  const { running } = useStorageJobs();

  const reload = useCallback(() => {
    api.invoke('storage.usage', {}).then(
      (u) => {
        setUsage(u);
        setLoadError(null);
        setSelected((s) => new Set([...s].filter((id) => u.sessions.some((x) => x.sessionId === id))));
      },
      (e: unknown) => setLoadError(errorMessage(e)),
    );
  }, []);

  useEffect(() => {
    if (document.activeElement === document.body) headingRef.current?.focus({ preventScroll: true });
    reload();
    const offs = [api.on('library.changed', reload), api.on('storage.finished', reload)];
    return () => offs.forEach((off) => off());
  }, [reload]);

  const clearCaches = () => {
    setClearing(true);
    setCleared(null);
    api.invoke('storage.clearCaches', {}).then(
      (r) => {
        setClearing(false);
        const kept = r.keptInUse > 0 ? ` ${pluralise(r.keptInUse, 'cache is', 'caches are')} in use by a transcription and stayed.` : '';
        setCleared(r.files === 0 ? `There was nothing to clear.${kept}` : `Freed ${formatBytes(r.freedBytes)} (${pluralise(r.files, 'file', 'files')}).${kept}`);
        reload();
      },
      (e: unknown) => {
        setClearing(false);
        showError(errorMessage(e), 'The caches were not cleared');
      },
    );
  };

  const allIds = usage?.sessions.map((s) => s.sessionId) ?? [];
  const allSelected = allIds.length > 0 && allIds.every((id) => selected.has(id));
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <div className="storage-view">
      <div className="page-header">
        <h1 ref={headingRef} tabIndex={-1}>
          Storage
        </h1>
        <p className="page-lede">Space the library takes on this computer, backups of the whole library, and archives of chosen sessions to move or keep elsewhere.</p>
      </div>

      {running && (
        <div className="storage-job" data-testid="storage-job">
          <SpinnerIcon />
          <span className="storage-job-label">
            {JOB_LABELS[running.kind]} — {running.stage} <span className="num">{running.percent}%</span>
          </span>
          <div className="progress storage-job-progress" role="progressbar" aria-label={JOB_LABELS[running.kind]} aria-valuemin={0} aria-valuemax={100} aria-valuenow={running.percent}>
            <div className="progress-fill" style={{ width: `${running.percent}%` }} />
          </div>
          <button type="button" className="btn btn-secondary btn-small" onClick={() => cancelStorageJob(running.jobId)}>
            Cancel
          </button>
        </div>
      )}

      {loadError && (
        <p className="inline-alert" role="alert">
          <AlertIcon /> {loadError}
        </p>
      )}

      {usage && (
        <>
          <section className="storage-summary" aria-label="Space used">
            <dl className="storage-totals" data-testid="storage-totals">
              <Total label="In all" bytes={usage.total} strong />
              <Total label="Recordings" bytes={usage.totals.media} />
              <Total label="Waveforms" bytes={usage.totals.peaks} />
              <Total label="Audio cache" bytes={usage.totals.pcm} hint="rebuilt when needed" />
              <Total label="Clips" bytes={usage.totals.clips} />
              <Total label="Database" bytes={usage.database} />
              <Total label="Models" bytes={usage.models} />
            </dl>
            <p className="storage-where">
              Library folder: <code>{usage.dataDir}</code>
            </p>
          </section>

          <section className="storage-actions" aria-label="Storage actions">
            <div className="storage-action">
              <button type="button" className="btn btn-secondary" data-testid="storage-clear" disabled={clearing || usage.clearable === 0} onClick={clearCaches}>
                {clearing ? 'Clearing…' : 'Clear caches'}
              </button>
              <span className="storage-action-hint">
                {usage.clearable > 0 ? `Frees ${formatBytes(usage.clearable)} of audio prepared for transcription; Attune prepares it again when needed.` : 'No caches to clear.'}
              </span>
              {cleared && (
                <span className="storage-cleared" role="status" data-testid="storage-cleared">
                  {cleared}
                </span>
              )}
            </div>
            <div className="storage-action-row">
              <button type="button" className="btn btn-primary" data-testid="storage-backup" onClick={() => setTask({ kind: 'backup' })}>
                Back up…
              </button>
              <button type="button" className="btn btn-secondary" data-testid="storage-restore" onClick={() => setTask({ kind: 'restore' })}>
                Restore from a backup…
              </button>
              <button type="button" className="btn btn-secondary" data-testid="storage-import" onClick={() => setTask({ kind: 'archiveImport' })}>
                Import an archive…
              </button>
            </div>
          </section>

          <section className="storage-sessions" aria-labelledby="storage-sessions-title">
            <div className="storage-sessions-head">
              <h2 id="storage-sessions-title">Sessions</h2>
              <button
                type="button"
                className="btn btn-secondary btn-small"
                data-testid="storage-archive"
                disabled={selected.size === 0}
                onClick={() => setTask({ kind: 'archiveExport', sessionIds: allIds.filter((id) => selected.has(id)) })}
              >
                {selected.size === 0 ? 'Export archive…' : `Export ${pluralise(selected.size, 'session', 'sessions')} as an archive…`}
              </button>
            </div>
            {usage.sessions.length === 0 ? (
              <p className="storage-empty">No sessions yet.</p>
            ) : (
              <table className="storage-table" data-testid="storage-table">
                <thead>
                  <tr>
                    <th scope="col" className="storage-check">
                      <input
                        type="checkbox"
                        aria-label="Select all sessions"
                        checked={allSelected}
                        onChange={() => setSelected(allSelected ? new Set() : new Set(allIds))}
                      />
                    </th>
                    <th scope="col">Session</th>
                    <th scope="col">Trainee</th>
                    <th scope="col" className="num">
                      Recording
                    </th>
                    <th scope="col" className="num">
                      Waveform
                    </th>
                    <th scope="col" className="num">
                      Audio cache
                    </th>
                    <th scope="col" className="num">
                      Clips
                    </th>
                    <th scope="col" className="num">
                      Total
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {usage.sessions.map((s) => (
                    <tr key={s.sessionId} data-testid="storage-row" className={selected.has(s.sessionId) ? 'is-selected' : undefined}>
                      <td className="storage-check">
                        <input type="checkbox" aria-label={`Select “${s.title}”`} checked={selected.has(s.sessionId)} onChange={() => toggle(s.sessionId)} />
                      </td>
                      <th scope="row">
                        <a href={sessionHref(s.sessionId)}>{s.title}</a>
                      </th>
                      <td>{s.trainee || <span className="storage-none">—</span>}</td>
                      <Size bytes={s.media} />
                      <Size bytes={s.peaks} />
                      <Size bytes={s.pcm} />
                      <Size bytes={s.clips} />
                      <Size bytes={s.total} strong />
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}

      <StorageTaskDialog
        task={task}
        onClose={() => {
          setTask(null);
          reload();
        }}
      />
    </div>
  );
}

function Total({ label, bytes, hint, strong }: { label: string; bytes: number; hint?: string; strong?: boolean }) {
  return (
    <div className={strong ? 'storage-total is-strong' : 'storage-total'}>
      <dt>
        {label}
        {hint && <span className="storage-total-hint"> ({hint})</span>}
      </dt>
      <dd className="num">{formatBytes(bytes)}</dd>
    </div>
  );
}

function Size({ bytes, strong }: { bytes: number; strong?: boolean }) {
  return <td className={strong ? 'num storage-size is-strong' : 'num storage-size'}>{bytes > 0 ? formatBytes(bytes) : <span className="storage-none">—</span>}</td>;
}
