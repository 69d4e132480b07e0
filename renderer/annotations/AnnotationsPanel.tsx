/**
 * The Annotations tab: the session's annotations as a sortable, filterable list over the selected
 * annotation's editor. An empty session explains how to annotate and shows the codes' keys.
 */
import { useId, useMemo, useState } from 'react';
import { CODE_KINDS, CODE_KIND_LABELS, type Annotation, type Code, type CodeKind } from '../../shared/domain/annotation';
import type { TranscriptSegment } from '../../shared/domain/transcript';
import { AlertIcon } from '../ui/icons';
import { AnnotationEditor } from './AnnotationEditor';
import { AnnotationFiles } from './AnnotationFiles';
import type { SessionReplies } from '../../shared/package/feedback-view';
import { AnnotationReply } from '../feedback/RepliesNote';
import { replyFor } from '../feedback/reply-data';
import { AnnotationList } from './AnnotationList';
import { authorsOf, codeCounts, isFiltered, listRows, NO_FILTER, type ListFilter, type SortKey } from './list-view';
import type { AnnotationsModel } from './useAnnotations';

interface AnnotationsPanelProps {
  sessionId: string;
  model: AnnotationsModel;
  codes: ReadonlyMap<string, Code>;
  /** The codebook's codes in order. */
  codeList: readonly Code[];
  segments: readonly TranscriptSegment[];
  duration: number;
  preRoll: number;
  selectedId: string | null;
  onSelect(id: string, seek: boolean): void;
  onPlay(annotation: Annotation): void;
  onDelete(annotation: Annotation): void;
  /** The comment of this annotation should take the keyboard (token changes each time). */
  focusRequest: { id: string; token: number } | null;
  /** Escape in a text box: hand the keyboard back to the waveform. */
  onReturnFocus(): void;
  /** The trainee's merged replies (null: none yet). */
  replies: SessionReplies | null;
}

export function AnnotationsPanel(props: AnnotationsPanelProps) {
  const { sessionId, model, codes, codeList, segments, duration, preRoll, selectedId, onSelect, onPlay, onDelete, focusRequest, onReturnFocus, replies } = props;
  const ids = useId();
  const [filter, setFilter] = useState<ListFilter>(NO_FILTER);
  const [sort, setSort] = useState<SortKey>('time');
  const codeOrder = useMemo(() => new Map(codeList.map((c, i) => [c.id, i])), [codeList]);
  const rows = useMemo(() => listRows(model.sorted, codes, codeOrder, filter, sort), [model.sorted, codes, codeOrder, filter, sort]);
  const authors = useMemo(() => authorsOf(model.sorted), [model.sorted]);
  const counts = useMemo(() => codeCounts(model.sorted), [model.sorted]);
  const usedCodes = useMemo(() => {
    const known = codeList.filter((c) => counts.has(c.id));
    const unknown = [...counts.keys()].filter((id) => !codes.has(id));
    return { known, unknown };
  }, [codeList, counts, codes]);
  const selected = selectedId ? model.map.get(selectedId) : undefined;
  const long = duration >= 3600;
  const total = model.sorted.length;
  const filtered = isFiltered(filter);

  return (
    <section className="annot-panel" aria-labelledby={`${ids}-heading`} data-testid="annotations-panel">
      <header className="annot-head">
        <div className="annot-title">
          <h2 id={`${ids}-heading`}>Annotations</h2>
          <span className="annot-count" aria-live="polite">
            {model.status.kind !== 'ready'
              ? ''
              : filtered
                ? `${rows.length.toLocaleString()} of ${total.toLocaleString()} shown`
                : total === 1
                  ? '1 annotation'
                  : `${total.toLocaleString()} annotations`}
          </span>
          {filtered && (
            <button type="button" className="btn btn-small btn-quiet annot-clear" onClick={() => setFilter(NO_FILTER)}>
              Show all
            </button>
          )}
        </div>
        {total > 0 && (
          <div className="annot-filters">
            <label className="annot-filter">
              <span className="visually-hidden">Show code</span>
              <select className="select select-compact" value={filter.codeId ?? ''} onChange={(e) => setFilter({ ...filter, codeId: e.target.value || null })}>
                <option value="">All codes</option>
                {usedCodes.known.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name} ({counts.get(c.id)})
                  </option>
                ))}
                {usedCodes.unknown.map((id) => (
                  <option key={id} value={id}>
                    Unknown “{id}” ({counts.get(id)})
                  </option>
                ))}
              </select>
            </label>
            <label className="annot-filter">
              <span className="visually-hidden">Show kind</span>
              <select className="select select-compact" value={filter.kind ?? ''} onChange={(e) => setFilter({ ...filter, kind: (e.target.value || null) as CodeKind | null })}>
                <option value="">All kinds</option>
                {CODE_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {CODE_KIND_LABELS[k]}
                  </option>
                ))}
              </select>
            </label>
            <label className="annot-filter">
              <span className="visually-hidden">Show author</span>
              <select className="select select-compact" value={filter.author ?? ''} onChange={(e) => setFilter({ ...filter, author: e.target.value === '' ? null : e.target.value })}>
                <option value="">All authors</option>
                {authors.map((name) => (
                  <option key={name} value={name}>
                    {name || 'No author'}
                  </option>
                ))}
              </select>
            </label>
            <label className="annot-filter annot-sort">
              <span className="visually-hidden">Sort</span>
              <select className="select select-compact" value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
                <option value="time">By time</option>
                <option value="code">By code</option>
                <option value="author">By author</option>
              </select>
            </label>
          </div>
        )}
        {model.status.kind === 'ready' && <AnnotationFiles sessionId={sessionId} count={total} />}
      </header>

      {model.status.kind === 'loading' ? (
        <div className="annot-loading" aria-busy="true">
          {Array.from({ length: 5 }, (_, i) => (
            <span key={i} className="skeleton skeleton-seg" />
          ))}
          <span className="visually-hidden" role="status">
            Loading the annotations…
          </span>
        </div>
      ) : model.status.kind === 'error' ? (
        <div className="transcript-empty" role="alert">
          <AlertIcon size={20} />
          <h3>The annotations could not be loaded</h3>
          <p>{model.status.message}</p>
          <button type="button" className="btn btn-secondary btn-small" onClick={model.actions.reload}>
            Try again
          </button>
        </div>
      ) : total === 0 ? (
        <EmptyAnnotations codeList={codeList} preRoll={preRoll} />
      ) : (
        <>
          {rows.length === 0 ? (
            <p className="annot-none">No annotation matches these filters.</p>
          ) : (
            <AnnotationList rows={rows} codes={codes} selectedId={selectedId} long={long} label="Annotations" onSelect={onSelect} onPlay={onPlay} onDelete={onDelete} />
          )}
          {selected ? (
            <AnnotationEditor
              annotation={selected}
              codes={codes}
              codeList={codeList}
              segments={segments}
              duration={duration}
              actions={model.actions}
              focusToken={focusRequest?.id === selected.id ? focusRequest.token : 0}
              onPlay={onPlay}
              onDelete={onDelete}
              onEscape={onReturnFocus}
            />
          ) : (
            <p className="annot-select-hint">Select an annotation to edit its code, time and comment.</p>
          )}
          {selected && <AnnotationReply reply={replyFor(replies, selected.id)} from={replies?.from} />}
        </>
      )}
    </section>
  );
}

/** How to annotate, and the keys of the codes that have one. */
function EmptyAnnotations({ codeList, preRoll }: { codeList: readonly Code[]; preRoll: number }) {
  const keyed = codeList.filter((c) => c.enabled && c.hotkey);
  return (
    <div className="annot-empty">
      <h3>No annotations yet</h3>
      <p>
        While the recording plays, press a code’s key to mark what you just heard (it is placed {preRoll === 1 ? '1 second' : `${preRoll} seconds`} back). Drag across the waveform, or press{' '}
        <kbd>I</kbd> at the start and <kbd>O</kbd> at the end, to mark a span.
      </p>
      {keyed.length > 0 && (
        <ul className="annot-keys" aria-label="Code keys">
          {keyed.map((c) => (
            <li key={c.id}>
              <kbd>{c.hotkey!.toUpperCase()}</kbd>
              <span className="code-swatch" style={{ background: c.color }} aria-hidden="true" />
              <span className="annot-keys-name">{c.name}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
