/**
 * "Export reply file…": where to save the trainee's reply file (prefilled: the export folder and a
 * name from the title), an optional passphrase, asking before replacing a file, and where it went.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { ApiError } from '../../shared/api/errors';
import { pluralise } from '../../shared/util/format';
import { api, errorMessage } from '../api/client';
import { FormFooter } from '../ui/FormFooter';
import { AlertIcon, CheckIcon, SpinnerIcon } from '../ui/icons';
import { Modal } from '../ui/Modal';
import { passphraseProblem } from './reply-export';

interface Props {
  open: boolean;
  sessionId: string;
  onClose(): void;
  onExported(): void;
}

type Phase =
  | { kind: 'editing'; error: string | null }
  | { kind: 'saving' }
  /** The file is there: replace it? */
  | { kind: 'confirm'; message: string }
  | { kind: 'done'; path: string; replies: number };

export function ExportReplyDialog({ open, sessionId, onClose, onExported }: Props) {
  return (
    <Modal open={open} title="Export your reply" onClose={onClose} size="medium" testId="feedback-export-dialog">
      {open && <ExportReplyForm sessionId={sessionId} onClose={onClose} onExported={onExported} />}
    </Modal>
  );
}

function ExportReplyForm({ sessionId, onClose, onExported }: Omit<Props, 'open'>) {
  const ids = useId();
  const [path, setPath] = useState('');
  const [exists, setExists] = useState(false);
  const [usePassphrase, setUsePassphrase] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [phase, setPhase] = useState<Phase>({ kind: 'editing', error: null });

  useEffect(() => {
    let live = true;
    api.invoke('feedback.suggestReplyPath', { sessionId }).then(
      (suggested) => {
        if (!live) return;
        setPath((p) => p || suggested.path);
        setExists(suggested.exists);
      },
      () => undefined, // the field stays empty; the trainee types a path
    );
    return () => {
      live = false;
    };
  }, [sessionId]);

  const write = (overwrite: boolean) => {
    setPhase({ kind: 'saving' });
    api
      .invoke('feedback.exportReply', { sessionId, outPath: path.trim(), overwrite, passphrase: usePassphrase ? passphrase : null })
      .then(
        (written) => {
          setPhase({ kind: 'done', path: written.path, replies: written.replies });
          onExported();
        },
        (error: unknown) => {
          if (error instanceof ApiError && error.code === 'file_exists') setPhase({ kind: 'confirm', message: errorMessage(error) });
          else setPhase({ kind: 'editing', error: errorMessage(error) });
        },
      );
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (path.trim() === '') return setPhase({ kind: 'editing', error: 'Choose where to save the reply.' });
    const problem = usePassphrase ? passphraseProblem(passphrase, repeat) : null;
    if (problem) return setPhase({ kind: 'editing', error: problem });
    write(false);
  };

  if (phase.kind === 'done') {
    return (
      <div className="fb-export-done" data-testid="feedback-export-done" role="status">
        <p className="fb-export-done-title">
          <CheckIcon size={16} /> Your reply is saved{phase.replies > 0 ? ` (${pluralise(phase.replies, 'reply', 'replies')})` : ''}.
        </p>
        <p className="fb-export-path" data-testid="feedback-export-path">
          {phase.path}
        </p>
        <p className="muted">Send this file to your supervisor{usePassphrase ? ', and tell them the passphrase another way (not in the same message)' : ''}. Opening it in their Attune puts your replies beside their points.</p>
        <div className="modal-footer fb-export-footer">
          <button type="button" className="btn btn-primary" onClick={onClose} autoFocus>
            Done
          </button>
        </div>
      </div>
    );
  }

  const saving = phase.kind === 'saving';
  return (
    <form className="fb-export-form" onSubmit={submit} noValidate>
      <p className="muted">The reply file holds which points you marked as read, your replies and your reflection — nothing of the recording.</p>
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-path`}>
          Save as
        </label>
        <input
          id={`${ids}-path`}
          className="input fb-export-path-input"
          value={path}
          onChange={(e) => {
            setPath(e.target.value);
            setExists(false);
            if (phase.kind !== 'editing' || phase.error) setPhase({ kind: 'editing', error: null });
          }}
          spellCheck={false}
          autoComplete="off"
          aria-describedby={`${ids}-path-hint`}
          data-testid="feedback-reply-path"
        />
        <p id={`${ids}-path-hint`} className="field-hint">
          {exists ? 'A file with this name is already there; you will be asked before it is replaced.' : 'A full path on this computer, ending in .attune-reply.'}
        </p>
      </div>
      <label className="fb-check">
        <input type="checkbox" checked={usePassphrase} onChange={(e) => setUsePassphrase(e.target.checked)} data-testid="feedback-reply-encrypt" />
        Protect with a passphrase
      </label>
      {usePassphrase && (
        <div className="fb-passphrase">
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-pass`}>
              Passphrase
            </label>
            <input id={`${ids}-pass`} className="input" type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="new-password" data-testid="feedback-reply-passphrase" />
          </div>
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-repeat`}>
              Repeat the passphrase
            </label>
            <input id={`${ids}-repeat`} className="input" type="password" value={repeat} onChange={(e) => setRepeat(e.target.value)} autoComplete="new-password" data-testid="feedback-reply-passphrase-repeat" />
          </div>
        </div>
      )}
      {phase.kind === 'editing' && phase.error && (
        <p className="inline-alert" role="alert">
          <AlertIcon /> {phase.error}
        </p>
      )}
      {phase.kind === 'confirm' && (
        <div className="fb-confirm" role="alertdialog" aria-labelledby={`${ids}-confirm`}>
          <p id={`${ids}-confirm`}>
            <AlertIcon /> {phase.message} Replace it with this reply?
          </p>
          <div className="fb-confirm-actions">
            <button type="button" className="btn btn-secondary" onClick={() => setPhase({ kind: 'editing', error: null })}>
              Keep it
            </button>
            <button type="button" className="btn btn-danger" onClick={() => write(true)} data-testid="feedback-reply-replace" autoFocus>
              Replace
            </button>
          </div>
        </div>
      )}
      <FormFooter
        className="fb-export-footer"
        onCancel={onClose}
        submit={
          saving ? (
            <>
              <SpinnerIcon size={14} /> Saving…
            </>
          ) : (
            'Save reply file'
          )
        }
        submitDisabled={saving || phase.kind === 'confirm'}
        submitTestId="feedback-reply-save"
      />
    </form>
  );
}
