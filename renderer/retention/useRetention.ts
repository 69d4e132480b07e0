/** The Retention screen's data: its three lists and the deletion log, reloaded whenever the library changes. */
import { useCallback, useEffect, useState } from 'react';
import type { DeletionLogEntry, RetentionOverview } from '../../shared/domain/library';
import { api, errorMessage } from '../api/client';

export type RetentionState =
  | { status: 'loading' }
  | { status: 'ready'; overview: RetentionOverview; log: DeletionLogEntry[]; error: string | null }
  | { status: 'error'; message: string };

export function useRetention(): [RetentionState, () => void] {
  const [state, setState] = useState<RetentionState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(() => {
    let live = true;
    Promise.all([api.invoke('retention.overview', {}), api.invoke('retention.log', {})]).then(
      ([overview, log]) => live && setState({ status: 'ready', overview, log, error: null }),
      (error: unknown) =>
        live && setState((prev) => (prev.status === 'ready' ? { ...prev, error: errorMessage(error) } : { status: 'error', message: errorMessage(error) })),
    );
    return () => {
      live = false;
    };
  }, [generation]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = api.on('library.changed', () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(reload, 120);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [reload]);

  return [state, reload];
}
