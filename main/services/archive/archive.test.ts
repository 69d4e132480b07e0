import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveImportResult } from '../../../shared/domain/archive';
import { filesBelow, openTempServices, tempDir } from '../../test-support/temp-library';
import type { Services } from '../services';
import { libraryTables, quoteName } from '../storage/library-tables';
import { fillSampleLibrary, storedHashes, type SampleLibrary } from '../storage/storage-test-library';
import { ARCHIVE_MANIFEST } from './archive-format';
import { exportArchive } from './export-archive';
import { importArchive } from './import-archive';
import { sessionRows, sessionTablePlan } from './session-rows';
import { ZipFileReader } from './zip-file';

type Lib = Services & { cleanup(): void };

/** A session's rows in every table that belongs to it, as comparable text. */
function rowsOf(services: Services, sessionId: string): Record<string, string[]> {
  const set = sessionRows(services.db, sessionId);
  return Object.fromEntries(Object.entries(set.tables).map(([t, rows]) => [t, rows.rows.map((r) => JSON.stringify(r)).sort()]));
}

const archiveOf = (lib: Services, ids: string[], out: string) => exportArchive({ db: lib.db, paths: lib.paths, appVersion: 't' }, ids, out);
const importInto = (lib: Services, file: string) => importArchive({ db: lib.db, paths: lib.paths }, file);

describe('session archives', () => {
  let source: Lib;
  let sample: SampleLibrary;
  let outDir: string;
  let archive: string;

  beforeAll(async () => {
    source = openTempServices();
    sample = await fillSampleLibrary(source);
    outDir = tempDir('attune-archives-');
    archive = path.join(outDir, 'two.attune-archive');
    await archiveOf(source, [sample.rich.id, sample.plain.id], archive);
  });
  afterAll(() => {
    source.cleanup();
    fs.rmSync(outDir, { recursive: true, force: true });
  });

  it('finds every table that belongs to a session, generically (links and replies through their annotation)', () => {
    const plan = sessionTablePlan(libraryTables(source.db)).map((o) => o.table.name);
    for (const t of ['sessions', 'media', 'segments', 'transcripts', 'annotations', 'annotation_segments', 'session_reviews', 'review_evidence', 'annotation_replies', 'trainee_responses']) {
      expect(plan, t).toContain(t);
    }
    expect(plan).not.toContain('search_entries');
    expect(plan).not.toContain('codebooks');
    expect(plan.indexOf('sessions')).toBeLessThan(plan.indexOf('annotations'));
    expect(plan.indexOf('annotations')).toBeLessThan(plan.indexOf('annotation_segments'));
  });

  it('export → import into another library gives the same sessions (rows and files), and importing again reports duplicates', async () => {
    const zip = await ZipFileReader.open(archive, 100);
    const entries = zip.entries.map((e) => e.name).sort();
    await zip.close();
    expect(entries).toContain(ARCHIVE_MANIFEST);
    expect(entries).toContain('codebooks.json');
    expect(entries.filter((e) => e.startsWith('media/'))).toHaveLength(2);
    expect(entries.some((e) => e.endsWith('.pcm'))).toBe(false);

    const target = openTempServices();
    try {
      const first = await importInto(target, archive);
      expect(first.imported.map((s) => s.title).sort()).toEqual([sample.rich.title, sample.plain.title].sort());
      expect(first.duplicates).toEqual([]);
      for (const id of [sample.rich.id, sample.plain.id]) expect(rowsOf(target, id)).toEqual(rowsOf(source, id));
      expect(storedHashes(target)).toEqual(storedHashes(source));
      // The codebook of its own came along with its codes; the session opens coded with it.
      const review = target.reviews.get(sample.plain.id);
      expect(target.codebooks.get(review.codebookId).name).toBe('Our program’s codes');
      expect(target.annotations.list(sample.plain.id)[0]?.comment).toBe('Ask not what your country can do');
      // The search index followed (triggers).
      expect((target.db.prepare("SELECT count(*) AS n FROM search_fts WHERE search_fts MATCH 'worry'").get() as { n: number }).n).toBeGreaterThan(0);
      expect(fs.readdirSync(target.paths.tmpDir)).toEqual([]);

      const second = await importInto(target, archive);
      expect(second.imported).toEqual([]);
      expect(second.duplicates.map((d) => [d.title, d.existingSessionId]).sort()).toEqual(
        [
          [sample.rich.title, sample.rich.id],
          [sample.plain.title, sample.plain.id],
        ].sort(),
      );
      expect(target.sessions.list()).toHaveLength(2);
    } finally {
      target.cleanup();
    }
  });

  it('detects a duplicate by the recording’s content, whatever the session is called', async () => {
    const target = openTempServices();
    try {
      const { importSample } = await import('../../test-support/temp-library');
      const mine = await importSample(target, 'audio/jfk.wav');
      const result: ArchiveImportResult = await importInto(target, archive);
      expect(result.duplicates).toEqual([{ sessionId: sample.plain.id, title: sample.plain.title, existingSessionId: mine.id }]);
      expect(result.imported.map((s) => s.sessionId)).toEqual([sample.rich.id]);
    } finally {
      target.cleanup();
    }
  });

  for (const evil of ['../evil', '/abs', 'a/../../b', 'C:/windows/x', 'media\\..\\x']) {
    it(`refuses an archive with the entry “${evil}” and writes nothing`, async () => {
      const target = openTempServices();
      const dir = tempDir('attune-evil-');
      try {
        // A real archive's entries plus one that escapes.
        const reader = await ZipFileReader.open(archive, 100);
        const files: Record<string, Uint8Array> = {};
        for (const e of reader.entries) files[e.name] = await reader.readBytes(e);
        await reader.close();
        files[evil] = new TextEncoder().encode('gotcha');
        const file = path.join(dir, 'evil.attune-archive');
        fs.writeFileSync(file, zipSync(files));
        await expect(importInto(target, file)).rejects.toThrow(/This archive cannot be used safely: .*Nothing was changed\./);
        expect(target.sessions.list()).toEqual([]);
        expect(filesBelow(target.paths.root).filter((f) => !f.startsWith('attune.sqlite'))).toEqual([]);
        expect(fs.existsSync(path.join(target.paths.root, '..', 'evil'))).toBe(false);
      } finally {
        target.cleanup();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it('refuses a file that is not an archive, and an archive whose recording was changed, leaving nothing behind', async () => {
    const target = openTempServices();
    const dir = tempDir('attune-bad-');
    try {
      const notZip = path.join(dir, 'x.attune-archive');
      fs.writeFileSync(notZip, 'hello');
      await expect(importInto(target, notZip)).rejects.toThrow(/is not an Attune session archive/);

      const reader = await ZipFileReader.open(archive, 100);
      const files: Record<string, Uint8Array> = {};
      for (const e of reader.entries) files[e.name] = await reader.readBytes(e);
      await reader.close();
      const mediaName = Object.keys(files).find((n) => n.startsWith('media/')) as string;
      const changed = Buffer.from(files[mediaName] as Uint8Array);
      changed[changed.length - 10] = (changed[changed.length - 10] as number) ^ 0x55;
      files[mediaName] = changed;
      const tampered = path.join(dir, 'tampered.attune-archive');
      fs.writeFileSync(tampered, zipSync(files, { level: 0 }));
      await expect(importInto(target, tampered)).rejects.toThrow(/The archive is damaged: media\/.* does not match its fingerprint/);
      expect(target.sessions.list()).toEqual([]);
      expect(filesBelow(target.paths.root).filter((f) => !f.startsWith('attune.sqlite'))).toEqual([]);
    } finally {
      target.cleanup();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rolls everything back when a row cannot be written', async () => {
    const target = openTempServices();
    try {
      // A table the archive fills, made to refuse one of the rows (a trigger raising an error).
      target.db.exec(`CREATE TRIGGER refuse_second AFTER INSERT ON annotations WHEN (SELECT count(*) FROM annotations) > 3 BEGIN SELECT RAISE(ABORT, 'constraint failed: no more'); END;`);
      await expect(importInto(target, archive)).rejects.toThrow(/do not fit this library .* Nothing was imported\./);
      expect((target.db.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number }).n).toBe(0);
      expect(filesBelow(target.paths.mediaDir)).toEqual([]);
      expect(filesBelow(target.paths.peaksDir)).toEqual([]);
      expect(fs.readdirSync(target.paths.tmpDir)).toEqual([]);
    } finally {
      target.cleanup();
    }
  });

  it('refuses to overwrite an existing file and cancels without leaving one', async () => {
    await expect(archiveOf(source, [sample.plain.id], archive)).rejects.toMatchObject({ code: 'file_exists' });
    const controller = new AbortController();
    const out = path.join(outDir, 'cancelled.attune-archive');
    const work = exportArchive({ db: source.db, paths: source.paths, appVersion: 't' }, [sample.rich.id], out, {
      signal: controller.signal,
      progress: (p) => {
        if (p > 5) controller.abort();
      },
    });
    await expect(work).rejects.toMatchObject({ code: 'cancelled' });
    expect(fs.readdirSync(outDir).sort()).toEqual(['two.attune-archive']);
    expect(quoteName('a"b')).toBe('"a""b"');
  });
});
