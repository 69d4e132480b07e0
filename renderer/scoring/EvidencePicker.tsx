/**
 * The annotations cited as evidence for one global rating: chips (click one to go to it) and a small
 * searchable list of the session's annotations to cite more.
 */
import { useEffect, useEffectEvent, useId, useMemo, useRef, useState, type RefObject } from 'react';
import type { Annotation, Code } from '../../shared/domain/annotation';
import { formatClock } from '../../shared/util/format';
import { CloseIcon, SearchIcon } from '../ui/icons';

interface EvidencePickerProps {
  /** The rating's name, for labels ("Empathy"). */
  ratingLabel: string;
  cited: readonly string[];
  annotations: readonly Annotation[];
  codes: ReadonlyMap<string, Code>;
  onChange(ids: string[]): Promise<void>;
  onShow(annotationId: string): void;
}

function codeName(codes: ReadonlyMap<string, Code>, codeId: string): string {
  return codes.get(codeId)?.name ?? codeId;
}

export function EvidencePicker({ ratingLabel, cited, annotations, codes, onChange, onShow }: EvidencePickerProps) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const byId = useMemo(() => new Map(annotations.map((a) => [a.id, a])), [annotations]);
  const citedSet = useMemo(() => new Set(cited), [cited]);
  const chips = [...cited].map((id) => byId.get(id) ?? id).sort((a, b) => (typeof a === 'string' ? Infinity : a.start) - (typeof b === 'string' ? Infinity : b.start));

  const save = async (ids: string[]) => {
    setBusy(true);
    try {
      await onChange(ids);
    } catch {
      // useReview has said what went wrong; the chips still show what is stored.
    } finally {
      setBusy(false);
    }
  };
  const toggle = (id: string) => void save(citedSet.has(id) ? cited.filter((c) => c !== id) : [...cited, id]);

  return (
    <div className="evidence">
      <span className="evidence-label">Evidence</span>
      {chips.length > 0 && (
        <ul className="evidence-chips" aria-label={`Evidence for ${ratingLabel}`}>
          {chips.map((a) =>
            typeof a === 'string' ? (
              <li key={a} className="chip chip-missing">
                <span className="chip-main">Deleted annotation</span>
                <button type="button" className="chip-remove" onClick={() => toggle(a)} aria-label={`Remove a deleted annotation from the evidence for ${ratingLabel}`} disabled={busy}>
                  <CloseIcon size={11} />
                </button>
              </li>
            ) : (
              <li key={a.id} className="chip">
                <button type="button" className="chip-main" onClick={() => onShow(a.id)} title={a.comment || undefined} aria-label={`Go to ${codeName(codes, a.codeId)} at ${formatClock(a.start)}`}>
                  <span className="code-dot" style={{ background: codes.get(a.codeId)?.color ?? 'var(--text-3)' }} aria-hidden="true" />
                  <span className="num">{formatClock(a.start)}</span>
                  <span className="chip-code">{codeName(codes, a.codeId)}</span>
                </button>
                <button
                  type="button"
                  className="chip-remove"
                  onClick={() => toggle(a.id)}
                  aria-label={`Remove ${codeName(codes, a.codeId)} at ${formatClock(a.start)} from the evidence for ${ratingLabel}`}
                  disabled={busy}
                >
                  <CloseIcon size={11} />
                </button>
              </li>
            ),
          )}
        </ul>
      )}
      <div className="evidence-add">
        <button
          ref={buttonRef}
          type="button"
          className="btn btn-small btn-quiet"
          aria-expanded={open}
          aria-haspopup="dialog"
          onClick={() => setOpen((o) => !o)}
        >
          {chips.length === 0 ? 'Cite annotations…' : 'Cite more…'}
        </button>
        {open && (
          <PickerPopover
            ratingLabel={ratingLabel}
            annotations={annotations}
            codes={codes}
            cited={citedSet}
            busy={busy}
            onToggle={toggle}
            onClose={(refocus) => {
              setOpen(false);
              if (refocus) buttonRef.current?.focus();
            }}
            anchor={buttonRef}
          />
        )}
      </div>
    </div>
  );
}

interface PopoverProps {
  ratingLabel: string;
  annotations: readonly Annotation[];
  codes: ReadonlyMap<string, Code>;
  cited: ReadonlySet<string>;
  busy: boolean;
  onToggle(id: string): void;
  onClose(refocus: boolean): void;
  anchor: RefObject<HTMLButtonElement | null>;
}

function PickerPopover({ ratingLabel, annotations, codes, cited, busy, onToggle, onClose, anchor }: PopoverProps) {
  const [query, setQuery] = useState('');
  const ref = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const doneRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();

  const onOutside = useEffectEvent((e: PointerEvent) => {
    const t = e.target as Node;
    if (!ref.current?.contains(t) && !anchor.current?.contains(t)) onClose(false);
  });
  useEffect(() => {
    (inputRef.current ?? doneRef.current)?.focus();
    document.addEventListener('pointerdown', onOutside);
    return () => document.removeEventListener('pointerdown', onOutside);
  }, []);

  const q = query.trim().toLowerCase();
  const sorted = useMemo(() => [...annotations].sort((a, b) => a.start - b.start), [annotations]);
  const shown = q
    ? sorted.filter((a) => `${formatClock(a.start)} ${codeName(codes, a.codeId)} ${a.comment} ${a.author}`.toLowerCase().includes(q))
    : sorted;

  return (
    <div
      ref={ref}
      className="evidence-popover"
      role="dialog"
      aria-labelledby={titleId}
      onBlur={(e) => {
        // Tabbing out of the list closes it, as a click elsewhere does.
        const to = e.relatedTarget as Node | null;
        if (to && !ref.current?.contains(to) && !anchor.current?.contains(to)) onClose(false);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onClose(true);
        }
      }}
    >
      <p id={titleId} className="evidence-popover-title">
        Cite as evidence for {ratingLabel}
      </p>
      {annotations.length === 0 ? (
        <p className="evidence-empty">This session has no annotations yet. Mark moments on the timeline, then cite them here.</p>
      ) : (
        <>
          <div className="search-field">
            <SearchIcon size={14} />
            <input
              ref={inputRef}
              className="input input-small"
              type="search"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              placeholder="Filter by time, code or comment"
              aria-label="Filter annotations"
            />
          </div>
          <ul className="evidence-options" aria-label="Annotations">
            {shown.map((a) => (
              <li key={a.id}>
                <label className="evidence-option">
                  <input type="checkbox" checked={cited.has(a.id)} onChange={() => onToggle(a.id)} disabled={busy} />
                  <span className="num evidence-time">{formatClock(a.start)}</span>
                  <span className="code-dot" style={{ background: codes.get(a.codeId)?.color ?? 'var(--text-3)' }} aria-hidden="true" />
                  <span className="evidence-option-text">
                    <span className="evidence-option-code">{codeName(codes, a.codeId)}</span>
                    {a.comment && <span className="evidence-option-comment"> — {a.comment}</span>}
                  </span>
                </label>
              </li>
            ))}
            {shown.length === 0 && <li className="evidence-empty">No annotation matches “{query.trim()}”.</li>}
          </ul>
        </>
      )}
      <div className="evidence-popover-footer">
        <button ref={doneRef} type="button" className="btn btn-small btn-secondary" onClick={() => onClose(true)}>
          Done
        </button>
      </div>
    </div>
  );
}
