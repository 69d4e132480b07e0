/**
 * A received feedback package as the Feedback view shows it (`feedback.get`), kept live: the
 * trainee's marks from another window (`feedback.changed`) and a re-opened package
 * (`library.changed`) refetch it; the trainee's own answers patch it at once.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../../shared/api/errors';
import type { ReceivedFeedback, TraineeResponse } from '../../shared/package/feedback-view';
import { api, errorMessage } from '../api/client';
import { shareUnchanged } from './feedback-logic';

export type FeedbackState =
  | { status: 'loading' }
  | { status: 'ready'; feedback: ReceivedFeedback }
  /** `gone`: no such received package (deleted, or not a received copy). */
  | { status: 'error'; message: string; gone: boolean };

export interface FeedbackActions {
  markRead(annotationId: string, read: boolean): Promise<void>;
  reply(annotationId: string, text: string): Promise<void>;
  reflect(text: string): Promise<void>;
  /** The reply file was written (the view shows when). */
  exported(): void;
}

/** Refetches after a burst of `feedback.changed` (each autosave sends one) settle. */
const REFETCH_DELAY_MS = 250;

export function useFeedback(sessionId: string): [FeedbackState, FeedbackActions] {
  const [state, setState] = useState<FeedbackState>({ status: 'loading' });
  const current = useRef<ReceivedFeedback | null>(null);

  const fetchIt = useCallback(
    (live: () => boolean) =>
      api.invoke('feedback.get', { sessionId }).then(
        (next) => {
          if (!live()) return;
          const shared = shareUnchanged(current.current, next);
          current.current = shared;
          setState({ status: 'ready', feedback: shared });
        },
        (error: unknown) => {
          if (!live()) return;
          const gone = error instanceof ApiError && error.code === 'not_found';
          // A failed refresh keeps what is shown; only a first load (or a deleted copy) shows the error.
          if (current.current && !gone) return;
          current.current = null;
          setState({ status: 'error', message: errorMessage(error), gone });
        },
      ),
    [sessionId],
  );

  useEffect(() => {
    let alive = true;
    const live = () => alive;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const later = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void fetchIt(live), REFETCH_DELAY_MS);
    };
    void fetchIt(live);
    const offFeedback = api.on('feedback.changed', (e) => {
      if (e.sessionId === sessionId) later();
    });
    const offLibrary = api.on('library.changed', (e) => {
      if (e.sessionId === null || e.sessionId === sessionId) later();
    });
    return () => {
      alive = false;
      if (timer) clearTimeout(timer);
      offFeedback();
      offLibrary();
      current.current = null;
    };
  }, [sessionId, fetchIt]);

  const patch = useCallback((fn: (f: ReceivedFeedback) => ReceivedFeedback) => {
    const f = current.current;
    if (!f) return;
    const next = fn(f);
    current.current = next;
    setState({ status: 'ready', feedback: next });
  }, []);

  const setResponse = useCallback(
    (annotationId: string, response: TraineeResponse) => patch((f) => ({ ...f, responses: { ...f.responses, [annotationId]: response } })),
    [patch],
  );

  const actions = useMemo<FeedbackActions>(
    () => ({
      markRead: async (annotationId, read) => setResponse(annotationId, await api.invoke('feedback.markRead', { sessionId, annotationId, read })),
      reply: async (annotationId, text) => setResponse(annotationId, await api.invoke('feedback.reply', { sessionId, annotationId, text })),
      reflect: async (text) => {
        const reflection = await api.invoke('feedback.reflection', { sessionId, text });
        patch((f) => ({ ...f, reflection }));
      },
      exported: () => patch((f) => ({ ...f, replyExportedAt: new Date().toISOString() })),
    }),
    [sessionId, setResponse, patch],
  );

  return [state, actions];
}
