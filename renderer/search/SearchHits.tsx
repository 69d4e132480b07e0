/**
 * Search hits grouped by session (sessions in the order of their best hit, hits in time order), each
 * a link that opens the session at its moment. Matches are marked with <mark> around plain text
 * (never HTML from the text).
 */
import type { KeyboardEvent, ReactNode } from 'react';
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

export function SearchHits({ hits, onKeyDown }: { hits: readonly SearchHit[]; onKeyDown(e: KeyboardEvent<HTMLElement>): void }) {
  return (
    <div className="search-results" onKeyDown={onKeyDown}>
      {groupBySession(hits).map((g) => (
        <section key={g.sessionId} className="search-group" aria-labelledby={`search-group-${g.sessionId}`}>
          <h2 className="search-group-title" id={`search-group-${g.sessionId}`}>
            <a href={sessionHref(g.sessionId)}>{g.title}</a>
            <span className="search-group-meta">{[g.trainee, g.recordedAt].filter(Boolean).join(' · ')}</span>
          </h2>
          <ul className="search-hits">
            {g.hits.map((h, i) => (
              <li key={`${h.field}-${h.start}-${i}`}>
                <a className={`search-hit search-hit-${h.matched}`} href={SESSION_WIDE.has(h.field) ? sessionHref(h.sessionId) : sessionHref(h.sessionId, h.start)} data-testid="search-hit">
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
