/**
 * Saving a trainee's progress report (PDF): where to save it (the export folder by default), then
 * the PDF is made with the same charts as the screen. An existing file is replaced only after asking.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { api, errorMessage } from '../api/client';
import { FormFooter } from '../ui/FormFooter';
import { AlertIcon, CheckIcon } from '../ui/icons';
import { Modal } from '../ui/Modal';
import { baseName, folderOf } from '../export/export-options';
import { ReplaceFileCallout } from '../export/ReplaceFileCallout';

type Phase = { kind: 'form' } | { kind: 'saving' } | { kind: 'ask-replace' } | { kind: 'done'; path: string; bytes: number };

export function ReportDialog({ trainee, open, onClose }: { trainee: string; open: boolean; onClose(): void }) {
  return (
    <Modal open={open} onClose={onClose} title="Progress report (PDF)" size="medium" testId="progress-report-dialog">
      {open && <ReportForm trainee={trainee} onClose={onClose} />}
    </Modal>
  );
}

function ReportForm({ trainee, onClose }: { trainee: string; onClose(): void }) {
  const ids = useId();
  const [path, setPath] = useState('');
  const [phase, setPhase] = useState<Phase>({ kind: 'form' });
  const [error, setError] = useState<string | null>(null);
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let live = true;
    api.invoke('progress.suggestReportPath', { trainee }).then(
      (answer) => live && setPath((current) => current || answer.path),
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [trainee]);

  useEffect(() => {
    if (phase.kind === 'done') closeRef.current?.focus();
  }, [phase.kind]);

  const save = async (overwrite: boolean) => {
    const outPath = path.trim();
    if (!outPath) {
      setError('Choose where to save the report.');
      return;
    }
    setError(null);
    setPhase({ kind: 'saving' });
    try {
      const answer = await api.invoke('progress.exportReport', { trainee, outPath, overwrite });
      setPhase({ kind: 'done', path: answer.path, bytes: answer.bytes });
    } catch (e) {
      if ((e as { code?: string } | null)?.code === 'file_exists' && !overwrite) setPhase({ kind: 'ask-replace' });
      else {
        setPhase({ kind: 'form' });
        setError(errorMessage(e));
      }
    }
  };

  if (phase.kind === 'done') {
    return (
      <div className="export-form">
        <p className="export-done-line" role="status">
          <CheckIcon /> Saved “{baseName(phase.path)}” in {folderOf(phase.path)}.
        </p>
        <footer className="modal-footer">
          <button ref={closeRef} type="button" className="btn btn-primary" onClick={onClose}>
            Done
          </button>
        </footer>
      </div>
    );
  }

  return (
    <form
      className="export-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (phase.kind === 'form') void save(false);
      }}
    >
      <p className="field-hint">Every progress chart of {trainee}, and their values per session, on A4 pages.</p>
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-path`}>
          Save as
        </label>
        <input
          id={`${ids}-path`}
          className="input"
          data-testid="progress-report-path"
          value={path}
          spellCheck={false}
          autoComplete="off"
          disabled={phase.kind === 'saving'}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${ids}-error` : `${ids}-hint`}
          onChange={(e) => {
            setPath(e.target.value);
            setError(null);
            if (phase.kind === 'ask-replace') setPhase({ kind: 'form' });
          }}
        />
        <span id={`${ids}-hint`} className="field-hint">
          A full path on this computer ending in .pdf. The folder must exist, except Attune’s own export folder.
        </span>
      </div>
      {phase.kind === 'saving' && (
        <p className="field-hint" role="status">
          Making the PDF…
        </p>
      )}
      {error && (
        <p id={`${ids}-error`} className="inline-alert" role="alert" data-testid="progress-report-error">
          <AlertIcon /> {error}
        </p>
      )}
      {phase.kind === 'ask-replace' ? (
        <ReplaceFileCallout ids={ids} file={path.trim()} onReplace={() => void save(true)} onKeep={() => setPhase({ kind: 'form' })} />
      ) : (
        <FormFooter onCancel={onClose} cancelDisabled={phase.kind === 'saving'} submit={phase.kind === 'saving' ? 'Saving…' : 'Save PDF'} submitDisabled={phase.kind === 'saving'} submitTestId="progress-report-save" />
      )}
    </form>
  );
}
