/**
 * The library: every session on this computer, sortable by any column and filtered by the quick
 * filter (words), the filter bar (trainee, supervisor, cohort, client, tag, dates, consent,
 * retention) and the status chips; filters can be saved by name.
 */
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { LibraryFilter } from '../../shared/domain/library';
import { compactFilter, countByStatus, filterLibrary, isEmptyFilter, localIsoDate } from '../../shared/library/library-filter';
import { SearchBox } from '../search/SearchBox';
import { FilterBar, StatusChips } from './FilterBar';
import { SavedFilters } from './SavedFilters';
import { TranscribeDialog } from '../transcript/TranscribeDialog';
import { OpenPackageButton } from '../packages/OpenPackageButton';
import { useChooseImport } from '../import/ImportChooser';
import { SUPPORTED_FORMATS_TEXT } from '../import/import-queue';
import { pluralise } from '../../shared/util/format';
import { isTextEntry, modalIsOpen } from '../lib/keyboard';
import { AlertIcon, CloseIcon, ImportIcon, SearchIcon } from '../ui/icons';
import { ensureLibraryLoaded, reloadLibrary, useLibrary } from './library-store';
import { LibraryTable, type LibraryTableHandle } from './LibraryTable';
import { DEFAULT_SORT, FIRST_DIRECTION, sortSessions, type SortKey, type SortState } from './sorting';

const SORT_KEY = 'attune.librarySort';
const FILTER_KEY = 'attune.libraryFilter';

/** The filter bar's filter as last left in this window (the quick filter words are kept apart). */
function loadFilter(): LibraryFilter {
  try {
    const raw = JSON.parse(sessionStorage.getItem(FILTER_KEY) ?? 'null') as LibraryFilter | null;
    if (raw && typeof raw === 'object') return compactFilter({ ...raw, text: undefined });
  } catch {
    // fall through to no filter
  }
  return {};
}

function loadSort(): SortState {
  try {
    const raw = JSON.parse(sessionStorage.getItem(SORT_KEY) ?? 'null') as SortState | null;
    if (raw && raw.key in FIRST_DIRECTION && (raw.direction === 'ascending' || raw.direction === 'descending')) return raw;
  } catch {
    // fall through to the default
  }
  return DEFAULT_SORT;
}

export function LibraryView() {
  const library = useLibrary();
  const choose = useChooseImport();
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const [sort, setSort] = useState<SortState>(loadSort);
  const [filter, setFilterState] = useState<LibraryFilter>(loadFilter);
  const setFilter = useCallback((next: LibraryFilter) => {
    const compact = compactFilter({ ...next, text: undefined });
    setFilterState(compact);
    try {
      sessionStorage.setItem(FILTER_KEY, JSON.stringify(compact));
    } catch {
      // remembering the filter is a nicety
    }
  }, []);
  const today = useMemo(() => localIsoDate(), []);
  const filterRef = useRef<HTMLInputElement>(null);
  const tableRef = useRef<LibraryTableHandle>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const all = library.sessions;
  const combined = useMemo<LibraryFilter>(() => compactFilter({ ...filter, text: deferredQuery }), [filter, deferredQuery]);
  const withoutStatus = useMemo(() => (all ? filterLibrary(all, { ...combined, status: undefined }, today) : []), [all, combined, today]);
  const counts = useMemo(() => countByStatus(withoutStatus), [withoutStatus]);
  const rows = useMemo(
    () => sortSessions(combined.status ? withoutStatus.filter((s) => s.status === combined.status) : withoutStatus, sort),
    [withoutStatus, combined.status, sort],
  );
  const filtering = !isEmptyFilter(combined);
  const clearAll = () => {
    setFilter({});
    setQuery('');
  };
  const applySaved = (saved: LibraryFilter) => {
    setFilter(saved);
    setQuery(saved.text ?? '');
  };

  // Rows ticked for "Transcribe selected" (Space, Ctrl/Shift+click or the checkboxes).
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const anchor = useRef<string | null>(null);
  const [transcribeOpen, setTranscribeOpen] = useState(false);
  const present = useMemo(() => new Set(all?.map((s) => s.id)), [all]);
  const chosen = useMemo(() => [...selected].filter((id) => present.has(id)), [selected, present]);
  const onToggle = useCallback(
    (id: string, range: boolean) => {
      setSelected((prev) => {
        const next = new Set(prev);
        const from = anchor.current === null ? -1 : rows.findIndex((s) => s.id === anchor.current);
        const to = rows.findIndex((s) => s.id === id);
        if (range && from >= 0 && to >= 0) {
          const on = !prev.has(id) || prev.has(anchor.current ?? '');
          for (let i = Math.min(from, to); i <= Math.max(from, to); i++) {
            const rowId = rows[i]!.id;
            if (on) next.add(rowId);
            else next.delete(rowId);
          }
        } else if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      });
      anchor.current = id;
    },
    [rows],
  );
  const onToggleAll = useCallback(() => {
    setSelected((prev) => (rows.length > 0 && rows.every((s) => prev.has(s.id)) ? new Set() : new Set(rows.map((s) => s.id))));
  }, [rows]);

  const onSort = (key: SortKey) => {
    const next: SortState =
      sort.key === key ? { key, direction: sort.direction === 'ascending' ? 'descending' : 'ascending' } : { key, direction: FIRST_DIRECTION[key] };
    setSort(next);
    try {
      sessionStorage.setItem(SORT_KEY, JSON.stringify(next));
    } catch {
      // remembering the sort is a nicety
    }
  };

  // "/" jumps to the filter, as in many list views.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTextEntry(event.target) || modalIsOpen()) return;
      event.preventDefault();
      filterRef.current?.focus();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  useEffect(() => {
    ensureLibraryLoaded();
    if (document.activeElement === document.body) headingRef.current?.focus({ preventScroll: true });
  }, []);

  const count = all?.length ?? 0;
  const heading = (
    <h1 ref={headingRef} tabIndex={-1}>
      Library
    </h1>
  );

  if (library.status === 'loading') {
    return (
      <div className="library" aria-busy="true">
        <div className="library-header">{heading}</div>
        <div className="library-loading">
          {Array.from({ length: 8 }, (_, i) => (
            <span key={i} className="skeleton skeleton-row" />
          ))}
          <span className="visually-hidden" role="status">
            Loading the library…
          </span>
        </div>
      </div>
    );
  }

  if (!all) {
    return (
      <div className="view-message" role="alert">
        <AlertIcon size={28} />
        <h1 ref={headingRef} tabIndex={-1}>
          The library could not be loaded
        </h1>
        <p>{library.error}</p>
        <button type="button" className="btn btn-secondary" onClick={() => void reloadLibrary()}>
          Try again
        </button>
      </div>
    );
  }

  if (count === 0) {
    return (
      <div className="library">
        <div className="library-header">{heading}</div>
        <div className="empty-state">
          <svg className="empty-art" width="120" height="64" viewBox="0 0 120 64" aria-hidden="true">
            {[6, 14, 26, 18, 38, 50, 30, 44, 22, 34, 12, 24, 40, 28, 16, 8].map((h, i) => (
              <rect key={i} x={4 + i * 7} y={32 - h / 2} width="4" height={h} rx="2" />
            ))}
          </svg>
          <h2>No recordings yet</h2>
          <p>
            Import a session recording to start reviewing it. Attune keeps its own copy in the library on this computer, draws its
            waveform, and never sends it anywhere else.
          </p>
          <div className="empty-actions">
            <button type="button" className="btn btn-primary" onClick={choose}>
              <ImportIcon /> Import recordings…
            </button>
            <OpenPackageButton />
          </div>
          <p className="empty-hint">
            Or drag files onto this window. {SUPPORTED_FORMATS_TEXT} files work; so do feedback packages from a supervisor.
          </p>
        </div>
      </div>
    );
  }

  return (
    <div className="library">
      <div className="library-header">
        {heading}
        <span className="library-count" role="status">
          {filtering ? `${rows.length.toLocaleString()} of ${pluralise(count, 'recording', 'recordings')}` : pluralise(count, 'recording', 'recordings')}
        </span>
        <div className="library-tools">
          <SearchBox />
          <div className="search">
            <SearchIcon className="search-icon" />
            <input
              ref={filterRef}
              type="search"
              className="input search-input"
              placeholder="Filter by title, name or tag"
              aria-label="Filter by title, name or tag"
              aria-keyshortcuts="/"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'ArrowDown') {
                  e.preventDefault();
                  tableRef.current?.focus();
                } else if (e.key === 'Escape' && query) {
                  e.preventDefault();
                  setQuery('');
                }
              }}
            />
            {query && (
              <button type="button" className="btn btn-icon btn-quiet search-clear" onClick={() => setQuery('')} aria-label="Clear the filter">
                <CloseIcon size={14} />
              </button>
            )}
          </div>
          <OpenPackageButton />
        </div>
      </div>
      <FilterBar
        sessions={all}
        filter={filter}
        onChange={setFilter}
        onClear={clearAll}
        active={filtering}
      />
      <div className="library-subbar">
        <StatusChips counts={counts} status={filter.status} onChange={(status) => setFilter({ ...filter, status })} />
        <div className="filter-saved">
          <SavedFilters current={combined} onApply={applySaved} canSave={filtering} />
        </div>
      </div>
      {library.error && (
        <p className="inline-alert" role="alert">
          <AlertIcon /> The list may be out of date: {library.error}
        </p>
      )}
      {rows.length === 0 ? (
        <div className="empty-state empty-filter">
          <h2>{deferredQuery.trim() && isEmptyFilter(filter) ? `No recordings match “${deferredQuery.trim()}”` : 'No recordings match these filters'}</h2>
          <p>The quick filter looks at titles, trainees, supervisors, cohorts, client pseudonyms and tags; the filter bar and status chips narrow it further.</p>
          <button type="button" className="btn btn-secondary" onClick={clearAll}>
            Clear the filters
          </button>
        </div>
      ) : (
        <LibraryTable ref={tableRef} sessions={rows} sort={sort} onSort={onSort} label="Recordings" selected={selected} onToggle={onToggle} onToggleAll={onToggleAll} />
      )}
      {chosen.length > 0 && (
        <div className="selection-bar" role="region" aria-label="Selected recordings">
          <span className="selection-count" role="status">
            {pluralise(chosen.length, 'recording', 'recordings')} selected
          </span>
          <button type="button" className="btn btn-primary btn-small" onClick={() => setTranscribeOpen(true)}>
            Transcribe selected
          </button>
          <button type="button" className="btn btn-quiet btn-small" onClick={() => setSelected(new Set())}>
            Clear selection
          </button>
        </div>
      )}
      <TranscribeDialog
        open={transcribeOpen}
        sessionIds={chosen}
        existing={null}
        hasCorrections={false}
        onClose={() => setTranscribeOpen(false)}
        onStarted={() => setSelected(new Set())}
      />
    </div>
  );
}
