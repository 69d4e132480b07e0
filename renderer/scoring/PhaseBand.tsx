/**
 * The thin phases band above the waveform: one labelled, coloured segment per phase that is set,
 * placed for the stretch the waveform shows. Clicking a segment goes to the start of its phase.
 */
import { PHASES, PHASE_LABELS, type SessionReview, type TimeRange } from '../../shared/domain/review';
import { formatClock, spokenDuration } from '../../shared/util/format';
import { placePhases } from './time-ranges';

export interface PhaseBandProps {
  phases: SessionReview['phases'] | null;
  /** The recording's timeline length in seconds. */
  duration: number;
  /** The stretch the waveform shows now (null = the whole recording). */
  view: TimeRange | null;
  onSeek(time: number): void;
}

export function PhaseBand({ phases, duration, view, onSeek }: PhaseBandProps) {
  if (!phases || PHASES.every((p) => phases[p] === null)) return null;
  const placed = placePhases(phases, duration, view);
  return (
    <div className="phase-band" role="group" aria-label="Session phases" data-testid="phase-band">
      {placed.map(({ phase, range, left, width }) => {
        const label = PHASE_LABELS[phase];
        return (
          <button
            key={phase}
            type="button"
            className={`phase-segment phase-${phase}`}
            style={{ left: `${left}%`, width: `${width}%` }}
            title={`${label}: ${formatClock(range.start)}–${formatClock(range.end)}. Click to go to its start.`}
            aria-label={`${label} phase, ${formatClock(range.start)} to ${formatClock(range.end)} (${spokenDuration(range.end - range.start)}). Go to its start.`}
            onClick={() => onSeek(range.start)}
            data-testid={`phase-segment-${phase}`}
          >
            <span className="phase-segment-label" aria-hidden="true">
              {label}
            </span>
          </button>
        );
      })}
    </div>
  );
}
