/** The title of what the main area shows (a session's title), for the top bar. */
import { useEffect, useSyncExternalStore } from 'react';
import { Observable } from '../lib/store';

const title = new Observable<string | null>(null);

export function useViewTitle(): string | null {
  return useSyncExternalStore(title.subscribe, title.get);
}

/** Publishes `value` while the calling component is mounted. */
export function usePublishViewTitle(value: string): void {
  useEffect(() => {
    title.set(value);
    return () => title.set(null);
  }, [value]);
}
