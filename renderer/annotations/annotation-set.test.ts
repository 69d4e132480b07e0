import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../shared/domain/annotation';
import { applyChanges, overlappingSegmentIds, resorted, sortedByTime } from './annotation-set';

function annotation(id: string, overrides: Partial<Annotation> = {}): Annotation {
  return {
    id,
    sessionId: 's1',
    codeId: 'open-question',
    start: 10,
    end: null,
    comment: '',
    author: 'Dr. Lee',
    modelResponse: '',
    segmentIds: [],
    createdAt: '2026-03-14T10:00:00.000Z',
    updatedAt: '2026-03-14T10:00:00.000Z',
    ...overrides,
  };
}

describe('applyChanges', () => {
  it('adds, replaces and removes by id', () => {
    const start = applyChanges(new Map(), [annotation('a'), annotation('b')]);
    const next = applyChanges(start, [annotation('a', { comment: 'x', updatedAt: '2026-03-14T10:00:01.000Z' })], ['b']);
    expect([...next.keys()]).toEqual(['a']);
    expect(next.get('a')?.comment).toBe('x');
  });

  it('is idempotent: the same event twice changes nothing and answers the same map', () => {
    const a = annotation('a');
    const once = applyChanges(new Map(), [a], []);
    expect(applyChanges(once, [{ ...a }], [])).toBe(once);
    expect(applyChanges(once, [], ['gone'])).toBe(once);
  });

  it('never lets an older echo replace a newer edit', () => {
    const newer = annotation('a', { comment: 'newer', updatedAt: '2026-03-14T10:00:05.000Z' });
    const map = applyChanges(new Map(), [newer]);
    const older = annotation('a', { comment: 'older', updatedAt: '2026-03-14T10:00:01.000Z' });
    expect(applyChanges(map, [older]).get('a')?.comment).toBe('newer');
  });

  it('takes a restored annotation back even with its old timestamp', () => {
    const a = annotation('a', { updatedAt: '2026-01-01T00:00:00.000Z' });
    const deleted = applyChanges(applyChanges(new Map(), [a]), [], ['a']);
    expect(applyChanges(deleted, [a]).get('a')).toEqual(a);
  });
});

describe('sortedByTime', () => {
  it('orders by start, then end (moments first), then creation', () => {
    const map = applyChanges(new Map(), [
      annotation('span', { start: 5, end: 9 }),
      annotation('late', { start: 20 }),
      annotation('moment', { start: 5 }),
      annotation('early', { start: 1, createdAt: '2026-03-14T11:00:00.000Z' }),
    ]);
    expect(sortedByTime(map).map((a) => a.id)).toEqual(['early', 'moment', 'span', 'late']);
  });
});

describe('overlappingSegmentIds', () => {
  const segments = [
    { id: 's1', start: 0, end: 4 },
    { id: 's2', start: 4, end: 9 },
    { id: 's3', start: 12, end: 15 },
  ];

  it('finds the segments a span overlaps', () => {
    expect(overlappingSegmentIds({ start: 3, end: 12.5 }, segments)).toEqual(['s1', 's2', 's3']);
    expect(overlappingSegmentIds({ start: 9, end: 12 }, segments)).toEqual([]);
  });

  it('finds the segment a moment falls in, else the one starting nearest within 2 seconds', () => {
    expect(overlappingSegmentIds({ start: 4, end: null }, segments)).toEqual(['s2']);
    expect(overlappingSegmentIds({ start: 10.5, end: null }, segments)).toEqual(['s3']);
    expect(overlappingSegmentIds({ start: 9.5, end: null }, segments)).toEqual([]);
  });
});

describe('resorted', () => {
  const many = Array.from({ length: 200 }, (_, i) => annotation(`a${i}`, { start: (i * 37) % 101 }));
  const base = applyChanges(new Map(), many);
  const order = sortedByTime(base);

  it('adds, moves and removes in place, giving what a full sort gives', () => {
    const next = applyChanges(base, [annotation('new', { start: 50.5 }), annotation('a3', { start: 0.1, updatedAt: '2026-03-14T10:00:05.000Z' })], ['a7']);
    const kept = resorted(order, base, next);
    expect(kept.map((a) => a.id)).toEqual(sortedByTime(next).map((a) => a.id));
    expect(kept).toHaveLength(200);
  });

  it('answers the same array when nothing changed, and falls back to a full sort for many changes', () => {
    expect(resorted(order, base, base)).toBe(order);
    const shifted = applyChanges(
      base,
      many.map((a) => ({ ...a, start: 100 - a.start, updatedAt: '2026-03-14T10:00:09.000Z' })),
    );
    expect(resorted(order, base, shifted).map((a) => a.id)).toEqual(sortedByTime(shifted).map((a) => a.id));
  });
});
