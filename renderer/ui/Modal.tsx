/** A modal dialog on the native <dialog> element: focus is trapped, Escape closes, focus returns on close. */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { CloseIcon } from './icons';

interface ModalProps {
  open: boolean;
  title: string;
  onClose(): void;
  children?: ReactNode;
  /** Buttons shown at the bottom right. */
  footer?: ReactNode;
  /** Text that describes the dialog's purpose, read when it opens. */
  description?: ReactNode;
  size?: 'small' | 'medium';
  role?: 'dialog' | 'alertdialog';
  testId?: string;
}

export function Modal({ open, title, onClose, children, footer, description, size = 'small', role = 'dialog', testId }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    else if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={`modal modal-${size}`}
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      data-testid={testId}
      onClose={onClose}
      onClick={(event) => {
        // A click on the backdrop (the dialog element itself, outside its content) closes it.
        if (event.target === event.currentTarget) onClose();
      }}
    >
      {open && (
        <div className="modal-body">
          <header className="modal-header">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="btn btn-icon btn-quiet" onClick={onClose} aria-label="Close">
              <CloseIcon />
            </button>
          </header>
          {description && (
            <div id={descriptionId} className="modal-description">
              {description}
            </div>
          )}
          {children && <div className="modal-content">{children}</div>}
          {footer && <footer className="modal-footer">{footer}</footer>}
        </div>
      )}
    </dialog>
  );
}
