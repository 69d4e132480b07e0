/**
 * Hash routing: `#/` is the library, `#/session/<id>` one session, `#/feedback/<id>` the trainee's
 * read-only view of a received feedback package, `#/models` the models, `#/codebooks` the codebooks
 * (`#/codebooks/<id>` with one chosen). Reloading keeps the place.
 */
import { useSyncExternalStore } from 'react';

export type Route =
  | { name: 'library' }
  | { name: 'models' }
  | { name: 'codebooks'; id: string | null }
  | { name: 'session'; id: string }
  | { name: 'feedback'; id: string }
  | { name: 'not-found'; path: string };

function decoded(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  if (path === '/' || path === '') return { name: 'library' };
  if (path === '/models' || path === '/models/') return { name: 'models' };
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
    return match[1] === 'feedback' ? { name: 'feedback', id } : { name: 'session', id };
  }
  return { name: 'not-found', path };
}

export function sessionHref(id: string): string {
  return `#/session/${encodeURIComponent(id)}`;
}

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
