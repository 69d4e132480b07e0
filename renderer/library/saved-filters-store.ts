/** The library's saved filters: loaded on first use, refreshed when any window saves or deletes one. */
import { useEffect, useSyncExternalStore } from 'react';
import type { LibraryFilter, SavedFilter } from '../../shared/domain/library';
import { api } from '../api/client';
import { Observable } from '../lib/store';

const list = new Observable<SavedFilter[] | null>(null);
let started = false;
let listening = false;
let generation = 0;

function load(): void {
  const mine = ++generation;
  api.invoke('library.savedFilters', {}).then(
    (filters) => {
      if (mine === generation) list.set(filters);
    },
    () => {
      // The menu stays as it was; the next change or visit tries again.
      if (mine === generation) started = false;
    },
  );
}

function ensureLoaded(): void {
  if (started) return;
  started = true;
  if (!listening) {
    listening = true;
    api.on('library.filtersChanged', () => load());
  }
  load();
}

export function useSavedFilters(): SavedFilter[] | null {
  useEffect(() => ensureLoaded(), []);
  return useSyncExternalStore(list.subscribe, list.get);
}

export async function saveFilter(name: string, filter: LibraryFilter): Promise<SavedFilter> {
  const saved = await api.invoke('library.saveFilter', { name, filter });
  load();
  return saved;
}

export async function deleteFilter(id: string): Promise<void> {
  await api.invoke('library.deleteFilter', { id });
  list.update((current) => current?.filter((f) => f.id !== id) ?? null);
}
