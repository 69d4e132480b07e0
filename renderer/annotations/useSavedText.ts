/**
 * A text box that saves itself: shortly after typing stops and at once on blur, with its save state.
 * When the stored value changes elsewhere (undo, another window) and nothing typed here is pending,
 * the box takes the new value.
 */
import { useCallback, useEffect, useState } from 'react';
import type { SaveStatus } from '../session/useAutosave';
import { TextSaver } from './text-saver';

export interface SavedText {
  value: string;
  status: SaveStatus;
  change(value: string): void;
  flush(): void;
}

export function useSavedText(stored: string, save: (value: string) => Promise<void>): SavedText {
  const [value, setValue] = useState(stored);
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const [saver] = useState(() => new TextSaver(stored, save, setStatus));
  useEffect(() => {
    saver.setSave(save);
  }, [saver, save]);

  // The stored value moved on without us: follow it unless the user has typed something not yet saved.
  const [seen, setSeen] = useState(stored);
  if (stored !== seen) {
    setSeen(stored);
    if (!saver.dirty) {
      saver.adopt(stored);
      setValue(stored);
    }
  }

  // Leaving (another annotation selected, the session closed) with a save still waiting: send it.
  useEffect(() => () => saver.flush(), [saver]);

  const change = useCallback(
    (next: string) => {
      setValue(next);
      saver.schedule(next);
    },
    [saver],
  );
  const flush = useCallback(() => saver.flush(), [saver]);
  return { value, status, change, flush };
}
