/**
 * The Models screen: the Whisper models on this computer (default, delete), adding a ggml file from
 * disk, the standard catalogue with downloads, the voice-activity (VAD) model and the thread count.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { ModelCatalogueEntry, WhisperModelInfo } from '../../shared/domain/transcript';
import { formatBytes } from '../../shared/util/format';
import { api, errorMessage } from '../api/client';
import { usePublishViewTitle } from '../app/view-title';
import { HiddenFileInput } from '../ui/HiddenFileInput';
import { AlertIcon, CheckIcon, ImportIcon, SpinnerIcon, TrashIcon } from '../ui/icons';
import { Modal } from '../ui/Modal';
import { showError, showNotice } from '../ui/toasts';
import { addModelFile } from './model-upload';
import { reloadModels, setDownload, useDownloads, useModels, type DownloadState } from './models-store';

const isVadName = (name: string) => /silero|vad/i.test(name);

export function ModelsView() {
  const models = useModels();
  const headingRef = useRef<HTMLHeadingElement>(null);
  usePublishViewTitle('Models');
  useEffect(() => {
    if (document.activeElement === document.body) headingRef.current?.focus({ preventScroll: true });
  }, []);

  const list = models.list;
  const whisper = list?.models.filter((m) => m.kind === 'whisper') ?? [];
  const vad = list?.models.filter((m) => m.kind === 'vad') ?? [];
  const catalogue = list?.catalogue ?? [];

  return (
    <div className="models-view">
      <div className="page-header">
        <h1 ref={headingRef} tabIndex={-1}>
          Models
        </h1>
        <p className="page-lede">
          Attune transcribes on this computer with whisper.cpp model files (<code>ggml-*.bin</code>). Nothing is sent anywhere; a
          download is the only time Attune goes online, and only when you ask.
        </p>
      </div>

      {models.status === 'loading' && (
        <div className="models-loading" aria-busy="true">
          <span className="skeleton skeleton-row" />
          <span className="skeleton skeleton-row" />
          <span className="visually-hidden" role="status">
            Loading the models…
          </span>
        </div>
      )}
      {models.status === 'error' && (
        <p className="inline-alert" role="alert">
          <AlertIcon /> {models.unavailable ? 'Models are not available in this version of Attune yet.' : models.error}
          {!models.unavailable && (
            <button type="button" className="btn btn-small btn-secondary" onClick={() => void reloadModels()}>
              Try again
            </button>
          )}
        </p>
      )}

      {list && (
        <div className="models-grid">
          <section className="panel models-section" aria-labelledby="installed-heading">
            <header className="panel-header">
              <h2 id="installed-heading">Transcription models</h2>
              <AddModelButton label="Add model file…" />
            </header>
            {whisper.length === 0 ? (
              <div className="models-empty">
                <strong>No transcription model is installed.</strong>
                <p>Add a ggml model file you already have (e.g. <code>ggml-base.en.bin</code>), or download a standard one below.</p>
              </div>
            ) : (
              <InstalledTable models={whisper} radioName="default-model" />
            )}
            <p className="models-folder">
              Stored in <code title={list.modelsDir}>{list.modelsDir}</code>
            </p>
          </section>

          <section className="panel models-section" aria-labelledby="catalogue-heading">
            <header className="panel-header">
              <h2 id="catalogue-heading">Standard models</h2>
              <span className="panel-header-note">Downloaded once, checksum-verified</span>
            </header>
            <Catalogue entries={catalogue.filter((c) => !isVadName(c.name))} />
            <p className="models-note">
              English-only models (<em>.en</em>) are more accurate for English; multilingual models handle other languages. Larger models are
              slower and more accurate: <em>base</em> is a good start on a laptop.
            </p>
          </section>

          <section className="panel models-section" aria-labelledby="vad-heading">
            <header className="panel-header">
              <h2 id="vad-heading">Voice-activity detection</h2>
              <AddModelButton label="Add VAD model file…" quiet />
            </header>
            <p className="models-note">
              With a Silero VAD model (<code>ggml-silero-*.bin</code>), Whisper skips long silences: faster, and fewer invented words in
              pauses.
            </p>
            {vad.length === 0 ? (
              <p className="models-empty-line muted">No VAD model installed.</p>
            ) : (
              <InstalledTable models={vad} radioName="default-vad" />
            )}
            <Catalogue entries={catalogue.filter((c) => isVadName(c.name))} />
          </section>

          <section className="panel models-section" aria-labelledby="threads-heading">
            <header className="panel-header">
              <h2 id="threads-heading">Performance</h2>
            </header>
            <ThreadsSetting threads={list.threads} />
          </section>
        </div>
      )}
    </div>
  );
}

function InstalledTable({ models, radioName }: { models: WhisperModelInfo[]; radioName: string }) {
  const [deleting, setDeleting] = useState<WhisperModelInfo | null>(null);
  const setDefault = (m: WhisperModelInfo) =>
    api.invoke('models.setDefault', { modelId: m.id }).then(
      () => reloadModels(),
      (e: unknown) => showError(errorMessage(e), 'The default model was not changed'),
    );
  return (
    <>
      <table className="models-table" data-testid={`${radioName}-table`}>
        <thead>
          <tr>
            <th scope="col">Default</th>
            <th scope="col">Name</th>
            <th scope="col">Languages</th>
            <th scope="col" className="align-end">
              Size
            </th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {models.map((m) => (
            <tr key={m.id} data-testid="model-row">
              <td>
                <input
                  type="radio"
                  name={radioName}
                  checked={m.isDefault}
                  onChange={() => void setDefault(m)}
                  aria-label={`Use ${m.name} by default`}
                />
              </td>
              <th scope="row" className="model-name">
                <span>{m.name}</span>
                <span className="model-file" title={m.path}>
                  {m.id}
                </span>
              </th>
              <td>{m.kind === 'vad' ? 'Speech detection' : m.multilingual ? 'Multilingual' : 'English only'}</td>
              <td className="align-end num">{formatBytes(m.sizeBytes)}</td>
              <td className="align-end">
                <button type="button" className="btn btn-small btn-quiet btn-danger-quiet" onClick={() => setDeleting(m)} aria-label={`Delete ${m.name}`}>
                  <TrashIcon size={14} /> Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Modal
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        role="alertdialog"
        title="Delete this model?"
        description={
          deleting && (
            <>
              <strong>{deleting.name}</strong> ({formatBytes(deleting.sizeBytes)}) will be removed from this computer. Transcripts made with it
              stay. You can add or download it again later.
            </>
          )
        }
        footer={
          <>
            <button type="button" className="btn btn-secondary" onClick={() => setDeleting(null)}>
              Keep model
            </button>
            <button
              type="button"
              className="btn btn-danger"
              onClick={() => {
                const m = deleting;
                setDeleting(null);
                if (m)
                  api.invoke('models.delete', { modelId: m.id }).then(
                    () => {
                      showNotice(`${m.name} was deleted.`);
                      void reloadModels();
                    },
                    (e: unknown) => showError(errorMessage(e), `${m.name} was not deleted`),
                  );
              }}
            >
              Delete model
            </button>
          </>
        }
      />
    </>
  );
}

function AddModelButton({ label, quiet = false }: { label: string; quiet?: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const onFile = async (file: File) => {
    setProgress(0);
    try {
      const model = await addModelFile(file, setProgress);
      showNotice(`Added ${model.name ?? file.name}.`);
      void reloadModels();
    } catch (e) {
      showError(errorMessage(e), `“${file.name}” was not added`);
    } finally {
      setProgress(null);
    }
  };
  return (
    <>
      <button type="button" className={`btn btn-small ${quiet ? 'btn-quiet' : 'btn-secondary'}`} onClick={() => input.current?.click()} disabled={progress !== null}>
        {progress !== null ? <SpinnerIcon size={14} className="spin" /> : <ImportIcon size={14} />}
        {progress !== null ? `Adding… ${Math.round(progress * 100)}%` : label}
      </button>
      <HiddenFileInput ref={input} accept=".bin" label={label.replace('…', '')} onChoose={([file]) => file && void onFile(file)} />
    </>
  );
}

function Catalogue({ entries }: { entries: ModelCatalogueEntry[] }) {
  const downloads = useDownloads();
  if (entries.length === 0) return null;
  return (
    <ul className="catalogue" aria-label="Standard models">
      {entries.map((c) => (
        <CatalogueRow key={c.name} entry={c} download={downloads.get(c.name)} />
      ))}
    </ul>
  );
}

function CatalogueRow({ entry, download }: { entry: ModelCatalogueEntry; download: DownloadState | undefined }) {
  const active = download && !download.done && !download.error;
  const start = () => {
    setDownload(entry.name, { receivedBytes: 0, totalBytes: entry.sizeBytes, done: false, error: null });
    api.invoke('models.download', { name: entry.name }).catch((e: unknown) =>
      setDownload(entry.name, { receivedBytes: 0, totalBytes: entry.sizeBytes, done: true, error: errorMessage(e) }),
    );
  };
  const fraction = download && download.totalBytes > 0 ? download.receivedBytes / download.totalBytes : 0;
  return (
    <li className="catalogue-row" data-testid="catalogue-row">
      <div className="catalogue-name">
        <strong>{entry.name}</strong>
        <span className="muted">
          {isVadName(entry.name) ? 'Speech detection' : entry.multilingual ? 'Multilingual' : 'English only'} · {formatBytes(entry.sizeBytes)}
        </span>
      </div>
      <div className="catalogue-action">
        {entry.installed ? (
          <span className="installed-mark">
            <CheckIcon size={14} /> Installed
          </span>
        ) : active ? (
          <div className="download-progress">
            <div className="progress" role="progressbar" aria-label={`Downloading ${entry.name}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(fraction * 100)}>
              <div className="progress-fill" style={{ width: `${fraction * 100}%` }} />
            </div>
            <span className="num muted">
              {formatBytes(download.receivedBytes)} of {formatBytes(download.totalBytes || entry.sizeBytes)}
            </span>
          </div>
        ) : (
          <button type="button" className="btn btn-small btn-secondary" onClick={start} aria-label={`Download ${entry.name}`}>
            {download?.error ? 'Try again' : 'Download'}
          </button>
        )}
      </div>
      {download?.error && (
        <p className="catalogue-error" role="alert">
          <AlertIcon size={14} /> {download.error}
        </p>
      )}
    </li>
  );
}

function ThreadsSetting({ threads }: { threads: number }) {
  const id = useId();
  const [value, setValue] = useState(String(threads));
  const [saved, setSaved] = useState(false);
  const cores = navigator.hardwareConcurrency || 4;
  const save = () => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > 64) {
      setValue(String(threads));
      return;
    }
    if (n === threads) return;
    api.invoke('models.setThreads', { threads: n }).then(
      () => {
        setSaved(true);
        void reloadModels();
      },
      (e: unknown) => showError(errorMessage(e), 'The thread count was not saved'),
    );
  };
  return (
    <div className="threads">
      <div className="field threads-field">
        <div className="field-head">
          <label className="field-label" htmlFor={id}>
            CPU threads for transcription
          </label>
          {saved && (
            <span className="save-state save-saved">
              <CheckIcon size={12} /> Saved
            </span>
          )}
        </div>
        <input
          id={id}
          className="input threads-input num"
          type="number"
          min={1}
          max={64}
          step={1}
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            setSaved(false);
          }}
          onBlur={save}
          onKeyDown={(e) => {
            if (e.key === 'Enter') save();
          }}
          aria-describedby={`${id}-hint`}
        />
        <span id={`${id}-hint`} className="field-hint">
          This computer has {cores} logical cores. More threads transcribe faster but leave less for playback; {Math.max(1, Math.min(8, cores - 1))} is a
          good choice here. Applies to the next job.
        </span>
      </div>
    </div>
  );
}
