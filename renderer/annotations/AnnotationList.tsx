/**
 * The annotations as a keyboard-navigable grid: one row per annotation with its colour, code, time,
 * author and the start of its comment. Rows have a fixed height and only those in view (plus a
 * little overscan) are in the DOM, so 5,000 annotations scroll as smoothly as 50.
 *
 * Focus stays on the grid and the selected row is exposed with aria-activedescendant. Arrows, Page
 * Up/Down and Home/End select; Enter (or a click) also moves the playhead to the annotation;
 * Delete removes it (Undo brings it back).
 */
import { gridMoveKeys } from '../lib/grid-keys';
import { memo, useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type UIEvent } from 'react';
import type { Annotation, Code } from '../../shared/domain/annotation';
import { PlayIcon } from '../ui/icons';
import { annotationTime, codeName, commentPreview, spokenTime } from './annotation-text';

export const ROW_HEIGHT = 46;
const OVERSCAN = 10;

interface AnnotationListProps {
  rows: readonly Annotation[];
  codes: ReadonlyMap<string, Code>;
  selectedId: string | null;
  long: boolean;
  label: string;
  onSelect(id: string, seek: boolean): void;
  onPlay(annotation: Annotation): void;
  onDelete(annotation: Annotation): void;
}

export function AnnotationList({ rows, codes, selectedId, long, label, onSelect, onPlay, onDelete }: AnnotationListProps) {
  const idPrefix = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [view, setView] = useState(() => ({ top: 0, height: 480 }));
  const selectedIndex = selectedId === null ? -1 : rows.findIndex((a) => a.id === selectedId);
  /** Where the list is scrolled to as far as we know (from its scroll events and our own scrolling), so it is never read back. */
  const scrolledTo = useRef(0);

  // Keep the selected row in view when the selection comes from elsewhere (the waveform, a new
  // annotation): the rows around it are worked out in this same render (not after the scroll event
  // a frame later), and the list is scrolled to them before the paint.
  // `from`: the view's top when the target was worked out; the target holds until the list scrolls
  // (our own scroll arriving, or the user's), then -1.
  const [reveal, setReveal] = useState({ index: -1, from: 0, top: 0 });
  let shown = reveal;
  if (selectedIndex !== reveal.index) {
    const rowTop = selectedIndex * ROW_HEIGHT;
    let target = view.top;
    if (selectedIndex >= 0 && rowTop < target) target = rowTop;
    else if (selectedIndex >= 0 && rowTop + ROW_HEIGHT > target + view.height) target = rowTop + ROW_HEIGHT - view.height;
    shown = { index: selectedIndex, from: view.top, top: target };
    setReveal(shown);
  }
  const top = view.top === shown.from ? shown.top : view.top;
  const topRef = useRef(top);
  useLayoutEffect(() => {
    topRef.current = top;
    const el = scrollRef.current;
    if (!el || top === scrolledTo.current) return;
    el.scrollTop = top;
    // Scrolling laid the page out already, so reading back (0 in a hidden tab) costs nothing.
    scrolledTo.current = el.scrollTop;
  }, [top]);

  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const observer = new ResizeObserver(() => {
      const height = el.clientHeight;
      // A hidden tab: the browser forgets the scroll position, and the last real height is kept.
      if (height === 0) {
        scrolledTo.current = 0;
        return;
      }
      if (scrolledTo.current !== topRef.current) {
        el.scrollTop = topRef.current;
        scrolledTo.current = el.scrollTop;
      }
      setView((v) => (v.height === height ? v : { ...v, height }));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const onScroll = (event: UIEvent<HTMLDivElement>) => {
    const scrolled = event.currentTarget.scrollTop;
    scrolledTo.current = scrolled;
    setView((v) => (v.top === scrolled ? v : { ...v, top: scrolled }));
    // Once the list has scrolled (to the target, or on from it), the view is where the rows are.
    setReveal((r) => (r.from === -1 ? r : { ...r, from: -1 }));
  };

  const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((top + view.height) / ROW_HEIGHT) + OVERSCAN);
  const indexes: number[] = [];
  for (let i = first; i < last; i++) indexes.push(i);
  // The selected row stays mounted even when scrolled away, so aria-activedescendant always resolves.
  if (selectedIndex >= 0 && (selectedIndex < first || selectedIndex >= last)) indexes.push(selectedIndex);

  const rowId = (a: Annotation) => `${idPrefix}-row-${a.id.replace(/[^\w-]/g, '_')}`;
  const rowsInView = Math.max(1, Math.floor(view.height / ROW_HEIGHT));

  const moveTo = (index: number) => {
    if (rows.length === 0) return;
    const target = rows[Math.max(0, Math.min(rows.length - 1, index))];
    if (target) onSelect(target.id, false);
  };

  /** Deletes the selected row and selects the one after it (or before, at the end), for quick clean-up. */
  const deleteSelected = () => {
    const selected = selectedIndex >= 0 ? rows[selectedIndex] : undefined;
    if (!selected) return;
    const neighbour = rows[selectedIndex + 1] ?? rows[selectedIndex - 1];
    onDelete(selected);
    if (neighbour) onSelect(neighbour.id, false);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey) return;
    const current = selectedIndex;
    const selected = current >= 0 ? rows[current] : undefined;
    const keys: Record<string, () => void> = {
      ...gridMoveKeys(current, rows.length, rowsInView, moveTo),
      Enter: () => selected && onSelect(selected.id, true),
      Delete: () => deleteSelected(),
      Backspace: () => deleteSelected(),
    };
    const action = keys[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };

  const active = selectedIndex >= 0 ? rows[selectedIndex] : undefined;
  return (
    <div
      ref={scrollRef}
      className="annot-list"
      role="grid"
      aria-label={label}
      aria-rowcount={rows.length}
      aria-colcount={2}
      aria-activedescendant={active ? rowId(active) : undefined}
      aria-readonly="true"
      aria-keyshortcuts="Enter Delete"
      tabIndex={0}
      onScroll={onScroll}
      onKeyDown={onKeyDown}
      onFocus={(event) => {
        if (event.target === event.currentTarget && selectedIndex < 0 && rows[0]) onSelect(rows[0].id, false);
      }}
      data-testid="annotation-list"
    >
      <div role="rowgroup" className="annot-list-body" style={{ height: rows.length * ROW_HEIGHT }}>
        {indexes.map((i) => {
          const a = rows[i];
          if (!a) return null;
          return (
            <AnnotationRow
              key={a.id}
              annotation={a}
              code={codes.get(a.codeId)}
              name={codeName(a.codeId, codes)}
              index={i}
              rowId={rowId(a)}
              selected={i === selectedIndex}
              long={long}
              onSelect={onSelect}
              onPlay={onPlay}
            />
          );
        })}
      </div>
    </div>
  );
}

interface RowProps {
  annotation: Annotation;
  code: Code | undefined;
  name: string;
  index: number;
  rowId: string;
  selected: boolean;
  long: boolean;
  onSelect(id: string, seek: boolean): void;
  onPlay(annotation: Annotation): void;
}

const AnnotationRow = memo(function AnnotationRow({ annotation: a, code, name, index, rowId, selected, long, onSelect, onPlay }: RowProps) {
  const preview = commentPreview(a.comment);
  return (
    <div
      id={rowId}
      role="row"
      aria-rowindex={index + 1}
      aria-selected={selected}
      className={`annot-row ${selected ? 'is-selected' : ''}`}
      style={{ transform: `translateY(${index * ROW_HEIGHT}px)`, height: ROW_HEIGHT, ['--annot' as string]: code?.color ?? '#64748b' }}
      data-testid="annotation-row"
      data-annotation-id={a.id}
      onClick={() => onSelect(a.id, true)}
    >
      <div role="gridcell" className="annot-row-main" aria-label={`${name}, ${spokenTime(a, long)}${a.author ? `, by ${a.author}` : ''}${preview ? `: ${preview}` : ''}`}>
        <span className={`code-swatch ${a.end === null ? 'is-moment' : ''}`} aria-hidden="true" />
        <span className="annot-row-text" aria-hidden="true">
          <span className="annot-row-line">
            <span className="annot-row-code">{name}</span>
            <span className="annot-row-time num">{annotationTime(a, long)}</span>
          </span>
          <span className="annot-row-line annot-row-sub">
            {a.author && <span className="annot-row-author">{a.author}</span>}
            <span className={`annot-row-comment ${preview ? '' : 'is-empty'}`}>{preview || 'No comment'}</span>
          </span>
        </span>
      </div>
      <div role="gridcell" className="annot-row-play">
        <button
          type="button"
          className="btn btn-icon btn-small btn-quiet"
          tabIndex={-1}
          aria-label={`Play ${name} ${spokenTime(a, long)}`}
          title={a.end === null ? 'Play 3 seconds either side' : 'Play the span'}
          onClick={(e) => {
            e.stopPropagation();
            onSelect(a.id, false);
            onPlay(a);
          }}
        >
          <PlayIcon size={12} />
        </button>
      </div>
    </div>
  );
});
