/**
 * Saves one text value shortly after typing stops (and at once on blur), one request at a time,
 * through any save function, and reports "Saving…", "Saved" or what went wrong. The value stored
 * elsewhere (another window, an import) is taken over whenever nothing typed here is waiting.
 */
import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api/client';
import { AUTOSAVE_DELAY_MS, type SaveStatus } from '../session/useAutosave';

export type { SaveStatus };

export interface TextAutosave {
  value: string;
  status: SaveStatus;
  /** Typing: saves after a pause. */
  change(value: string): void;
  /** A discrete choice: saves now. */
  commit(value: string): void;
  /** Leaving the field: saves anything pending now. */
  flush(): void;
}

type Save = (value: string) => Promise<unknown>;

class TextSaver {
  private latest: string;
  private saved: string;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight = false;

  constructor(
    initial: string,
    private saveFn: Save,
    private readonly report: (status: SaveStatus) => void,
    private readonly delayMs: number,
    private readonly describe: (error: unknown) => string,
  ) {
    this.latest = initial;
    this.saved = initial;
  }

  setSave(fn: Save): void {
    this.saveFn = fn;
  }

  /** True when nothing typed here is waiting or being sent. */
  get idle(): boolean {
    return this.timer === null && !this.inFlight && this.latest === this.saved;
  }

  /** A value stored elsewhere: adopted when idle. */
  adopt(value: string): boolean {
    if (!this.idle) return false;
    this.latest = value;
    this.saved = value;
    return true;
  }

  schedule(value: string): void {
    this.latest = value;
    this.report({ kind: 'pending' });
    this.cancelTimer();
    this.timer = setTimeout(() => this.save(), this.delayMs);
  }

  commit(value: string): void {
    this.latest = value;
    this.save();
  }

  flush(): void {
    if (this.timer !== null || (this.latest !== this.saved && !this.inFlight)) this.save();
  }

  private cancelTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private save(): void {
    this.cancelTimer();
    if (this.inFlight) return; // the running save sends the newer value when it ends
    const sending = this.latest;
    if (sending === this.saved) {
      this.report({ kind: 'saved' });
      return;
    }
    this.inFlight = true;
    this.report({ kind: 'saving' });
    this.saveFn(sending).then(
      () => {
        this.inFlight = false;
        this.saved = sending;
        if (this.latest !== sending && this.timer === null) this.save();
        else if (this.latest === sending) this.report({ kind: 'saved' });
      },
      (error: unknown) => {
        this.inFlight = false;
        this.report({ kind: 'error', message: this.describe(error) });
      },
    );
  }
}

export function useTextAutosave(stored: string, save: Save, options: { delayMs?: number; describe?: (error: unknown) => string } = {}): TextAutosave {
  const [value, setValue] = useState(stored);
  const [seen, setSeen] = useState(stored);
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const [saver] = useState(() => new TextSaver(stored, save, setStatus, options.delayMs ?? AUTOSAVE_DELAY_MS, options.describe ?? errorMessage));

  // A newer stored value (saved elsewhere) replaces what is shown, unless something typed here is pending.
  if (stored !== seen) {
    setSeen(stored);
    if (saver.adopt(stored)) setValue(stored);
  }

  useEffect(() => {
    saver.setSave(save);
  }, [saver, save]);

  // Leaving with a save still waiting: send it anyway.
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
