/** The library: every session on this computer, filterable and sortable. */
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { TranscribeDialog } from '../transcript/TranscribeDialog';
import { OpenPackageButton } from '../packages/OpenPackageButton';
import { useChooseImport } from '../import/ImportChooser';
import { SUPPORTED_FORMATS_TEXT } from '../import/import-queue';
import { pluralise } from '../../shared/util/format';
import { isTextEntry, modalIsOpen } from '../lib/keyboard';
import { AlertIcon, CloseIcon, ImportIcon, SearchIcon } from '../ui/icons';
import { ensureLibraryLoaded, reloadLibrary, useLibrary } from './library-store';
import { LibraryTable, type LibraryTableHandle } from './LibraryTable';
import { DEFAULT_SORT, filterSessions, FIRST_DIRECTION, sortSessions, type SortKey, type SortState } from './sorting';

const SORT_KEY = 'attune.librarySort';

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
  const filterRef = useRef<HTMLInputElement>(null);
  const tableRef = useRef<LibraryTableHandle>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const all = library.sessions;
  const rows = useMemo(() => (all ? sortSessions(filterSessions(all, deferredQuery), sort) : []), [all, deferredQuery, sort]);

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
          {deferredQuery.trim() ? `${rows.length.toLocaleString()} of ${pluralise(count, 'recording', 'recordings')}` : pluralise(count, 'recording', 'recordings')}
        </span>
        <div className="library-tools">
          <div className="search">
            <SearchIcon className="search-icon" />
            <input
              ref={filterRef}
              type="search"
              className="input search-input"
              placeholder="Filter by title or trainee"
              aria-label="Filter by title or trainee"
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
      {library.error && (
        <p className="inline-alert" role="alert">
          <AlertIcon /> The list may be out of date: {library.error}
        </p>
      )}
      {rows.length === 0 ? (
        <div className="empty-state empty-filter">
          <h2>No recordings match “{deferredQuery.trim()}”</h2>
          <p>The filter looks at titles and trainee names.</p>
          <button type="button" className="btn btn-secondary" onClick={() => setQuery('')}>
            Clear the filter
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
