/**
 * Library-wide search on a real library: what it finds, its filters, the index following edits and
 * deletions (triggers, including a session's cascade), hostile queries, the rebuild, and the
 * migration filling the index of a library written before search existed.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchHit, SearchRequest, SearchResults } from '../../../shared/domain/search';
import type { TranscriptSegment } from '../../../shared/domain/transcript';
import { dispatch } from '../../api/dispatch';
import { dispatchHarness } from '../../test-support/api-harness';
import { importSample, openTempServices } from '../../test-support/temp-library';
import { migrate, MIGRATIONS } from '../store/migrations';
import { dateFacets, SearchService } from './search-service';

const VTT_A = `WEBVTT

00:00:01.000 --> 00:00:04.000
<v Dana>How much are you drinking these days?

00:00:05.000 --> 00:00:09.000
<v Sam>Maybe six beers a night, sometimes whisky.

00:00:10.000 --> 00:00:14.000
<v Dana>It sounds like the drinking worries you more than you let on.

00:00:20.000 --> 00:00:25.000
<v Sam>My grandmother’s café was the only place I felt safe.
`;

const VTT_B = `WEBVTT

00:00:02.000 --> 00:00:05.000
<v Lee>Have you thought about quitting smoking?

00:00:06.000 --> 00:00:08.000
<v Ana>I drink coffee instead of smoking now.
`;

describe('library-wide search', () => {
  const services = openTempServices();
  const { ctx } = dispatchHarness(services);
  let a = '';
  let b = '';
  let segsA: TranscriptSegment[] = [];
  let reflectionId = '';
  let questionId = '';

  const search = (request: SearchRequest): SearchResults => services.search.search(request);
  const hits = (query: string, filters: Omit<SearchRequest, 'query'> = {}): SearchHit[] => search({ query, ...filters }).hits;
  const texts = (query: string, filters: Omit<SearchRequest, 'query'> = {}): string[] => hits(query, filters).map((h) => h.text);
  const marked = (h: SearchHit): string => h.highlights.map(([from, to]) => h.text.slice(from, to)).join('|');
  const entriesOf = (sessionId: string): number =>
    (services.db.prepare('SELECT count(*) AS n FROM search_entries WHERE session_id = ?').get(sessionId) as { n: number }).n;

  beforeAll(async () => {
    a = (await importSample(services, 'sessions/annomi-0-high.m4a')).id;
    b = (await importSample(services, 'sessions/annomi-115-low.mp3')).id;
    services.sessions.update(a, { trainee: 'Dana Reyes', recordedAt: '2026-01-10', title: 'Alcohol, first visit' });
    services.sessions.update(b, { trainee: 'Lee Park', title: 'Smoking' });
    segsA = services.transcripts.importSubtitles(a, 'a.vtt', VTT_A).transcript.segments;
    services.transcripts.importSubtitles(b, 'b.vtt', VTT_B);
    reflectionId = services.annotations.create({
      sessionId: a,
      codeId: 'complex-reflection',
      start: 10,
      end: 14,
      comment: 'Lovely complex reflection of her ambivalence.',
      modelResponse: 'You are worried, and not sure you want to stop.',
    }).id;
    questionId = services.annotations.create({ sessionId: b, codeId: 'open-question', start: 2, end: null, comment: 'Good question about smoking.' }).id;
    services.reviews.update(a, { feedback: { strengths: 'Warm tone and patient pacing.', growthAreas: 'Offer more summaries.', goals: 'Try double-sided reflections.' } });
  });
  afterAll(() => services.cleanup());

  it('finds words in transcripts, comments, model responses and feedback, with the moment and the match marked', () => {
    const drinking = hits('drinking');
    expect(drinking.map((h) => [h.matched, h.start, h.speakerName, marked(h)])).toEqual(
      expect.arrayContaining([
        ['transcript', 1, 'Dana', 'drinking'],
        ['transcript', 10, 'Dana', 'drinking'],
      ]),
    );
    // Stemming: "drink" also finds "drinking" (and session B's "drink").
    expect(hits('drink').map((h) => h.sessionId).sort()).toEqual([a, a, b].sort());
    expect(hits('ambivalence')).toEqual([
      expect.objectContaining({ sessionId: a, matched: 'comment', field: 'comment', start: 10, end: 14, codeId: 'complex-reflection', codeName: 'Complex reflection', title: 'Alcohol, first visit', trainee: 'Dana Reyes', recordedAt: '2026-01-10', speaker: null }),
    ]);
    expect(hits('worried').map((h) => `${h.matched}/${h.field}`).sort()).toEqual(['comment/modelResponse', 'transcript/transcript']);
    expect(hits('summaries')).toEqual([expect.objectContaining({ matched: 'feedback', field: 'growthAreas', start: 0, end: null })]);
    expect(hits('pacing')[0]).toMatchObject({ matched: 'feedback', field: 'strengths', text: 'Warm tone and patient pacing.' });
    expect(marked(hits('"double-sided reflections"')[0]!)).toBe('double-sided reflections');
    // Accents and case do not matter.
    expect(texts('CAFE')).toEqual(['My grandmother’s café was the only place I felt safe.']);
    expect(search({ query: 'nothing-like-this' })).toEqual({ hits: [], total: 0 });
  });

  it('reads phrases, OR, left-out words and prefixes', () => {
    expect(texts('"six beers"')).toHaveLength(1);
    expect(texts('"beers six"')).toHaveLength(0);
    expect(texts('whisky OR coffee')).toHaveLength(2);
    expect(texts('drinking -worries -coffee')).toEqual(['How much are you drinking these days?']);
    expect(texts('grandmo*')).toHaveLength(1);
    expect(texts('smok* -quitting').sort()).toEqual(['Good question about smoking.', 'I drink coffee instead of smoking now.']);
    expect(texts('drinking days')).toEqual(['How much are you drinking these days?']);
  });

  it('filters by trainee, date range, speaker and code', () => {
    expect(hits('smoking', { trainee: 'lee park' })).toHaveLength(3);
    expect(hits('smoking', { trainee: 'Dana Reyes' })).toHaveLength(0);
    expect(hits('drink', { trainee: ' Dana Reyes ' }).every((h) => h.sessionId === a)).toBe(true);
    // A date range leaves out sessions without a date.
    expect(hits('drink', { from: '2026-01-01' }).map((h) => h.sessionId)).toEqual([a, a]);
    expect(hits('drink', { from: '2026-01-10', to: '2026-01-10' })).toHaveLength(2);
    expect(hits('drink', { to: '2026-01-09' })).toHaveLength(0);
    expect(hits('drink', { from: '2026-01-11' })).toHaveLength(0);
    // Speaker by role or by the name the transcript gives it; only transcript lines.
    expect(texts('smoking', { speaker: 'client' })).toEqual(['I drink coffee instead of smoking now.']);
    expect(texts('smoking', { speaker: 'Ana' })).toEqual(['I drink coffee instead of smoking now.']);
    expect(texts('smoking', { speaker: 'counselor' })).toEqual(['Have you thought about quitting smoking?']);
    expect(texts('smoking', { speaker: 'Counsellor' })).toEqual(['Have you thought about quitting smoking?']);
    expect(texts('worried', { speaker: 'Dana' })).toEqual(['It sounds like the drinking worries you more than you let on.']);
    expect(texts('smoking', { speaker: 'Nobody' })).toEqual([]);
    // Code: the annotations with it, and transcript lines inside their span (10–14 s), not others.
    expect(hits('drinking', { code: 'complex-reflection' }).map((h) => [h.matched, h.start])).toEqual([['transcript', 10]]);
    expect(hits('worried OR ambivalence', { code: 'complex-reflection' }).map((h) => h.field).sort()).toEqual(['comment', 'modelResponse', 'transcript']);
    expect(hits('smoking', { code: 'open-question' }).map((h) => [h.matched, h.start]).sort()).toEqual([
      ['comment', 2],
      ['transcript', 2],
    ]);
    expect(hits('summaries', { code: 'complex-reflection' })).toHaveLength(0);
    // Filters combine.
    expect(hits('smoking', { code: 'open-question', speaker: 'client' })).toHaveLength(0);
  });

  it('answers the best hits first, at most `limit`, with the total', () => {
    const all = search({ query: 'drink OR smoking OR worried' });
    expect(all.total).toBe(all.hits.length);
    const two = search({ query: 'drink OR smoking OR worried', limit: 2 });
    expect(two.hits).toEqual(all.hits.slice(0, 2));
    expect(two.total).toBe(all.total);
    expect(search({ query: 'drink OR smoking', limit: 1, trainee: 'Lee Park' }).total).toBe(hits('drink OR smoking', { trainee: 'Lee Park' }).length);
  });

  it('follows edits: a corrected line, an edited comment, a moved annotation, a new reply and a reflection', () => {
    const whisky = segsA[1]!;
    services.transcripts.updateSegment(whisky.id, { text: 'Maybe six ciders a night.' });
    expect(texts('whisky')).toEqual([]);
    expect(texts('ciders')).toEqual(['Maybe six ciders a night.']);
    services.transcripts.updateSegment(whisky.id, { speaker: 'counselor' });
    expect(hits('ciders', { speaker: 'client' })).toEqual([]);
    expect(hits('ciders')[0]).toMatchObject({ speaker: 'counselor', speakerName: 'Dana' });

    services.annotations.update(reflectionId, { comment: 'Reflects the mixed feelings well.' });
    expect(hits('ambivalence')).toEqual([]);
    expect(hits('feelings')[0]).toMatchObject({ field: 'comment', start: 10 });
    services.annotations.update(reflectionId, { start: 11, end: 13, codeId: 'summary' });
    expect(hits('feelings')[0]).toMatchObject({ start: 11, end: 13, codeId: 'summary', codeName: 'Summary' });
    services.annotations.update(reflectionId, { modelResponse: '' });
    expect(hits('stop')).toEqual([]);

    // The trainee's reply and reflection, as merging a reply file writes them.
    const now = new Date().toISOString();
    services.db
      .prepare(
        `INSERT INTO annotation_replies (annotation_id, text, replied_at, read_at, merged_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(annotation_id) DO UPDATE SET text = excluded.text`,
      )
      .run(reflectionId, 'I tried to hear both perspectives.', now, now, now);
    expect(hits('perspectives')).toEqual([expect.objectContaining({ matched: 'feedback', field: 'reply', start: 11, codeId: 'summary' })]);
    expect(hits('perspectives', { code: 'summary' })).toHaveLength(1);
    expect(hits('perspectives', { code: 'complex-reflection' })).toHaveLength(0);
    services.db.prepare(`INSERT INTO annotation_replies (annotation_id, text, merged_at) VALUES (?, ?, ?) ON CONFLICT(annotation_id) DO UPDATE SET text = excluded.text`).run(reflectionId, 'Both views, I hope.', now);
    expect(hits('perspectives')).toEqual([]);
    expect(hits('views')).toHaveLength(1);
    services.db.prepare('INSERT INTO session_reflections (session_id, text, merged_at) VALUES (?, ?, ?)').run(a, 'I learned to slow down.', now);
    expect(hits('slow')).toEqual([expect.objectContaining({ matched: 'feedback', field: 'reflection', sessionId: a })]);

    // A session's trainee and date follow into its texts' filters.
    services.sessions.update(b, { trainee: 'Lee Parker', recordedAt: '2025-05-05' });
    expect(hits('smoking', { trainee: 'Lee Park' })).toEqual([]);
    expect(hits('smoking', { trainee: 'Lee Parker', from: '2025-05-01', to: '2025-05-31' })).toHaveLength(3);
    services.sessions.update(b, { trainee: 'Lee Park', recordedAt: null });

    services.reviews.update(a, { feedback: { goals: 'Ask fewer closed questions.' } });
    expect(hits('double-sided')).toEqual([]);
    expect(hits('fewer')[0]).toMatchObject({ field: 'goals' });
    expect(services.search.isConsistent()).toBe(true);
  });

  it('follows a transcript replaced by a new import', () => {
    services.transcripts.importSubtitles(b, 'b2.vtt', 'WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Lee>Tell me about your week.\n');
    expect(texts('coffee')).toEqual([]);
    expect(texts('week')).toEqual(['Tell me about your week.']);
    expect(services.search.isConsistent()).toBe(true);
  });

  it('forgets a deleted annotation with its reply, and a deleted session with everything in it', async () => {
    services.annotations.delete(reflectionId);
    expect(hits('feelings')).toEqual([]);
    expect(hits('views')).toEqual([]);
    expect(hits('smoking').map((h) => h.field)).toEqual(['comment']);

    expect(entriesOf(a)).toBeGreaterThan(0);
    await services.deleteSession(a);
    for (const q of ['drinking', 'café', 'ciders', 'slow', 'pacing', 'fewer']) expect(hits(q)).toEqual([]);
    expect(entriesOf(a)).toBe(0);
    // No word of it is left in the index itself.
    services.db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_words USING fts5vocab(main, search_fts, 'row')`);
    const words = (services.db.prepare('SELECT term FROM temp.search_words').all() as { term: string }[]).map((r) => r.term);
    expect(words).toContain('week');
    for (const w of ['drink', 'cider', 'cafe', 'grandmoth', 'pace', 'fewer', 'slow']) expect(words).not.toContain(w);
    expect(services.search.isConsistent()).toBe(true);
    expect(hits('week')).toHaveLength(1);
  });

  it('rebuilds the index from scratch to the same answers', () => {
    const before = ['week', 'smoking', 'tell OR question'].map((q) => search({ query: q }));
    services.db.exec("DELETE FROM search_entries; INSERT INTO search_fts (search_fts) VALUES ('delete-all')");
    expect(hits('week')).toEqual([]);
    expect(services.search.rebuild()).toEqual({ entries: 2 });
    expect(['week', 'smoking', 'tell OR question'].map((q) => search({ query: q }))).toEqual(before);
    expect(services.search.isConsistent()).toBe(true);
    void questionId;
  });

  it('answers hostile or mistaken searches through the API with a plain message or results, never a database error', async () => {
    const hostile = [
      'NEAR(a b)',
      'NEAR(smoking',
      'text:smoking',
      'search_fts:smoking',
      '{text}: smoking',
      '^smoking',
      'smoking^',
      '+smoking',
      '*',
      '**smoking',
      'smo*king*',
      "'; DROP TABLE sessions; --",
      '") OR 1=1 --',
      '"',
      '"""',
      '" OR "',
      'smoking)',
      '(smoking',
      'smoking AND',
      'AND OR NOT',
      'NOT smoking',
      '-',
      '--smoking',
      '- -',
      'OR',
      'smoking OR',
      'OR OR OR',
      '\u0000smoking\u0000',
      'smok\u0301ing',
      '😀',
      '𝓈𝓂𝑜𝓀𝒾𝓃𝑔',
      'ｓｍｏｋｉｎｇ',
      '\u202Esmoking',
      'a'.repeat(500),
      'smoking '.repeat(40),
      'x'.repeat(10_240),
      '"'.repeat(10_240),
      '',
      ' ',
    ];
    for (const query of hostile) {
      const res = await dispatch('search.query', { query }, ctx);
      if (res.ok) continue;
      expect(res.error.code, query).toBe('invalid_input');
      expect(res.error.message, query).not.toMatch(/fts5|sqlite|syntax error|no such column|MATCH|malformed/i);
    }
    expect(await dispatch('search.query', { query: 'x'.repeat(10_240) }, ctx)).toMatchObject({ ok: false, error: { message: 'query: A search can be at most 500 characters long; shorten it.' } });
    expect(await dispatch('search.query', { query: '"smoking' }, ctx)).toEqual({ ok: false, error: { code: 'invalid_input', message: 'Close the quotation mark after “smoking”.' } });
    expect(await dispatch('search.query', { query: 'NEAR(smoking' }, ctx)).toMatchObject({ ok: true });
    expect(services.sessions.list()).toHaveLength(1);
  });

  it('validates the filters at the boundary', async () => {
    expect(await dispatch('search.query', { query: 'a', from: '2026-02-30' }, ctx)).toMatchObject({ ok: false, error: { message: 'from: That date does not exist.' } });
    expect(await dispatch('search.query', { query: 'a', from: '2026-03-01', to: '2026-02-01' }, ctx)).toMatchObject({ ok: false, error: { message: /“from” date must not be after the “to” date/ } });
    expect(await dispatch('search.query', { query: 'a', limit: 5000 }, ctx)).toMatchObject({ ok: false, error: { message: 'limit: Ask for at most 1000 results.' } });
    expect(await dispatch('search.query', { query: 'a', sql: 'x' }, ctx)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatch('search.query', { query: 'week', from: '', to: '', trainee: '', code: '', speaker: '' }, ctx)).toMatchObject({ ok: true, value: { total: 1 } });
  });

  it('offers the trainees, codes and speaker names the filters can choose', async () => {
    expect(await dispatch('search.options', {}, ctx)).toEqual({
      ok: true,
      value: { trainees: ['Lee Park'], codes: [{ id: 'open-question', name: 'Open question' }], speakerNames: ['Ana', 'Lee'] },
    });
  });
});

describe('prefix-heavy searches on a library of a few thousand lines', () => {
  const services = openTempServices();
  const { ctx } = dispatchHarness(services);
  const LINES = 3000;

  beforeAll(async () => {
    const session = await importSample(services, 'sessions/annomi-0-high.m4a');
    const duration = session.media?.duration ?? 0;
    expect(duration).toBeGreaterThan(30);
    services.sessions.update(session.id, { recordedAt: '2026-02-03' });
    // Words that share their first letters widely, so that every prefix below matches many lines.
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const word = (): string => Array.from({ length: 3 + random(6) }, () => letters[random(26)]).join('');
    const step = (duration - 1) / LINES;
    const stamp = (t: number): string => new Date(Math.round(t * 1000)).toISOString().slice(11, 23);
    const cues = Array.from({ length: LINES }, (_, i) => {
      const speaker = i % 2 === 0 ? 'Dana' : 'Sam';
      return `${stamp(i * step)} --> ${stamp((i + 0.9) * step)}\n<v ${speaker}>${Array.from({ length: 20 }, word).join(' ')}`;
    });
    services.transcripts.importSubtitles(session.id, 'many.vtt', `WEBVTT\n\n${cues.join('\n\n')}\n`);
    services.annotations.create({ sessionId: session.id, codeId: 'complex-reflection', start: 0, end: duration, comment: 'Covers every line.' });
  });
  afterAll(() => services.cleanup());

  it('refuses one-letter prefixes and more than five prefixes, in plain words', async () => {
    const alphabet = 'abcdefghijklmnopqrstuvwxyz'.split('').map((c) => `${c}*`).join(' OR ');
    expect(await dispatch('search.query', { query: alphabet }, ctx)).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'Type at least two letters before *, like: reflect* (not “a*”).' },
    });
    expect(await dispatch('search.query', { query: 'ab* OR ac* OR ad* OR ae* OR af* OR ag*' }, ctx)).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'Use at most 5 words ending in * in one search; type more of the word instead.' },
    });
  });

  it('answers the costliest allowed prefix searches quickly, with or without filters', () => {
    const query = 'ab* OR ca* OR de* OR ma* OR st*';
    const filters: Omit<SearchRequest, 'query'>[] = [
      {},
      { speaker: 'client' },
      { speaker: 'Dana' },
      { code: 'complex-reflection' },
      { code: 'complex-reflection', speaker: 'Sam', from: '2026-02-02' },
    ];
    for (const filter of filters) {
      const started = performance.now();
      const results = services.search.search({ query, limit: 1000, ...filter });
      const elapsed = performance.now() - started;
      expect(results.total, JSON.stringify(filter)).toBeGreaterThan(100);
      expect(results.hits.length).toBe(Math.min(1000, results.total));
      expect(elapsed, JSON.stringify(filter)).toBeLessThan(500);
    }
  });

  it('ranks a filtered search in the database: the same best hits as the whole ranking', () => {
    const all = services.search.search({ query: 'ab* OR ca*', speaker: 'Dana', limit: 1000 });
    const top = services.search.search({ query: 'ab* OR ca*', speaker: 'Dana', limit: 10 });
    expect(top.total).toBe(all.total);
    expect(top.hits).toEqual(all.hits.slice(0, 10));
    expect(all.hits.every((h) => h.speakerName === 'Dana')).toBe(true);
  });
});

describe('the search index of a library written before search existed', () => {
  it('is filled by the migration', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.filter((m) => m.version < 6));
    const now = new Date().toISOString();
    db.prepare(`INSERT INTO sessions (id, title, created_at, updated_at) VALUES ('s1', 'Old session', ?, ?)`).run(now, now);
    db.prepare(`INSERT INTO segments (id, session_id, start, end, speaker, text, original_text) VALUES ('g1', 's1', 3, 5, 'client', 'I want to cut down.', '')`).run();
    db.prepare(`INSERT INTO annotations (id, session_id, code_id, start, comment, created_at, updated_at) VALUES ('a1', 's1', 'change-talk', 3, 'Clear change talk.', ?, ?)`).run(now, now);
    expect(migrate(db)).toBe(MIGRATIONS.at(-1)?.version);
    const search = new SearchService(db);
    expect(search.search({ query: '"cut down"' }).hits).toEqual([expect.objectContaining({ sessionId: 's1', start: 3, end: 5, speaker: 'client', text: 'I want to cut down.' })]);
    expect(search.search({ query: 'change' }).hits).toEqual([expect.objectContaining({ matched: 'comment', codeId: 'change-talk' })]);
    expect(search.isConsistent()).toBe(true);
    db.close();
  });
});

describe('dateFacets', () => {
  it('covers a range with whole years and the months around them, within the library’s dates', () => {
    const library = { low: '2023-11-20', high: '2026-02-03' };
    expect(dateFacets('2024-01-01', '2025-12-31', library)).toEqual(['"yy2024"', '"yy2025"']);
    expect(dateFacets('2024-11-15', '2025-02-01', library)).toEqual(['"ym202411"', '"ym202412"', '"ym202501"', '"ym202502"']);
    expect(dateFacets(null, '2024-01-31', library)).toEqual(['"ym202311"', '"ym202312"', '"ym202401"']);
    expect(dateFacets('2025-12-01', null, library)).toEqual(['"ym202512"', '"ym202601"', '"ym202602"']);
    expect(dateFacets('2027-01-01', null, library)).toEqual(['"ynone"']);
    expect(dateFacets('2024-01-01', null, { low: null, high: null })).toEqual(['"ynone"']);
  });
});
