/** The three phases of the interview (start and end of each) and the helping-interview checklist under each. */
import { PHASES, PHASE_LABELS, type Phase, type SessionReview, type TimeRange } from '../../shared/domain/review';
import { CHECKLIST } from '../../shared/scoring/checklist';
import { formatClock, spokenDuration } from '../../shared/util/format';
import { RangeInputs } from './RangeInputs';
import { phaseWithEnd, phaseWithStart, rangeProblem } from './time-ranges';
import { plainMessage, type ReviewPatch } from './useReview';

interface Props {
  review: SessionReview;
  update(patch: ReviewPatch): Promise<void>;
  duration: number;
  currentTime(): number;
}

export function PhasesChecklist({ review, update, duration, currentTime }: Props) {
  return (
    <div className="phases">
      {PHASES.map((phase) => (
        <PhaseBlock key={phase} phase={phase} review={review} update={update} duration={duration} currentTime={currentTime} />
      ))}
    </div>
  );
}

function minutes(range: TimeRange): string {
  const m = Math.round((range.end - range.start) / 60);
  return m < 1 ? 'under a minute' : `${m} min`;
}

function PhaseBlock({ phase, review, update, duration, currentTime }: Props & { phase: Phase }) {
  const range = review.phases[phase];
  const label = PHASE_LABELS[phase];
  const items = CHECKLIST.filter((i) => i.phase === phase);
  const ticked = new Set(review.checklist);
  const done = items.filter((i) => ticked.has(i.id)).length;

  const save = async (next: TimeRange | null) => {
    if (next) {
      const problem = rangeProblem(next, duration);
      if (problem) throw new Error(problem);
    }
    try {
      await update({ phases: { [phase]: next } });
    } catch (error) {
      throw new Error(plainMessage(error), { cause: error });
    }
  };

  return (
    <section className={`phase phase-${phase}`} aria-labelledby={`phase-${phase}-title`} data-testid={`phase-${phase}`}>
      <header className="phase-head">
        <h3 id={`phase-${phase}-title`}>{label}</h3>
        <span className="phase-summary num">
          {range ? (
            <>
              {formatClock(range.start)}–{formatClock(range.end)}
              <span className="muted" aria-label={spokenDuration(range.end - range.start)}>
                {' '}
                · {minutes(range)}
              </span>
            </>
          ) : (
            <span className="muted">Not set</span>
          )}
        </span>
        <button type="button" className="btn btn-small btn-quiet" disabled={!range} onClick={() => void save(null).catch(() => undefined)} aria-label={`Clear the ${label.toLowerCase()} phase`}>
          Clear
        </button>
      </header>
      <RangeInputs
        name={`the ${label.toLowerCase()}`}
        range={range}
        currentTime={currentTime}
        setStart={(start) => save(phaseWithStart(review.phases, phase, start, duration))}
        setEnd={(end) => save(phaseWithEnd(review.phases, phase, end))}
      />
      <fieldset className="checklist">
        <legend className="checklist-legend">
          Checklist <span className="muted num">{done} of {items.length}</span>
        </legend>
        {items.map((item) => (
          <label key={item.id} className="check-item">
            <input
              type="checkbox"
              checked={ticked.has(item.id)}
              onChange={(e) => void update({ checklist: { [item.id]: e.target.checked } }).catch(() => undefined)}
              data-testid={`check-${item.id}`}
            />
            <span>{item.label}</span>
          </label>
        ))}
      </fieldset>
    </section>
  );
}
