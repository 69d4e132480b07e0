import { describe, expect, it } from 'vitest';
import type { Session } from '../domain/session';
import { addDays, addYears, compactFilter, countByStatus, filterLibrary, normaliseTags, retentionState } from './library-filter';

function session(over: Partial<Session>): Session {
  return {
    id: over.title ?? 'x',
    title: 'x',
    trainee: '',
    supervisor: '',
    recordedAt: null,
    notes: '',
    status: 'new',
    cohort: '',
    clientPseudonym: '',
    tags: [],
    consent: null,
    retainUntil: null,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    media: { originalName: 'a', sha256: 'a', fileName: 'a', peaksFileName: 'a', sizeBytes: 1, duration: 1, container: 'wav', audioCodec: 'pcm', videoCodec: null, channels: 1, sampleRate: 16000, hasVideo: false, width: null, height: null },
    ...over,
  };
}

describe('library filter', () => {
  const today = '2026-03-14';
  const consent = { date: '2025-01-01', scope: 'teaching' as const, recordedBy: 'R' };
  const all = [
    session({ title: 'A', trainee: 'Dana Ruiz', cohort: 'MSW 2026', tags: ['Sustain talk'], recordedAt: '2026-02-01', retainUntil: '2026-03-01', consent, status: 'in-review' }),
    session({ title: 'B', trainee: 'dana ruiz', clientPseudonym: 'Client K', recordedAt: '2026-03-10', retainUntil: '2026-04-13' }),
    session({ title: 'C', trainee: 'Lee', supervisor: 'Dr. Öz', retainUntil: '2026-04-14', consent }),
  ];
  const titles = (f: Parameters<typeof filterLibrary>[1]) => filterLibrary(all, f, today).map((s) => s.title);

  it('matches each part, ignoring case; ranges leave undated sessions out', () => {
    expect(titles({})).toEqual(['A', 'B', 'C']);
    expect(titles({ trainee: 'DANA RUIZ' })).toEqual(['A', 'B']);
    expect(titles({ tag: 'sustain talk' })).toEqual(['A']);
    expect(titles({ cohort: 'MSW 2026', status: 'in-review' })).toEqual(['A']);
    expect(titles({ client: 'client k' })).toEqual(['B']);
    expect(titles({ recordedFrom: '2026-02-02' })).toEqual(['B']);
    expect(titles({ recordedTo: '2026-02-01' })).toEqual(['A']);
    expect(titles({ noConsent: true })).toEqual(['B']);
    expect(titles({ retentionDue: true })).toEqual(['A', 'B']);
    expect(titles({ text: 'oz' })).toEqual(['C']);
    expect(titles({ text: 'sustain dana' })).toEqual(['A']);
  });

  it('dates retention: past, due within 30 days, later', () => {
    expect(all.map((s) => retentionState(s, today))).toEqual(['past', 'due', 'later']);
    expect(retentionState(session({}), today)).toBe('none');
    expect(addDays('2026-03-14', 30)).toBe('2026-04-13');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2025-01-10', 3)).toBe('2028-01-10');
  });

  it('normalises tags, compacts filters and counts statuses', () => {
    expect(normaliseTags([' a  b ', 'A B', '', 'c', 'C'])).toEqual(['a b', 'c']);
    expect(compactFilter({ text: ' ', trainee: 'x', noConsent: false, retentionDue: true })).toEqual({ trainee: 'x', retentionDue: true });
    expect(countByStatus(all)).toEqual({ total: 3, byStatus: { new: 2, transcribed: 0, 'in-review': 1, 'feedback-sent': 0, 'reply-received': 0 } });
  });
});
