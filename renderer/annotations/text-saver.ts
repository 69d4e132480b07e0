/**
 * Saves a text field shortly after typing stops (and at once on blur), one request at a time: a
 * value typed while a save runs is sent right after it. The save itself is passed in, so the same
 * saver serves the comment and "what could have been said", and tests can drive it.
 */
import type { SaveStatus } from '../session/useAutosave';

export const TEXT_SAVE_DELAY_MS = 400;

export class TextSaver {
  private latest: string;
  private saved: string;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight = false;

  constructor(
    initial: string,
    private save: (value: string) => Promise<void>,
    private readonly report: (status: SaveStatus) => void,
    private readonly delayMs = TEXT_SAVE_DELAY_MS,
  ) {
    this.latest = initial;
    this.saved = initial;
  }

  /** Replaces how values are stored (the component re-rendered with a new callback). */
  setSave(save: (value: string) => Promise<void>): void {
    this.save = save;
  }

  /** True while something typed is not yet stored. */
  get dirty(): boolean {
    return this.latest !== this.saved || this.inFlight || this.timer !== null;
  }

  /** Typing: saves after a pause. */
  schedule(value: string): void {
    this.latest = value;
    this.report({ kind: 'pending' });
    this.cancelTimer();
    this.timer = setTimeout(() => this.run(), this.delayMs);
  }

  /** Blur, Escape or unmount: saves anything not yet saved, now. */
  flush(): void {
    if (this.timer !== null || (this.latest !== this.saved && !this.inFlight)) this.run();
  }

  /** The stored value changed elsewhere (undo, another window) and nothing is pending here: take it. */
  adopt(value: string): void {
    if (this.dirty) return;
    this.latest = value;
    this.saved = value;
  }

  private cancelTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private run(): void {
    this.cancelTimer();
    if (this.inFlight) return; // the running save sends the newer value when it ends
    const sending = this.latest;
    if (sending === this.saved) {
      this.report({ kind: 'saved' });
      return;
    }
    this.inFlight = true;
    this.report({ kind: 'saving' });
    this.save(sending).then(
      () => {
        this.inFlight = false;
        this.saved = sending;
        if (this.latest !== sending && this.timer === null) this.run();
        else if (this.latest === sending) this.report({ kind: 'saved' });
      },
      (error: unknown) => {
        this.inFlight = false;
        this.report({ kind: 'error', message: error instanceof Error ? error.message : 'The text was not saved.' });
      },
    );
  }
}
