/** Confirms deleting a session, saying exactly what goes and that it cannot be undone. */
import { useState } from 'react';
import type { Session } from '../../shared/domain/session';
import { api } from '../api/client';
import { Modal } from '../ui/Modal';
import { SpinnerIcon, TrashIcon } from '../ui/icons';

interface DeleteSessionDialogProps {
  open: boolean;
  session: Session;
  onClose(): void;
  onDeleted(): void;
  onError(error: unknown): void;
}

export function DeleteSessionDialog({ open, session, onClose, onDeleted, onError }: DeleteSessionDialogProps) {
  const [busy, setBusy] = useState(false);
  const confirm = () => {
    setBusy(true);
    api.invoke('sessions.delete', { id: session.id }).then(
      () => {
        setBusy(false);
        onClose();
        onDeleted();
      },
      (error: unknown) => {
        setBusy(false);
        onClose();
        onError(error);
      },
    );
  };
  return (
    <Modal
      open={open}
      onClose={() => !busy && onClose()}
      title="Delete this session?"
      role="alertdialog"
      testId="delete-dialog"
      description={
        <>
          <p>
            “{session.title}” will be removed from this computer for good: Attune’s copy of the recording (overwritten before it
            is removed), its audio cache and waveform, the transcript, annotations, scores and feedback, replies, tags, consent and
            notes.
          </p>
          <p>
            The original file you imported is not touched. The deletion log keeps only what kinds of things were deleted, when and
            by whom. This cannot be undone.
          </p>
        </>
      }
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={onClose} disabled={busy} autoFocus>
            Keep session
          </button>
          <button type="button" className="btn btn-danger" onClick={confirm} disabled={busy}>
            {busy ? <SpinnerIcon /> : <TrashIcon />} Delete session
          </button>
        </>
      }
    >
      {null}
    </Modal>
  );
}
