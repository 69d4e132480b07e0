/** Confirms deleting one or several sessions for good, naming them and what goes with each. */
import { useState } from 'react';
import type { Session } from '../../shared/domain/session';
import { formatBytes, pluralise } from '../../shared/util/format';
import { api, errorMessage } from '../api/client';
import { Modal } from '../ui/Modal';
import { SpinnerIcon, TrashIcon } from '../ui/icons';
import { showError, showNotice } from '../ui/toasts';
import { summariseDeletion } from './deletion-summary';

const NAMED = 8;

interface DeleteSessionsDialogProps {
  sessions: readonly Session[];
  onClose(): void;
  onDeleted(ids: string[]): void;
}

export function DeleteSessionsDialog({ sessions, onClose, onDeleted }: DeleteSessionsDialogProps) {
  const [busy, setBusy] = useState(false);
  const open = sessions.length > 0;
  const bytes = sessions.reduce((sum, s) => sum + s.media.sizeBytes, 0);
  const what = sessions.length === 1 ? 'this session' : `these ${sessions.length} sessions`;
  const confirm = () => {
    setBusy(true);
    const ids = sessions.map((s) => s.id);
    api.invoke('retention.delete', { ids }).then(
      ({ outcomes }) => {
        setBusy(false);
        const summary = summariseDeletion(sessions, outcomes);
        if (summary.complete) showNotice(summary.message);
        else showError(summary.message, 'Not every session was deleted');
        onDeleted(summary.deleted);
        onClose();
      },
      (error: unknown) => {
        setBusy(false);
        onClose();
        showError(errorMessage(error), 'The sessions were not deleted');
      },
    );
  };
  return (
    <Modal
      open={open}
      onClose={() => !busy && onClose()}
      title={`Delete ${what}?`}
      role="alertdialog"
      size="medium"
      testId="retention-delete-dialog"
      description={
        <p>
          For each, Attune removes its copy of the recording ({formatBytes(bytes)} in all; overwritten before it is removed), its audio
          cache and waveform, the transcript, annotations, scores and feedback, replies, tags, consent and notes, and its entries in
          the search index. The deletion log keeps only what kinds of things were deleted, when and by whom. This cannot be undone.
        </p>
      }
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={onClose} disabled={busy} autoFocus>
            Keep {sessions.length === 1 ? 'it' : 'them'}
          </button>
          <button type="button" className="btn btn-danger" onClick={confirm} disabled={busy}>
            {busy ? <SpinnerIcon /> : <TrashIcon />} Delete {pluralise(sessions.length, 'session', 'sessions')}
          </button>
        </>
      }
    >
      <ul className="retention-doomed">
        {sessions.slice(0, NAMED).map((s) => (
          <li key={s.id}>
            <strong>{s.title}</strong>
            <span className="muted">
              {[s.trainee, s.recordedAt ? `recorded ${s.recordedAt}` : null, formatBytes(s.media.sizeBytes)].filter(Boolean).join(' · ')}
            </span>
          </li>
        ))}
        {sessions.length > NAMED && <li className="muted">and {sessions.length - NAMED} more</li>}
      </ul>
    </Modal>
  );
}
