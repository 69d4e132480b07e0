/** Start and end of a stretch of the recording: two clock inputs, each with a "to the playhead" button, and one line for problems. */
import { useId, useState, type ReactNode } from 'react';
import type { TimeRange } from '../../shared/domain/review';
import { AlertIcon } from '../ui/icons';
import { ClockInput } from './ClockInput';

interface RangeInputsProps {
  /** What the stretch is, for labels: "the coded range", "the beginning". */
  name: string;
  range: TimeRange | null;
  /** Save a new start / end; throw an Error with a plain-words message when it cannot be. */
  setStart(seconds: number): Promise<void>;
  setEnd(seconds: number): Promise<void>;
  currentTime(): number;
  /** Show "Start at playhead" text on the buttons (else an icon with a tooltip). */
  wordy?: boolean;
  /** More buttons for the wordy button row. */
  extraButtons?: ReactNode;
}

export function PlayheadIcon({ size = 14 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d="M7 3.5h10l-5 5z" fill="currentColor" />
      <path d="M12 8.5v12" />
    </svg>
  );
}

export function RangeInputs({ name, range, setStart, setEnd, currentTime, wordy = false, extraButtons }: RangeInputsProps) {
  const id = useId();
  const problemId = `${id}-problem`;
  const [problemState, setProblemState] = useState<{ which: 'start' | 'end'; message: string } | null>(null);
  const problem = problemState?.message ?? null;
  const reportFor = (which: 'start' | 'end') => (message: string | null) => setProblemState(message === null ? null : { which, message });
  const fromPlayhead = async (which: 'start' | 'end') => {
    try {
      await (which === 'start' ? setStart : setEnd)(currentTime());
      setProblemState(null);
    } catch (error) {
      setProblemState({ which, message: error instanceof Error ? error.message : 'That time was not saved.' });
    }
  };
  const invalid = (which: 'start' | 'end') => problemState?.which === which;
  const playheadButton = (which: 'start' | 'end') => {
    const text = which === 'start' ? 'Start at playhead' : 'End at playhead';
    return (
      <button
        type="button"
        className={`btn btn-small ${wordy ? 'btn-secondary' : 'btn-quiet btn-icon'}`}
        onClick={() => void fromPlayhead(which)}
        title={wordy ? undefined : text}
        aria-label={`Set the ${which} of ${name} to the playhead`}
      >
        <PlayheadIcon />
        {wordy && text}
      </button>
    );
  };
  return (
    <div className="range-inputs">
      <div className="range-fields">
        <div className="range-field">
          <span className="range-field-label" aria-hidden="true">Start</span>
          <ClockInput
            label={`Start of ${name}`}
            value={range?.start ?? null}
            onCommit={setStart}
            onProblem={reportFor('start')}
            invalid={invalid('start')}
            describedBy={invalid('start') ? problemId : undefined}
          />
          {!wordy && playheadButton('start')}
        </div>
        <span className="range-dash" aria-hidden="true">
          –
        </span>
        <div className="range-field">
          <span className="range-field-label" aria-hidden="true">End</span>
          <ClockInput
            label={`End of ${name}`}
            value={range?.end ?? null}
            onCommit={setEnd}
            onProblem={reportFor('end')}
            invalid={invalid('end')}
            describedBy={invalid('end') ? problemId : undefined}
          />
          {!wordy && playheadButton('end')}
        </div>
      </div>
      {wordy && (
        <div className="range-buttons">
          {playheadButton('start')}
          {playheadButton('end')}
          {extraButtons}
        </div>
      )}
      {problem && (
        <p id={problemId} className="field-error" role="alert">
          <AlertIcon size={13} /> {problem}
        </p>
      )}
    </div>
  );
}
