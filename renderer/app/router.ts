/**
 * Hash routing: `#/` is the library, `#/session/<id>` one session, `#/feedback/<id>` the trainee's
 * read-only view of a received feedback package, `#/models` the models, `#/codebooks` the codebooks
 * (`#/codebooks/<id>` with one chosen), `#/search?q=…` the library-wide search, `#/progress` the
 * trainees (`#/progress/<trainee>` one trainee's growth), `#/cohort` the cohort comparison
 * (`#/cohort/<cohort>`), `#/retention` consent and retention, `#/storage` storage, backup and archive.
 * `#/session/<id>?t=<seconds>` opens a session at a moment. Reloading keeps the place.
 */
import { useSyncExternalStore } from 'react';

export type Route =
  | { name: 'library' }
  | { name: 'models' }
  | { name: 'codebooks'; id: string | null }
  | { name: 'session'; id: string; at?: number }
  | { name: 'search'; params: Record<string, string> }
  | { name: 'progress'; trainee: string | null }
  | { name: 'cohort'; cohort: string | null }
  | { name: 'retention' }
  | { name: 'storage' }
  | { name: 'feedback'; id: string }
  | { name: 'not-found'; path: string };

function decoded(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

function queryParams(query: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(query)) params[key] = value;
  return params;
}

export function parseRoute(hash: string): Route {
  const full = hash.replace(/^#/, '') || '/';
  const q = full.indexOf('?');
  const path = q === -1 ? full : full.slice(0, q);
  const params = q === -1 ? {} : queryParams(full.slice(q + 1));
  if (path === '/' || path === '') return { name: 'library' };
  if (path === '/models' || path === '/models/') return { name: 'models' };
  if (path === '/search' || path === '/search/') return { name: 'search', params };
  if (path === '/retention' || path === '/retention/') return { name: 'retention' };
  if (path === '/storage' || path === '/storage/') return { name: 'storage' };
  const named = /^\/(progress|cohort)(?:\/([^/?#]*))?\/?$/.exec(path);
  if (named) {
    const value = named[2] ? decoded(named[2]) : null;
    if (named[2] && value === null) return { name: 'not-found', path };
    return named[1] === 'progress' ? { name: 'progress', trainee: value } : { name: 'cohort', cohort: value };
  }
  if (path === '/codebooks' || path === '/codebooks/') return { name: 'codebooks', id: null };
  const codebook = /^\/codebooks\/([^/?#]+)\/?$/.exec(path);
  if (codebook?.[1]) {
    const id = decoded(codebook[1]);
    return id === null ? { name: 'not-found', path } : { name: 'codebooks', id };
  }
  const match = /^\/(session|feedback)\/([^/?#]+)\/?$/.exec(path);
  if (match?.[2]) {
    const id = decoded(match[2]);
    if (id === null) return { name: 'not-found', path };
    if (match[1] === 'feedback') return { name: 'feedback', id };
    const at = params.t !== undefined ? Number(params.t) : NaN;
    return Number.isFinite(at) && at >= 0 ? { name: 'session', id, at } : { name: 'session', id };
  }
  return { name: 'not-found', path };
}

/** A session's address; with `at`, the session opens with the playhead at that second. */
export function sessionHref(id: string, at?: number): string {
  const base = `#/session/${encodeURIComponent(id)}`;
  return at === undefined ? base : `${base}?t=${Math.max(0, Math.round(at * 1000) / 1000)}`;
}

/** The library-wide search, with its query and filters as parameters. */
export function searchHref(params: Record<string, string> = {}): string {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '')).toString();
  return query ? `#/search?${query}` : '#/search';
}

/** The trainees' progress; with a name, that trainee's growth over their sessions. */
export function progressHref(trainee: string | null = null): string {
  return trainee === null ? '#/progress' : `#/progress/${encodeURIComponent(trainee)}`;
}

/** The cohort comparison; with a cohort, only its trainees. */
export function cohortHref(cohort: string | null = null): string {
  return cohort === null ? '#/cohort' : `#/cohort/${encodeURIComponent(cohort)}`;
}

export const retentionHref = '#/retention';
export const storageHref = '#/storage';

/** The trainee's read-only view of a received feedback package. */
export function feedbackHref(id: string): string {
  return `#/feedback/${encodeURIComponent(id)}`;
}

export const libraryHref = '#/';
export const modelsHref = '#/models';

export function codebooksHref(codebookId: string | null = null): string {
  return codebookId === null ? '#/codebooks' : `#/codebooks/${encodeURIComponent(codebookId)}`;
}

export function navigate(href: string): void {
  if (location.hash !== href) location.hash = href;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const getHash = (): string => location.hash;

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, getHash);
  return parseRoute(hash);
}
