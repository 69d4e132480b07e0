/**
 * Stretches of the recording: setting one end of a phase or the coded range (the other end's
 * sensible default, and the checks), and where the phases fall on the phases band. Pure functions.
 */
import { formatClock } from '../../shared/util/format';
import { PHASES, type Phase, type SessionReview, type TimeRange } from '../../shared/domain/review';

/** MITI coding is done on a 20-minute stretch. */
export const MITI_SEGMENT_SECONDS = 20 * 60;

/** Why a range cannot be saved, in plain words (null when it is fine). */
export function rangeProblem(range: TimeRange, duration: number): string | null {
  if (range.start < 0 || range.end < 0) return 'A time cannot be before the start of the recording.';
  if (duration > 0 && (range.start > duration + 0.5 || range.end > duration + 0.5))
    return `That is after the end of the recording (${formatClock(duration)}).`;
  if (range.end <= range.start) return 'The end must come after the start.';
  return null;
}

/** Twenty minutes from `time`, cut at the end of the recording. */
export function twentyMinutesFrom(time: number, duration: number): TimeRange {
  const start = Math.max(0, time);
  return { start, end: duration > 0 ? Math.min(duration, start + MITI_SEGMENT_SECONDS) : start + MITI_SEGMENT_SECONDS };
}

type Phases = SessionReview['phases'];

/**
 * A phase with a new start. An unset phase ends where the next set phase starts (or at the end of
 * the recording).
 */
export function phaseWithStart(phases: Phases, phase: Phase, start: number, duration: number): TimeRange {
  const current = phases[phase];
  if (current) return { start, end: current.end };
  const later = PHASES.slice(PHASES.indexOf(phase) + 1)
    .map((p) => phases[p]?.start)
    .filter((t): t is number => t !== undefined && t > start);
  return { start, end: later.length > 0 ? Math.min(...later) : duration };
}

/**
 * A phase with a new end. An unset phase starts where the previous set phase ends (or at the start
 * of the recording).
 */
export function phaseWithEnd(phases: Phases, phase: Phase, end: number): TimeRange {
  const current = phases[phase];
  if (current) return { start: current.start, end };
  const earlier = PHASES.slice(0, PHASES.indexOf(phase))
    .map((p) => phases[p]?.end)
    .filter((t): t is number => t !== undefined && t < end);
  return { start: earlier.length > 0 ? Math.max(...earlier) : 0, end };
}

/** Whether an annotation starting at `time` counts toward the scores (the coded range is [start, end)). */
export function inCodedRange(time: number, range: TimeRange | null): boolean {
  return range === null || (time >= range.start && time < range.end);
}

export interface PlacedPhase {
  phase: Phase;
  range: TimeRange;
  /** Percent of the band. */
  left: number;
  width: number;
}

/** Where each set phase falls in the visible stretch (phases wholly outside it are left out). */
export function placePhases(phases: SessionReview['phases'], duration: number, view: TimeRange | null): PlacedPhase[] {
  const from = view?.start ?? 0;
  const to = view?.end ?? duration;
  const span = to - from;
  if (!(span > 0)) return [];
  const placed: PlacedPhase[] = [];
  for (const phase of PHASES) {
    const range = phases[phase];
    if (!range) continue;
    const start = Math.max(range.start, from);
    const end = Math.min(range.end, to);
    if (end <= start) continue;
    placed.push({ phase, range, left: ((start - from) / span) * 100, width: ((end - start) / span) * 100 });
  }
  return placed;
}

