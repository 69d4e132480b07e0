/** Review keys: Space, J/K/L, arrows, Home/End, +/-, ? — whenever focus is not in a text field. */
import { useEffect, type RefObject } from 'react';
import { activatesOnSpace, isTextEntry, modalIsOpen } from '../lib/keyboard';
import type { WaveformHandle } from '../waveform/Waveform';
import type { PlayerControls } from './controls';

export function useReviewShortcuts(controls: PlayerControls | null, waveform: RefObject<WaveformHandle | null>, onHelp: () => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || modalIsOpen()) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target;
      if (isTextEntry(target)) return;
      const key = event.key;
      if (key === '?') {
        event.preventDefault();
        onHelp();
        return;
      }
      if (!controls) return;
      const run = (fn: () => void) => {
        event.preventDefault();
        fn();
      };
      switch (key) {
        case ' ':
        case 'Spacebar':
          // On a focused button, Space presses that button (native behaviour wins).
          if (activatesOnSpace(target)) return;
          return run(controls.toggle);
        case 'k':
        case 'K':
          return run(controls.pause);
        case 'l':
        case 'L':
          return run(controls.playOrSpeedUp);
        case 'j':
        case 'J':
          return run(() => controls.skip(-10));
        case 'm':
        case 'M':
          return run(controls.toggleMute);
        case 'ArrowLeft':
          return run(() => controls.skip(event.shiftKey ? -1 : -5));
        case 'ArrowRight':
          return run(() => controls.skip(event.shiftKey ? 1 : 5));
        case 'Home':
          return run(controls.toStart);
        case 'End':
          return run(controls.toEnd);
        case '+':
        case '=':
          return run(() => waveform.current?.zoomIn());
        case '-':
        case '_':
          return run(() => waveform.current?.zoomOut());
        case '0':
          return run(() => waveform.current?.fit());
        default:
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [controls, waveform, onHelp]);
}
