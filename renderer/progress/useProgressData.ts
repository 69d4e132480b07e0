/**
 * Loads one progress answer (the trainees, a trainee's series, a cohort comparison) with a single
 * call, and loads it again, quietly, when sessions, annotations, reviews, transcripts or codebooks
 * change anywhere — so the charts never show stale scores.
 */
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../api/client';

export type ProgressData<T> = { status: 'loading' } | { status: 'error'; message: string; notFound: boolean } | { status: 'ready'; data: T };

const CHANGES = ['library.changed', 'annotations.changed', 'review.changed', 'transcript.changed', 'codebooks.changed'] as const;

/** `key` names what is asked (the same key keeps what is shown while it reloads). */
export function useProgressData<T>(key: string, load: () => Promise<T>): ProgressData<T> {
  const [state, setState] = useState<{ key: string; value: ProgressData<T> }>({ key, value: { status: 'loading' } });
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const fetchNow = () => {
      load().then(
        (data) => live && setState({ key, value: { status: 'ready', data } }),
        (e: unknown) =>
          live &&
          setState({ key, value: { status: 'error', message: errorMessage(e), notFound: (e as { code?: string } | null)?.code === 'not_found' } }),
      );
    };
    fetchNow();
    const later = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(fetchNow, 250);
    };
    const offs = CHANGES.map((name) => api.on(name, later));
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
      for (const off of offs) off();
    };
    // `load` is made anew each render; `key` says when it asks something else.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state.key === key ? state.value : { status: 'loading' };
}
