/** Which codebook the session is coded with, and the coded range (only annotations starting inside it count). */
import { useId, useState } from 'react';
import type { SessionReview, TimeRange } from '../../shared/domain/review';
import { formatClock } from '../../shared/util/format';
import { useCodebooksState } from '../codebooks/codebooks-store';
import { codebooksHref } from '../app/router';
import { AlertIcon } from '../ui/icons';
import { PlayheadIcon, RangeInputs } from './RangeInputs';
import { MITI_SEGMENT_SECONDS, rangeProblem, twentyMinutesFrom } from './time-ranges';
import { plainMessage, type ReviewPatch } from './useReview';

interface Props {
  review: SessionReview;
  update(patch: ReviewPatch): Promise<void>;
  duration: number;
  currentTime(): number;
}

export function CodebookChoice({ review, update }: Pick<Props, 'review' | 'update'>) {
  const id = useId();
  const { list, error: loadError } = useCodebooksState();
  const [refusal, setRefusal] = useState<string | null>(null);
  const known = list?.some((c) => c.id === review.codebookId) ?? false;
  return (
    <div className="field">
      <div className="field-head">
        <label className="field-label" htmlFor={id}>
          Codebook
        </label>
        <a className="field-link" href={codebooksHref(review.codebookId)}>
          Edit codebooks
        </a>
      </div>
      <select
        id={id}
        className="select"
        value={review.codebookId}
        disabled={!list}
        aria-describedby={refusal ? `${id}-refusal` : undefined}
        aria-invalid={refusal ? true : undefined}
        onChange={(e) => {
          const codebookId = e.target.value;
          update({ codebookId }).then(
            () => setRefusal(null),
            (error: unknown) => setRefusal(plainMessage(error)),
          );
        }}
      >
        {!known && <option value={review.codebookId}>{list ? 'Unknown codebook' : 'Loading…'}</option>}
        {list?.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      {refusal && (
        <p id={`${id}-refusal`} className="field-error" role="alert">
          <AlertIcon size={13} /> {refusal}
        </p>
      )}
      {loadError && !refusal && (
        <p className="field-error" role="alert">
          <AlertIcon size={13} /> The codebooks could not be loaded: {loadError}
        </p>
      )}
    </div>
  );
}

export function CodedRange({ review, update, duration, currentTime, counted, total }: Props & { counted: number; total: number }) {
  const name = useId();
  const range = review.codedRange;
  const save = async (next: TimeRange | null) => {
    if (next) {
      const problem = rangeProblem(next, duration);
      if (problem) throw new Error(problem);
    }
    try {
      await update({ codedRange: next });
    } catch (error) {
      throw new Error(plainMessage(error), { cause: error });
    }
  };
  const [problem, setProblem] = useState<string | null>(null);
  const run = (next: TimeRange | null) =>
    save(next).then(
      () => setProblem(null),
      (error: unknown) => setProblem(error instanceof Error ? error.message : String(error)),
    );
  const twenty = (
    <button type="button" className="btn btn-small btn-secondary" onClick={() => void run(twentyMinutesFrom(currentTime(), duration))}>
      <PlayheadIcon /> 20 minutes from playhead
    </button>
  );
  return (
    <fieldset className="coded-range" data-testid="coded-range">
      <legend className="field-label">Coded range</legend>
      <div className="choice-row">
        <label className="choice">
          <input type="radio" name={name} checked={range === null} onChange={() => void run(null)} /> Whole recording
        </label>
        <label className="choice">
          <input type="radio" name={name} checked={range !== null} onChange={() => void run({ start: 0, end: duration > 0 ? Math.min(duration, MITI_SEGMENT_SECONDS) : MITI_SEGMENT_SECONDS })} />{' '}
          Part of it
        </label>
      </div>
      {range && (
        <RangeInputs
          name="the coded range"
          range={range}
          wordy
          currentTime={currentTime}
          setStart={(start) => save({ start, end: range.end })}
          setEnd={(end) => save({ start: range.start, end })}
          extraButtons={twenty}
        />
      )}
      {!range && <div className="range-buttons">{twenty}</div>}
      {problem && (
        <p className="field-error" role="alert">
          <AlertIcon size={13} /> {problem}
        </p>
      )}
      <p className="field-hint coded-range-note">
        Only annotations that start {range ? `between ${formatClock(range.start)} and ${formatClock(range.end)}` : 'anywhere in the recording'} count toward the
        summary scores: <strong className="num">{counted.toLocaleString()}</strong> of {total.toLocaleString()} annotation{total === 1 ? '' : 's'}.
      </p>
    </fieldset>
  );
}
