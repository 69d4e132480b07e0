/**
 * One transcript segment: start time, speaker chip, text (with search highlights), an "edited" marker,
 * and — while editing — a textarea that saves on Enter or blur and cancels on Escape.
 * Memoised: the panel re-renders often (playback, search) but a row only when its own props change.
 */
import { memo, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { SpeakerRole, TranscriptSegment } from '../../shared/domain/transcript';
import { formatSegmentTime, type SearchMatch } from './transcript-logic';

export interface RowHandlers {
  /** Click or Enter: select the row and seek there. */
  activate(index: number): void;
  select(index: number): void;
  startEditing(index: number): void;
  /** Saves (text !== null) or cancels (null) an edit; `refocus` puts focus back on the row. */
  finishEditing(index: number, text: string | null, refocus: boolean): void;
  /** Split while editing: at the playhead, the text cut at the caret (after saving `text`). */
  splitAtCaret(index: number, text: string, caret: number): void;
  openSpeakerMenu(index: number, anchor: HTMLElement): void;
  onRowKeyDown(index: number, event: KeyboardEvent<HTMLElement>): void;
}

interface SegmentRowProps {
  segment: TranscriptSegment;
  index: number;
  speakerName: string | null;
  playing: boolean;
  selected: boolean;
  focusable: boolean;
  editing: boolean;
  long: boolean;
  matches: readonly SearchMatch[] | undefined;
  /** `from` of the current search match when it is in this row, else -1. */
  currentMatchFrom: number;
  handlers: RowHandlers;
}

const SPEAKER_CLASS: Record<SpeakerRole, string> = { counselor: 'spk-counselor', client: 'spk-client', other: 'spk-other' };

function highlight(text: string, matches: readonly SearchMatch[] | undefined, currentFrom: number): ReactNode {
  if (!matches || matches.length === 0) return text;
  const parts: ReactNode[] = [];
  let at = 0;
  for (const m of matches) {
    if (m.from > at) parts.push(text.slice(at, m.from));
    const current = m.from === currentFrom;
    parts.push(
      <mark key={m.from} className={current ? 'match match-current' : 'match'} data-current-match={current || undefined}>
        {text.slice(m.from, m.to)}
      </mark>,
    );
    at = m.to;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts;
}

export const SegmentRow = memo(function SegmentRow(props: SegmentRowProps) {
  const { segment, index, speakerName, playing, selected, focusable, editing, long, matches, currentMatchFrom, handlers } = props;
  const time = formatSegmentTime(segment.start, long);
  const className = ['seg', playing && 'is-playing', selected && 'is-selected', editing && 'is-editing', segment.speaker && SPEAKER_CLASS[segment.speaker]]
    .filter(Boolean)
    .join(' ');
  return (
    <li
      className={className}
      data-segment-id={segment.id}
      data-index={index}
      data-testid="segment"
      tabIndex={focusable ? 0 : -1}
      aria-current={playing ? 'time' : undefined}
      aria-label={editing ? undefined : `${time}, ${speakerName ?? 'no speaker'}: ${segment.text}${segment.edited ? ' (edited)' : ''}`}
      onClick={(e) => {
        if (editing || (e.target as HTMLElement).closest('button, textarea')) return;
        handlers.activate(index);
      }}
      onDoubleClick={(e) => {
        if (editing || (e.target as HTMLElement).closest('button')) return;
        handlers.startEditing(index);
      }}
      onFocus={(e) => {
        if (e.target === e.currentTarget && !selected) handlers.select(index);
      }}
      onKeyDown={(e) => {
        if (e.target === e.currentTarget) handlers.onRowKeyDown(index, e);
      }}
    >
      <span className="seg-time num" aria-hidden="true">
        {time}
      </span>
      <div className="seg-main">
        <div className="seg-meta" aria-hidden={editing ? undefined : true}>
          <button
            type="button"
            className="spk-chip"
            tabIndex={-1}
            aria-haspopup="menu"
            aria-label={`Speaker: ${speakerName ?? 'none'}. Change speaker`}
            onClick={(e) => handlers.openSpeakerMenu(index, e.currentTarget)}
          >
            <span className="spk-dot" aria-hidden="true" />
            {speakerName ?? 'Speaker?'}
          </button>
          {segment.edited && (
            <span className="seg-edited" title={`Corrected. Original: “${segment.originalText}”`}>
              edited
            </span>
          )}
        </div>
        {editing ? (
          <SegmentEditor
            initial={segment.text}
            label={`Text of the segment at ${time}`}
            onDone={(text, refocus) => handlers.finishEditing(index, text, refocus)}
            onSplit={(text, caret) => handlers.splitAtCaret(index, text, caret)}
          />
        ) : (
          <p className="seg-text">{segment.text ? highlight(segment.text, matches, currentMatchFrom) : <span className="muted">(no words)</span>}</p>
        )}
      </div>
    </li>
  );
});

function SegmentEditor({
  initial,
  label,
  onDone,
  onSplit,
}: {
  initial: string;
  label: string;
  onDone(text: string | null, refocus: boolean): void;
  onSplit(text: string, caret: number): void;
}) {
  const [value, setValue] = useState(initial);
  const ref = useRef<HTMLTextAreaElement>(null);
  const finished = useRef(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus({ preventScroll: true });
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);
  const done = (text: string | null, refocus: boolean) => {
    if (finished.current) return;
    finished.current = true;
    onDone(text, refocus);
  };
  return (
    <div className="seg-editor">
      <textarea
        ref={ref}
        className="seg-textarea"
        aria-label={label}
        value={value}
        maxLength={5000}
        rows={1}
        spellCheck
        onChange={(e) => setValue(e.target.value)}
        onBlur={() => done(value, false)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && e.altKey) {
            e.preventDefault();
            finished.current = true;
            onSplit(value, e.currentTarget.selectionStart);
          } else if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            done(value, true);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            done(null, true);
          }
        }}
      />
      <div className="seg-editor-hint" aria-hidden="true">
        <kbd>Enter</kbd> save · <kbd>Esc</kbd> cancel · <kbd>Alt</kbd>+<kbd>Enter</kbd> split at the caret
        <button
          type="button"
          className="btn btn-small btn-quiet"
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => {
            finished.current = true;
            onSplit(value, ref.current?.selectionStart ?? value.length);
          }}
        >
          Split here
        </button>
      </div>
    </div>
  );
}
