/** Hash routing: `#/` is the library, `#/session/<id>` one session, `#/models` the models. Reloading keeps the place. */
import { useSyncExternalStore } from 'react';

export type Route = { name: 'library' } | { name: 'models' } | { name: 'session'; id: string } | { name: 'not-found'; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  if (path === '/' || path === '') return { name: 'library' };
  if (path === '/models' || path === '/models/') return { name: 'models' };
  const match = /^\/session\/([^/?#]+)\/?$/.exec(path);
  if (match?.[1]) {
    try {
      return { name: 'session', id: decodeURIComponent(match[1]) };
    } catch {
      return { name: 'not-found', path };
    }
  }
  return { name: 'not-found', path };
}

export function sessionHref(id: string): string {
  return `#/session/${encodeURIComponent(id)}`;
}

export const libraryHref = '#/';
export const modelsHref = '#/models';

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
