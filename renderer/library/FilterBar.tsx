/**
 * The library's filter bar: menus of the trainees, supervisors, cohorts, client pseudonyms and tags
 * in use, a recording-date range, "No consent on file" and "Retention due"; and the status chips,
 * which count the sessions of each status among those the other filters keep and filter by it.
 */
import { useMemo } from 'react';
import type { LibraryFilter, StatusCounts } from '../../shared/domain/library';
import { RETENTION_DUE_DAYS } from '../../shared/domain/library';
import { SESSION_STATUSES, SESSION_STATUS_LABELS, type Session } from '../../shared/domain/session';
import { CloseIcon } from '../ui/icons';

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** The distinct non-empty values, case-insensitively, sorted. */
function distinct(values: Iterable<string>): string[] {
  const seen = new Map<string, string>();
  for (const raw of values) {
    const v = raw.trim();
    if (v && !seen.has(v.toLocaleLowerCase())) seen.set(v.toLocaleLowerCase(), v);
  }
  return [...seen.values()].sort(collator.compare);
}

type TextKey = 'trainee' | 'supervisor' | 'cohort' | 'client' | 'tag';

interface FilterBarProps {
  sessions: readonly Session[];
  filter: LibraryFilter;
  onChange(filter: LibraryFilter): void;
  /** Clears every filter, the quick filter included. */
  onClear(): void;
  active: boolean;
}

function Choice({ label, any, value, options, onChange, testId }: { label: string; any: string; value: string | undefined; options: string[]; onChange(v: string | undefined): void; testId: string }) {
  // A value no session has any more (a saved filter) stays choosable, so the menu shows what filters.
  const all = value && !options.some((o) => o.toLocaleLowerCase() === value.toLocaleLowerCase()) ? [value, ...options] : options;
  return (
    <label className={`filter-choice ${value ? 'is-set' : ''}`}>
      <span className="filter-label">{label}</span>
      <select className="select select-compact" value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)} data-testid={testId}>
        <option value="">{any}</option>
        {all.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
}

export function FilterBar({ sessions, filter, onChange, onClear, active }: FilterBarProps) {
  const options = useMemo(
    () => ({
      trainee: distinct(sessions.map((s) => s.trainee)),
      supervisor: distinct(sessions.map((s) => s.supervisor)),
      cohort: distinct(sessions.map((s) => s.cohort)),
      client: distinct(sessions.map((s) => s.clientPseudonym)),
      tag: distinct(sessions.flatMap((s) => s.tags)),
    }),
    [sessions],
  );
  const set = (key: TextKey, value: string | undefined) => onChange({ ...filter, [key]: value });
  const choice = (key: TextKey, label: string, any: string) => (
    <Choice label={label} any={any} value={filter[key]} options={options[key]} onChange={(v) => set(key, v)} testId={`filter-${key}`} />
  );
  return (
    <div className="filter-bar" role="group" aria-label="Filters">
      {choice('trainee', 'Trainee', 'Any trainee')}
      {choice('supervisor', 'Supervisor', 'Any supervisor')}
      {choice('cohort', 'Cohort', 'Any cohort')}
      {choice('client', 'Client', 'Any client')}
      {choice('tag', 'Tag', 'Any tag')}
      <label className={`filter-choice ${filter.recordedFrom ? 'is-set' : ''}`}>
        <span className="filter-label">Recorded from</span>
        <input type="date" className="input input-compact" value={filter.recordedFrom ?? ''} max={filter.recordedTo} onChange={(e) => onChange({ ...filter, recordedFrom: e.target.value || undefined })} />
      </label>
      <label className={`filter-choice ${filter.recordedTo ? 'is-set' : ''}`}>
        <span className="filter-label">to</span>
        <input type="date" className="input input-compact" value={filter.recordedTo ?? ''} min={filter.recordedFrom} onChange={(e) => onChange({ ...filter, recordedTo: e.target.value || undefined })} />
      </label>
      <label className={`filter-check ${filter.noConsent ? 'is-set' : ''}`}>
        <input type="checkbox" checked={filter.noConsent === true} onChange={(e) => onChange({ ...filter, noConsent: e.target.checked || undefined })} data-testid="filter-no-consent" />
        No consent on file
      </label>
      <label className={`filter-check ${filter.retentionDue ? 'is-set' : ''}`} title={`Past the retention date, or due within ${RETENTION_DUE_DAYS} days`}>
        <input type="checkbox" checked={filter.retentionDue === true} onChange={(e) => onChange({ ...filter, retentionDue: e.target.checked || undefined })} />
        Retention due
      </label>
      {active && (
        <button type="button" className="btn btn-quiet btn-small" onClick={onClear}>
          <CloseIcon size={13} /> Clear filters
        </button>
      )}
    </div>
  );
}

/** "All 12 · New 3 · Transcribed 5 …": each chip shows its count and filters by its status (pressed again, it stops). */
export function StatusChips({ counts, status, onChange }: { counts: StatusCounts; status: LibraryFilter['status']; onChange(status: LibraryFilter['status']): void }) {
  return (
    <div className="status-chips" role="group" aria-label="Filter by status">
      <button type="button" className="status-chip" aria-pressed={status === undefined} onClick={() => onChange(undefined)}>
        All <span className="status-chip-count">{counts.total.toLocaleString()}</span>
      </button>
      {SESSION_STATUSES.map((s) => (
        <button
          key={s}
          type="button"
          className={`status-chip status-${s}`}
          aria-pressed={status === s}
          onClick={() => onChange(status === s ? undefined : s)}
          data-testid={`status-chip-${s}`}
        >
          <span className="status-dot" aria-hidden="true" />
          {SESSION_STATUS_LABELS[s]} <span className="status-chip-count">{counts.byStatus[s].toLocaleString()}</span>
        </button>
      ))}
    </div>
  );
}
