/** A dialog form's footer: Cancel, and the button that submits the form. */
import type { ReactNode } from 'react';

interface FormFooterProps {
  onCancel(): void;
  cancelDisabled?: boolean;
  /** The submit button's words (or what shows while it works). */
  submit: ReactNode;
  submitDisabled: boolean;
  submitTestId?: string;
  className?: string;
}

export function FormFooter({ onCancel, cancelDisabled, submit, submitDisabled, submitTestId, className }: FormFooterProps) {
  return (
    <footer className={className ? `modal-footer ${className}` : 'modal-footer'}>
      <button type="button" className="btn btn-secondary" onClick={onCancel} disabled={cancelDisabled}>
        Cancel
      </button>
      <button type="submit" className="btn btn-primary" disabled={submitDisabled} data-testid={submitTestId}>
        {submit}
      </button>
    </footer>
  );
}
