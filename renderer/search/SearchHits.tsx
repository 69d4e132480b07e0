/**
 * Search hits grouped by session (sessions in the order of their best hit, hits in time order), each
 * a link that opens the session at its moment. Matches are marked with <mark> around plain text
 * (never HTML from the text).
 */
import { useLayoutEffect, useRef, type FocusEvent, type KeyboardEvent, type ReactNode } from 'react';
import { SEARCH_FIELD_LABELS, type SearchHit } from '../../shared/domain/search';
import { hitTime } from '../../shared/search/hit-time';
import { sessionHref } from '../app/router';

interface Group {
  sessionId: string;
  title: string;
  trainee: string;
  recordedAt: string | null;
  hits: SearchHit[];
}

function groupBySession(hits: readonly SearchHit[]): Group[] {
  const groups = new Map<string, Group>();
  for (const h of hits) {
    let g = groups.get(h.sessionId);
    if (!g) {
      g = { sessionId: h.sessionId, title: h.title, trainee: h.trainee, recordedAt: h.recordedAt, hits: [] };
      groups.set(h.sessionId, g);
    }
    g.hits.push(h);
  }
  for (const g of groups.values()) g.hits.sort((a, b) => a.start - b.start || a.field.localeCompare(b.field));
  return [...groups.values()];
}

/** Plain text with the highlighted ranges wrapped in <mark>. */
export function Highlighted({ text, highlights }: { text: string; highlights: readonly [number, number][] }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [from, to] of highlights) {
    if (from < at || to > text.length || to <= from) continue;
    if (from > at) parts.push(text.slice(at, from));
    parts.push(<mark key={from}>{text.slice(from, to)}</mark>);
    at = to;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}

/** Feedback on the whole session has no moment: its hit opens the session from the start. */
const SESSION_WIDE = new Set<SearchHit['field']>(['strengths', 'growthAreas', 'goals', 'reflection', 'traineeReflection']);

function what(h: SearchHit): string {
  if (h.field === 'transcript') return h.speakerName ?? 'Transcript';
  return h.codeName ? `${SEARCH_FIELD_LABELS[h.field]} · ${h.codeName}` : SEARCH_FIELD_LABELS[h.field];
}

/** Names a hit across a refresh of the results. */
const hitKey = (h: SearchHit): string => `${h.sessionId}|${h.field}|${h.start}`;

/**
 * Keeps the keyboard on the same hit when the results are answered again (after an edit anywhere):
 * if the focused hit's link went away with the old results, focus moves to the same hit in the new
 * ones, else to the one now at its place.
 */
function useStableFocus(hits: readonly SearchHit[]) {
  const container = useRef<HTMLDivElement>(null);
  const focused = useRef<{ key: string; index: number } | null>(null);
  const all = (): HTMLElement[] => [...(container.current?.querySelectorAll<HTMLElement>('.search-hit') ?? [])];
  const onFocus = (e: FocusEvent<HTMLElement>) => {
    const el = e.target.closest<HTMLElement>('.search-hit');
    focused.current = el ? { key: el.dataset.hitKey ?? '', index: all().indexOf(el) } : null;
  };
  const onBlur = (e: FocusEvent<HTMLElement>) => {
    const left = e.target;
    // Focus moved elsewhere by the user (not lost because the results were replaced): forget it.
    setTimeout(() => {
      if (left.isConnected && !container.current?.contains(document.activeElement)) focused.current = null;
    }, 0);
  };
  useLayoutEffect(() => {
    const was = focused.current;
    if (!was || container.current?.contains(document.activeElement)) return;
    if (document.activeElement && document.activeElement !== document.body) return;
    const links = all();
    const again = links.find((el) => el.dataset.hitKey === was.key) ?? links[Math.min(was.index, links.length - 1)];
    again?.focus();
  }, [hits]);
  return { ref: container, onFocus, onBlur };
}

export function SearchHits({ hits, onKeyDown }: { hits: readonly SearchHit[]; onKeyDown(e: KeyboardEvent<HTMLElement>): void }) {
  const stable = useStableFocus(hits);
  return (
    <div className="search-results" onKeyDown={onKeyDown} {...stable}>
      {groupBySession(hits).map((g) => (
        <section key={g.sessionId} className="search-group" aria-labelledby={`search-group-${g.sessionId}`}>
          <h2 className="search-group-title" id={`search-group-${g.sessionId}`}>
            <a href={sessionHref(g.sessionId)}>{g.title}</a>
            <span className="search-group-meta">{[g.trainee, g.recordedAt].filter(Boolean).join(' · ')}</span>
          </h2>
          <ul className="search-hits">
            {g.hits.map((h, i) => (
              <li key={`${h.field}-${h.start}-${i}`}>
                <a className={`search-hit search-hit-${h.matched}`} href={SESSION_WIDE.has(h.field) ? sessionHref(h.sessionId) : sessionHref(h.sessionId, h.start)} data-testid="search-hit" data-hit-key={hitKey(h)}>
                  <span className="search-hit-time">{SESSION_WIDE.has(h.field) ? '' : hitTime(h.start)}</span>
                  <span className="search-hit-what">{what(h)}</span>
                  <span className="search-hit-text">
                    <Highlighted text={h.text} highlights={h.highlights} />
                  </span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
