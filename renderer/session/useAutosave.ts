/**
 * Saves one session field shortly after typing stops (and at once on blur), one request at a time,
 * and reports what happened so the field can say "Saving…", "Saved" or what went wrong.
 */
import { useCallback, useEffect, useState } from 'react';
import type { SessionPatch, Session } from '../../shared/domain/session';
import { api, errorMessage } from '../api/client';

export type EditableField = 'title' | 'trainee' | 'supervisor' | 'recordedAt' | 'notes' | 'status';

export type SaveStatus = { kind: 'idle' } | { kind: 'pending' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string };

export const AUTOSAVE_DELAY_MS = 400;

/** Validation messages arrive as "patch.title: The title cannot be empty."; the field already says which. */
export function fieldMessage(message: string): string {
  return message.replace(/^(?:patch\.)?\w+:\s*/, '');
}

function toPatch(field: EditableField, value: string): SessionPatch {
  switch (field) {
    case 'recordedAt':
      return { recordedAt: value === '' ? null : value };
    case 'status':
      return { status: value as Session['status'] };
    default:
      return { [field]: value };
  }
}

export interface AutosaveField {
  value: string;
  status: SaveStatus;
  /** Typing: saves after a pause. */
  change(value: string): void;
  /** A discrete choice (select, date picker): saves now. */
  commit(value: string): void;
  /** Leaving the field: saves anything pending now. */
  flush(): void;
}

/** Saves one field, one request at a time; a newer value typed during a save is sent right after it. */
class FieldSaver {
  private latest: string;
  private saved: string;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight = false;
  private onSaved: (session: Session) => void = () => undefined;

  constructor(
    private readonly sessionId: string,
    private readonly field: EditableField,
    initial: string,
    private readonly report: (status: SaveStatus) => void,
  ) {
    this.latest = initial;
    this.saved = initial;
  }

  setOnSaved(fn: (session: Session) => void): void {
    this.onSaved = fn;
  }

  /** Typing: waits for a pause. */
  schedule(value: string): void {
    this.latest = value;
    this.report({ kind: 'pending' });
    this.cancelTimer();
    this.timer = setTimeout(() => this.save(), AUTOSAVE_DELAY_MS);
  }

  /** A discrete choice: saves now. */
  commit(value: string): void {
    this.latest = value;
    this.save();
  }

  /** Blur or unmount: saves anything not yet saved. */
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
    api.invoke('sessions.update', { id: this.sessionId, patch: toPatch(this.field, sending) }).then(
      (session) => {
        this.inFlight = false;
        this.saved = sending;
        this.onSaved(session);
        if (this.latest !== sending && this.timer === null) this.save();
        else if (this.latest === sending) this.report({ kind: 'saved' });
      },
      (error: unknown) => {
        this.inFlight = false;
        this.report({ kind: 'error', message: fieldMessage(errorMessage(error)) });
      },
    );
  }
}

export function useAutosave(sessionId: string, field: EditableField, initial: string, onSaved: (session: Session) => void): AutosaveField {
  const [value, setValue] = useState(initial);
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const [saver] = useState(() => new FieldSaver(sessionId, field, initial, setStatus));

  useEffect(() => {
    saver.setOnSaved(onSaved);
  }, [saver, onSaved]);

  // Leaving the page with a save still waiting: send it anyway.
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
