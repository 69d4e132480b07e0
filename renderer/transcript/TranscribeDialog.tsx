/**
 * Starts Whisper on one session or several: model and language (sensible defaults), and — when a
 * transcript would be replaced — a plain warning with "keep my corrections".
 */
import { useId, useState } from 'react';
import { formatBytes, pluralise } from '../../shared/util/format';
import { api, errorMessage } from '../api/client';
import { modelsHref } from '../app/router';
import { useModels } from '../models/models-store';
import { FormFooter } from '../ui/FormFooter';
import { AlertIcon, InfoIcon } from '../ui/icons';
import { Modal } from '../ui/Modal';
import { noteQueued } from './jobs-store';

export const LANGUAGES: [string, string][] = [
  ['auto', 'Detect automatically'],
  ['en', 'English'],
  ['es', 'Spanish'],
  ['fr', 'French'],
  ['de', 'German'],
  ['it', 'Italian'],
  ['pt', 'Portuguese'],
  ['nl', 'Dutch'],
  ['sv', 'Swedish'],
  ['pl', 'Polish'],
  ['tr', 'Turkish'],
  ['ru', 'Russian'],
  ['uk', 'Ukrainian'],
  ['ar', 'Arabic'],
  ['hi', 'Hindi'],
  ['zh', 'Chinese'],
  ['ja', 'Japanese'],
  ['ko', 'Korean'],
];

const LANGUAGE_KEY = 'attune.transcribeLanguage';

interface TranscribeDialogProps {
  open: boolean;
  sessionIds: string[];
  /** How many of the chosen sessions already have a transcript (null when unknown). */
  existing: number | null;
  /** Whether any of them holds corrections. */
  hasCorrections: boolean;
  onClose(): void;
  onStarted?(jobIds: string[]): void;
}

export function TranscribeDialog({ open, ...rest }: TranscribeDialogProps) {
  return (
    <Modal open={open} onClose={rest.onClose} title={rest.sessionIds.length > 1 ? `Transcribe ${rest.sessionIds.length} sessions` : 'Transcribe this session'} testId="transcribe-dialog">
      {open && <TranscribeForm {...rest} />}
    </Modal>
  );
}

function TranscribeForm({ sessionIds, existing, hasCorrections, onClose, onStarted }: Omit<TranscribeDialogProps, 'open'>) {
  const models = useModels();
  const whisper = models.list?.models.filter((m) => m.kind === 'whisper') ?? [];
  const vad = models.list?.models.some((m) => m.kind === 'vad') ?? false;
  const [modelId, setModelId] = useState<string | null>(null);
  const chosen = whisper.find((m) => m.id === modelId) ?? whisper.find((m) => m.isDefault) ?? whisper[0];
  const [language, setLanguage] = useState(() => localStorage.getItem(LANGUAGE_KEY) ?? 'auto');
  const [keep, setKeep] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = useId();
  const englishOnly = chosen ? !chosen.multilingual : false;
  const effectiveLanguage = englishOnly ? 'en' : language;
  const replaces = existing === null ? sessionIds.length > 0 : existing > 0;

  const start = async () => {
    if (!chosen) return;
    setBusy(true);
    setError(null);
    try {
      const { jobIds } = await api.invoke('transcription.start', {
        sessionIds,
        modelId: chosen.id,
        language: effectiveLanguage,
        keepCorrections: replaces ? keep : undefined,
      });
      try {
        if (!englishOnly) localStorage.setItem(LANGUAGE_KEY, language);
      } catch {
        // remembering is a nicety
      }
      noteQueued(jobIds, sessionIds, chosen.name);
      onStarted?.(jobIds);
      onClose();
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  if (models.status === 'loading') {
    return <p className="muted" role="status">Looking for transcription models…</p>;
  }
  if (models.status === 'error' && !models.list) {
    return (
      <p className="inline-alert" role="alert">
        <AlertIcon /> {models.unavailable ? 'Transcription is not available in this version of Attune yet.' : models.error}
      </p>
    );
  }
  if (!chosen) {
    return (
      <div className="transcribe-form">
        <div className="callout callout-warning" role="alert">
          <AlertIcon />
          <div>
            <strong>No transcription model is installed.</strong>
            <p>
              Attune transcribes on this computer with a Whisper model file. Add one you already have, or download a standard
              model while online, on the Models screen.
            </p>
          </div>
        </div>
        <footer className="modal-footer">
          <button type="button" className="btn btn-secondary" onClick={onClose}>
            Close
          </button>
          <a className="btn btn-primary" href={modelsHref} onClick={onClose}>
            Open Models
          </a>
        </footer>
      </div>
    );
  }

  return (
    <form
      className="transcribe-form"
      onSubmit={(e) => {
        e.preventDefault();
        void start();
      }}
    >
      <p className="modal-description">
        Whisper runs on this computer; nothing leaves it. {sessionIds.length > 1 ? 'The sessions are transcribed one after another' : 'You can keep working'}{' '}
        while it runs, and segments appear as they are ready.
      </p>
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-model`}>
          Model
        </label>
        <select id={`${ids}-model`} className="select" value={chosen.id} onChange={(e) => setModelId(e.target.value)}>
          {whisper.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name} — {m.multilingual ? 'multilingual' : 'English only'}, {formatBytes(m.sizeBytes)}
              {m.isDefault ? ' (default)' : ''}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-language`}>
          Language spoken
        </label>
        <select
          id={`${ids}-language`}
          className="select"
          value={effectiveLanguage}
          disabled={englishOnly}
          aria-describedby={englishOnly ? `${ids}-language-hint` : undefined}
          onChange={(e) => setLanguage(e.target.value)}
        >
          {LANGUAGES.map(([code, label]) => (
            <option key={code} value={code}>
              {label}
            </option>
          ))}
        </select>
        {englishOnly && (
          <span id={`${ids}-language-hint`} className="field-hint">
            {chosen.name} understands English only. Choose a multilingual model for other languages.
          </span>
        )}
      </div>
      {!vad && (
        <p className="field-hint">
          <InfoIcon size={13} /> Without a voice-activity model, silences are transcribed too (slower).
        </p>
      )}
      {replaces && (
        <div className="callout callout-warning">
          <AlertIcon />
          <div>
            <strong>
              {sessionIds.length > 1
                ? existing === null
                  ? 'Sessions that already have a transcript get a new one.'
                  : `${pluralise(existing ?? 0, 'session already has', 'sessions already have')} a transcript; it will be replaced.`
                : 'This replaces the current transcript.'}
            </strong>
            <label className="checkbox">
              <input type="checkbox" checked={keep} onChange={(e) => setKeep(e.target.checked)} />
              <span>Keep my corrections{hasCorrections ? '' : ' (edited text and speakers)'}</span>
            </label>
          </div>
        </div>
      )}
      {error && (
        <p className="inline-alert" role="alert">
          <AlertIcon /> {error}
        </p>
      )}
      <FormFooter onCancel={onClose} submit={busy ? 'Starting…' : sessionIds.length > 1 ? `Transcribe ${sessionIds.length}` : 'Transcribe'} submitDisabled={busy} />
    </form>
  );
}
