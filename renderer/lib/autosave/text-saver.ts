/**
 * Saves a text value shortly after typing stops (and at once on blur), one request at a time: a
 * value typed while a save runs is sent right after it. The save itself is passed in, so the same
 * saver serves session fields, comments, scores' feedback, replies and the profile, and tests can
 * drive it. It reports what happened so the field can say "Saving…", "Saved" or what went wrong.
 */

export type SaveStatus = { kind: 'idle' } | { kind: 'pending' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string };

export const AUTOSAVE_DELAY_MS = 400;

export type SaveText = (value: string) => Promise<unknown>;

export interface TextSaverOptions {
  /** How long typing must pause before a save; 400 ms unless told. */
  delayMs?: number;
  /** Turns a failed save into the words the field shows. */
  describe?: (error: unknown) => string;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : 'The text was not saved.';
}

export class TextSaver {
  private latest: string;
  private saved: string;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight = false;
  private readonly delayMs: number;
  private readonly describe: (error: unknown) => string;

  constructor(
    initial: string,
    private save: SaveText,
    private readonly report: (status: SaveStatus) => void,
    options: TextSaverOptions = {},
  ) {
    this.latest = initial;
    this.saved = initial;
    this.delayMs = options.delayMs ?? AUTOSAVE_DELAY_MS;
    this.describe = options.describe ?? describeError;
  }

  /** Replaces how values are stored (the component re-rendered with a new callback). */
  setSave(save: SaveText): void {
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

  /** A discrete choice (select, date picker): saves now. */
  commit(value: string): void {
    this.latest = value;
    this.run();
  }

  /** Blur, Escape or unmount: saves anything not yet saved, now. */
  flush(): void {
    if (this.timer !== null || (this.latest !== this.saved && !this.inFlight)) this.run();
  }

  /** The stored value changed elsewhere (undo, another window): taken only when nothing typed here is pending. */
  adopt(value: string): boolean {
    if (this.dirty) return false;
    this.latest = value;
    this.saved = value;
    return true;
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
        this.report({ kind: 'error', message: this.describe(error) });
      },
    );
  }
}
