/** A labelled form field with its save state ("Saving…", "Saved") and any error beside it. */
import { useId, type InputHTMLAttributes, type ReactElement, type ReactNode, type TextareaHTMLAttributes } from 'react';
import type { SaveStatus } from '../lib/autosave/text-saver';
import type { Autosave } from '../lib/autosave/useAutosave';
import { AlertIcon, CheckIcon, SpinnerIcon } from '../ui/icons';

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

type Controlled = 'id' | 'value' | 'onChange' | 'onBlur' | 'aria-describedby' | 'aria-invalid';

interface SavedControlProps {
  label: string;
  /** The text and how it saves itself (useAutosave). */
  text: Autosave;
  hint?: ReactNode;
  fieldClassName?: string;
  testId?: string;
}

type SavedInputProps = SavedControlProps & Omit<InputHTMLAttributes<HTMLInputElement>, Controlled>;
type SavedTextareaProps = SavedControlProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, Controlled>;

/** The props that make a control save itself as you type and when you leave it. */
function savedControl(text: Autosave, { id, describedBy, invalid }: { id: string; describedBy: string | undefined; invalid: boolean }, testId: string | undefined) {
  return {
    id,
    value: text.value,
    onChange: (e: { target: { value: string } }) => text.change(e.target.value),
    onBlur: text.flush,
    'aria-describedby': describedBy,
    'aria-invalid': invalid || undefined,
    'data-testid': testId,
  };
}

/** A labelled one-line field that saves itself as you type and when you leave it. */
export function SavedInput({ label, text, hint, fieldClassName, testId, ...attributes }: SavedInputProps) {
  return (
    <Field label={label} status={text.status} hint={hint} className={fieldClassName}>
      {(ids) => <input className="input" {...attributes} {...savedControl(text, ids, testId)} />}
    </Field>
  );
}

/** A labelled text box that saves itself as you type and when you leave it. */
export function SavedTextarea({ label, text, hint, fieldClassName, testId, ...attributes }: SavedTextareaProps) {
  return (
    <Field label={label} status={text.status} hint={hint} className={fieldClassName}>
      {(ids) => <textarea spellCheck {...attributes} {...savedControl(text, ids, testId)} />}
    </Field>
  );
}
