/**
 * A time typed as m:ss, h:mm:ss or seconds. Shows the stored time; what is typed is read on Enter or
 * when leaving the field, and a time that cannot be read or saved is said beside it (Escape puts the
 * stored time back).
 */
import { useState } from 'react';
import { formatClock, parseClock } from '../../shared/util/format';

interface ClockInputProps {
  id?: string;
  /** The accessible name, e.g. "Start of the beginning". */
  label: string;
  value: number | null;
  /** Saves the time; throws with a plain-words message when it cannot. */
  onCommit(seconds: number): Promise<void> | void;
  /** Reports a problem (or null) so the row can show it; the input marks itself invalid meanwhile. */
  onProblem(message: string | null): void;
  invalid?: boolean;
  describedBy?: string;
  disabled?: boolean;
}

export function ClockInput({ id, label, value, onCommit, onProblem, invalid = false, describedBy, disabled }: ClockInputProps) {
  const shown = value === null ? '' : formatClock(value);
  const [text, setText] = useState(shown);
  const [editing, setEditing] = useState(false);
  const [lastShown, setLastShown] = useState(shown);
  // The stored time changed (playhead button, another window): show it unless the field is being typed in.
  if (shown !== lastShown) {
    setLastShown(shown);
    if (!editing) setText(shown);
  }

  const commit = async () => {
    setEditing(false);
    const trimmed = text.trim();
    if (trimmed === shown || (trimmed === '' && value === null)) {
      setText(shown);
      onProblem(null);
      return;
    }
    const seconds = parseClock(trimmed);
    if (seconds === null) {
      onProblem(trimmed === '' ? 'Type a time, or use Clear.' : `“${trimmed}” is not a time. Type it like 4:30 or 1:04:30.`);
      return;
    }
    if (value !== null && Math.abs(seconds - value) < 0.0005) {
      setText(shown);
      onProblem(null);
      return;
    }
    try {
      await onCommit(seconds);
      setText(formatClock(seconds));
      onProblem(null);
    } catch (error) {
      setText(shown);
      onProblem(error instanceof Error ? error.message : 'That time was not saved.');
    }
  };

  return (
    <input
      id={id}
      className="input clock-input num"
      type="text"
      inputMode="numeric"
      value={text}
      placeholder="–:––"
      aria-label={label}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      disabled={disabled}
      autoComplete="off"
      spellCheck={false}
      onChange={(e) => {
        setEditing(true);
        setText(e.target.value);
      }}
      onBlur={() => void commit()}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          void commit();
        } else if (e.key === 'Escape' && text !== shown) {
          e.preventDefault();
          e.stopPropagation();
          setEditing(false);
          setText(shown);
          onProblem(null);
        }
      }}
    />
  );
}
