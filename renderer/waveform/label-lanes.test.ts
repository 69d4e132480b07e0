import { describe, expect, it } from 'vitest';
import { estimateLabelWidth, labelLanes } from './label-lanes';

describe('labelLanes', () => {
  it('puts labels that do not collide on the first row', () => {
    const lanes = labelLanes(
      [
        { id: 'a', x: 0, width: 50, spanWidth: null },
        { id: 'b', x: 60, width: 50, spanWidth: null },
      ],
      3,
    );
    expect([...lanes.entries()]).toEqual([
      ['a', 0],
      ['b', 0],
    ]);
  });

  it('moves a colliding label to the next free row, and collapses it when every row is taken', () => {
    const lanes = labelLanes(
      [
        { id: 'a', x: 0, width: 100, spanWidth: null },
        { id: 'b', x: 10, width: 100, spanWidth: null },
        { id: 'c', x: 20, width: 100, spanWidth: null },
        { id: 'd', x: 103, width: 40, spanWidth: null },
        { id: 'e', x: 115, width: 40, spanWidth: null },
      ],
      2,
    );
    expect(lanes.get('a')).toBe(0);
    expect(lanes.get('b')).toBe(1);
    expect(lanes.get('c')).toBe(-1);
    expect(lanes.get('d')).toBe(-1);
    // Past the first label's end (and the gap), the first row is free again.
    expect(lanes.get('e')).toBe(0);
  });

  it('clips a span label to its span and collapses it when the span is too narrow', () => {
    const lanes = labelLanes(
      [
        { id: 'span', x: 0, width: 200, spanWidth: 40 },
        { id: 'next', x: 50, width: 30, spanWidth: null },
        { id: 'thin', x: 100, width: 60, spanWidth: 10 },
      ],
      1,
    );
    expect(lanes.get('span')).toBe(0);
    expect(lanes.get('next')).toBe(0);
    expect(lanes.get('thin')).toBe(-1);
  });

  it('estimates wider labels for longer names', () => {
    expect(estimateLabelWidth('Persuading without permission')).toBeGreaterThan(estimateLabelWidth('Affirm'));
  });
});
