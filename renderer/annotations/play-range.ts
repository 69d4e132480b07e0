/** Plays one stretch of the recording and pauses at its end (unless the user moves elsewhere first). */
import type { PlayerControls } from '../player/controls';

/** Seconds played either side of a moment. */
export const MOMENT_CONTEXT = 3;

/** The stretch "Play" plays: a span as it is, a moment with a few seconds either side. */
export function playRangeOf(a: { start: number; end: number | null }, duration: number): { from: number; to: number } {
  if (a.end !== null) return { from: a.start, to: a.end };
  return { from: Math.max(0, a.start - MOMENT_CONTEXT), to: Math.min(duration, a.start + MOMENT_CONTEXT) };
}

let stopCurrent: (() => void) | null = null;

/** Starts playing `from`, pauses at `to`. A pause, a seek outside the stretch or another range cancels the stop. */
export function playRange(media: HTMLMediaElement, controls: PlayerControls, from: number, to: number): void {
  stopCurrent?.();
  controls.seek(from);
  controls.play();
  let frame = 0;
  let armed = false;
  const check = () => {
    const t = media.currentTime;
    if (armed && (t < from - 0.25 || t > to + 0.5)) return stop(); // the user jumped elsewhere
    if (t >= to) {
      media.pause();
      return stop();
    }
    armed = true;
    frame = requestAnimationFrame(check);
  };
  const onPause = () => {
    if (armed) stop();
  };
  function stop() {
    cancelAnimationFrame(frame);
    media.removeEventListener('pause', onPause);
    if (stopCurrent === stop) stopCurrent = null;
  }
  media.addEventListener('pause', onPause);
  frame = requestAnimationFrame(check);
  stopCurrent = stop;
}
