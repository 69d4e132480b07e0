/** A labelled form field with its save state ("Saving…", "Saved") and any error beside it. */
import { useId, type ReactElement, type ReactNode } from 'react';
import { AlertIcon, CheckIcon, SpinnerIcon } from '../ui/icons';
import type { SaveStatus } from './useAutosave';

interface FieldProps {
  label: string;
  status: SaveStatus;
  hint?: ReactNode;
  className?: string;
  /** Renders the control with the ids it must carry. */
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactElement;
}

export function SaveState({ status, id }: { status: SaveStatus; id: string }) {
  return (
    <span id={id} className={`save-state save-${status.kind}`} aria-live="polite">
      {status.kind === 'saving' && (
        <>
          <SpinnerIcon size={12} /> Saving…
        </>
      )}
      {status.kind === 'saved' && (
        <>
          <CheckIcon size={12} /> Saved
        </>
      )}
    </span>
  );
}

export function Field({ label, status, hint, className, children }: FieldProps) {
  const id = useId();
  const stateId = `${id}-state`;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const invalid = status.kind === 'error';
  const describedBy = [invalid ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field ${invalid ? 'field-invalid' : ''} ${className ?? ''}`}>
      <div className="field-head">
        <label htmlFor={id} className="field-label">
          {label}
        </label>
        <SaveState status={status} id={stateId} />
      </div>
      {children({ id, describedBy, invalid })}
      {invalid && (
        <p id={errorId} className="field-error" role="alert">
          <AlertIcon size={13} /> {status.message}
        </p>
      )}
      {hint && !invalid && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}
