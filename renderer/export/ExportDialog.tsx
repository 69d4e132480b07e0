/**
 * Exporting one session: the format, where to save it (a path field in browser mode, the native
 * save dialog in Electron), and for the feedback package what goes in it (media, de-identification,
 * passphrase). Then progress with Cancel, and where it was saved with "Show in folder". An existing
 * file is replaced only after asking. Failures are said here, in plain words.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { Session } from '../../shared/domain/session';
import { EXPORT_FORMAT_LABELS, type ExportFormat } from '../../shared/domain/export';
import { api, errorMessage } from '../api/client';
import { useAppInfo } from '../app/app-info';
import { FormFooter } from '../ui/FormFooter';
import { AlertIcon, CheckIcon, InfoIcon } from '../ui/icons';
import { Modal } from '../ui/Modal';
import { baseName, FORMAT_GROUPS, isExportFormat, MIN_PASSPHRASE, packageOptionsOf, pathForFormat, prefilledTerms, type PackageField, type PackageForm } from './export-options';
import { ReplaceFileCallout } from './ReplaceFileCallout';
import { attachExport, cancelExport, clearExport, detachExport, lastExportChoice, revealExport, startExport, useExportRun, type ExportRun } from './export-store';

const FORMAT_KEY = 'attune.exportFormat';

function rememberedFormat(): ExportFormat {
  try {
    const saved = localStorage.getItem(FORMAT_KEY);
    return isExportFormat(saved) ? saved : 'pdf';
  } catch {
    return 'pdf';
  }
}

interface ExportDialogProps {
  open: boolean;
  session: Session;
  onClose(): void;
}

export function ExportDialog({ open, session, onClose }: ExportDialogProps) {
  const close = () => {
    detachExport(session.id);
    onClose();
  };
  return (
    <Modal open={open} onClose={close} title={`Export “${session.title}”`} size="medium" testId="export-dialog">
      {open && <ExportBody session={session} onClose={close} />}
    </Modal>
  );
}

function ExportBody({ session, onClose }: { session: Session; onClose(): void }) {
  const run = useExportRun(session.id);
  useEffect(() => attachExport(session.id), [session.id]);
  if (run?.status === 'done') return <ExportDone run={run} session={session} onClose={onClose} />;
  if (run?.status === 'running') return <ExportProgress run={run} onClose={onClose} />;
  // While `export.start` is on its way the form stays (it may have to ask before replacing a file).
  return <ExportForm session={session} onClose={onClose} lastRun={run?.status === 'starting' ? null : run} />;
}

function ExportForm({ session, onClose, lastRun }: { session: Session; onClose(): void; lastRun: ExportRun | null }) {
  const info = useAppInfo();
  const native = info?.nativeDialogs === true;
  const ids = useId();
  const [last] = useState(() => lastRun ?? lastExportChoice(session.id));
  const [format, setFormat] = useState<ExportFormat>(last?.format ?? rememberedFormat);
  const [path, setPath] = useState(last?.path ?? '');
  const [suggested, setSuggested] = useState<{ path: string; exists: boolean } | null>(null);
  /** The user typed a path or chose one: a new format keeps its folder. */
  const chosenFolder = useRef(last !== null);
  const keepPath = useRef(last !== null);
  /** The native save dialog already asked before replacing the file. */
  const [nativeConfirmed, setNativeConfirmed] = useState(false);
  const [form, setForm] = useState<PackageForm>({ media: 'clips', preRoll: '5', postRoll: '5', terms: '', bleep: false, protect: true, passphrase: '', confirm: '' });
  const [termsTouched, setTermsTouched] = useState(false);
  const [error, setError] = useState<{ field: PackageField | 'path' | null; message: string } | null>(
    lastRun?.status === 'failed' ? { field: null, message: lastRun.error ?? 'The export failed.' } : null,
  );
  const [cancelledNote, setCancelledNote] = useState(lastRun?.status === 'cancelled');
  const [replace, setReplace] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // The suggested path for this format (and whether a file is there already).
  useEffect(() => {
    let live = true;
    api.invoke('export.suggestPath', { sessionId: session.id, format }).then(
      (answer) => {
        if (!live) return;
        setSuggested(answer);
        // Reopened where it was left: that path stays as it is until the format changes.
        if (keepPath.current) keepPath.current = false;
        else setPath((current) => (chosenFolder.current && current ? pathForFormat(current, answer.path) : answer.path));
        setNativeConfirmed(false);
      },
      (e: unknown) => live && setError({ field: 'path', message: errorMessage(e) }),
    );
    return () => {
      live = false;
    };
  }, [session.id, format]);

  // The client's name from the transcript's speaker names, to replace (only until the user edits the list).
  useEffect(() => {
    if (format !== 'package' || termsTouched) return;
    let live = true;
    api.invoke('transcript.get', { sessionId: session.id }).then(
      (t) => live && setForm((f) => (f.terms ? f : { ...f, terms: prefilledTerms(t.speakerNames) })),
      () => undefined, // no transcript: nothing to prefill
    );
    return () => {
      live = false;
    };
  }, [session.id, format, termsTouched]);

  const set = <K extends keyof PackageForm>(key: K, value: PackageForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    if (error?.field === key || (key === 'passphrase' && error?.field === 'confirm')) setError(null);
  };

  const fail = (field: PackageField | 'path' | null, message: string) => {
    setError({ field, message });
    // Each field's id is `${ids}-${field}`.
    if (field) document.getElementById(`${ids}-${field}`)?.focus();
  };

  const start = async (overwrite: boolean) => {
    setCancelledNote(false);
    setReplace(null);
    const outPath = path.trim();
    if (!outPath) return fail('path', 'Choose where to save the export.');
    let packageOptions = null;
    if (format === 'package') {
      const checked = packageOptionsOf(form);
      if (!checked.ok) return fail(checked.field, checked.message);
      packageOptions = checked.options;
    }
    setError(null);
    setBusy(true);
    const answer = await startExport({ sessionId: session.id, format, outPath, overwrite: overwrite || nativeConfirmed, packageOptions });
    setBusy(false);
    if (answer.kind === 'exists') setReplace(outPath);
    else if (answer.kind === 'refused') fail(null, answer.message);
    else {
      try {
        localStorage.setItem(FORMAT_KEY, format);
      } catch {
        // remembering is a nicety
      }
    }
  };

  const chooseNatively = async () => {
    try {
      const answer = await api.invoke('dialog.saveExport', { defaultPath: path || suggested?.path || session.title, format });
      if (answer.path) {
        setPath(answer.path);
        chosenFolder.current = true;
        setNativeConfirmed(true);
        if (error?.field === 'path') setError(null);
      }
    } catch (e) {
      fail('path', errorMessage(e));
    }
  };

  const errorFor = (field: PackageField | 'path') => (error?.field === field ? `${ids}-error` : undefined);
  const exists = suggested !== null && suggested.exists && path.trim() === suggested.path;
  const isPackage = format === 'package';

  return (
    <form
      className="export-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy) void start(false);
      }}
    >
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-format`}>
          What to export
        </label>
        <select id={`${ids}-format`} className="select" data-testid="export-format" value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
          {FORMAT_GROUPS.map((group) => (
            <optgroup key={group.label} label={group.label}>
              {group.formats.map((f) => (
                <option key={f} value={f}>
                  {EXPORT_FORMAT_LABELS[f]}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>

      <div className="field">
        <label className="field-label" htmlFor={`${ids}-path`}>
          Save as
        </label>
        <div className="export-path-row">
          <input
            id={`${ids}-path`}
            className="input export-path"
            data-testid="export-path"
            value={path}
            readOnly={native}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={error?.field === 'path' ? true : undefined}
            aria-describedby={[exists ? `${ids}-exists` : null, errorFor('path')].filter(Boolean).join(' ') || undefined}
            onChange={(e) => {
              setPath(e.target.value);
              chosenFolder.current = true;
              setNativeConfirmed(false);
              if (error?.field === 'path') setError(null);
            }}
          />
          {native && (
            <button type="button" className="btn btn-secondary" data-testid="export-choose" onClick={() => void chooseNatively()}>
              Choose…
            </button>
          )}
        </div>
        {exists && !nativeConfirmed && (
          <span id={`${ids}-exists`} className="field-hint export-exists">
            <InfoIcon size={13} /> “{baseName(path)}” already exists — Attune will ask before replacing it.
          </span>
        )}
        {!native && !exists && <span className="field-hint">A full path on this computer. The folder must exist, except Attune’s own export folder.</span>}
      </div>

      {isPackage && (
        <PackageOptionsFields
          ids={ids}
          form={form}
          set={set}
          setTerms={(terms) => {
            setTermsTouched(true);
            set('terms', terms);
          }}
          errorFor={errorFor}
          invalid={error?.field ?? null}
        />
      )}

      {cancelledNote && (
        <p className="field-hint" role="status">
          The export was cancelled; nothing was saved.
        </p>
      )}
      {error && (
        <p id={`${ids}-error`} className="inline-alert" role="alert" data-testid="export-error">
          <AlertIcon /> {error.message}
        </p>
      )}
      {replace ? (
        <ReplaceFileCallout ids={ids} file={replace} onReplace={() => void start(true)} onKeep={() => setReplace(null)} replaceTestId="export-replace" />
      ) : (
        <FormFooter onCancel={onClose} submit={busy ? 'Starting…' : 'Export'} submitDisabled={busy} submitTestId="export-start" />
      )}
    </form>
  );
}

interface PackageOptionsFieldsProps {
  ids: string;
  form: PackageForm;
  set<K extends keyof PackageForm>(key: K, value: PackageForm[K]): void;
  setTerms(terms: string): void;
  errorFor(field: PackageField): string | undefined;
  invalid: string | null;
}

const ROLLS: [key: 'preRoll' | 'postRoll', label: string][] = [
  ['preRoll', 'Seconds before'],
  ['postRoll', 'Seconds after'],
];

function PackageOptionsFields({ ids, form, set, setTerms, errorFor, invalid }: PackageOptionsFieldsProps) {
  const mediaChoices: [PackageForm['media'], string, string][] = [
    ['none', 'Text only', 'Transcript, annotations, scores and feedback; no sound.'],
    ['clips', 'Short clips around each annotation', 'Each moment with a little before and after.'],
    ['full', 'The whole recording', 'The largest file.'],
  ];
  const hasTerms = form.terms.trim() !== '';
  return (
    <div className="export-package">
      <fieldset className="export-fieldset" data-testid="export-media">
        <legend className="field-label">Recording in the package</legend>
        {mediaChoices.map(([value, label, hint]) => (
          <label key={value} className="export-choice">
            <input type="radio" name={`${ids}-media`} value={value} checked={form.media === value} onChange={() => set('media', value)} />
            <span>
              {label}
              <span className="export-choice-hint">{hint}</span>
            </span>
          </label>
        ))}
        {form.media === 'clips' && (
          <div className="export-rolls">
            {ROLLS.map(([key, label]) => (
              <label key={key}>
                {label}
                <input
                  id={`${ids}-${key}`}
                  className="input export-seconds"
                  type="number"
                  min={0}
                  max={60}
                  step={0.5}
                  inputMode="decimal"
                  data-testid={`export-${key.toLowerCase()}`}
                  aria-invalid={invalid === key ? true : undefined}
                  aria-describedby={errorFor(key)}
                  value={form[key]}
                  onChange={(e) => set(key, e.target.value)}
                />
              </label>
            ))}
          </div>
        )}
      </fieldset>

      <div className="field">
        <label className="field-label" htmlFor={`${ids}-terms`}>
          Names and places to replace
        </label>
        <textarea
          id={`${ids}-terms`}
          className="textarea export-terms"
          rows={3}
          data-testid="export-deidentify-terms"
          placeholder={'One per line, e.g.\nthe client’s name\ntheir town'}
          aria-describedby={[`${ids}-terms-hint`, errorFor('terms')].filter(Boolean).join(' ')}
          aria-invalid={invalid === 'terms' ? true : undefined}
          value={form.terms}
          onChange={(e) => setTerms(e.target.value)}
        />
        <span id={`${ids}-terms-hint`} className="field-hint">
          Each is replaced by a placeholder like [NAME 1] in the transcript and comments. Leave empty to keep the text as it is.
        </span>
        <label className="checkbox">
          <input type="checkbox" data-testid="export-bleep" checked={form.bleep && form.media !== 'none'} disabled={!hasTerms || form.media === 'none'} onChange={(e) => set('bleep', e.target.checked)} />
          <span>Also bleep them in the audio (uses the transcript’s timings)</span>
        </label>
      </div>

      <fieldset className="export-fieldset">
        <legend className="field-label">Passphrase</legend>
        <label className="checkbox">
          <input type="checkbox" data-testid="export-protect" checked={form.protect} onChange={(e) => set('protect', e.target.checked)} />
          <span>Protect the package with a passphrase (recommended)</span>
        </label>
        {form.protect && (
          <>
            <div className="field-pair">
              <div className="field">
                <label className="field-label" htmlFor={`${ids}-passphrase`}>
                  Passphrase
                </label>
                <input
                  id={`${ids}-passphrase`}
                  className="input"
                  type="password"
                  autoComplete="new-password"
                  minLength={MIN_PASSPHRASE}
                  data-testid="export-passphrase"
                  aria-invalid={invalid === 'passphrase' ? true : undefined}
                  aria-describedby={[`${ids}-passphrase-hint`, errorFor('passphrase')].filter(Boolean).join(' ')}
                  value={form.passphrase}
                  onChange={(e) => set('passphrase', e.target.value)}
                />
              </div>
              <div className="field">
                <label className="field-label" htmlFor={`${ids}-confirm`}>
                  The same again
                </label>
                <input
                  id={`${ids}-confirm`}
                  className="input"
                  type="password"
                  autoComplete="new-password"
                  data-testid="export-passphrase-confirm"
                  aria-invalid={invalid === 'confirm' ? true : undefined}
                  aria-describedby={errorFor('confirm')}
                  value={form.confirm}
                  onChange={(e) => set('confirm', e.target.value)}
                />
              </div>
            </div>
            <span id={`${ids}-passphrase-hint`} className="field-hint">
              At least {MIN_PASSPHRASE} characters. It cannot be recovered: without it nobody can open the package, and Attune does not keep it.
              Tell the trainee in person or by phone, not with the file.
            </span>
          </>
        )}
      </fieldset>
    </div>
  );
}

function ExportProgress({ run, onClose }: { run: ExportRun; onClose(): void }) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);
  return (
    <div className="export-running">
      <p className="export-running-name">
        {EXPORT_FORMAT_LABELS[run.format]} → “{baseName(run.path)}”
      </p>
      <div
        className="progress export-progress"
        role="progressbar"
        aria-label="Export progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={run.percent}
        aria-valuetext={`${run.percent}%: ${run.stage}`}
        data-testid="export-progress"
      >
        <div className="progress-fill" style={{ width: `${run.percent}%` }} />
      </div>
      <p className="export-stage" aria-live="polite">
        {run.stage}… <span className="num">{run.percent}%</span>
      </p>
      <footer className="modal-footer">
        <button type="button" className="btn btn-secondary" onClick={onClose}>
          Keep working
        </button>
        <button ref={cancelRef} type="button" className="btn btn-danger" data-testid="export-cancel" disabled={run.status !== 'running'} onClick={() => cancelExport(run.sessionId)}>
          Cancel export
        </button>
      </footer>
    </div>
  );
}

function ExportDone({ run, session, onClose }: { run: ExportRun; session: Session; onClose(): void }) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  const saved = run.savedPath ?? run.path;
  return (
    <div className="export-done" data-testid="export-done">
      <p className="export-done-line" role="status">
        <CheckIcon size={18} /> <span>Saved to</span>
      </p>
      <p className="export-done-path">
        <code>{saved}</code>
      </p>
      {run.format === 'package' && <p className="field-hint">Send this file to the trainee; they open it in Attune with File → Open feedback package.</p>}
      <footer className="modal-footer">
        <button type="button" className="btn btn-secondary" data-testid="export-reveal" onClick={() => void revealExport(saved)}>
          Show in folder
        </button>
        <button type="button" className="btn btn-secondary" onClick={() => clearExport(session.id)}>
          Export something else
        </button>
        <button ref={closeRef} type="button" className="btn btn-primary" onClick={onClose}>
          Done
        </button>
      </footer>
    </div>
  );
}
