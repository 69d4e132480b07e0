/**
 * Supervisor side: the trainee's answers merged into a session (`replies.list`), kept live through
 * `replies.changed`. Null while loading, and when they cannot be read (the notes are extras: a
 * failure shows nothing rather than getting in the way of the review).
 */
import { useEffect, useState } from 'react';
import type { SessionReplies } from '../../shared/package/feedback-view';
import { api } from '../api/client';

export { replyFor, type AnnotationReplyData } from './reply-data';

export function useReplies(sessionId: string): SessionReplies | null {
  const [replies, setReplies] = useState<SessionReplies | null>(null);
  useEffect(() => {
    let live = true;
    const fetchIt = () =>
      api.invoke('replies.list', { sessionId }).then(
        (r) => live && setReplies(r),
        () => undefined,
      );
    void fetchIt();
    const off = api.on('replies.changed', (e) => {
      if (e.sessionId === sessionId) void fetchIt();
    });
    return () => {
      live = false;
      off();
    };
  }, [sessionId]);
  // Another session's answers (the id just changed) are never shown.
  return replies?.sessionId === sessionId ? replies : null;
}
