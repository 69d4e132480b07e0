/** What a recording's view (a session, received feedback) does as it opens; returns its heading's ref. */
import { useEffect, useRef, type RefObject } from 'react';
import { usePublishViewTitle } from '../app/view-title';
import { ensureLibraryLoaded } from '../library/library-store';
import { applyPlayerPrefs } from '../player/prefs';

export function useRecordingView(title: string, media: HTMLMediaElement | null): RefObject<HTMLHeadingElement | null> {
  // The remembered volume and speed apply to each new media element.
  useEffect(() => {
    if (media) applyPlayerPrefs(media);
  }, [media]);
  usePublishViewTitle(title);

  // The full library list is only wanted for going back; fetch it once the view is up.
  useEffect(() => {
    const handle = requestIdleCallback(() => ensureLibraryLoaded(), { timeout: 4000 });
    return () => cancelIdleCallback(handle);
  }, []);

  // Land keyboard and screen-reader focus on the page's heading when the view opens.
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (document.activeElement === document.body || document.activeElement === null) headingRef.current?.focus({ preventScroll: true });
  }, []);
  return headingRef;
}
