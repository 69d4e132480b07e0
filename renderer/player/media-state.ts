/** React views of an HTMLMediaElement's state, read straight from the element (no copies to keep in sync). */
import { useMemo, useSyncExternalStore } from 'react';
import { followPlayhead } from './follow-playhead';

export interface MediaSnapshot {
  paused: boolean;
  ended: boolean;
  rate: number;
  volume: number;
  muted: boolean;
  /** Waiting for data after a seek or while buffering. */
  waiting: boolean;
  error: string | null;
}

const IDLE: MediaSnapshot = { paused: true, ended: false, rate: 1, volume: 1, muted: false, waiting: false, error: null };

const STATE_EVENTS = ['play', 'pause', 'playing', 'ended', 'ratechange', 'volumechange', 'waiting', 'canplay', 'seeked', 'error', 'emptied', 'loadstart'];

/** Turns a MediaError into plain words. */
export function mediaErrorMessage(error: MediaError | null, hasVideo: boolean): string | null {
  if (!error) return null;
  const what = hasVideo ? 'video' : 'recording';
  switch (error.code) {
    case MediaError.MEDIA_ERR_ABORTED:
      return null;
    case MediaError.MEDIA_ERR_NETWORK:
      return `The ${what} stopped loading because Attune’s background service stopped answering. Reload the window to try again.`;
    case MediaError.MEDIA_ERR_DECODE:
      return `Part of this ${what} is damaged, so it cannot be played past this point.`;
    case MediaError.MEDIA_ERR_SRC_NOT_SUPPORTED:
      return `This ${what} cannot be played here: its file is missing from the library folder, or it uses a format this computer cannot play.`;
    default:
      return `This ${what} could not be played.`;
  }
}

function createStateStore(media: HTMLMediaElement | null, hasVideo: boolean) {
  let cached = IDLE;
  let waiting = false;
  const read = (): MediaSnapshot => {
    if (!media) return IDLE;
    const next: MediaSnapshot = {
      paused: media.paused,
      ended: media.ended,
      rate: media.playbackRate,
      volume: media.volume,
      muted: media.muted,
      waiting: waiting && !media.paused,
      error: mediaErrorMessage(media.error, hasVideo),
    };
    const same = (Object.keys(next) as (keyof MediaSnapshot)[]).every((k) => next[k] === cached[k]);
    if (!same) cached = next;
    return cached;
  };
  return {
    subscribe(onChange: () => void): () => void {
      if (!media) return () => undefined;
      const handler = (event: Event) => {
        if (event.type === 'waiting') waiting = true;
        else if (event.type === 'playing' || event.type === 'canplay' || event.type === 'seeked' || event.type === 'pause') waiting = false;
        onChange();
      };
      for (const type of STATE_EVENTS) media.addEventListener(type, handler);
      return () => {
        for (const type of STATE_EVENTS) media.removeEventListener(type, handler);
      };
    },
    getSnapshot: read,
  };
}

export function useMediaState(media: HTMLMediaElement | null, hasVideo: boolean): MediaSnapshot {
  const store = useMemo(() => createStateStore(media, hasVideo), [media, hasVideo]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

function createTimeStore(media: HTMLMediaElement | null, resolution: number) {
  return {
    subscribe(onChange: () => void): () => void {
      return media ? followPlayhead(media, onChange) : () => undefined;
    },
    getSnapshot(): number {
      if (!media) return 0;
      return Math.floor(media.currentTime * resolution) / resolution;
    },
  };
}

/** The playback position, refreshed every frame while playing but only re-rendering at `resolution` steps per second. */
export function useMediaTime(media: HTMLMediaElement | null, resolution = 10): number {
  const store = useMemo(() => createTimeStore(media, resolution), [media, resolution]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

function createSettledStore(media: HTMLMediaElement | null) {
  return {
    subscribe(onChange: () => void): () => void {
      if (!media) return () => undefined;
      const events = ['pause', 'seeked', 'loadedmetadata', 'ended', 'emptied'];
      for (const type of events) media.addEventListener(type, onChange);
      return () => {
        for (const type of events) media.removeEventListener(type, onChange);
      };
    },
    getSnapshot(): number {
      return media ? Math.floor(media.currentTime) : 0;
    },
  };
}

/**
 * The position as assistive tech should hear it: only when playback pauses or a seek lands,
 * so a focused position slider does not chatter over the recording.
 */
export function useSettledTime(media: HTMLMediaElement | null): number {
  const store = useMemo(() => createSettledStore(media), [media]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
