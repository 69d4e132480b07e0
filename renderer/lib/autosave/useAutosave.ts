/**
 * A field that saves itself: shortly after typing stops, at once on blur or for a discrete choice,
 * with its save state. Unless told not to, when the stored value changes elsewhere (undo, another
 * window, an import) and nothing typed here is pending, the field takes the new value.
 */
import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../../api/client';
import { TextSaver, type SaveStatus, type SaveText, type TextSaverOptions } from './text-saver';

export interface Autosave {
  value: string;
  status: SaveStatus;
  /** Typing: saves after a pause. */
  change(value: string): void;
  /** A discrete choice (select, date picker): saves now. */
  commit(value: string): void;
  /** Leaving the field: saves anything pending now. */
  flush(): void;
}

export interface AutosaveOptions extends TextSaverOptions {
  /** False: keep showing what was typed here even when the stored value changes (it may be a trimmed echo of it). */
  followStored?: boolean;
}

export function useAutosave(stored: string, save: SaveText, options: AutosaveOptions = {}): Autosave {
  const [value, setValue] = useState(stored);
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const [saver] = useState(() => new TextSaver(stored, save, setStatus, { delayMs: options.delayMs, describe: options.describe ?? errorMessage }));

  useEffect(() => {
    saver.setSave(save);
  }, [saver, save]);

  // The stored value moved on without us: follow it unless something typed here is not yet saved.
  const [seen, setSeen] = useState(stored);
  if (stored !== seen && options.followStored !== false) {
    setSeen(stored);
    if (saver.adopt(stored)) setValue(stored);
  }

  // Leaving (another item selected, the view closed) with a save still waiting: send it anyway.
  useEffect(() => () => saver.flush(), [saver]);

  const change = useCallback(
    (next: string) => {
      setValue(next);
      saver.schedule(next);
    },
    [saver],
  );
  const commit = useCallback(
    (next: string) => {
      setValue(next);
      saver.commit(next);
    },
    [saver],
  );
  const flush = useCallback(() => saver.flush(), [saver]);
  return { value, status, change, commit, flush };
}
