import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../shared/domain/annotation';
import type { TranscriptSegment } from '../../shared/domain/transcript';
import type { ReceivedFeedback, TraineeResponse } from '../../shared/package/feedback-view';
import { momentSegments, nextUnread, playFrom, progressText, readProgress, shareUnchanged } from './feedback-logic';

const seg = (id: string, start: number, end: number): TranscriptSegment => ({
  id,
  sessionId: 's',
  start,
  end,
  speaker: 'counselor',
  text: id,
  originalText: id,
  edited: false,
});
const SEGMENTS = [seg('a', 0, 5), seg('b', 5, 9), seg('c', 9, 14), seg('d', 14, 20), seg('e', 20, 30)];
const read: TraineeResponse = { readAt: '2026-01-01T00:00:00Z', reply: '', repliedAt: null };
const unread: TraineeResponse = { readAt: null, reply: 'a reply of an unread point cannot be', repliedAt: null };

describe('readProgress and progressText', () => {
  const list = [{ id: '1' }, { id: '2' }, { id: '3' }];
  it('counts only points with a read mark', () => {
    expect(readProgress(list, { '1': read, '3': unread })).toEqual({ read: 1, total: 3 });
    expect(progressText(readProgress(list, { '1': read, '3': unread }))).toBe('1 of 3 read');
  });
  it('says when all are read, and when there is nothing to read', () => {
    expect(progressText(readProgress(list, { '1': read, '2': read, '3': read }))).toBe('All 3 read');
    expect(progressText({ read: 1, total: 1 })).toBe('The one point is read');
    expect(progressText({ read: 0, total: 0 })).toBe('No points to read');
  });
});

describe('playFrom', () => {
  it('starts the pre-roll before the point, never before the recording', () => {
    expect(playFrom({ start: 40 })).toBe(37);
    expect(playFrom({ start: 1.5 })).toBe(0);
    expect(playFrom({ start: 10 }, 0)).toBe(10);
  });
});

describe('momentSegments', () => {
  it('takes the segments the annotation names, in transcript order', () => {
    expect(momentSegments({ start: 0, end: null, segmentIds: ['d', 'b'] }, SEGMENTS).map((s) => s.id)).toEqual(['b', 'd']);
  });
  it('falls back to overlap when the named segments are gone', () => {
    expect(momentSegments({ start: 10, end: 15, segmentIds: ['gone'] }, SEGMENTS).map((s) => s.id)).toEqual(['c', 'd']);
  });
  it('gives a span the lines it overlaps', () => {
    expect(momentSegments({ start: 6, end: 21, segmentIds: [] }, SEGMENTS).map((s) => s.id)).toEqual(['b', 'c', 'd', 'e']);
    expect(momentSegments({ start: 6, end: 21, segmentIds: [] }, SEGMENTS, 2).map((s) => s.id)).toEqual(['b', 'c']);
  });
  it('gives a moment what was just said: the pre-roll before it, nearest lines kept', () => {
    expect(momentSegments({ start: 10, end: null, segmentIds: [] }, SEGMENTS).map((s) => s.id)).toEqual(['b', 'c']);
    expect(momentSegments({ start: 21, end: null, segmentIds: [] }, SEGMENTS, 1).map((s) => s.id)).toEqual(['e']);
  });
  it('is empty without a transcript', () => {
    expect(momentSegments({ start: 10, end: null, segmentIds: [] }, [])).toEqual([]);
  });
});

describe('nextUnread', () => {
  const list = [{ id: '1' }, { id: '2' }, { id: '3' }];
  it('finds the next unread point after the current one, wrapping', () => {
    expect(nextUnread(list, { '2': read }, '1')).toBe(2);
    expect(nextUnread(list, { '1': read }, '3')).toBe(1);
    expect(nextUnread(list, {}, null)).toBe(0);
  });
  it('is -1 when everything is read', () => {
    expect(nextUnread(list, { '1': read, '2': read, '3': read }, '2')).toBe(-1);
    expect(nextUnread([], {}, null)).toBe(-1);
  });
});

describe('shareUnchanged', () => {
  const annotation = { id: 'x', start: 1 } as Annotation;
  const base = (over: Partial<ReceivedFeedback> = {}): ReceivedFeedback =>
    ({
      session: { id: 's', title: 'T' },
      packageId: 'p',
      media: { kind: 'none' },
      codebook: { id: 'c', codes: [] },
      annotations: [annotation],
      transcript: { segments: [] },
      review: { sessionId: 's' },
      scores: { miAdherent: 0 },
      responses: {},
      reflection: { text: '', writtenAt: null },
      ...over,
    }) as unknown as ReceivedFeedback;
  it('keeps the previous objects where nothing changed', () => {
    const prev = base();
    const next = shareUnchanged(prev, base({ responses: { x: read } }));
    expect(next.annotations).toBe(prev.annotations);
    expect(next.transcript).toBe(prev.transcript);
    expect(next.responses).not.toBe(prev.responses);
    expect(next.responses).toEqual({ x: read });
  });
  it('takes the new objects where something changed, and everything for another package', () => {
    const prev = base();
    const changed = base({ annotations: [{ ...annotation, start: 2 }] });
    expect(shareUnchanged(prev, changed).annotations).toBe(changed.annotations);
    const other = base({ packageId: 'q' });
    expect(shareUnchanged(prev, other)).toBe(other);
    expect(shareUnchanged(null, other)).toBe(other);
  });
});
