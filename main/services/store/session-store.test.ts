import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MediaInfo } from '../../../shared/domain/session';
import { tempDir } from '../../test-support/temp-library';
import { openDatabase } from './database';
import { MIGRATIONS, migrate } from './migrations';
import { SessionStore } from './session-store';

function media(sha: string, extra: Partial<MediaInfo> = {}): MediaInfo {
  return {
    originalName: 'session.m4a',
    sha256: sha,
    fileName: `${sha}.m4a`,
    peaksFileName: `${sha}.peaks`,
    sizeBytes: 1234,
    duration: 300.25,
    container: 'mov,mp4,m4a,3gp,3g2,mj2',
    audioCodec: 'aac',
    videoCodec: null,
    channels: 2,
    sampleRate: 44100,
    hasVideo: false,
    width: null,
    height: null,
    ...extra,
  };
}
const shaA = 'a'.repeat(64);
const shaB = 'b'.repeat(64);

describe('SessionStore', () => {
  let dir: string;
  let db: Database.Database;
  let store: SessionStore;
  beforeEach(() => {
    dir = tempDir();
    db = openDatabase(path.join(dir, 'attune.sqlite'));
    store = new SessionStore(db);
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('opens with WAL, foreign keys and the latest schema', () => {
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)?.version);
  });

  it('creates, lists, finds, updates and deletes a session with its media', () => {
    const created = store.create({ title: 'First session', trainee: 'Dana' }, media(shaA));
    expect(created).toMatchObject({ title: 'First session', trainee: 'Dana', status: 'new', recordedAt: null });
    expect(created.media).toEqual(media(shaA));
    expect(store.findBySha256(shaA)?.id).toBe(created.id);
    expect(store.list().map((s) => s.id)).toEqual([created.id]);

    const updated = store.update(created.id, { title: 'Renamed', recordedAt: '2026-03-14', status: 'in-review', notes: 'n' });
    expect(updated).toMatchObject({ title: 'Renamed', recordedAt: '2026-03-14', status: 'in-review', notes: 'n' });
    expect(updated.updatedAt >= created.updatedAt).toBe(true);

    expect(store.delete(created.id).sha256).toBe(shaA);
    expect(store.list()).toEqual([]);
    expect(db.prepare('SELECT count(*) n FROM media').get()).toEqual({ n: 0 });
  });

  it('stores cohort, client pseudonym, tags, consent and retention date, and gives them back after a reopen', () => {
    const s = store.create({ title: 'Intake' }, media(shaA));
    expect(s).toMatchObject({ cohort: '', clientPseudonym: '', tags: [], consent: null, retainUntil: null });
    const consent = { date: '2026-02-01', scope: 'research' as const, recordedBy: 'Dr. Ruiz' };
    store.update(s.id, { cohort: 'MSW 2026', clientPseudonym: 'Client K', tags: ['  sustain   talk ', 'Intake', 'intake', 'SUSTAIN TALK', 'ambivalence'], consent, retainUntil: '2029-02-01' });
    db.close();
    db = openDatabase(path.join(dir, 'attune.sqlite'));
    store = new SessionStore(db);
    expect(store.get(s.id)).toMatchObject({ cohort: 'MSW 2026', clientPseudonym: 'Client K', tags: ['sustain talk', 'Intake', 'ambivalence'], consent, retainUntil: '2029-02-01' });
    // Tags are replaced whole; consent and the date can be cleared.
    const cleared = store.update(s.id, { tags: ['ambivalence', 'new'], consent: null, retainUntil: null });
    expect(cleared).toMatchObject({ tags: ['ambivalence', 'new'], consent: null, retainUntil: null });
    expect(db.prepare('SELECT tag FROM session_tags ORDER BY position').all()).toEqual([{ tag: 'ambivalence' }, { tag: 'new' }]);
  });

  it('refuses a retention date before consent, half a consent and unknown scopes, changing nothing', () => {
    const s = store.create({ title: 'Intake' }, media(shaA));
    store.update(s.id, { consent: { date: '2026-02-01', scope: 'teaching', recordedBy: 'Dr. Ruiz' } });
    expect(() => store.update(s.id, { retainUntil: '2026-01-31', tags: ['x'] })).toThrow('The retention date cannot be before the day consent was given.');
    expect(store.get(s.id)).toMatchObject({ retainUntil: null, tags: [] });
    expect(() => db.prepare(`UPDATE sessions SET consent_date = NULL WHERE id = ?`).run(s.id)).toThrow(/CHECK/);
    expect(() => db.prepare(`UPDATE sessions SET consent_scope = 'marketing' WHERE id = ?`).run(s.id)).toThrow(/CHECK/);
    expect(() => store.update(s.id, { tags: Array.from({ length: 51 }, (_, i) => `t${i}`) })).toThrow('A session can carry at most 50 tags.');
  });

  it('refuses a second media row with the same hash and leaves no orphan session row', () => {
    store.create({ title: 'One' }, media(shaA));
    expect(() => store.create({ title: 'Two' }, media(shaA))).toThrow(/UNIQUE/);
    expect(db.prepare('SELECT count(*) n FROM sessions').get()).toEqual({ n: 1 });
  });

  it('rejects invalid values at the database too (empty title, unknown status)', () => {
    const s = store.create({ title: 'One' }, media(shaA));
    expect(() => store.update(s.id, { title: '' })).toThrow(/CHECK/);
    expect(() => store.update(s.id, { status: 'bogus' as never })).toThrow(/CHECK/);
    expect(store.get(s.id).title).toBe('One');
  });

  it('resolves ids by unambiguous prefix and explains ambiguity and absence', () => {
    const a = store.create({ title: 'A' }, media(shaA));
    const b = store.create({ title: 'B' }, media(shaB, { fileName: `${shaB}.m4a`, peaksFileName: `${shaB}.peaks` }));
    expect(store.resolve(a.id.slice(0, 12)).id).toBe(a.id);
    expect(store.resolve(b.id).id).toBe(b.id);
    expect(() => store.resolve('zzz')).toThrow(/No session has the id "zzz"/);
    expect(() => store.resolve('%')).toThrow(/No session/);
    expect(() => store.get('missing')).toThrow(/no longer in the library/);
  });

  it('survives a reopen: writes are durable', () => {
    const s = store.create({ title: 'Durable' }, media(shaA));
    db.close();
    db = openDatabase(path.join(dir, 'attune.sqlite'));
    store = new SessionStore(db);
    expect(store.get(s.id).title).toBe('Durable');
  });

  it('refuses a library written by a newer schema', () => {
    db.pragma('user_version = 999');
    expect(() => migrate(db)).toThrow(/newer version of Attune/);
  });
});
