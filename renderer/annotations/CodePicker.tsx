/**
 * Asks which code a new span gets: the enabled codes with their colour, name and key, grouped by
 * kind. Typing a code's key picks it; arrows and Enter pick from the list; Escape (or a click
 * elsewhere) cancels. Keys pressed here never reach the review shortcuts.
 */
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { CODE_KINDS, CODE_KIND_LABELS, type Code } from '../../shared/domain/annotation';

interface CodePickerProps {
  codes: readonly Code[];
  /** Where the span is on screen; the picker opens just below it (or above, near the bottom). */
  anchor: DOMRect;
  /** "3:04–3:10" */
  rangeLabel: string;
  onPick(code: Code): void;
  onCancel(): void;
}

export function CodePicker({ codes, anchor, rangeLabel, onPick, onCancel }: CodePickerProps) {
  const ids = useId();
  const ref = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const groups = useMemo(
    () => CODE_KINDS.map((kind) => ({ kind, codes: codes.filter((c) => c.kind === kind) })).filter((g) => g.codes.length > 0),
    [codes],
  );
  const ordered = useMemo(() => groups.flatMap((g) => g.codes), [groups]);
  const [active, setActive] = useState(0);
  const optionId = (code: Code) => `${ids}-opt-${code.id}`;

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const width = el.offsetWidth;
    const height = el.offsetHeight;
    const margin = 8;
    const clampTop = (t: number) => Math.max(margin, Math.min(t, window.innerHeight - height - margin));
    const clampLeft = (l: number) => Math.max(margin, Math.min(l, window.innerWidth - width - margin));
    let left: number;
    let top: number;
    if (anchor.bottom + 6 + height <= window.innerHeight - margin) {
      // Below the span (a short anchor, or room under the waveform).
      left = clampLeft(anchor.left);
      top = anchor.bottom + 6;
    } else if (anchor.right + 10 + width <= window.innerWidth - margin) {
      // Beside the span on the waveform, so the span stays in sight.
      left = anchor.right + 10;
      top = clampTop(anchor.top);
    } else if (anchor.left - 10 - width >= margin) {
      left = anchor.left - 10 - width;
      top = clampTop(anchor.top);
    } else {
      left = clampLeft(anchor.left);
      top = clampTop(anchor.top - 6 - height);
    }
    el.style.left = `${left}px`;
    el.style.top = `${top}px`;
    el.style.visibility = 'visible';
  }, [anchor]);

  useEffect(() => {
    (listRef.current ?? ref.current)?.focus({ preventScroll: true });
    const onDown = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) onCancel();
    };
    document.addEventListener('pointerdown', onDown, true);
    return () => document.removeEventListener('pointerdown', onDown, true);
  }, [onCancel]);

  useEffect(() => {
    const code = ordered[active];
    if (code) document.getElementById(optionId(code))?.scrollIntoView({ block: 'nearest' });
    // optionId only depends on ids, which never changes
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active, ordered]);

  const onKeyDown = (e: KeyboardEvent) => {
    e.stopPropagation();
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const move = (to: number) => {
      e.preventDefault();
      setActive(Math.max(0, Math.min(ordered.length - 1, to)));
    };
    switch (e.key) {
      case 'Escape':
      case 'Tab':
        e.preventDefault();
        onCancel();
        return;
      case 'ArrowDown':
        return move(active + 1);
      case 'ArrowUp':
        return move(active - 1);
      case 'Home':
        return move(0);
      case 'End':
        return move(ordered.length - 1);
      case 'PageDown':
        return move(active + 8);
      case 'PageUp':
        return move(active - 8);
      case 'Enter':
      case ' ': {
        e.preventDefault();
        const code = ordered[active];
        if (code) onPick(code);
        return;
      }
      default: {
        if (e.key.length !== 1) return;
        const code = ordered.find((c) => c.hotkey === e.key.toLowerCase());
        if (code) {
          e.preventDefault();
          onPick(code);
        }
      }
    }
  };

  const activeCode = ordered[active];
  return (
    <div ref={ref} className="code-picker" role="dialog" aria-labelledby={`${ids}-title`} data-testid="code-picker" tabIndex={-1} style={{ visibility: 'hidden' }} onKeyDown={onKeyDown}>
      <div className="code-picker-head">
        <span id={`${ids}-title`} className="code-picker-title">
          Code for <span className="num">{rangeLabel}</span>
        </span>
        <span className="code-picker-hint">
          Type a key, or <kbd>↑</kbd>
          <kbd>↓</kbd> <kbd>Enter</kbd> · <kbd>Esc</kbd> cancels
        </span>
      </div>
      {ordered.length === 0 ? (
        <p className="code-picker-empty">This codebook has no codes turned on. Turn some on in the codebook first.</p>
      ) : (
        <div
          ref={listRef}
          className="code-picker-list"
          role="listbox"
          tabIndex={0}
          aria-labelledby={`${ids}-title`}
          aria-activedescendant={activeCode ? optionId(activeCode) : undefined}
        >
          {groups.map((group) => (
            <div key={group.kind} role="group" aria-labelledby={`${ids}-grp-${group.kind}`}>
              <div id={`${ids}-grp-${group.kind}`} className="code-picker-group" role="presentation">
                {CODE_KIND_LABELS[group.kind]}
              </div>
              {group.codes.map((code) => {
                const index = ordered.indexOf(code);
                return (
                  <div
                    key={code.id}
                    id={optionId(code)}
                    role="option"
                    aria-selected={index === active}
                    aria-keyshortcuts={code.hotkey ?? undefined}
                    className={`code-option ${index === active ? 'is-active' : ''}`}
                    title={code.definition || undefined}
                    onPointerEnter={() => setActive(index)}
                    onClick={() => onPick(code)}
                  >
                    <span className="code-swatch" style={{ background: code.color }} aria-hidden="true" />
                    <span className="code-option-name">{code.name}</span>
                    {code.hotkey && <kbd>{code.hotkey.toUpperCase()}</kbd>}
                  </div>
                );
              })}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
