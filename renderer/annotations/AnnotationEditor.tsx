/**
 * The selected annotation, editable: its code, start and end (typed, or nudged half a second at a
 * time), the comment, and — for a missed opportunity — what was said beside what could have been
 * said. Text saves itself as the supervisor types; Escape in a text box saves and hands the
 * keyboard back to the waveform, so playback keys work again.
 */
import { useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { transcriptTextFor } from '../../shared/annotations/annotation-file';
import { CODE_KINDS, CODE_KIND_LABELS, type Annotation, type Code } from '../../shared/domain/annotation';
import type { TranscriptSegment } from '../../shared/domain/transcript';
import { formatTimestamp, parseClock } from '../../shared/util/format';
import { errorMessage } from '../api/client';
import { useAutosave } from '../lib/autosave/useAutosave';
import { SaveState } from '../session/Field';
import { fieldMessage } from '../session/useSessionField';
import { PlayIcon, TrashIcon } from '../ui/icons';
import { showError } from '../ui/toasts';
import { overlappingSegmentIds } from './annotation-set';
import { clockTime, preciseTime } from './annotation-text';
import type { AnnotationActions } from './useAnnotations';

/** Seconds the −/+ buttons move a start or an end. */
export const NUDGE = 0.5;
const NOT_A_TIME = 'That is not a time. Write it as minutes and seconds, like 3:04.5.';

interface AnnotationEditorProps {
  annotation: Annotation;
  codes: ReadonlyMap<string, Code>;
  /** The codebook's codes in order. */
  codeList: readonly Code[];
  segments: readonly TranscriptSegment[];
  duration: number;
  actions: AnnotationActions;
  /** Changes (to a new positive number) when the comment should take the keyboard. */
  focusToken: number;
  onPlay(annotation: Annotation): void;
  onDelete(annotation: Annotation): void;
  /** Escape in a text box: focus goes back to the waveform. */
  onEscape(): void;
}

/** The newest focus request already carried out. */
let lastFocusToken = 0;

function round(t: number): number {
  return Math.round(t * 1000) / 1000;
}

/** What was said at the annotation, from the transcript (empty when there is none). */
function spokenText(annotation: Annotation, segments: readonly TranscriptSegment[]): string {
  if (segments.length === 0) return '';
  try {
    return transcriptTextFor(annotation, segments);
  } catch {
    return '';
  }
}

export function AnnotationEditor(props: AnnotationEditorProps) {
  const { annotation: a, codes, codeList, segments, duration, actions, focusToken, onPlay, onDelete, onEscape } = props;
  const ids = useId();
  const code = codes.get(a.codeId);
  const long = duration >= 3600;
  const commentRef = useRef<HTMLTextAreaElement>(null);

  // In the same commit as the new row: by the time it shows, typing goes into its comment.
  // Each request is carried out once: an editor mounted again later (say, after redo brings its
  // annotation back) must not take the keyboard for an old request.
  useLayoutEffect(() => {
    if (focusToken <= lastFocusToken) return;
    const box = commentRef.current;
    if (!box) return;
    lastFocusToken = focusToken;
    box.focus({ preventScroll: false });
    box.setSelectionRange(box.value.length, box.value.length);
  }, [focusToken]);

  const missed = code?.missedOpportunity === true || a.modelResponse !== '';
  const overlapping = useMemo(() => overlappingSegmentIds(a, segments), [a, segments]);

  const update = (patch: Parameters<AnnotationActions['update']>[1], what: string) =>
    actions.update(a.id, patch).catch((error: unknown) => {
      showError(fieldMessage(errorMessage(error)), what);
    });

  const choices = useMemo(() => {
    const shown = codeList.filter((c) => c.enabled || c.id === a.codeId);
    return CODE_KINDS.map((kind) => ({ kind, codes: shown.filter((c) => c.kind === kind) })).filter((g) => g.codes.length > 0);
  }, [codeList, a.codeId]);

  // The editor stays mounted from one selected annotation to the next (only the parts that hold
  // typing in progress start afresh, by key), so selecting or adding an annotation updates a few
  // nodes instead of building the whole form again.
  return (
    <section className="annot-editor" aria-labelledby={`${ids}-title`} data-testid="annotation-editor" data-annotation-id={a.id}>
      <h3 id={`${ids}-title`} className="visually-hidden">
        Selected annotation
      </h3>
      <div className="annot-editor-top">
        <span className="code-swatch code-swatch-large" style={{ background: code?.color ?? '#64748b' }} aria-hidden="true" />
        <label className="visually-hidden" htmlFor={`${ids}-code`}>
          Code
        </label>
        <select
          id={`${ids}-code`}
          className="select select-compact annot-code-select"
          value={a.codeId}
          onChange={(e) => void update({ codeId: e.target.value }, 'The code was not changed')}
          data-testid="annotation-code"
        >
          {!code && <option value={a.codeId}>Unknown code “{a.codeId}”</option>}
          {choices.map((group) => (
            <optgroup key={group.kind} label={CODE_KIND_LABELS[group.kind]}>
              {group.codes.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                  {c.enabled ? '' : ' (turned off)'}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <div className="annot-editor-actions">
          <button type="button" className="btn btn-small btn-secondary" onClick={() => onPlay(a)} title={a.end === null ? 'Play 3 seconds either side' : 'Play the span'}>
            <PlayIcon size={12} /> Play
          </button>
          <button type="button" className="btn btn-small btn-icon btn-quiet btn-danger-quiet" onClick={() => onDelete(a)} aria-label="Delete this annotation" title="Delete (Undo brings it back)">
            <TrashIcon size={15} />
          </button>
        </div>
      </div>
      {code && <p className="annot-definition">{code.definition}</p>}

      <TimeFields key={`times:${a.id}`} annotation={a} duration={duration} long={long} onSave={(patch) => actions.update(a.id, patch)} />

      <AnnotationTexts key={`texts:${a.id}`} ids={ids} annotation={a} missed={missed} segments={segments} actions={actions} commentRef={commentRef} onEscape={onEscape} />

      <div className="annot-link">
        {a.segmentIds.length > 0 ? (
          <>
            <span>
              Linked to {a.segmentIds.length === 1 ? '1 transcript segment' : `${a.segmentIds.length} transcript segments`}
            </span>
            <button type="button" className="btn btn-small btn-quiet" onClick={() => void update({ segmentIds: [] }, 'The transcript link was not removed')}>
              Unlink
            </button>
          </>
        ) : overlapping.length > 0 ? (
          <>
            <span className="muted">Not linked to the transcript</span>
            <button type="button" className="btn btn-small btn-quiet" onClick={() => void update({ segmentIds: overlapping.slice(0, 200) }, 'The transcript was not linked')}>
              Link {overlapping.length === 1 ? 'the segment here' : `the ${overlapping.length} segments here`}
            </button>
          </>
        ) : (
          <span className="muted">{segments.length === 0 ? 'No transcript to link to yet' : 'No transcript segment at this time'}</span>
        )}
      </div>

      <p className="annot-meta">
        {a.author ? `By ${a.author}` : 'No author'} · added {formatTimestamp(a.createdAt)}
        {a.updatedAt !== a.createdAt && ` · changed ${formatTimestamp(a.updatedAt)}`}
      </p>
    </section>
  );
}

interface AnnotationTextsProps {
  ids: string;
  annotation: Annotation;
  missed: boolean;
  segments: readonly TranscriptSegment[];
  actions: AnnotationActions;
  commentRef: RefObject<HTMLTextAreaElement | null>;
  onEscape(): void;
}

/** The comment and, for a missed opportunity, what was said beside what could have been said: text that saves itself, for one annotation. */
function AnnotationTexts({ ids, annotation: a, missed, segments, actions, commentRef, onEscape }: AnnotationTextsProps) {
  const editSession = useRef(0);

  const saveField = (field: 'comment' | 'modelResponse') => async (value: string) => {
    try {
      await actions.update(a.id, { [field]: value }, { mergeKey: `${field}:${a.id}:${editSession.current}` });
    } catch (error) {
      throw new Error(fieldMessage(errorMessage(error)), { cause: error });
    }
  };
  const comment = useAutosave(a.comment, saveField('comment'));
  const modelResponse = useAutosave(a.modelResponse, saveField('modelResponse'));

  const textKeys = (flush: () => void) => (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    flush();
    event.currentTarget.blur();
    onEscape();
  };
  const onTextBlur = (flush: () => void) => () => {
    flush();
    editSession.current++;
  };

  const said = useMemo(() => (missed ? spokenText(a, segments) : ''), [missed, a, segments]);

  return (
    <>
      <div className="field">
        <div className="field-head">
          <label htmlFor={`${ids}-comment`} className="field-label">
            Comment
          </label>
          <SaveState status={comment.status} id={`${ids}-comment-state`} />
        </div>
        <textarea
          ref={commentRef}
          id={`${ids}-comment`}
          className="input textarea annot-textarea"
          data-testid="annotation-comment"
          value={comment.value}
          placeholder="What happened here, and what to keep or change…"
          aria-describedby={`${ids}-comment-hint`}
          aria-invalid={comment.status.kind === 'error' || undefined}
          onChange={(e) => comment.change(e.target.value)}
          onBlur={onTextBlur(comment.flush)}
          onKeyDown={textKeys(comment.flush)}
        />
        {comment.status.kind === 'error' ? (
          <p className="field-error" role="alert">
            {comment.status.message}
          </p>
        ) : (
          <p id={`${ids}-comment-hint`} className="field-hint annot-hint">
            Saved as you type. <kbd>Esc</kbd> returns to the recording.
          </p>
        )}
      </div>

      {missed && (
        <div className="annot-missed">
          <div className="field">
            <span className="field-label" id={`${ids}-said`}>
              What was said
            </span>
            <blockquote className="annot-said" aria-labelledby={`${ids}-said`}>
              {said || <span className="muted">{segments.length === 0 ? 'No transcript yet.' : 'No transcript at this moment.'}</span>}
            </blockquote>
          </div>
          <div className="field">
            <div className="field-head">
              <label htmlFor={`${ids}-model`} className="field-label">
                What could have been said
              </label>
              <SaveState status={modelResponse.status} id={`${ids}-model-state`} />
            </div>
            <textarea
              id={`${ids}-model`}
              className="input textarea annot-textarea"
              data-testid="annotation-model-response"
              value={modelResponse.value}
              placeholder="A reflection or response that would have fitted…"
              aria-invalid={modelResponse.status.kind === 'error' || undefined}
              onChange={(e) => modelResponse.change(e.target.value)}
              onBlur={onTextBlur(modelResponse.flush)}
              onKeyDown={textKeys(modelResponse.flush)}
            />
            {modelResponse.status.kind === 'error' && (
              <p className="field-error" role="alert">
                {modelResponse.status.message}
              </p>
            )}
          </div>
        </div>
      )}
    </>
  );
}

interface TimeFieldsProps {
  annotation: Annotation;
  duration: number;
  long: boolean;
  onSave(patch: { start?: number; end?: number | null }): Promise<unknown>;
}

/** Start and end, typed (m:ss.t) or nudged; an empty end makes the annotation a moment. */
function TimeFields({ annotation: a, duration, long, onSave }: TimeFieldsProps) {
  const ids = useId();
  const [error, setError] = useState<string | null>(null);

  const save = (patch: { start?: number; end?: number | null }) => {
    const start = patch.start ?? a.start;
    const end = patch.end === undefined ? a.end : patch.end;
    if (start < 0) return setError('The start cannot be before the beginning of the recording.');
    if (start > duration) return setError(`The recording is only ${clockTime(duration, long)} long.`);
    if (end !== null && end > duration + 0.001) return setError(`The recording is only ${clockTime(duration, long)} long.`);
    if (end !== null && end <= start) return setError('The end must come after the start.');
    setError(null);
    onSave({ ...(patch.start !== undefined ? { start: round(start) } : {}), ...(patch.end !== undefined ? { end: end === null ? null : round(end) } : {}) }).catch((e: unknown) =>
      setError(fieldMessage(errorMessage(e))),
    );
  };

  const nudgeStart = (by: number) => {
    const start = Math.max(0, a.start + by);
    // A moment moves as a whole; a span's start stops short of its end.
    if (a.end !== null && start >= a.end) return;
    save({ start });
  };
  const nudgeEnd = (by: number) => {
    if (a.end === null) return;
    const end = Math.min(duration, a.end + by);
    if (end <= a.start) return;
    save({ end });
  };

  return (
    <div className="annot-times" role="group" aria-label="Time">
      <TimeField
        id={`${ids}-start`}
        label={a.end === null ? 'At' : 'Start'}
        value={a.start}
        long={long}
        onCommit={(t) => (t === null ? setError('A start time is required.') : save({ start: t }))}
        onInvalid={() => setError(NOT_A_TIME)}
        onNudge={nudgeStart}
        invalid={error !== null}
      />
      <TimeField
        id={`${ids}-end`}
        label="End"
        value={a.end}
        long={long}
        placeholder="moment"
        onCommit={(t) => save({ end: t })}
        onInvalid={() => setError(NOT_A_TIME)}
        onNudge={nudgeEnd}
        invalid={error !== null}
        hint={a.end === null ? 'Type an end time to make this a span.' : 'Clear it to make this a moment.'}
      />
      {error && (
        <p className="field-error annot-time-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

interface TimeFieldProps {
  id: string;
  label: string;
  value: number | null;
  long: boolean;
  placeholder?: string;
  hint?: string;
  invalid: boolean;
  /** null: the box was emptied. */
  onCommit(time: number | null): void;
  onInvalid(): void;
  onNudge(by: number): void;
}

function TimeField({ id, label, value, long, placeholder, hint, invalid, onCommit, onInvalid, onNudge }: TimeFieldProps) {
  const shown = value === null ? '' : preciseTime(value, long);
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    const text = draft.trim();
    setDraft(null);
    if (text === shown) return;
    if (text === '') return onCommit(null);
    const t = parseClock(text);
    if (t === null) onInvalid();
    else onCommit(t);
  };
  const disabled = value === null;
  return (
    <div className="annot-time">
      <label htmlFor={id} className="annot-time-label">
        {label}
      </label>
      <div className="annot-time-control">
        <button type="button" className="btn btn-small btn-quiet annot-nudge" disabled={disabled} onClick={() => onNudge(-NUDGE)} aria-label={`${label} half a second earlier`} title="Half a second earlier">
          −
        </button>
        <input
          id={id}
          className="input annot-time-input num"
          style={{ width: `${Math.max(7, (draft ?? shown).length) + 2}ch` }}
          value={draft ?? shown}
          placeholder={placeholder}
          inputMode="decimal"
          spellCheck={false}
          aria-invalid={invalid || undefined}
          title={hint}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commit();
            } else if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              setDraft(null);
            }
          }}
        />
        <button type="button" className="btn btn-small btn-quiet annot-nudge" disabled={disabled} onClick={() => onNudge(NUDGE)} aria-label={`${label} half a second later`} title="Half a second later">
          +
        </button>
      </div>
    </div>
  );
}
