import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../api/dispatch';
import { dispatchHarness } from '../../test-support/api-harness';
import { filesBelow, importSample, openTempServices, tempDir } from '../../test-support/temp-library';
import { packageIdFor } from '../export/package/sent-packages';
import type { Services } from '../services';
import type { Session } from '../../../shared/domain/session';

const vtt = (word: string) => `WEBVTT

00:00:00.000 --> 00:00:03.000
<v Counselor>And so my fellow Americans, ask not what ${word} can do for you

00:00:03.000 --> 00:00:07.500
<v Client>ask what you can do for your country.
`;

/** Distinctive strings the victim's rows hold; none may be left anywhere after it is deleted. */
const TITLE = 'Retention victim Quixotic';
const COMMENT = 'Zephyrine reflection, well timed';
const PSEUDONYM = 'Client Velvetmoss';
const TAG = 'tag-umbracle';
const FEEDBACK = 'Marchpane feedback on the pacing';

/** Every table in the schema (ordinary, virtual and FTS shadow tables) with its columns. */
function tablesAndColumns(db: Database.Database): { table: string; columns: string[] }[] {
  const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
  return tables.map(({ name }) => ({
    table: name,
    columns: db.prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)').all(name).map((c) => c.name),
  }));
}

/** "table.column" wherever any needle occurs inside a value (text or blob bytes), in every table but `except`. */
function whereFound(db: Database.Database, needles: readonly string[], except: readonly string[] = []): string[] {
  const found: string[] = [];
  for (const { table, columns } of tablesAndColumns(db)) {
    if (except.includes(table)) continue;
    for (const column of columns) {
      const stmt = db.prepare(`SELECT count(*) AS n FROM "${table}" WHERE instr(CAST("${column}" AS BLOB), CAST(? AS BLOB)) > 0`);
      for (const needle of needles) {
        if ((stmt.get(needle) as { n: number }).n > 0) found.push(`${table}.${column}`);
      }
    }
  }
  return [...new Set(found)];
}

describe('deleting a session for good', () => {
  let services: Services & { cleanup(): void };
  let victim: Session;
  let survivor: Session;
  let outside: string;

  beforeEach(async () => {
    services = openTempServices();
    outside = tempDir('attune-retention-outside-');
    services.profile.update({ name: 'Dr. Ada Logwell' });
    victim = await importSample(services, 'audio/jfk.wav');
    survivor = await importSample(services, 'audio/jfk.mp3');
    services.transcripts.importSubtitles(victim.id, 'jfk.vtt', vtt('Quillwort'));
    services.transcripts.importSubtitles(survivor.id, 'jfk.vtt', vtt('your country'));
    services.sessions.update(victim.id, {
      title: TITLE,
      clientPseudonym: PSEUDONYM,
      cohort: 'MSW 2026',
      tags: [TAG, 'sustain talk'],
      consent: { date: '2025-01-10', scope: 'teaching', recordedBy: 'Dr. Ada Logwell' },
      retainUntil: '2026-01-10',
    });
    services.sessions.update(survivor.id, { tags: ['sustain talk'] });
    const segments = services.transcripts.get(victim.id).segments;
    services.annotations.create({ sessionId: victim.id, codeId: 'complex-reflection', start: 0.5, end: 2.5, comment: COMMENT, segmentIds: [segments[0]!.id] });
    services.annotations.create({ sessionId: victim.id, codeId: 'open-question', start: 3, end: null, comment: 'Second point' });
    services.annotations.create({ sessionId: survivor.id, codeId: 'open-question', start: 3, end: null, comment: 'The survivor keeps this' });
    services.reviews.update(victim.id, { feedback: { strengths: FEEDBACK } });
    packageIdFor(services.db, victim.id);
    // A trainee's reply merged back, and their overall reflection (schema v4).
    const [first] = services.annotations.list(victim.id);
    services.db.prepare('INSERT INTO annotation_replies (annotation_id, text, merged_at) VALUES (?, ?, ?)').run(first!.id, 'A reply from the trainee', '2026-01-01T00:00:00Z');
    services.db.prepare('INSERT INTO session_reflections (session_id, text, merged_at) VALUES (?, ?, ?)').run(victim.id, 'My reflection', '2026-01-01T00:00:00Z');
    // A full-text table kept in step by a trigger, standing in for any index over session content.
    services.db.exec(`
      CREATE VIRTUAL TABLE probe_fts USING fts5(session_id UNINDEXED, annotation_id UNINDEXED, body);
      INSERT INTO probe_fts (probe_fts, rank) VALUES ('secure-delete', 1);
      INSERT INTO probe_fts (session_id, annotation_id, body) SELECT session_id, id, comment FROM annotations;
      CREATE TRIGGER probe_fts_delete AFTER DELETE ON annotations BEGIN
        DELETE FROM probe_fts WHERE annotation_id = old.id;
      END;
    `);
  });

  afterEach(() => {
    services.cleanup();
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('leaves no trace in any table, virtual or shadow, nor any of its files; overwrites the recording first; logs no content', async () => {
    const db = services.db;
    const annotationIds = services.annotations.list(victim.id).map((a) => a.id);
    const segmentIds = services.transcripts.get(victim.id).segments.map((g) => g.id);
    const needles = [victim.id, ...annotationIds, ...segmentIds, victim.media.sha256, TITLE, COMMENT, PSEUDONYM, TAG, FEEDBACK];
    // The scan sees the victim everywhere it is stored, the full-text shadow tables included.
    const before = whereFound(db, needles);
    const hasSearchIndex = tablesAndColumns(db).some((t) => t.table === 'search_entries');
    if (hasSearchIndex) expect(before).toContain('search_entries.session_id');
    expect(before).toEqual(expect.arrayContaining(['sessions.id', 'media.sha256', 'annotations.comment', 'segments.id', 'session_tags.tag', 'probe_fts_content.c0', 'probe_fts_content.c2', 'session_reviews.strengths']));
    const mediaFile = path.join(services.paths.mediaDir, victim.media.fileName);
    const original = fs.readFileSync(mediaFile);
    expect(fs.existsSync(path.join(services.paths.pcmDir, `${victim.media.sha256}.pcm`))).toBe(true);
    expect(fs.existsSync(path.join(services.paths.peaksDir, victim.media.peaksFileName))).toBe(true);
    // A second name for the same bytes on the disk: after the deletion it shows what is left in them.
    const link = path.join(outside, 'still-linked');
    fs.linkSync(mediaFile, link);

    const report = await services.deleteSession(victim.id);

    expect(whereFound(db, needles, ['deletion_log'])).toEqual([]);
    expect(filesBelow(services.paths.root).filter((f) => f.includes(victim.media.sha256))).toEqual([]);
    const left = fs.readFileSync(link);
    expect(left.length).toBe(original.length);
    for (let at = 0; at < original.length; at += 4096) {
      expect(left.subarray(at, at + 4096).equals(original.subarray(at, at + 4096)), `block at ${at} still holds the recording`).toBe(false);
    }
    // Deleted database content is zeroed and the write-ahead log emptied: the file holds none of it.
    const raw = Buffer.concat([fs.readFileSync(services.paths.dbFile), fs.existsSync(`${services.paths.dbFile}-wal`) ? fs.readFileSync(`${services.paths.dbFile}-wal`) : Buffer.alloc(0)]);
    // Also the words as a full-text index keeps them (lower case, stemmed: "zephyrin", "marchpan", "quillwort").
    for (const text of [TITLE, COMMENT, PSEUDONYM, FEEDBACK, 'zephyrin', 'marchpan', 'quillwort']) expect(raw.includes(Buffer.from(text)), text).toBe(false);

    // The survivor is whole.
    expect(services.sessions.get(survivor.id).tags).toEqual(['sustain talk']);
    expect(services.annotations.list(survivor.id)).toHaveLength(1);
    expect(services.transcripts.get(survivor.id).segments).toHaveLength(2);
    expect(fs.existsSync(path.join(services.paths.mediaDir, survivor.media.fileName))).toBe(true);

    // The log: when, by whom, which session, and only kinds with counts.
    expect(report).toMatchObject({ deletedBy: 'Dr. Ada Logwell', sessionId: victim.id, overwrittenFiles: 2, removedFiles: 3 });
    expect(report.removed).toEqual({
      recording: { count: 1, bytes: original.length },
      audioCache: { count: 1, bytes: expect.any(Number) as number },
      waveform: { count: 1, bytes: expect.any(Number) as number },
      transcriptSegments: { count: 2 },
      annotations: { count: 2 },
      review: { count: 1 },
      replies: { count: 2 },
      tags: { count: 2 },
      packages: { count: 1 },
    });
    const log = services.retention.log();
    expect(log).toEqual([{ id: report.id, deletedAt: report.deletedAt, deletedBy: report.deletedBy, sessionId: victim.id, removed: report.removed }]);
    const rows = db.prepare('SELECT * FROM deletion_log').all();
    expect(Object.keys(rows[0] as object).sort()).toEqual(['deleted_at', 'deleted_by', 'id', 'removed_json', 'session_id']);
    const logText = JSON.stringify(rows);
    for (const text of [TITLE, COMMENT, PSEUDONYM, TAG, FEEDBACK, 'MSW 2026', victim.media.sha256, victim.media.originalName, ...annotationIds]) expect(logText).not.toContain(text);
  });

  it('removes clips only no other session shares, and a received copy’s codebook', async () => {
    const db = services.db;
    const shared = `${'c'.repeat(64)}.m4a`;
    const own = `${'d'.repeat(64)}.m4a`;
    for (const name of [shared, own]) fs.writeFileSync(path.join(services.paths.mediaDir, name), Buffer.alloc(5000, 7));
    const [va] = services.annotations.list(victim.id);
    const [sa] = services.annotations.list(survivor.id);
    const clip = db.prepare('INSERT INTO received_clips (annotation_id, session_id, file_name, start, end) VALUES (?, ?, ?, 0, 1)');
    clip.run(va!.id, victim.id, shared);
    clip.run(services.annotations.list(victim.id)[1]!.id, victim.id, own);
    clip.run(sa!.id, survivor.id, shared);
    db.prepare('DELETE FROM sent_packages WHERE session_id = ?').run(victim.id);
    db.prepare(`INSERT INTO codebooks (id, name, built_in, created_at, updated_at) VALUES ('received-pkg-1', 'Codes (from Dr. Who)', 0, 'x', 'x')`).run();
    db.prepare(`UPDATE session_reviews SET codebook_id = 'received-pkg-1' WHERE session_id = ?`).run(victim.id);
    db.prepare(
      `INSERT INTO received_packages (package_id, session_id, source_session_id, source_created_at, opened_at, media_kind, scores_json)
       VALUES ('pkg-1', ?, 'elsewhere', 'x', 'x', 'clips', '{}')`,
    ).run(victim.id);

    const report = await services.deleteSession(victim.id);
    expect(fs.existsSync(path.join(services.paths.mediaDir, shared))).toBe(true);
    expect(fs.existsSync(path.join(services.paths.mediaDir, own))).toBe(false);
    expect(report.removed.clips).toEqual({ count: 1, bytes: 5000 });
    expect(report.removed.packages).toEqual({ count: 1 });
    expect(db.prepare(`SELECT count(*) AS n FROM codebooks WHERE id = 'received-pkg-1'`).get()).toEqual({ n: 0 });
    expect(whereFound(db, ['pkg-1', victim.id], ['deletion_log'])).toEqual([]);
  });

  it('goes through the API: sessions.delete and retention.delete log each deletion; an unknown id deletes nothing', async () => {
    const api = dispatchHarness(services);
    const refused = await dispatch('retention.delete', { ids: [survivor.id, 'no-such-session'] }, api.ctx);
    expect(refused).toEqual({ ok: false, error: { code: 'not_found', message: 'That session is no longer in the library.' } });
    expect(services.sessions.list()).toHaveLength(2);
    expect(services.retention.log()).toEqual([]);

    await expect(api.ok('sessions.delete', { id: victim.id })).resolves.toEqual({ deleted: true });
    const { outcomes } = await api.ok<{ outcomes: { sessionId: string; status: string; report: { sessionId: string } }[] }>('retention.delete', { ids: [survivor.id] });
    expect(outcomes.map((o) => [o.sessionId, o.status, o.report.sessionId])).toEqual([[survivor.id, 'deleted', survivor.id]]);
    expect(services.sessions.list()).toEqual([]);
    const log = await api.ok<{ sessionId: string; deletedBy: string }[]>('retention.log', {});
    expect(log.map((e) => e.sessionId)).toEqual([survivor.id, victim.id]);
    expect(api.events.filter(([name]) => name === 'library.changed').map(([, p]) => p)).toEqual([{ sessionId: victim.id }, { sessionId: survivor.id }]);
    expect(filesBelow(services.paths.mediaDir)).toEqual([]);
    expect(filesBelow(services.paths.pcmDir)).toEqual([]);
    expect(filesBelow(services.paths.peaksDir)).toEqual([]);
  });
});
