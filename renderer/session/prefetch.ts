/**
 * Opening a session straight from its address (a reload, a link from elsewhere): ask for the
 * session and then its peaks before React and the views have even loaded, so the only thing the
 * waveform waits for is the peaks download itself.
 */
import type { Session } from '../../shared/domain/session';
import { api } from '../api/client';
import { currentAppInfo, loadAppInfo, peaksUrl } from '../app/app-info';
import { prefetchLanes } from '../waveform/peaks';

const sessions = new Map<string, Promise<Session>>();

export function prefetchSession(id: string): void {
  if (sessions.has(id)) return;
  const session = api.invoke('sessions.get', { id });
  sessions.set(id, session);
  void Promise.all([session, loadAppInfo().then(currentAppInfo)]).then(
    ([s, info]) => {
      if (info) prefetchLanes(peaksUrl(info, s.media.peaksFileName));
    },
    () => undefined,
  );
}

/** The prefetched session request, once; later callers ask the Node side themselves. */
export function takePrefetchedSession(id: string): Promise<Session> | null {
  const promise = sessions.get(id) ?? null;
  sessions.delete(id);
  return promise;
}
