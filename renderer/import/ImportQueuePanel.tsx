/** The import queue: each file's phase and progress, a Cancel button, and how it ended. */
import { useState } from 'react';
import { sessionHref } from '../app/router';
import { AlertIcon, AudioIcon, CheckIcon, ChevronDownIcon, ChevronUpIcon, CloseIcon, InfoIcon, VideoIcon } from '../ui/icons';
import { cancelImport, clearFinishedImports, dismissImport, PHASE_LABELS, useImports, type ImportEntry } from './import-queue';

const VIDEO_EXTENSIONS = /\.(mp4|mov|webm)$/i;

function ProgressBar({ entry }: { entry: ImportEntry }) {
  const indeterminate = entry.phase === 'waiting-upload' || entry.phase === 'queued';
  return (
    <div
      className={`progress ${indeterminate ? 'progress-idle' : ''}`}
      role="progressbar"
      aria-label={`${PHASE_LABELS[entry.phase]} ${entry.fileName}`}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(entry.percent)}
      aria-valuetext={`${PHASE_LABELS[entry.phase]}, ${Math.round(entry.percent)}%`}
    >
      <div className="progress-fill" style={{ width: `${Math.max(0, Math.min(100, entry.percent))}%` }} />
    </div>
  );
}

function Outcome({ entry }: { entry: ImportEntry }) {
  const r = entry.result;
  if (!r) return null;
  switch (r.kind) {
    case 'imported':
      return (
        <p className="import-outcome outcome-ok">
          <CheckIcon size={14} /> Imported —{' '}
          <a href={sessionHref(r.sessionId)} aria-label={`Open ${r.title}`}>
            Open
          </a>
        </p>
      );
    case 'duplicate':
      return (
        <p className="import-outcome outcome-info">
          <InfoIcon size={14} />
          <span>
            Already in library: <strong>{r.title}</strong> —{' '}
            <a href={sessionHref(r.sessionId)} aria-label={`Open ${r.title}`}>
              Open
            </a>
          </span>
        </p>
      );
    case 'failed':
      return (
        <p className="import-outcome outcome-error">
          <AlertIcon size={14} />
          <span>{r.message}</span>
        </p>
      );
    case 'cancelled':
      return <p className="import-outcome outcome-muted">Cancelled</p>;
  }
}

function ImportRow({ entry }: { entry: ImportEntry }) {
  const done = entry.result !== null;
  return (
    <li className={`import-row ${done ? `is-done is-${entry.result?.kind}` : 'is-active'}`} data-testid="import-row">
      <span className="import-icon" aria-hidden="true">
        {VIDEO_EXTENSIONS.test(entry.fileName) ? <VideoIcon size={16} /> : <AudioIcon size={16} />}
      </span>
      <div className="import-main">
        <div className="import-line">
          <span className="import-name" title={entry.fileName}>
            {entry.fileName}
          </span>
          {!done && (
            <span className="import-phase">
              {PHASE_LABELS[entry.phase]}
              {entry.phase !== 'waiting-upload' && entry.phase !== 'queued' && <span className="num"> {Math.round(entry.percent)}%</span>}
            </span>
          )}
        </div>
        {done ? <Outcome entry={entry} /> : <ProgressBar entry={entry} />}
      </div>
      {done ? (
        <button type="button" className="btn btn-icon btn-quiet btn-small" onClick={() => dismissImport(entry.key)} aria-label={`Remove ${entry.fileName} from the list`} title="Remove from the list">
          <CloseIcon size={14} />
        </button>
      ) : (
        <button type="button" className="btn btn-secondary btn-small" onClick={() => cancelImport(entry.key)} aria-label={`Cancel importing ${entry.fileName}`}>
          Cancel
        </button>
      )}
    </li>
  );
}

export function ImportQueuePanel() {
  const entries = useImports();
  const [collapsed, setCollapsed] = useState(false);
  if (entries.length === 0) return null;
  const active = entries.filter((e) => !e.result).length;
  const failed = entries.filter((e) => e.result?.kind === 'failed').length;
  const summary = active > 0 ? `${active} in progress` : failed > 0 ? `${failed} not imported` : 'All done';
  return (
    <aside className={`import-panel ${collapsed ? 'is-collapsed' : ''}`} aria-label="Import queue" data-testid="import-queue">
      <header className="import-panel-header">
        <h2>Imports</h2>
        <span className="import-summary">{summary}</span>
        {active < entries.length && (
          <button type="button" className="btn btn-quiet btn-small" onClick={clearFinishedImports}>
            Clear finished
          </button>
        )}
        <button
          type="button"
          className="btn btn-icon btn-quiet btn-small"
          onClick={() => setCollapsed((c) => !c)}
          aria-expanded={!collapsed}
          aria-label={collapsed ? 'Show imports' : 'Hide imports'}
        >
          {collapsed ? <ChevronUpIcon size={14} /> : <ChevronDownIcon size={14} />}
        </button>
      </header>
      {!collapsed && (
        <ul className="import-list">
          {entries.map((entry) => (
            <ImportRow key={entry.key} entry={entry} />
          ))}
        </ul>
      )}
    </aside>
  );
}
