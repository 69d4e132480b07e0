/**
 * What opening a package shows wherever it was started: the passphrase prompt for a locked file, and
 * a small status while a file is sent and opened. Also carries out File → Open feedback package…
 * (Electron's menu sends `menu.command`). Mounted once, beside the drop target.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { api } from '../api/client';
import { FormFooter } from '../ui/FormFooter';
import { AlertIcon, SpinnerIcon } from '../ui/icons';
import { Modal } from '../ui/Modal';
import { cancelPassphrase, choosePackageNatively, submitPassphrase, usePackageOpen } from './package-open-store';

export function PackageOpenHost() {
  const state = usePackageOpen();
  // The prompt stays up while a passphrase is tried, so a wrong one is corrected in place.
  const prompt = state.phase === 'passphrase' || (state.phase === 'opening' && state.prompted) ? state : null;

  useEffect(
    () =>
      api.on('menu.command', ({ command }) => {
        if (command === 'open-package') void choosePackageNatively();
      }),
    [],
  );

  return (
    <>
      <Modal
        open={prompt !== null}
        onClose={cancelPassphrase}
        title={prompt?.reply ? 'Open the reply file' : 'Open the feedback package'}
        testId="package-passphrase-dialog"
      >
        {prompt && <PassphraseForm name={prompt.name} error={prompt.phase === 'passphrase' ? prompt.error : null} busy={prompt.phase === 'opening'} />}
      </Modal>
      {state.phase === 'opening' && !state.prompted && (
        <div className="package-opening" role="status" data-testid="package-opening">
          <SpinnerIcon size={16} />
          <span>
            {state.fraction === null ? 'Opening' : 'Sending'} “{state.name}”…
          </span>
          {state.fraction !== null && (
            <span className="progress package-opening-bar" aria-hidden="true">
              <span className="progress-fill" style={{ width: `${Math.round(state.fraction * 100)}%`, display: 'block' }} />
            </span>
          )}
        </div>
      )}
    </>
  );
}

function PassphraseForm({ name, error, busy }: { name: string; error: string | null; busy: boolean }) {
  const [passphrase, setPassphrase] = useState('');
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  // A wrong passphrase: back to the field, its text selected to type it again.
  useEffect(() => {
    if (!error) return;
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [error]);
  return (
    <form
      className="package-passphrase-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (passphrase && !busy) submitPassphrase(passphrase);
      }}
    >
      <p className="modal-description">
        “{name}” is protected by a passphrase. Enter the passphrase you were given; Attune does not keep it.
      </p>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-passphrase`}>
          Passphrase
        </label>
        <input
          id={`${id}-passphrase`}
          ref={inputRef}
          className="input"
          type="password"
          autoComplete="off"
          autoFocus
          required
          data-testid="package-passphrase"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          readOnly={busy}
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
        />
      </div>
      {error && (
        <p id={`${id}-error`} className="inline-alert" role="alert">
          <AlertIcon /> {error}
        </p>
      )}
      <FormFooter onCancel={cancelPassphrase} cancelDisabled={busy} submit={busy ? 'Opening…' : 'Open'} submitDisabled={!passphrase || busy} submitTestId="package-passphrase-open" />
    </form>
  );
}
