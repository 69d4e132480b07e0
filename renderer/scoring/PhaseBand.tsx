/** STUB (to be implemented by the scoring helper): the thin phases band above the waveform. */
import type { SessionReview, TimeRange } from '../../shared/domain/review';

export interface PhaseBandProps {
  phases: SessionReview['phases'] | null;
  /** The recording's timeline length in seconds. */
  duration: number;
  /** The stretch the waveform shows now (null = the whole recording). */
  view: TimeRange | null;
  onSeek(time: number): void;
}

export function PhaseBand(props: PhaseBandProps) {
  void props;
  return null;
}
