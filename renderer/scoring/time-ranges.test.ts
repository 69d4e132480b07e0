import { describe, expect, it } from 'vitest';
import type { SessionReview } from '../../shared/domain/review';
import { inCodedRange, phaseWithEnd, phaseWithStart, placePhases, rangeProblem, twentyMinutesFrom } from './time-ranges';

const none: SessionReview['phases'] = { beginning: null, middle: null, termination: null };

describe('phase defaults', () => {
  it('keeps the other end of a phase that is already set', () => {
    const phases = { ...none, middle: { start: 100, end: 900 } };
    expect(phaseWithStart(phases, 'middle', 120, 1000)).toEqual({ start: 120, end: 900 });
    expect(phaseWithEnd(phases, 'middle', 800)).toEqual({ start: 100, end: 800 });
  });

  it('ends a new phase where the next set phase starts, else at the end of the recording', () => {
    expect(phaseWithStart(none, 'beginning', 5, 1000)).toEqual({ start: 5, end: 1000 });
    const phases = { ...none, termination: { start: 850, end: 1000 } };
    expect(phaseWithStart(phases, 'beginning', 5, 1000)).toEqual({ start: 5, end: 850 });
    expect(phaseWithStart({ ...phases, middle: { start: 200, end: 850 } }, 'beginning', 5, 1000)).toEqual({ start: 5, end: 200 });
    // A later phase that starts before the new start is no boundary.
    expect(phaseWithStart(phases, 'middle', 900, 1000)).toEqual({ start: 900, end: 1000 });
  });

  it('starts a new phase where the previous set phase ends, else at zero', () => {
    expect(phaseWithEnd(none, 'termination', 1000)).toEqual({ start: 0, end: 1000 });
    const phases = { ...none, beginning: { start: 0, end: 120 } };
    expect(phaseWithEnd(phases, 'middle', 800)).toEqual({ start: 120, end: 800 });
    expect(phaseWithEnd(phases, 'middle', 60)).toEqual({ start: 0, end: 60 });
  });
});

describe('ranges', () => {
  it('says what is wrong with a range', () => {
    expect(rangeProblem({ start: 10, end: 20 }, 300)).toBeNull();
    expect(rangeProblem({ start: 20, end: 20 }, 300)).toBe('The end must come after the start.');
    expect(rangeProblem({ start: 30, end: 20 }, 300)).toBe('The end must come after the start.');
    expect(rangeProblem({ start: 10, end: 400 }, 300)).toBe('That is after the end of the recording (0:05:00).');
  });

  it('cuts twenty minutes at the end of the recording', () => {
    expect(twentyMinutesFrom(60, 3600)).toEqual({ start: 60, end: 1260 });
    expect(twentyMinutesFrom(60, 300)).toEqual({ start: 60, end: 300 });
  });

  it('counts annotations starting in [start, end)', () => {
    expect(inCodedRange(5, null)).toBe(true);
    expect(inCodedRange(10, { start: 10, end: 20 })).toBe(true);
    expect(inCodedRange(20, { start: 10, end: 20 })).toBe(false);
    expect(inCodedRange(9.99, { start: 10, end: 20 })).toBe(false);
  });
});

describe('placePhases', () => {
  const phases: SessionReview['phases'] = { beginning: { start: 0, end: 60 }, middle: { start: 60, end: 240 }, termination: null };

  it('places set phases over the whole recording', () => {
    expect(placePhases(phases, 300, null)).toEqual([
      { phase: 'beginning', range: { start: 0, end: 60 }, left: 0, width: 20 },
      { phase: 'middle', range: { start: 60, end: 240 }, left: 20, width: 60 },
    ]);
  });

  it('cuts phases to the visible stretch when zoomed and leaves out those outside it', () => {
    expect(placePhases(phases, 300, { start: 30, end: 90 })).toEqual([
      { phase: 'beginning', range: { start: 0, end: 60 }, left: 0, width: 50 },
      { phase: 'middle', range: { start: 60, end: 240 }, left: 50, width: 50 },
    ]);
    expect(placePhases(phases, 300, { start: 250, end: 300 })).toEqual([]);
    expect(placePhases(phases, 0, null)).toEqual([]);
  });
});
