/**
 * Consent and retention: sessions past their retention date, those due within 30 days and those with
 * no consent on file — each choosable for deletion (one or several, after a confirmation naming
 * them) — and the deletion log below: when, by whom, and what kinds of things went, never content.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { DeletionLogEntry } from '../../shared/domain/library';
import { CONSENT_SCOPE_LABELS, type Session } from '../../shared/domain/session';
import { describeRemoved } from '../../shared/library/removed-summary';
import { formatBytes, formatIsoDate, formatTimestamp, pluralise } from '../../shared/util/format';
import { sessionHref } from '../app/router';
import { AlertIcon, CheckIcon, TrashIcon } from '../ui/icons';
import { ViewMessage } from '../ui/ViewMessage';
import { DeleteSessionsDialog } from './DeleteSessionsDialog';
import { useRetention } from './useRetention';

interface ListProps {
  id: string;
  title: string;
  empty: string;
  sessions: readonly Session[];
  selected: ReadonlySet<string>;
  onToggle(id: string): void;
  onToggleAll(ids: string[], on: boolean): void;
  onDelete(session: Session): void;
}

function RetentionList({ id, title, empty, sessions, selected, onToggle, onToggleAll, onDelete }: ListProps) {
  const all = sessions.length > 0 && sessions.every((s) => selected.has(s.id));
  return (
    <section className="retention-section" aria-labelledby={`${id}-heading`} data-testid={`retention-${id}`}>
      <h2 id={`${id}-heading`}>
        {title} <span className="retention-count">{sessions.length.toLocaleString()}</span>
      </h2>
      {sessions.length === 0 ? (
        <p className="retention-empty">{empty}</p>
      ) : (
        <table className="retention-table sessions-table">
          <thead>
            <tr>
              <th scope="col" className="retention-check">
                <input type="checkbox" checked={all} onChange={() => onToggleAll(sessions.map((s) => s.id), !all)} aria-label={`Select every session in “${title}”`} />
              </th>
              <th scope="col">Title</th>
              <th scope="col">Trainee</th>
              <th scope="col">Recorded</th>
              <th scope="col">Consent</th>
              <th scope="col">Keep until</th>
              <th scope="col" className="align-end">
                Size
              </th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id} className={selected.has(s.id) ? 'is-checked' : undefined}>
                <td className="retention-check">
                  <input type="checkbox" checked={selected.has(s.id)} onChange={() => onToggle(s.id)} aria-label={`Select ${s.title}`} />
                </td>
                <td>
                  <a href={sessionHref(s.id)} className="cell-title">
                    {s.title}
                  </a>
                </td>
                <td>{s.trainee || <span className="muted">—</span>}</td>
                <td>{formatIsoDate(s.recordedAt) ?? <span className="muted">—</span>}</td>
                <td>
                  {s.consent ? (
                    <span className="consent-ok">
                      <CheckIcon size={13} /> {CONSENT_SCOPE_LABELS[s.consent.scope]}, {formatIsoDate(s.consent.date)}
                    </span>
                  ) : (
                    <span className="consent-flag">
                      <AlertIcon size={13} /> No consent
                    </span>
                  )}
                </td>
                <td>{formatIsoDate(s.retainUntil) ?? <span className="muted">Not set</span>}</td>
                <td className="align-end num">{formatBytes(s.media.sizeBytes)}</td>
                <td className="align-end">
                  <button type="button" className="btn btn-quiet btn-small btn-danger-quiet" onClick={() => onDelete(s)} aria-label={`Delete ${s.title}…`}>
                    <TrashIcon size={13} /> Delete…
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function DeletionLog({ log }: { log: readonly DeletionLogEntry[] }) {
  return (
    <section className="retention-section" aria-labelledby="deletion-log-heading" data-testid="deletion-log">
      <h2 id="deletion-log-heading">
        Deletion log <span className="retention-count">{log.length.toLocaleString()}</span>
      </h2>
      <p className="retention-intro">Only what kinds of things were deleted, when and by whom — never titles, names or content.</p>
      {log.length === 0 ? (
        <p className="retention-empty">Nothing has been deleted from this library.</p>
      ) : (
        <table className="retention-table log-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">By</th>
              <th scope="col">Session id</th>
              <th scope="col">What was removed</th>
            </tr>
          </thead>
          <tbody>
            {log.map((e) => (
              <tr key={e.id}>
                <td className="nowrap">{formatTimestamp(e.deletedAt)}</td>
                <td>{e.deletedBy}</td>
                <td>
                  <code title={e.sessionId}>{e.sessionId.slice(0, 8)}</code>
                </td>
                <td className="log-removed">{describeRemoved(e.removed).join(' · ') || 'Only the session record'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function RetentionView() {
  const [state, reload] = useRetention();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [doomed, setDoomed] = useState<readonly Session[]>([]);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (document.activeElement === document.body) headingRef.current?.focus({ preventScroll: true });
  }, []);

  const byId = useMemo(() => {
    const map = new Map<string, Session>();
    if (state.status === 'ready') for (const s of [...state.overview.past, ...state.overview.dueSoon, ...state.overview.noConsent]) map.set(s.id, s);
    return map;
  }, [state]);
  const chosen = [...selected].map((id) => byId.get(id)).filter((s): s is Session => s !== undefined);

  if (state.status === 'loading') {
    return (
      <div className="retention" aria-busy="true">
        <h1 ref={headingRef} tabIndex={-1}>
          Retention
        </h1>
        <p className="visually-hidden" role="status">
          Loading…
        </p>
      </div>
    );
  }
  if (state.status === 'error') return <ViewMessage title="The Retention screen could not be loaded" message={state.message} backToLibrary />;

  const { overview, log } = state;
  const toggle = (id: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const toggleAll = (ids: string[], on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      for (const id of ids) if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const listProps = { selected, onToggle: toggle, onToggleAll: toggleAll, onDelete: (s: Session) => setDoomed([s]) };

  return (
    <div className="retention">
      <header className="retention-header">
        <h1 ref={headingRef} tabIndex={-1}>
          Retention
        </h1>
        <p className="retention-intro">
          Recordings are kept only as long as consent allows. Deleting removes a session for good: the recording is overwritten before it
          is removed, with its caches, transcript, annotations and scores.
        </p>
      </header>
      {state.error && (
        <p className="inline-alert" role="alert">
          <AlertIcon /> The lists may be out of date: {state.error}
        </p>
      )}
      <RetentionList id="past" title="Past their retention date" empty="No session is past its retention date." sessions={overview.past} {...listProps} />
      <RetentionList
        id="due"
        title={`Due within ${overview.dueWithinDays} days`}
        empty={`No retention date falls in the next ${overview.dueWithinDays} days.`}
        sessions={overview.dueSoon}
        {...listProps}
      />
      <RetentionList id="no-consent" title="No consent on file" empty="Every session has consent on file." sessions={overview.noConsent} {...listProps} />
      {chosen.length > 0 && (
        <div className="selection-bar" role="region" aria-label="Selected sessions">
          <span className="selection-count" role="status">
            {pluralise(chosen.length, 'session', 'sessions')} selected
          </span>
          <button type="button" className="btn btn-danger btn-small" onClick={() => setDoomed(chosen)}>
            <TrashIcon size={13} /> Delete selected…
          </button>
          <button type="button" className="btn btn-quiet btn-small" onClick={() => setSelected(new Set())}>
            Clear selection
          </button>
        </div>
      )}
      <DeletionLog log={log} />
      <DeleteSessionsDialog
        sessions={doomed}
        onClose={() => setDoomed([])}
        onDeleted={(ids) => {
          setSelected((prev) => new Set([...prev].filter((id) => !ids.includes(id))));
          reload();
        }}
      />
    </div>
  );
}
