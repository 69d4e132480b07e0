/**
 * The codes of one codebook, grouped by kind, in a dense table where every cell saves itself: colour,
 * name, definition, kind, hotkey, MITI behaviour, missed opportunity, enabled, order. New codes start
 * as a draft row whose id follows the name until it is first saved.
 */
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import {
  CODE_KINDS,
  CODE_KIND_LABELS,
  MITI_BEHAVIOURS,
  MITI_BEHAVIOUR_LABELS,
  type Code,
  type Codebook,
  type CodeKind,
  type MitiBehaviour,
} from '../../shared/domain/annotation';
import { kebabCase } from '../../shared/codebook/codebook-file';
import { api } from '../api/client';
import { plainMessage } from '../scoring/useReview';
import { AlertIcon, ChevronDownIcon, ChevronUpIcon, CloseIcon, TrashIcon } from '../ui/icons';
import { Modal } from '../ui/Modal';
import { showNotice } from '../ui/toasts';
import { applyCodebook } from './codebooks-store';
import { CodeSaver, type CodeField, type CodeSaverReport } from './code-saver';
import { CommitInput } from './CommitInput';

export type Track = <T>(work: Promise<T>) => Promise<T>;

const KIND_GROUP_LABELS: Record<CodeKind, string> = {
  strength: 'Strengths',
  growth: 'Growth areas',
  client: 'Client language',
  neutral: 'Neutral',
};

export const DEFAULT_KIND_COLORS: Record<CodeKind, string> = {
  strength: '#15803d',
  growth: '#c2410c',
  client: '#7c3aed',
  neutral: '#475569',
};

const COLUMNS = 10;

interface Draft {
  key: number;
  kind: CodeKind;
  name: string;
  id: string;
  /** The id was typed by hand, so it no longer follows the name. */
  idEdited: boolean;
  color: string;
  problem: string | null;
  saving: boolean;
}

let nextDraftKey = 1;

/** Focus a control once it is on the page (after a reorder or a new code is stored): the first selector that finds an enabled one. */
function focusSoon(...selectors: string[]): void {
  requestAnimationFrame(() => {
    for (const selector of selectors) {
      const el = document.querySelector<HTMLElement>(`${selector}:not(:disabled)`);
      if (el) {
        el.focus();
        return;
      }
    }
  });
}

export function CodeTable({ codebook, track }: { codebook: Codebook; track: Track }) {
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [deleting, setDeleting] = useState<Code | null>(null);
  const [rowProblems, setRowProblems] = useState<ReadonlyMap<string, string>>(new Map());

  const setRowProblem = (codeId: string, message: string | null) =>
    setRowProblems((m) => {
      const next = new Map(m);
      if (message) next.set(codeId, message);
      else next.delete(codeId);
      return next;
    });

  const addDraft = (kind: CodeKind) => {
    const key = nextDraftKey++;
    setDrafts((d) => [...d, { key, kind, name: '', id: '', idEdited: false, color: DEFAULT_KIND_COLORS[kind], problem: null, saving: false }]);
    focusSoon(`[data-draft-name="${key}"]`);
  };
  const patchDraft = (key: number, patch: Partial<Draft>) => setDrafts((d) => d.map((x) => (x.key === key ? { ...x, ...patch } : x)));
  const dropDraft = (key: number) => setDrafts((d) => d.filter((x) => x.key !== key));

  const createDraft = (draft: Draft) => {
    if (draft.saving) return;
    if (draft.name.trim() === '') {
      patchDraft(draft.key, { problem: 'Give the code a name to add it.' });
      return;
    }
    const code: Code = {
      id: draft.id,
      name: draft.name.trim(),
      definition: '',
      kind: draft.kind,
      color: draft.color,
      hotkey: null,
      miti: null,
      missedOpportunity: false,
      enabled: true,
    };
    if (codebook.codes.some((c) => c.id === code.id)) {
      patchDraft(draft.key, { problem: `This codebook already has a code with the id “${code.id}”. Change the id or the name.` });
      return;
    }
    patchDraft(draft.key, { saving: true, problem: null });
    track(api.invoke('codebooks.saveCode', { codebookId: codebook.id, code })).then(
      (saved) => {
        applyCodebook(saved);
        dropDraft(draft.key);
        focusSoon(`[data-code-definition="${CSS.escape(code.id)}"]`);
      },
      (error: unknown) => patchDraft(draft.key, { saving: false, problem: plainMessage(error) }),
    );
  };

  const move = (code: Code, direction: -1 | 1) => {
    const ids = codebook.codes.map((c) => c.id);
    const index = ids.indexOf(code.id);
    // Moves within its kind: swaps with the nearest code of the same kind in that direction.
    let other = index + direction;
    while (other >= 0 && other < ids.length && codebook.codes[other]?.kind !== code.kind) other += direction;
    if (other < 0 || other >= ids.length) return;
    [ids[index], ids[other]] = [ids[other]!, ids[index]!];
    track(api.invoke('codebooks.reorder', { codebookId: codebook.id, codeIds: ids })).then(
      (saved) => {
        applyCodebook(saved);
        setRowProblem(code.id, null);
        const id = CSS.escape(code.id);
        focusSoon(`[data-move="${id}:${direction === -1 ? 'up' : 'down'}"]`, `[data-move="${id}:${direction === -1 ? 'down' : 'up'}"]`);
      },
      (error: unknown) => setRowProblem(code.id, plainMessage(error)),
    );
  };

  const confirmDelete = () => {
    const code = deleting;
    setDeleting(null);
    if (!code) return;
    track(api.invoke('codebooks.deleteCode', { codebookId: codebook.id, codeId: code.id })).then(
      (saved) => {
        applyCodebook(saved);
        showNotice(`The code “${code.name}” was deleted.`);
      },
      (error: unknown) => setRowProblem(code.id, plainMessage(error)),
    );
  };

  return (
    <>
      <table className="code-table" data-testid="code-table">
        <colgroup>
          <col className="col-color" />
          <col className="col-name" />
          <col className="col-definition" />
          <col className="col-kind" />
          <col className="col-key" />
          <col className="col-miti" />
          <col className="col-flag" />
          <col className="col-flag" />
          <col className="col-actions" />
          <col className="col-delete" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Colour</span>
            </th>
            <th scope="col">Name</th>
            <th scope="col">Definition</th>
            <th scope="col">Kind</th>
            <th scope="col" title="One key (a letter or 1–9) that drops this code while reviewing">
              Key
            </th>
            <th scope="col">Counts as (MITI)</th>
            <th scope="col" title="Missed opportunity: the annotation also holds what could have been said">
              Missed
            </th>
            <th scope="col" title="Disabled codes stay on existing annotations but are not offered for new ones">
              On
            </th>
            <th scope="col">
              <span className="visually-hidden">Order</span>
            </th>
            <th scope="col">
              <span className="visually-hidden">Delete</span>
            </th>
          </tr>
        </thead>
        {CODE_KINDS.map((kind) => {
          const codes = codebook.codes.filter((c) => c.kind === kind);
          const kindDrafts = drafts.filter((d) => d.kind === kind);
          const groupId = `kind-${kind}`;
          return (
            <tbody key={kind} className="code-group" aria-labelledby={groupId} data-testid={`code-group-${kind}`}>
              <tr className="code-group-row">
                <th colSpan={COLUMNS} scope="colgroup">
                  <div className="code-group-head">
                    <span id={groupId} className="code-group-title">
                      {KIND_GROUP_LABELS[kind]}
                    </span>
                    <span className="muted num">{codes.length === 1 ? '1 code' : `${codes.length} codes`}</span>
                    <button type="button" className="btn btn-small btn-quiet" onClick={() => addDraft(kind)} aria-label={`Add a code to ${KIND_GROUP_LABELS[kind]}`}>
                      + Add code
                    </button>
                  </div>
                </th>
              </tr>
              {codes.length === 0 && kindDrafts.length === 0 && (
                <tr className="code-empty-row">
                  <td colSpan={COLUMNS} className="muted">
                    No {KIND_GROUP_LABELS[kind].toLowerCase()} codes.
                  </td>
                </tr>
              )}
              {codes.map((code, i) => (
                <CodeRow
                  key={code.id}
                  codebookId={codebook.id}
                  code={code}
                  first={i === 0}
                  last={i === codes.length - 1}
                  track={track}
                  rowProblem={rowProblems.get(code.id) ?? null}
                  clearRowProblem={() => setRowProblem(code.id, null)}
                  onMove={(d) => move(code, d)}
                  onDelete={() => setDeleting(code)}
                />
              ))}
              {kindDrafts.map((draft) => (
                <DraftRow
                  key={draft.key}
                  draft={draft}
                  onChange={(patch) => patchDraft(draft.key, patch)}
                  onCreate={() => createDraft(draft)}
                  onDiscard={() => dropDraft(draft.key)}
                />
              ))}
            </tbody>
          );
        })}
      </table>
      <Modal
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        role="alertdialog"
        title="Delete this code?"
        description={
          deleting && (
            <>
              <strong>{deleting.name}</strong> will be removed from this codebook. A code that annotations use cannot be deleted; disable it instead
              (switch it off), and it stays on those annotations.
            </>
          )
        }
        footer={
          <>
            <button type="button" className="btn btn-secondary" onClick={() => setDeleting(null)}>
              Keep code
            </button>
            <button type="button" className="btn btn-danger" onClick={confirmDelete}>
              Delete code
            </button>
          </>
        }
      />
    </>
  );
}

interface CodeRowProps {
  codebookId: string;
  code: Code;
  first: boolean;
  last: boolean;
  track: Track;
  rowProblem: string | null;
  clearRowProblem(): void;
  onMove(direction: -1 | 1): void;
  onDelete(): void;
}

function CodeRow({ codebookId, code, first, last, track, rowProblem, clearRowProblem, onMove, onDelete }: CodeRowProps) {
  const [state, setState] = useState<CodeSaverReport>({ shown: code, saving: false, problem: null });
  const [saver] = useState(() => new CodeSaver(codebookId, code, setState, track));
  const [lastCode, setLastCode] = useState(code);
  if (code !== lastCode) {
    setLastCode(code);
    saver.adopt(code);
    if (!state.saving) setState((s) => ({ ...s, shown: code }));
  }
  const problemId = useId();
  const shown = state.shown;
  const edit = (patch: Partial<Code>) => {
    clearRowProblem();
    saver.edit(patch);
  };
  const failed = (field: CodeField) => state.problem?.fields.includes(field) ?? false;
  const describe = (field: CodeField) => (failed(field) ? problemId : undefined);
  const message = state.problem?.message ?? rowProblem;
  const n = shown.name;

  return (
    <>
      <tr className={`code-row ${shown.enabled ? '' : 'is-disabled'} ${message ? 'has-problem' : ''}`} data-testid="code-row" data-code-id={code.id}>
        <td>
          <input
            type="color"
            className="color-input"
            value={shown.color}
            onChange={(e) => edit({ color: e.target.value })}
            aria-label={`Colour of ${n}`}
            aria-describedby={describe('color')}
          />
        </td>
        <td>
          <CommitInput
            className="input input-cell code-name"
            value={shown.name}
            onCommit={(name) => edit({ name })}
            aria-label={`Name of ${n}`}
            aria-invalid={failed('name') || undefined}
            aria-describedby={describe('name')}
            maxLength={80}
            autoComplete="off"
          />
          <span className="code-id" title="The code's id: annotations refer to it, so it never changes">
            {code.id}
          </span>
        </td>
        <td>
          <CommitInput
            multiline
            className="input input-cell definition-input"
            value={shown.definition}
            onCommit={(definition) => edit({ definition })}
            aria-label={`Definition of ${n}`}
            aria-invalid={failed('definition') || undefined}
            aria-describedby={describe('definition')}
            placeholder="When to use it"
            maxLength={500}
            autoComplete="off"
            data-code-definition={code.id}
          />
        </td>
        <td>
          <select className="select select-cell" value={shown.kind} onChange={(e) => edit({ kind: e.target.value as CodeKind })} aria-label={`Kind of ${n}`}>
            {CODE_KINDS.map((k) => (
              <option key={k} value={k}>
                {CODE_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </td>
        <td>
          <HotkeyInput
            value={shown.hotkey}
            onCommit={(hotkey) => edit({ hotkey })}
            label={`Hotkey of ${n}`}
            invalid={failed('hotkey')}
            describedBy={describe('hotkey')}
          />
        </td>
        <td>
          <select
            className="select select-cell"
            value={shown.miti ?? ''}
            onChange={(e) => edit({ miti: e.target.value === '' ? null : (e.target.value as MitiBehaviour) })}
            aria-label={`MITI behaviour ${n} counts as`}
          >
            <option value="">Not counted</option>
            {MITI_BEHAVIOURS.map((b) => (
              <option key={b} value={b}>
                {MITI_BEHAVIOUR_LABELS[b]}
              </option>
            ))}
          </select>
        </td>
        <td className="align-center">
          <input
            type="checkbox"
            className="check-cell"
            checked={shown.missedOpportunity}
            onChange={(e) => edit({ missedOpportunity: e.target.checked })}
            aria-label={`${n} is a missed opportunity`}
          />
        </td>
        <td className="align-center">
          <input
            type="checkbox"
            role="switch"
            className="switch"
            checked={shown.enabled}
            onChange={(e) => edit({ enabled: e.target.checked })}
            aria-label={`${n} is offered for new annotations`}
          />
        </td>
        <td>
          <div className="button-group">
            <button type="button" className="btn btn-small btn-icon btn-quiet" onClick={() => onMove(-1)} disabled={first} aria-label={`Move ${n} up`} data-move={`${code.id}:up`}>
              <ChevronUpIcon size={14} />
            </button>
            <button type="button" className="btn btn-small btn-icon btn-quiet" onClick={() => onMove(1)} disabled={last} aria-label={`Move ${n} down`} data-move={`${code.id}:down`}>
              <ChevronDownIcon size={14} />
            </button>
          </div>
        </td>
        <td>
          <button type="button" className="btn btn-small btn-icon btn-quiet btn-danger-quiet" onClick={onDelete} aria-label={`Delete ${n}`}>
            <TrashIcon size={14} />
          </button>
        </td>
      </tr>
      {message && (
        <tr className="code-problem-row">
          <td />
          <td colSpan={COLUMNS - 1}>
            <p id={problemId} className="field-error" role="alert">
              <AlertIcon size={13} /> {message}
            </p>
          </td>
        </tr>
      )}
    </>
  );
}

/** One key: typing a letter or digit saves it at once; Backspace or Delete clears it. */
function HotkeyInput({ value, onCommit, label, invalid, describedBy }: { value: string | null; onCommit(key: string | null): void; label: string; invalid: boolean; describedBy: string | undefined }) {
  return (
    <input
      className="input input-cell hotkey-input"
      type="text"
      value={value ?? ''}
      placeholder="–"
      aria-label={label}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      autoComplete="off"
      spellCheck={false}
      onChange={(e) => {
        // The field holds one key: the newest character typed wins.
        const typed = e.target.value.slice(-1).toLowerCase();
        onCommit(typed === '' ? null : typed);
      }}
      onKeyDown={(e) => {
        if ((e.key === 'Backspace' || e.key === 'Delete') && value !== null) {
          e.preventDefault();
          onCommit(null);
        }
      }}
    />
  );
}

interface DraftRowProps {
  draft: Draft;
  onChange(patch: Partial<Draft>): void;
  onCreate(): void;
  onDiscard(): void;
}

function DraftRow({ draft, onChange, onCreate, onDiscard }: DraftRowProps) {
  const problemId = useId();
  const [rowEl, setRowEl] = useState<HTMLTableRowElement | null>(null);
  // Leaving the draft row with a name stores the code; an empty draft just waits.
  useEffect(() => {
    if (!rowEl) return;
    const onFocusOut = (e: FocusEvent) => {
      const to = e.relatedTarget as Node | null;
      if (to && rowEl.contains(to)) return;
      if (draft.name.trim() !== '') onCreate();
    };
    rowEl.addEventListener('focusout', onFocusOut);
    return () => rowEl.removeEventListener('focusout', onFocusOut);
  }, [rowEl, draft.name, onCreate]);
  const enter = (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      onCreate();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onDiscard();
    }
  };
  return (
    <>
      <tr ref={setRowEl} className="code-row code-draft" data-testid="code-draft">
        <td>
          <input type="color" className="color-input" value={draft.color} onChange={(e) => onChange({ color: e.target.value })} aria-label="Colour of the new code" />
        </td>
        <td>
          <input
            className="input input-cell code-name"
            value={draft.name}
            placeholder="Name of the new code"
            aria-label="Name of the new code"
            aria-describedby={draft.problem ? problemId : undefined}
            aria-invalid={draft.problem ? true : undefined}
            data-draft-name={draft.key}
            maxLength={80}
            autoComplete="off"
            onChange={(e) => onChange({ name: e.target.value, problem: null, ...(draft.idEdited ? {} : { id: e.target.value.trim() === '' ? '' : kebabCase(e.target.value) }) })}
            onKeyDown={enter}
            disabled={draft.saving}
          />
          <label className="code-id-edit">
            <span>id</span>
            <input
              className="input input-cell input-mono"
              value={draft.id}
              placeholder="follows the name"
              aria-label="Id of the new code (cannot change once added)"
              maxLength={80}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => onChange({ id: e.target.value, idEdited: e.target.value !== '', problem: null })}
              onKeyDown={enter}
              disabled={draft.saving}
            />
          </label>
        </td>
        <td colSpan={6} className="code-draft-note">
          {draft.saving ? 'Adding…' : 'Name the code, then press Enter or leave the row to add it. The id cannot change once it is added.'}
        </td>
        <td />
        <td>
          <button type="button" className="btn btn-small btn-icon btn-quiet" onClick={onDiscard} aria-label="Discard the new code" disabled={draft.saving}>
            <CloseIcon size={14} />
          </button>
        </td>
      </tr>
      {draft.problem && (
        <tr className="code-problem-row">
          <td />
          <td colSpan={COLUMNS - 1}>
            <p id={problemId} className="field-error" role="alert">
              <AlertIcon size={13} /> {draft.problem}
            </p>
          </td>
        </tr>
      )}
    </>
  );
}
