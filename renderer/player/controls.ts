/** Every way of driving playback goes through here, so keys, buttons and the waveform agree. */
import { showError } from '../ui/toasts';
import { savePrefs } from './prefs';

export const PLAYBACK_RATES = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2] as const;
/** Pressing L while playing climbs this ladder. */
const L_LADDER = [1, 1.5, 2];

export interface PlayerControls {
  play(): void;
  pause(): void;
  toggle(): void;
  seek(time: number): void;
  skip(seconds: number): void;
  toStart(): void;
  toEnd(): void;
  setRate(rate: number): void;
  /** L: play; when already playing, step the speed up 1 → 1.5 → 2. */
  playOrSpeedUp(): void;
  setVolume(volume: number): void;
  toggleMute(): void;
}

export function createControls(media: HTMLMediaElement, knownDuration: number): PlayerControls {
  const duration = () => (Number.isFinite(media.duration) && media.duration > 0 ? media.duration : knownDuration);
  const seek = (time: number) => {
    media.currentTime = Math.max(0, Math.min(duration(), time));
  };
  const play = () => {
    media.play().catch((error: unknown) => {
      if (error instanceof DOMException && error.name === 'AbortError') return; // a pause won the race
      if (error instanceof DOMException && error.name === 'NotAllowedError') {
        showError('The system blocked playback. Click Play to start it.');
        return;
      }
      // Media errors are shown beside the player (see MediaSnapshot.error).
    });
  };
  const setRate = (rate: number) => {
    media.preservesPitch = true;
    media.defaultPlaybackRate = rate;
    media.playbackRate = rate;
  };
  return {
    play,
    pause: () => media.pause(),
    toggle: () => (media.paused || media.ended ? play() : media.pause()),
    seek,
    skip: (seconds) => seek(media.currentTime + seconds),
    toStart: () => seek(0),
    toEnd: () => seek(duration()),
    setRate,
    playOrSpeedUp: () => {
      if (media.paused || media.ended) {
        play();
        return;
      }
      const next = L_LADDER.find((r) => r > media.playbackRate + 1e-6);
      if (next !== undefined) setRate(next);
    },
    setVolume: (volume) => {
      media.volume = Math.max(0, Math.min(1, volume));
      if (volume > 0) media.muted = false;
      savePrefs(media);
    },
    toggleMute: () => {
      media.muted = !media.muted;
      savePrefs(media);
    },
  };
}
