import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../api/dispatch';
import { dispatchHarness, type DispatchHarness } from '../../test-support/api-harness';
import { importSample, openTempServices } from '../../test-support/temp-library';
import type { Services } from '../services';
import type { SavedFilter, StatusCounts } from '../../../shared/domain/library';
import type { Session } from '../../../shared/domain/session';

describe('library fields, saved filters and status counts through the API', () => {
  let services: Services & { cleanup(): void };
  let api: DispatchHarness;
  let a: Session;
  let b: Session;

  beforeAll(async () => {
    services = openTempServices();
    api = dispatchHarness(services);
    a = await importSample(services, 'audio/jfk.wav');
    b = await importSample(services, 'audio/jfk.mp3');
  });
  afterAll(() => services.cleanup());

  const refusal = async (name: Parameters<typeof dispatch>[0], input: unknown) => {
    const res = await dispatch(name, input, api.ctx);
    if (res.ok) throw new Error(`${String(name)} was accepted`);
    return res.error;
  };

  it('round-trips the new fields and announces the change', async () => {
    const saved = await api.ok<Session>('sessions.update', {
      id: a.id,
      patch: {
        trainee: ' Dana ',
        cohort: 'MSW 2026 — Practicum I',
        clientPseudonym: 'Client K',
        tags: ['sustain talk', 'Sustain talk', ' ambivalence '],
        consent: { date: '2026-01-15', scope: 'supervision', recordedBy: 'Dr. Ruiz' },
        retainUntil: '2027-01-15',
        status: 'in-review',
      },
    });
    expect(saved).toMatchObject({ trainee: 'Dana', cohort: 'MSW 2026 — Practicum I', clientPseudonym: 'Client K', tags: ['sustain talk', 'ambivalence'], retainUntil: '2027-01-15' });
    expect(await api.ok<Session>('sessions.get', { id: a.id })).toEqual(saved);
    expect(api.events).toContainEqual(['library.changed', { sessionId: a.id }]);
  });

  it('explains bad dates, too many tags, a bad scope and a missing recorder in plain words', async () => {
    const before = await api.ok<Session>('sessions.get', { id: a.id });
    expect(await refusal('sessions.update', { id: a.id, patch: { retainUntil: '2026-02-30' } })).toEqual({ code: 'invalid_input', message: 'patch.retainUntil: That date does not exist.' });
    expect(await refusal('sessions.update', { id: a.id, patch: { consent: { date: '15/01/2026', scope: 'teaching', recordedBy: 'X' } } })).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/^patch\.consent\.date: Use a date like 2026-03-14\./) as string,
    });
    expect(await refusal('sessions.update', { id: a.id, patch: { tags: Array.from({ length: 51 }, (_, i) => `tag ${i}`) } })).toEqual({
      code: 'invalid_input',
      message: 'patch.tags: A session can carry at most 50 tags.',
    });
    expect(await refusal('sessions.update', { id: a.id, patch: { consent: { date: '2026-01-15', scope: 'marketing', recordedBy: 'X' } } })).toEqual({
      code: 'invalid_input',
      message: 'patch.consent.scope: The consent scope must be supervision only, teaching or research.',
    });
    expect(await refusal('sessions.update', { id: a.id, patch: { consent: { date: '2026-01-15', scope: 'teaching', recordedBy: '  ' } } })).toEqual({
      code: 'invalid_input',
      message: 'patch.consent.recordedBy: Say who recorded the consent.',
    });
    expect(await refusal('sessions.update', { id: a.id, patch: { retainUntil: '2025-12-31' } })).toEqual({
      code: 'invalid_input',
      message: 'The retention date cannot be before the day consent was given.',
    });
    expect(await refusal('sessions.update', { id: a.id, patch: { tags: ['x'.repeat(61)] } })).toEqual({
      code: 'invalid_input',
      message: 'patch.tags.0: A tag is too long (at most 60 characters).',
    });
    expect(await api.ok<Session>('sessions.get', { id: a.id })).toEqual(before);
  });

  it('counts sessions per status, among those matching a filter whatever status it names', async () => {
    const all = await api.ok<StatusCounts>('library.statusCounts', {});
    expect(all).toEqual({ total: 2, byStatus: { new: 1, transcribed: 0, 'in-review': 1, 'feedback-sent': 0, 'reply-received': 0 } });
    const dana = await api.ok<StatusCounts>('library.statusCounts', { filter: { trainee: 'dana', status: 'new' } });
    expect(dana).toEqual({ total: 1, byStatus: { new: 0, transcribed: 0, 'in-review': 1, 'feedback-sent': 0, 'reply-received': 0 } });
    const noConsent = await api.ok<StatusCounts>('library.statusCounts', { filter: { noConsent: true } });
    expect(noConsent.total).toBe(1);
    expect(noConsent.byStatus.new).toBe(1);
    const tagged = await api.ok<StatusCounts>('library.statusCounts', { filter: { tag: 'AMBIVALENCE', recordedFrom: '2026-01-01' } });
    expect(tagged.total).toBe(0); // no recording date set: a date range leaves it out
    expect(b.status).toBe('new');
  });

  it('saves, replaces by name, lists and deletes filters; refuses empty and bad ones', async () => {
    const first = await api.ok<SavedFilter>('library.saveFilter', { name: 'Dana, no consent', filter: { trainee: 'Dana', noConsent: true, text: '' } });
    expect(first.filter).toEqual({ trainee: 'Dana', noConsent: true });
    const again = await api.ok<SavedFilter>('library.saveFilter', { name: 'dana, NO consent', filter: { trainee: 'Dana', retentionDue: true } });
    expect(again.id).toBe(first.id);
    await api.ok('library.saveFilter', { name: 'Ambivalence', filter: { tag: 'ambivalence' } });
    const list = await api.ok<SavedFilter[]>('library.savedFilters', {});
    expect(list.map((f) => [f.name, f.filter])).toEqual([
      ['Ambivalence', { tag: 'ambivalence' }],
      ['dana, NO consent', { trainee: 'Dana', retentionDue: true }],
    ]);
    expect(api.events.filter(([n]) => n === 'library.filtersChanged')).toHaveLength(3);

    expect(await refusal('library.saveFilter', { name: 'Nothing', filter: {} })).toEqual({ code: 'invalid_input', message: 'Choose something to filter by before saving the filter.' });
    expect(await refusal('library.saveFilter', { name: ' ', filter: { tag: 'x' } })).toEqual({ code: 'invalid_input', message: 'name: Give the filter a name.' });
    expect(await refusal('library.saveFilter', { name: 'Range', filter: { recordedFrom: '2026-03-01', recordedTo: '2026-02-01' } })).toEqual({
      code: 'invalid_input',
      message: 'filter.recordedTo: The “from” date must not be after the “to” date.',
    });
    expect(await refusal('library.saveFilter', { name: 'Odd', filter: { colour: 'red' } })).toMatchObject({ code: 'invalid_input' });

    await api.ok('library.deleteFilter', { id: first.id });
    expect((await api.ok<SavedFilter[]>('library.savedFilters', {})).map((f) => f.name)).toEqual(['Ambivalence']);
    expect(await refusal('library.deleteFilter', { id: first.id })).toEqual({ code: 'not_found', message: 'That saved filter is no longer there.' });
  });
});
