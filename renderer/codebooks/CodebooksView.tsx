/**
 * The Codebooks screen: every codebook (the built-in one marked), and for the chosen one its name and
 * its codes, all editable in place and saved at once; new, copy, import, export and delete.
 */
import { downloadText } from '../lib/download';
import { useEffect, useId, useRef, useState } from 'react';
import type { Codebook } from '../../shared/domain/annotation';
import { api } from '../api/client';
import { codebooksHref, navigate } from '../app/router';
import { usePublishViewTitle } from '../app/view-title';
import { plainMessage } from '../scoring/useReview';
import { HiddenFileInput } from '../ui/HiddenFileInput';
import { AlertIcon, CheckIcon, ImportIcon, SpinnerIcon, TrashIcon } from '../ui/icons';
import { Modal } from '../ui/Modal';
import { showError, showNotice } from '../ui/toasts';
import { applyCodebook, forgetCodebook, reloadCodebooks, useCodebooksState } from './codebooks-store';
import { CodeTable, type Track } from './CodeTable';
import { CommitInput } from './CommitInput';

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error' };

/** Counts the requests under way, so the header can say "Saving…" or "Saved" for the whole screen. */
function useSaveTracker(): [SaveState, Track] {
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const [tracker] = useState(() => {
    let running = 0;
    let failed = false;
    const track: Track = (work) => {
      if (running++ === 0) failed = false;
      setState({ kind: 'saving' });
      const settle = (ok: boolean) => {
        if (!ok) failed = true;
        if (--running === 0) setState({ kind: failed ? 'error' : 'saved' });
      };
      work.then(
        () => settle(true),
        () => settle(false),
      );
      return work;
    };
    return track;
  });
  return [state, tracker];
}

export function CodebooksView({ selectedId }: { selectedId: string | null }) {
  const { status, list, error } = useCodebooksState();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [saveState, track] = useSaveTracker();
  const [creating, setCreating] = useState(false);
  usePublishViewTitle('Codebooks');
  useEffect(() => {
    if (document.activeElement === document.body) headingRef.current?.focus({ preventScroll: true });
  }, []);

  const chosen = list ? (selectedId === null ? (list.find((c) => c.builtIn) ?? list[0] ?? null) : (list.find((c) => c.id === selectedId) ?? null)) : null;

  return (
    <div className="codebooks-view">
      <div className="page-header codebooks-header">
        <h1 ref={headingRef} tabIndex={-1}>
          Codebooks
        </h1>
        <p className="page-lede">
          The codes you mark moments with. Each session is coded with one codebook; a code that maps to a MITI behaviour counts toward the
          summary scores. Every change saves at once.
        </p>
      </div>

      {status === 'loading' && (
        <div className="codebooks-loading" aria-busy="true">
          <span className="skeleton skeleton-row" />
          <span className="skeleton skeleton-row" />
          <span className="visually-hidden" role="status">
            Loading the codebooks…
          </span>
        </div>
      )}
      {status === 'error' && (
        <p className="inline-alert codebooks-error" role="alert">
          <AlertIcon /> {error}
          <button type="button" className="btn btn-small btn-secondary" onClick={() => void reloadCodebooks()}>
            Try again
          </button>
        </p>
      )}

      {list && (
        <div className="codebooks-layout">
          <CodebookList list={list} chosenId={chosen?.id ?? null} onNew={() => setCreating(true)} track={track} />
          {chosen ? (
            <CodebookEditor key={chosen.id} codebook={chosen} saveState={saveState} track={track} canDelete={list.length > 1} />
          ) : (
            <section className="panel codebook-editor codebook-missing" aria-live="polite">
              <p>
                <strong>This codebook is not here any more.</strong> It may have been deleted in another window. Choose one from the list.
              </p>
            </section>
          )}
        </div>
      )}
      <NewCodebookDialog open={creating} current={chosen} onClose={() => setCreating(false)} track={track} />
    </div>
  );
}

function CodebookList({ list, chosenId, onNew, track }: { list: Codebook[]; chosenId: string | null; onNew(): void; track: Track }) {
  const fileRef = useRef<HTMLInputElement>(null);
  const [importProblem, setImportProblem] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const onFile = async (file: File) => {
    setImporting(true);
    setImportProblem(null);
    try {
      const content = await file.text();
      const codebook = await track(api.invoke('codebooks.import', { fileName: file.name, content }));
      applyCodebook(codebook);
      navigate(codebooksHref(codebook.id));
      showNotice(`Imported “${codebook.name}” with ${codebook.codes.length} code${codebook.codes.length === 1 ? '' : 's'}.`);
    } catch (error) {
      setImportProblem(`“${file.name}” was not imported. ${plainMessage(error)}`);
    } finally {
      setImporting(false);
    }
  };
  return (
    <nav className="panel codebook-list" aria-labelledby="codebook-list-heading">
      <header className="panel-header">
        <h2 id="codebook-list-heading">Codebooks</h2>
        <span className="panel-header-note num">{list.length}</span>
      </header>
      <ul>
        {list.map((c) => (
          <li key={c.id}>
            <a className={`codebook-link ${c.id === chosenId ? 'is-current' : ''}`} href={codebooksHref(c.id)} aria-current={c.id === chosenId ? 'page' : undefined} data-testid="codebook-link">
              <span className="codebook-link-name">{c.name}</span>
              <span className="codebook-link-meta">
                {c.builtIn && <span className="tag">Built-in</span>}
                <span className="num">{c.codes.length} codes</span>
              </span>
            </a>
          </li>
        ))}
      </ul>
      <div className="codebook-list-actions">
        <button type="button" className="btn btn-small btn-secondary" onClick={onNew}>
          New codebook…
        </button>
        <button type="button" className="btn btn-small btn-quiet" onClick={() => fileRef.current?.click()} disabled={importing}>
          {importing ? <SpinnerIcon size={14} /> : <ImportIcon size={14} />} Import…
        </button>
        <HiddenFileInput
          ref={fileRef}
          accept=".json,application/json"
          label="Import a codebook file"
          testId="codebook-import-input"
          onChoose={([file]) => file && void onFile(file)}
        />
      </div>
      {importProblem && (
        <div className="inline-alert codebook-import-problem" role="alert" data-testid="codebook-import-problem">
          <AlertIcon />
          <span>{importProblem}</span>
          <button type="button" className="btn btn-small btn-quiet" onClick={() => setImportProblem(null)} aria-label="Dismiss">
            OK
          </button>
        </div>
      )}
    </nav>
  );
}

function SaveIndicator({ state }: { state: SaveState }) {
  return (
    <span className={`save-state save-${state.kind}`} aria-live="polite" data-testid="codebook-save-state">
      {state.kind === 'saving' && (
        <>
          <SpinnerIcon size={12} /> Saving…
        </>
      )}
      {state.kind === 'saved' && (
        <>
          <CheckIcon size={12} /> All changes saved
        </>
      )}
      {state.kind === 'error' && (
        <>
          <AlertIcon size={12} /> A change was not saved (see below)
        </>
      )}
    </span>
  );
}

function CodebookEditor({ codebook, saveState, track, canDelete }: { codebook: Codebook; saveState: SaveState; track: Track; canDelete: boolean }) {
  const nameId = useId();
  const [renameProblem, setRenameProblem] = useState<string | null>(null);
  const [pendingName, setPendingName] = useState<string | null>(null);
  const [deleteOpen, setDeleteOpen] = useState(false);
  const [deleteProblem, setDeleteProblem] = useState<string | null>(null);

  const rename = (name: string) => {
    setPendingName(name);
    track(api.invoke('codebooks.rename', { codebookId: codebook.id, name })).then(
      (saved) => {
        applyCodebook(saved);
        setPendingName(null);
        setRenameProblem(null);
      },
      (error: unknown) => {
        setPendingName(null);
        setRenameProblem(plainMessage(error));
      },
    );
  };

  const exportIt = () =>
    api.invoke('codebooks.export', { codebookId: codebook.id }).then(
      ({ fileName, content }) => downloadText(fileName, content, 'application/json'),
      (error: unknown) => showError(plainMessage(error), 'The codebook was not exported'),
    );

  const deleteIt = () =>
    track(api.invoke('codebooks.delete', { codebookId: codebook.id })).then(
      () => {
        setDeleteOpen(false);
        forgetCodebook(codebook.id);
        navigate(codebooksHref());
        showNotice(`The codebook “${codebook.name}” was deleted.`);
      },
      (error: unknown) => setDeleteProblem(plainMessage(error)),
    );

  return (
    <section className="panel codebook-editor" aria-labelledby={nameId} data-testid="codebook-editor">
      <header className="codebook-editor-head">
        <div className="codebook-title">
          <label id={nameId} htmlFor={`${nameId}-input`} className="visually-hidden">
            Codebook name
          </label>
          <CommitInput
            id={`${nameId}-input`}
            className="input codebook-name-input"
            value={pendingName ?? codebook.name}
            onCommit={rename}
            maxLength={120}
            autoComplete="off"
            aria-invalid={renameProblem ? true : undefined}
            aria-describedby={renameProblem ? `${nameId}-problem` : undefined}
            data-testid="codebook-name"
          />
          {codebook.builtIn && (
            <span className="tag" title="Seeded with Attune; you can edit it, but not delete it">
              Built-in
            </span>
          )}
          <SaveIndicator state={saveState} />
        </div>
        <div className="codebook-actions">
          <button type="button" className="btn btn-small btn-secondary" onClick={() => void exportIt()} data-testid="codebook-export">
            Export…
          </button>
          <button
            type="button"
            className="btn btn-small btn-quiet btn-danger-quiet"
            onClick={() => {
              setDeleteProblem(null);
              setDeleteOpen(true);
            }}
            disabled={codebook.builtIn || !canDelete}
            title={codebook.builtIn ? 'The built-in codebook cannot be deleted' : undefined}
          >
            <TrashIcon size={14} /> Delete…
          </button>
        </div>
      </header>
      {renameProblem && (
        <p id={`${nameId}-problem`} className="field-error codebook-rename-problem" role="alert">
          <AlertIcon size={13} /> {renameProblem}
        </p>
      )}
      <div className="code-table-wrap">
        <CodeTable codebook={codebook} track={track} />
      </div>
      <Modal
        open={deleteOpen}
        onClose={() => setDeleteOpen(false)}
        role="alertdialog"
        title="Delete this codebook?"
        description={
          <>
            <strong>{codebook.name}</strong> and its {codebook.codes.length} codes will be removed. A codebook that sessions are coded with cannot be
            deleted. Export it first if you may want it again.
          </>
        }
        footer={
          <>
            <button type="button" className="btn btn-secondary" onClick={() => setDeleteOpen(false)}>
              {deleteProblem ? 'Close' : 'Keep codebook'}
            </button>
            {!deleteProblem && (
              <button type="button" className="btn btn-danger" onClick={() => void deleteIt()}>
                Delete codebook
              </button>
            )}
          </>
        }
      >
        {deleteProblem && (
          <p className="inline-alert" role="alert">
            <AlertIcon /> {deleteProblem}
          </p>
        )}
      </Modal>
    </section>
  );
}

function NewCodebookDialog({ open, current, onClose, track }: { open: boolean; current: Codebook | null; onClose(): void; track: Track }) {
  const id = useId();
  const [name, setName] = useState('');
  const [copy, setCopy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => {
    setName('');
    setCopy(false);
    setProblem(null);
    onClose();
  };
  const create = () => {
    setBusy(true);
    track(api.invoke('codebooks.create', { name, ...(copy && current ? { copyFrom: current.id } : {}) })).then(
      (codebook) => {
        setBusy(false);
        applyCodebook(codebook);
        close();
        navigate(codebooksHref(codebook.id));
      },
      (error: unknown) => {
        setBusy(false);
        setProblem(plainMessage(error));
      },
    );
  };
  return (
    <Modal
      open={open}
      onClose={close}
      title="New codebook"
      testId="new-codebook-dialog"
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={close}>
            Cancel
          </button>
          <button type="submit" form={`${id}-form`} className="btn btn-primary" disabled={busy}>
            Create codebook
          </button>
        </>
      }
    >
      <form
        id={`${id}-form`}
        className="new-codebook-form"
        onSubmit={(e) => {
          e.preventDefault();
          create();
        }}
      >
        <div className="field">
          <label className="field-label" htmlFor={`${id}-name`}>
            Name
          </label>
          <input
            id={`${id}-name`}
            className="input"
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setProblem(null);
            }}
            maxLength={120}
            autoComplete="off"
            autoFocus
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${id}-problem` : undefined}
            placeholder="e.g. Motivational interviewing, module 2"
          />
          {problem && (
            <p id={`${id}-problem`} className="field-error" role="alert">
              <AlertIcon size={13} /> {problem}
            </p>
          )}
        </div>
        <fieldset className="choice-column">
          <legend className="field-label">Start from</legend>
          <label className="choice">
            <input type="radio" name={`${id}-start`} checked={!copy} onChange={() => setCopy(false)} /> An empty codebook
          </label>
          {current && (
            <label className="choice">
              <input type="radio" name={`${id}-start`} checked={copy} onChange={() => setCopy(true)} /> A copy of “{current.name}” ({current.codes.length} codes)
            </label>
          )}
        </fieldset>
      </form>
    </Modal>
  );
}
