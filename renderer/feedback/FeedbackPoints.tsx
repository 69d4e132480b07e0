/**
 * Every point of the feedback in time order: when, the code (colour and name), the supervisor's
 * comment, the transcript lines of the moment (for a missed opportunity "What was said" beside
 * "What could have been said"), Play, "Read" and the trainee's reply (saved as they type).
 * The supervisor's words are shown, never editable.
 */
import { memo, useCallback, useState, type CSSProperties } from 'react';
import { CODE_KIND_LABELS, type Annotation, type Code } from '../../shared/domain/annotation';
import type { Transcript } from '../../shared/domain/transcript';
import type { TraineeResponse } from '../../shared/package/feedback-view';
import { annotationTime, spokenTime } from '../annotations/annotation-text';
import { errorMessage } from '../api/client';
import { useAutosave } from '../lib/autosave/useAutosave';
import { SavedTextarea } from '../session/Field';
import { CheckIcon, PlayIcon } from '../ui/icons';
import { showError } from '../ui/toasts';
import { momentSegments, NO_RESPONSE, FEEDBACK_PRE_ROLL } from './feedback-logic';

interface PointsProps {
  annotations: readonly Annotation[];
  codes: ReadonlyMap<string, Code>;
  transcript: Transcript;
  responses: Readonly<Record<string, TraineeResponse>>;
  long: boolean;
  selectedId: string | null;
  /** Whether a point can be played (there is a recording or its clip). */
  canPlay(annotation: Annotation): boolean;
  onSelect(id: string): void;
  onPlay(annotation: Annotation): void;
  onMarkRead(annotationId: string, read: boolean): Promise<void>;
  onReply(annotationId: string, text: string): Promise<void>;
}

export function FeedbackPoints({ annotations, codes, transcript, responses, long, selectedId, canPlay, onSelect, onPlay, onMarkRead, onReply }: PointsProps) {
  if (annotations.length === 0) {
    return <p className="fb-empty muted">Your supervisor marked no moments in this session. The overall feedback is in the other tab.</p>;
  }
  return (
    <ol className="fb-points" aria-label="Points of the feedback">
      {annotations.map((a) => (
        <FeedbackPoint
          key={a.id}
          annotation={a}
          code={codes.get(a.codeId)}
          transcript={transcript}
          response={responses[a.id] ?? NO_RESPONSE}
          long={long}
          selected={a.id === selectedId}
          playable={canPlay(a)}
          onSelect={onSelect}
          onPlay={onPlay}
          onMarkRead={onMarkRead}
          onReply={onReply}
        />
      ))}
    </ol>
  );
}

interface PointProps {
  annotation: Annotation;
  code: Code | undefined;
  transcript: Transcript;
  response: TraineeResponse;
  long: boolean;
  selected: boolean;
  playable: boolean;
  onSelect(id: string): void;
  onPlay(annotation: Annotation): void;
  onMarkRead(annotationId: string, read: boolean): Promise<void>;
  onReply(annotationId: string, text: string): Promise<void>;
}

const FeedbackPoint = memo(function FeedbackPoint({ annotation: a, code, transcript, response, long, selected, playable, onSelect, onPlay, onMarkRead, onReply }: PointProps) {
  const name = code?.name ?? 'A point';
  const when = annotationTime(a, long);
  const read = response.readAt !== null;
  const [marking, setMarking] = useState<boolean | null>(null);
  const shownRead = marking ?? read;
  const lines = momentSegments(a, transcript.segments);
  const missed = code?.missedOpportunity === true;
  const speaker = (role: keyof Transcript['speakerNames'] | null) => (role ? transcript.speakerNames[role] : null);
  const toggleRead = (next: boolean) => {
    setMarking(next);
    onMarkRead(a.id, next).then(
      () => setMarking(null),
      (error: unknown) => {
        setMarking(null);
        showError(errorMessage(error), 'The point was not marked');
      },
    );
  };
  const saveReply = useCallback((text: string) => onReply(a.id, text), [onReply, a.id]);

  const quote =
    lines.length > 0 ? (
      <blockquote className="fb-quote">
        {lines.map((s) => (
          <p key={s.id}>
            {speaker(s.speaker) && <span className="fb-quote-speaker">{speaker(s.speaker)}: </span>}
            {s.text}
          </p>
        ))}
      </blockquote>
    ) : null;

  return (
    <li
      className={`fb-point ${selected ? 'is-selected' : ''} ${shownRead ? 'is-read' : ''}`}
      data-testid="feedback-annotation"
      data-annotation-id={a.id}
      style={{ '--annot': code?.color ?? '#64748b' } as CSSProperties}
      onClick={(e) => {
        if (!(e.target as HTMLElement).closest('button, input, textarea, label, a')) onSelect(a.id);
      }}
    >
      <div className="fb-point-head">
        <button
          type="button"
          className="btn btn-secondary btn-small fb-play"
          onClick={() => onPlay(a)}
          disabled={!playable}
          aria-label={`Play the moment ${spokenTime(a, long)}: ${name}`}
          title={playable ? `Play from ${FEEDBACK_PRE_ROLL} seconds before` : 'There is nothing to play for this point'}
          data-testid="feedback-play"
        >
          <PlayIcon size={13} />
          <span className="num">{when}</span>
        </button>
        <span className="fb-code">
          <span className={`code-swatch ${a.end === null ? 'is-moment' : ''}`} aria-hidden="true" />
          <span className="fb-code-name">{name}</span>
          {code && <span className={`fb-kind fb-kind-${code.kind}`}>{CODE_KIND_LABELS[code.kind]}</span>}
        </span>
        <label className={`fb-read ${shownRead ? 'is-on' : ''}`}>
          <input type="checkbox" checked={shownRead} onChange={(e) => toggleRead(e.target.checked)} data-testid="feedback-read" aria-label={`Read: ${name} ${spokenTime(a, long)}`} />
          {shownRead ? (
            <>
              <CheckIcon size={12} /> Read
            </>
          ) : (
            'Mark as read'
          )}
        </label>
      </div>

      {a.comment.trim() !== '' ? <p className="fb-comment">{a.comment}</p> : <p className="fb-comment muted">No comment.</p>}

      {missed ? (
        <div className="fb-missed">
          <div className="fb-missed-col">
            <h3>What was said</h3>
            {quote ?? <p className="muted">The transcript has no line here.</p>}
          </div>
          <div className="fb-missed-col fb-missed-could">
            <h3>What could have been said</h3>
            {a.modelResponse.trim() !== '' ? <blockquote className="fb-quote fb-quote-model">{a.modelResponse}</blockquote> : <p className="muted">Not written.</p>}
          </div>
        </div>
      ) : (
        quote
      )}

      <ReplyBox stored={response.reply} save={saveReply} />
    </li>
  );
});

function ReplyBox({ stored, save }: { stored: string; save(text: string): Promise<void> }) {
  const text = useAutosave(stored, save);
  return (
    <SavedTextarea
      label="Your reply"
      text={text}
      fieldClassName="fb-reply"
      className="input textarea fb-reply-input"
      placeholder="A question, a thought, what you will try next time… (optional)"
      rows={2}
      maxLength={10000}
      testId="feedback-reply"
    />
  );
}
