import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../shared/domain/annotation';
import { defaultCodes } from '../../shared/codebook/default-codebook';
import { byTime } from './annotation-set';
import { authorsOf, codeCounts, listRows, NO_FILTER } from './list-view';

const codeList = defaultCodes();
const codes = new Map(codeList.map((c) => [c.id, c]));
const order = new Map(codeList.map((c, i) => [c.id, i]));

function annotation(id: string, codeId: string, start: number, author = 'Dr. Lee'): Annotation {
  return { id, sessionId: 's', codeId, start, end: null, comment: '', author, modelResponse: '', segmentIds: [], createdAt: '2026-03-14T10:00:00.000Z', updatedAt: '2026-03-14T10:00:00.000Z' };
}

const all = [
  annotation('1', 'missed-reflection', 30, 'ann'),
  annotation('2', 'open-question', 10, 'Bo'),
  annotation('3', 'change-talk', 20, 'ann'),
  annotation('4', 'open-question', 40, 'Ann'),
  annotation('5', 'no-such-code', 5, 'Bo'),
].sort(byTime);

describe('listRows', () => {
  it('keeps time order unfiltered, and answers the same array', () => {
    expect(listRows(all, codes, order, NO_FILTER, 'time')).toBe(all);
  });

  it('filters by code, kind and author together', () => {
    expect(listRows(all, codes, order, { ...NO_FILTER, codeId: 'open-question' }, 'time').map((a) => a.id)).toEqual(['2', '4']);
    expect(listRows(all, codes, order, { ...NO_FILTER, kind: 'growth' }, 'time').map((a) => a.id)).toEqual(['1']);
    expect(listRows(all, codes, order, { ...NO_FILTER, kind: 'strength', author: 'Bo' }, 'time').map((a) => a.id)).toEqual(['2']);
  });

  it('sorts by code in codebook order with unknown codes last, time order within a code', () => {
    expect(listRows(all, codes, order, NO_FILTER, 'code').map((a) => a.id)).toEqual(['2', '4', '1', '3', '5']);
  });

  it('sorts by author ignoring case, time order within an author', () => {
    expect(listRows(all, codes, order, NO_FILTER, 'author').map((a) => a.id)).toEqual(['3', '1', '4', '5', '2']);
  });
});

describe('authors and counts', () => {
  it('lists each author once, alphabetically', () => {
    expect(authorsOf(all)).toEqual(['ann', 'Ann', 'Bo']);
  });

  it('counts annotations per code', () => {
    expect(codeCounts(all).get('open-question')).toBe(2);
    expect(codeCounts(all).get('no-such-code')).toBe(1);
  });
});
