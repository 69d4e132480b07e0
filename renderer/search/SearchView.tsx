/**
 * Search (#/search?q=…&trainee=…&code=…&from=…&to=…&speaker=…): the query, the filters, and the
 * hits grouped by session with their moment and the matches marked. The address holds the whole
 * search, so reloading or going back shows it again. Arrow keys move between hits; Enter (or a
 * click) opens the session at that moment.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { SearchHit, SearchOptions, SearchResults } from '../../shared/domain/search';
import { SEARCH_QUERY_MAX } from '../../shared/domain/search';
import { parseSearchQuery } from '../../shared/search/query';
import { api, errorMessage } from '../api/client';
import { navigate, searchHref } from '../app/router';
import { usePublishViewTitle } from '../app/view-title';
import { AlertIcon, SearchIcon } from '../ui/icons';
import { SearchHits } from './SearchHits';
import { useLibraryChanges } from './useLibraryChanges';

const FILTER_KEYS = ['trainee', 'code', 'speaker', 'from', 'to'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

/** The answer to one search (its key: the query and filters as sent). */
type Answer = { key: string; results: SearchResults } | { key: string; message: string };

const ROLES = [
  ['counselor', 'Counselor'],
  ['client', 'Client'],
  ['other', 'Other'],
] as const;

function useSearchOptions(): SearchOptions | null {
  const [options, setOptions] = useState<SearchOptions | null>(null);
  const [version, setVersion] = useState(0);
  useLibraryChanges(() => setVersion((v) => v + 1));
  useEffect(() => {
    let live = true;
    api.invoke('search.options', {}).then(
      (o) => live && setOptions(o),
      () => live && setOptions({ trainees: [], codes: [], speakerNames: [] }),
    );
    return () => {
      live = false;
    };
  }, [version]);
  return options;
}

export function SearchView({ params }: { params: Record<string, string> }) {
  usePublishViewTitle('Search');
  const q = params.q ?? '';
  const filters = useMemo(() => Object.fromEntries(FILTER_KEYS.map((k) => [k, params[k] ?? ''])) as Record<FilterKey, string>, [params]);
  const parsed = useMemo(() => (q.trim() ? parseSearchQuery(q) : null), [q]);
  const problem = parsed && !parsed.ok ? parsed.message : null;
  const options = useSearchOptions();
  const [answer, setAnswer] = useState<Answer | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const hitsRef = useRef<HTMLDivElement>(null);
  const anyFilter = FILTER_KEYS.some((k) => filters[k] !== '');
  const request = parsed?.ok ? { query: q, ...filters } : null;
  const key = request ? JSON.stringify(request) : '';
  const current = answer && answer.key === key ? answer : null;
  // The results follow edits anywhere in the library: the same search is answered again once the
  // changes settle, while the answer before stays on screen (and the keyboard on its hit).
  const [version, setVersion] = useState(0);
  useLibraryChanges(() => setVersion((v) => v + 1));

  useEffect(() => {
    if (!key) return;
    let live = true;
    api.invoke('search.query', JSON.parse(key) as { query: string }).then(
      (results) => live && setAnswer({ key, results }),
      (error: unknown) => live && setAnswer({ key, message: errorMessage(error) }),
    );
    return () => {
      live = false;
    };
  }, [key, version]);

  // The search field takes focus when the view opens without a query.
  useEffect(() => {
    if (!q) inputRef.current?.focus();
  }, [q]);

  const go = (next: Partial<Record<'q' | FilterKey, string>>) => navigate(searchHref({ q, ...filters, ...next }));
  const focusFirstHit = () => hitsRef.current?.querySelector<HTMLElement>('.search-hit')?.focus();

  return (
    <div className="search-view">
      <header className="search-view-header">
        <h1 className="search-view-title">Search</h1>
        <SearchForm key={q} initial={q} inputRef={inputRef} onSubmit={(text) => go({ q: text })} onArrowDown={focusFirstHit} />
        <div className="search-filters" role="group" aria-label="Filters">
          <label className="search-filter">
            <span>Trainee</span>
            <select className="select" value={filters.trainee} onChange={(e) => go({ trainee: e.target.value })}>
              <option value="">Any trainee</option>
              {withCurrent(options?.trainees ?? [], filters.trainee).map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
          <label className="search-filter">
            <span>Code</span>
            <select className="select" value={filters.code} onChange={(e) => go({ code: e.target.value })}>
              <option value="">Any code</option>
              {(options?.codes ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
              {filters.code && !options?.codes.some((c) => c.id === filters.code) && <option value={filters.code}>{filters.code}</option>}
            </select>
          </label>
          <label className="search-filter">
            <span>Speaker</span>
            <select className="select" value={filters.speaker} onChange={(e) => go({ speaker: e.target.value })}>
              <option value="">Anyone</option>
              {ROLES.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
              {withCurrent(options?.speakerNames ?? [], ROLES.some(([r]) => r === filters.speaker) ? '' : filters.speaker).length > 0 && (
                <optgroup label="By name">
                  {withCurrent(options?.speakerNames ?? [], ROLES.some(([r]) => r === filters.speaker) ? '' : filters.speaker).map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </optgroup>
              )}
            </select>
          </label>
          <label className="search-filter">
            <span>Recorded from</span>
            <input type="date" className="input" value={filters.from} max={filters.to || undefined} onChange={(e) => go({ from: e.target.value })} />
          </label>
          <label className="search-filter">
            <span>to</span>
            <input type="date" className="input" value={filters.to} min={filters.from || undefined} onChange={(e) => go({ to: e.target.value })} />
          </label>
          {anyFilter && (
            <button type="button" className="btn btn-quiet search-clear-filters" onClick={() => go({ trainee: '', code: '', speaker: '', from: '', to: '' })}>
              Clear filters
            </button>
          )}
        </div>
      </header>

      <div className="search-body" ref={hitsRef}>
        {!q.trim() && <SearchHelp />}
        {problem && (
          <div className="inline-alert search-problem" role="alert">
            <AlertIcon /> {problem}
          </div>
        )}
        {key && !current && (
          <p className="search-count" role="status">
            Searching…
          </p>
        )}
        {current && 'message' in current && (
          <div className="inline-alert search-problem" role="alert">
            <AlertIcon /> {current.message}
          </div>
        )}
        {current && 'results' in current && <Results q={q} results={current.results} anyFilter={anyFilter} onEscape={() => inputRef.current?.focus()} />}
      </div>
    </div>
  );
}

/** The list of names with the current one in it (a filter from an address whose name has since gone). */
function withCurrent(names: readonly string[], current: string): string[] {
  return current && !names.includes(current) ? [...names, current] : [...names];
}

function SearchForm({
  initial,
  inputRef,
  onSubmit,
  onArrowDown,
}: {
  initial: string;
  inputRef: RefObject<HTMLInputElement | null>;
  onSubmit(text: string): void;
  onArrowDown(): void;
}) {
  const [draft, setDraft] = useState(initial);
  return (
    <form
      role="search"
      className="search-view-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(draft.trim());
      }}
    >
      <div className="search search-view-field">
        <SearchIcon className="search-icon" />
        <input
          ref={inputRef}
          type="search"
          className="input search-input"
          placeholder="Search transcripts, comments and feedback"
          aria-label="Search transcripts, comments and feedback"
          aria-describedby="search-syntax"
          maxLength={SEARCH_QUERY_MAX}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              onArrowDown();
            }
          }}
        />
      </div>
      <button type="submit" className="btn btn-primary">
        Search
      </button>
      <span id="search-syntax" className="search-syntax">
        "exact phrase" · OR · -leave out · prefix*
      </span>
    </form>
  );
}

function SearchHelp() {
  return (
    <div className="search-help">
      <h2>Find any moment in the library</h2>
      <p>Search every transcript, annotation comment, model response and piece of feedback, then open the session at that moment.</p>
      <dl className="search-help-syntax">
        <dt>
          <code>sustain talk</code>
        </dt>
        <dd>both words, anywhere in the same line or comment</dd>
        <dt>
          <code>"sustain talk"</code>
        </dt>
        <dd>the exact phrase</dd>
        <dt>
          <code>drinking OR alcohol</code>
        </dt>
        <dd>either word (OR in capitals)</dd>
        <dt>
          <code>drinking -beer</code>
        </dt>
        <dd>leave out lines that mention beer</dd>
        <dt>
          <code>reflect*</code>
        </dt>
        <dd>words that start with “reflect”</dd>
      </dl>
    </div>
  );
}

function Results({ q, results, anyFilter, onEscape }: { q: string; results: SearchResults; anyFilter: boolean; onEscape(): void }) {
  const { hits, total } = results;
  if (total === 0) {
    return (
      <div className="search-none" role="status">
        <h2>Nothing matches “{q}”</h2>
        <p>
          {anyFilter ? 'Try clearing the filters, ' : 'Try '}
          fewer words, another spelling, or the start of a word with * (like <code>reflect*</code>).
        </p>
      </div>
    );
  }
  const sessions = new Set(hits.map((h: SearchHit) => h.sessionId)).size;
  return (
    <>
      <p className="search-count" role="status">
        {total === 1 ? '1 match' : `${total.toLocaleString()} matches`}
        {total > hits.length ? `; showing the best ${hits.length.toLocaleString()}` : ''} in {sessions === 1 ? '1 session' : `${sessions.toLocaleString()} sessions`}
      </p>
      <SearchHits hits={hits} onKeyDown={(e) => moveFocus(e, onEscape)} />
    </>
  );
}

/** Arrow keys, Home and End move between hits; Escape goes back to the search field. */
function moveFocus(e: KeyboardEvent<HTMLElement>, onEscape: () => void): void {
  const all = [...e.currentTarget.querySelectorAll<HTMLElement>('.search-hit')];
  const at = all.indexOf(document.activeElement as HTMLElement);
  if (at < 0) return;
  const to =
    e.key === 'ArrowDown' ? Math.min(all.length - 1, at + 1) : e.key === 'ArrowUp' ? at - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? all.length - 1 : null;
  if (e.key === 'Escape') {
    e.preventDefault();
    onEscape();
    return;
  }
  if (to === null) return;
  e.preventDefault();
  if (to < 0) onEscape();
  else all[to]?.focus();
}
