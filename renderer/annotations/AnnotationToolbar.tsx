/**
 * Above the waveform: Undo and Redo, the pending span start (after I), and a status line that says
 * what was just undone, redone or deleted — with Undo right there after a delete.
 */
import { useEffect, useState, type ReactNode, type SVGProps } from 'react';
import { CloseIcon } from '../ui/icons';
import { clockTime } from './annotation-text';
import type { UndoInfo } from './useAnnotations';

const isMac = /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl+';
/** How long a status message stays. */
const MESSAGE_MS = 8000;

function Icon({ children, ...rest }: SVGProps<SVGSVGElement> & { children: ReactNode }) {
  return (
    <svg width={15} height={15} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false" {...rest}>
      {children}
    </svg>
  );
}

export const UndoIcon = () => (
  <Icon>
    <path d="M9 14 4 9l5-5" />
    <path d="M4 9h10.5a5.5 5.5 0 0 1 0 11H11" />
  </Icon>
);
export const RedoIcon = () => (
  <Icon>
    <path d="m15 14 5-5-5-5" />
    <path d="M20 9H9.5a5.5 5.5 0 0 0 0 11H13" />
  </Icon>
);

interface AnnotationToolbarProps {
  undo: UndoInfo;
  onUndo(): void;
  onRedo(): void;
  inPoint: number | null;
  onClearInPoint(): void;
}

export function AnnotationToolbar({ undo, onUndo, onRedo, inPoint, onClearInPoint }: AnnotationToolbarProps) {
  const message = undo.message;
  const [hiddenId, setHiddenId] = useState(0);
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(() => setHiddenId(message.id), MESSAGE_MS);
    return () => clearTimeout(timer);
  }, [message]);
  const shown = message && message.id !== hiddenId ? message : null;

  return (
    <div className="annot-toolbar">
      <div className="button-group" role="group" aria-label="Annotation history">
        <button
          type="button"
          className="btn btn-icon btn-small btn-quiet"
          onClick={onUndo}
          disabled={!undo.canUndo}
          aria-label={undo.undoLabel ? `Undo: ${undo.undoLabel}` : 'Undo'}
          title={undo.undoLabel ? `Undo: ${undo.undoLabel} (${MOD}Z)` : `Nothing to undo (${MOD}Z)`}
          aria-keyshortcuts={isMac ? 'Meta+Z' : 'Control+Z'}
          data-testid="annotation-undo"
        >
          <UndoIcon />
        </button>
        <button
          type="button"
          className="btn btn-icon btn-small btn-quiet"
          onClick={onRedo}
          disabled={!undo.canRedo}
          aria-label={undo.redoLabel ? `Redo: ${undo.redoLabel}` : 'Redo'}
          title={undo.redoLabel ? `Redo: ${undo.redoLabel} (${MOD}Shift+Z)` : `Nothing to redo (${MOD}Shift+Z)`}
          aria-keyshortcuts={isMac ? 'Meta+Shift+Z Meta+Y' : 'Control+Shift+Z Control+Y'}
          data-testid="annotation-redo"
        >
          <RedoIcon />
        </button>
      </div>
      {inPoint !== null && (
        <span className="annot-inpoint" data-testid="annotation-in-point">
          <span className="annot-inpoint-dot" aria-hidden="true" />
          Span from <span className="num">{clockTime(inPoint)}</span> · press <kbd>O</kbd> at its end
          <button type="button" className="btn btn-icon btn-small btn-quiet" onClick={onClearInPoint} aria-label="Clear the span start" title="Clear (Esc)">
            <CloseIcon size={12} />
          </button>
        </span>
      )}
      <span className="annot-status" role="status" data-testid="annotation-status">
        {shown && inPoint === null && (
          <>
            <span className="annot-status-text">{shown.text}</span>
            {shown.undoable && undo.canUndo && (
              <button type="button" className="btn btn-small btn-quiet annot-status-undo" onClick={onUndo}>
                Undo
              </button>
            )}
          </>
        )}
      </span>
    </div>
  );
}
