/**
 * The library as a sortable, keyboard-navigable grid. Rows have a fixed height and only the visible
 * ones (plus a little overscan) are in the DOM, so thousands of sessions scroll smoothly.
 *
 * Focus stays on the grid; the active row is exposed with aria-activedescendant. Arrow keys, Page
 * Up/Down and Home/End move it; Enter opens it. A received feedback package (the trainee's copy)
 * shows "Feedback from <supervisor>" and how much of it is read, and opens the Feedback view.
 */
import { gridMoveKeys } from '../lib/grid-keys';
import { useEffect, useId, useImperativeHandle, useRef, useState, type KeyboardEvent, type ReactNode, type Ref, type UIEvent } from 'react';
import { CONSENT_SCOPE_LABELS, type Session } from '../../shared/domain/session';
import { feedbackHref, navigate, sessionHref } from '../app/router';
import { formatClock, formatIsoDate, formatTimestamp, spokenDuration } from '../../shared/util/format';
import { AlertIcon, AudioIcon, CheckIcon, SortAscIcon, SortDescIcon, SortNoneIcon, VideoIcon } from '../ui/icons';
import { StatusBadge } from '../ui/StatusBadge';
import { useJobs } from '../transcript/jobs-store';
import { openHref, useReceived } from './library-store';
import type { SortKey, SortState } from './sorting';

export const ROW_HEIGHT = 38;
const HEADER_HEIGHT = 36;
const OVERSCAN = 8;

interface Column {
  key: SortKey;
  label: string;
  align?: 'end';
  cell(session: Session): ReactNode;
}

const COLUMNS: Column[] = [
  {
    key: 'title',
    label: 'Title',
    cell: (s) => <TitleCell session={s} />,
  },
  { key: 'trainee', label: 'Trainee', cell: (s) => <TextCell value={s.trainee} empty="No trainee" /> },
  { key: 'supervisor', label: 'Supervisor', cell: (s) => <TextCell value={s.supervisor} empty="No supervisor" /> },
  { key: 'cohort', label: 'Cohort', cell: (s) => <TextCell value={s.cohort} empty="No cohort" /> },
  { key: 'client', label: 'Client', cell: (s) => <TextCell value={s.clientPseudonym} empty="No client pseudonym" /> },
  { key: 'tags', label: 'Tags', cell: (s) => <TagsCell tags={s.tags} /> },
  {
    key: 'recordedAt',
    label: 'Recorded',
    cell: (s) => {
      const date = formatIsoDate(s.recordedAt);
      return date ?? <Empty label="No date" />;
    },
  },
  {
    key: 'duration',
    label: 'Duration',
    align: 'end',
    cell: (s) => (
      <span className="duration-cell" title={s.media.hasVideo ? 'Video' : 'Audio'}>
        {s.media.hasVideo ? <VideoIcon size={13} /> : <AudioIcon size={13} />}
        <span className="visually-hidden">{s.media.hasVideo ? 'Video' : 'Audio'}, </span>
        <span className="num" aria-label={spokenDuration(s.media.duration)}>
          {formatClock(s.media.duration)}
        </span>
      </span>
    ),
  },
  { key: 'status', label: 'Status', cell: (s) => <StatusCell session={s} /> },
  { key: 'consent', label: 'Consent', cell: (s) => <ConsentCell session={s} /> },
  { key: 'createdAt', label: 'Added', cell: (s) => <span className="muted">{formatTimestamp(s.createdAt)}</span> },
];

function TextCell({ value, empty }: { value: string; empty: string }) {
  return value ? <span title={value}>{value}</span> : <Empty label={empty} />;
}

function TagsCell({ tags }: { tags: readonly string[] }) {
  if (tags.length === 0) return <Empty label="No tags" />;
  return (
    <span className="cell-tags" title={tags.join(', ')}>
      {tags.slice(0, 2).map((t) => (
        <span key={t} className="tag-chip">
          {t}
        </span>
      ))}
      {tags.length > 2 && (
        <span className="tag-more">
          +{tags.length - 2}
          <span className="visually-hidden"> more: {tags.slice(2).join(', ')}</span>
        </span>
      )}
    </span>
  );
}

/** No consent on file is flagged with an icon and words, not colour alone; otherwise the scope. */
function ConsentCell({ session }: { session: Session }) {
  if (!session.consent) {
    return (
      <span className="consent-flag" data-testid="no-consent-flag" title="No consent on file for this recording">
        <AlertIcon size={13} /> No consent
      </span>
    );
  }
  return (
    <span className="consent-ok" title={`Consent given ${session.consent.date}, recorded by ${session.consent.recordedBy}`}>
      <CheckIcon size={13} /> {CONSENT_SCOPE_LABELS[session.consent.scope]}
    </span>
  );
}

/** The title, linking to the session; a received package says who sent it and opens its Feedback view. */
function TitleCell({ session }: { session: Session }) {
  const received = useReceived().get(session.id);
  if (!received) {
    return (
      <a className="cell-title" href={sessionHref(session.id)} tabIndex={-1} title={session.title}>
        {session.title}
      </a>
    );
  }
  const from = received.createdBy.trim() || 'your supervisor';
  return (
    <span className="received-title">
      <a className="cell-title" href={feedbackHref(session.id)} tabIndex={-1} title={session.title}>
        {session.title}
      </a>
      <span className="received-badge" title={`A feedback package from ${from}`} data-testid="received-badge">
        Feedback from {from}
      </span>
    </span>
  );
}

/** A received package's status: how much of it the trainee has read. */
function ReceivedStatus({ read, total }: { read: number; total: number }) {
  return (
    <span className={`status-badge received-status ${total > 0 && read >= total ? 'is-done' : ''}`} data-testid="received-status">
      <span className="status-dot" aria-hidden="true" />
      {total === 0 ? 'Received' : read >= total ? 'All read' : `${read} of ${total} read`}
    </span>
  );
}

/** The session's status, or its transcription's progress while a job is queued or running. */
function StatusCell({ session }: { session: Session }) {
  const received = useReceived().get(session.id);
  const { bySession, outcomes } = useJobs();
  if (received) return <ReceivedStatus read={received.readCount} total={received.annotationCount} />;
  const job = bySession.get(session.id);
  if (job) {
    const percent = Math.round(job.percent);
    return (
      <span className="job-cell" data-testid="row-job">
        <span className="job-cell-label">{job.status === 'queued' ? 'Queued' : `Transcribing ${percent}%`}</span>
        <span className="progress job-cell-bar" aria-hidden="true">
          <span className="progress-fill" style={{ width: `${job.status === 'queued' ? 0 : percent}%`, display: 'block' }} />
        </span>
      </span>
    );
  }
  const outcome = outcomes.get(session.id);
  if (outcome?.kind === 'failed') {
    return (
      <span className="job-cell job-failed" title={outcome.message}>
        <AlertIcon size={13} /> Transcription failed
      </span>
    );
  }
  return <StatusBadge status={session.status} />;
}

function Empty({ label }: { label: string }) {
  return (
    <span className="empty-cell">
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}

interface LibraryTableProps {
  sessions: readonly Session[];
  sort: SortState;
  onSort(key: SortKey): void;
  label: string;
  /** Ids of the rows ticked for a batch action. */
  selected: ReadonlySet<string>;
  onToggle(id: string, range: boolean): void;
  onToggleAll(): void;
  ref?: Ref<LibraryTableHandle>;
}

export interface LibraryTableHandle {
  focus(): void;
}

export function LibraryTable({ sessions, sort, onSort, label, selected, onToggle, onToggleAll, ref }: LibraryTableProps) {
  const idPrefix = useId();
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const [view, setView] = useState(() => ({ top: 0, height: Math.max(400, window.innerHeight) }));
  const [activeId, setActiveId] = useState<string | null>(null);
  const activeIndex = activeId === null ? -1 : sessions.findIndex((s) => s.id === activeId);

  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setView((v) => (v.height === el.clientHeight ? v : { ...v, height: el.clientHeight })));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useImperativeHandle(ref, () => ({ focus: () => scrollRef.current?.focus() }), []);

  const onScroll = (event: UIEvent<HTMLDivElement>) => {
    const top = event.currentTarget.scrollTop;
    setView((v) => (v.top === top ? v : { ...v, top }));
  };

  const rowsInView = Math.max(1, Math.floor((view.height - HEADER_HEIGHT) / ROW_HEIGHT));
  const first = Math.max(0, Math.floor(view.top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(sessions.length, Math.ceil((view.top + view.height) / ROW_HEIGHT) + OVERSCAN);
  const indexes: number[] = [];
  for (let i = first; i < last; i++) indexes.push(i);
  // The active row stays mounted even when scrolled away, so aria-activedescendant always resolves.
  if (activeIndex >= 0 && (activeIndex < first || activeIndex >= last)) indexes.push(activeIndex);

  const rowId = (s: Session) => `${idPrefix}-row-${s.id.replace(/[^\w-]/g, '_')}`;

  const reveal = (index: number) => {
    const el = scrollRef.current;
    if (!el) return;
    const top = index * ROW_HEIGHT;
    const visible = el.clientHeight - HEADER_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + visible) el.scrollTop = top + ROW_HEIGHT - visible;
  };

  const moveTo = (index: number) => {
    if (sessions.length === 0) return;
    const clamped = Math.max(0, Math.min(sessions.length - 1, index));
    const target = sessions[clamped];
    if (!target) return;
    setActiveId(target.id);
    reveal(clamped);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey) return;
    const current = activeIndex;
    const keys: Record<string, () => void> = {
      ...gridMoveKeys(current, sessions.length, rowsInView, moveTo),
      Enter: () => {
        const s = sessions[current];
        if (s) navigate(openHref(s.id));
      },
      ' ': () => {
        const s = sessions[current];
        if (s) onToggle(s.id, event.shiftKey);
      },
    };
    const action = keys[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };

  const active = activeIndex >= 0 ? sessions[activeIndex] : undefined;

  return (
    <div
      ref={scrollRef}
      className="grid-scroll"
      role="grid"
      aria-label={label}
      aria-rowcount={sessions.length + 1}
      aria-colcount={COLUMNS.length + 1}
      aria-multiselectable="true"
      aria-activedescendant={active ? rowId(active) : undefined}
      aria-readonly="true"
      tabIndex={0}
      onScroll={onScroll}
      onKeyDown={onKeyDown}
      onFocus={(event) => {
        if (event.target === event.currentTarget && activeIndex < 0 && sessions[0]) setActiveId(sessions[0].id);
      }}
      data-testid="library-grid"
    >
      <div role="rowgroup" className="grid-head" style={{ height: HEADER_HEIGHT }}>
        <div role="row" aria-rowindex={1} className="grid-row grid-row-head">
          <div role="columnheader" className="grid-cell cell-check">
            <input
              type="checkbox"
              aria-label="Select all recordings shown"
              checked={sessions.length > 0 && sessions.every((s) => selected.has(s.id))}
              ref={(el) => {
                if (el) el.indeterminate = selected.size > 0 && !sessions.every((s) => selected.has(s.id));
              }}
              onChange={onToggleAll}
            />
          </div>
          {COLUMNS.map((col) => {
            const sorted = sort.key === col.key;
            return (
              <div key={col.key} role="columnheader" aria-sort={sorted ? sort.direction : 'none'} className={`grid-cell ${col.align === 'end' ? 'align-end' : ''}`}>
                <button type="button" className={`sort-button ${sorted ? 'is-sorted' : ''}`} onClick={() => onSort(col.key)}>
                  <span>{col.label}</span>
                  {sorted ? (
                    sort.direction === 'ascending' ? (
                      <SortAscIcon size={13} />
                    ) : (
                      <SortDescIcon size={13} />
                    )
                  ) : (
                    <SortNoneIcon size={13} className="sort-idle" />
                  )}
                </button>
              </div>
            );
          })}
        </div>
      </div>
      <div role="rowgroup" className="grid-body" style={{ height: sessions.length * ROW_HEIGHT }}>
        {indexes.map((i) => {
          const s = sessions[i];
          if (!s) return null;
          const isActive = i === activeIndex;
          return (
            <div
              key={s.id}
              id={rowId(s)}
              role="row"
              aria-rowindex={i + 2}
              aria-selected={selected.has(s.id)}
              data-active={isActive || undefined}
              className={`grid-row ${isActive ? 'is-active' : ''} ${selected.has(s.id) ? 'is-checked' : ''} ${i % 2 ? 'is-odd' : ''}`}
              style={{ transform: `translateY(${i * ROW_HEIGHT}px)`, height: ROW_HEIGHT }}
              onClick={(e) => {
                setActiveId(s.id);
                if (e.shiftKey || e.ctrlKey || e.metaKey) {
                  e.preventDefault();
                  onToggle(s.id, e.shiftKey);
                  return;
                }
                navigate(openHref(s.id));
              }}
            >
              <div role="gridcell" className="grid-cell cell-check" onClick={(e) => e.stopPropagation()}>
                <input
                  type="checkbox"
                  tabIndex={-1}
                  aria-label={`Select ${s.title}`}
                  checked={selected.has(s.id)}
                  onChange={(e) => onToggle(s.id, (e.nativeEvent as MouseEvent).shiftKey === true)}
                />
              </div>
              {COLUMNS.map((col) => (
                <div key={col.key} role="gridcell" className={`grid-cell ${col.align === 'end' ? 'align-end' : ''}`}>
                  {col.cell(s)}
                </div>
              ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}
