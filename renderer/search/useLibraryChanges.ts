/**
 * Calls `onChange` once things settle (`delayMs` after the last of a burst) whenever sessions,
 * annotations, reviews or transcripts change anywhere: what the search index follows.
 */
import { useEffect, useRef } from 'react';
import { api } from '../api/client';

const CHANGES = ['library.changed', 'annotations.changed', 'review.changed', 'transcript.changed'] as const;

export function useLibraryChanges(onChange: () => void, delayMs = 300): void {
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  });
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const later = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        latest.current();
      }, delayMs);
    };
    const offs = CHANGES.map((name) => api.on(name, later));
    return () => {
      if (timer) clearTimeout(timer);
      for (const off of offs) off();
    };
  }, [delayMs]);
}
