import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveImportResult } from '../../../shared/domain/archive';
import { filesBelow, libraryFiles, openTempServices, tempDir } from '../../test-support/temp-library';
import type { Services } from '../services';
import { libraryTables, quoteName } from '../storage/library-tables';
import { fillSampleLibrary, storedHashes, type SampleLibrary } from '../storage/storage-test-library';
import { ARCHIVE_MANIFEST, type ArchiveManifest, type RowSet } from './archive-format';
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

/** Every entry of an archive, in memory. */
async function entriesOf(file: string): Promise<Record<string, Uint8Array>> {
  const reader = await ZipFileReader.open(file, 1000);
  const files: Record<string, Uint8Array> = {};
  for (const e of reader.entries) files[e.name] = await reader.readBytes(e);
  await reader.close();
  return files;
}

/**
 * A hand-made archive: a real one's entries, changed by `alter` (rows entries as parsed JSON, the
 * manifest's sessions), with the manifest's sizes and fingerprints made to match again, as an attacker would.
 */
async function craftArchive(from: string, out: string, alter: (rows: Map<string, RowSet>, manifest: ArchiveManifest) => void): Promise<string> {
  const files = await entriesOf(from);
  const manifest = JSON.parse(new TextDecoder().decode(files[ARCHIVE_MANIFEST])) as ArchiveManifest;
  const rows = new Map<string, RowSet>();
  for (const name of Object.keys(files)) if (name.startsWith('sessions/') || name === 'codebooks.json') rows.set(name, JSON.parse(new TextDecoder().decode(files[name])) as RowSet);
  alter(rows, manifest);
  for (const [name, set] of rows) files[name] = new TextEncoder().encode(JSON.stringify(set));
  manifest.entries = Object.keys(files)
    .filter((n) => n !== ARCHIVE_MANIFEST)
    .map((n) => ({ path: n, size: (files[n] as Uint8Array).byteLength, sha256: createHash('sha256').update(files[n] as Uint8Array).digest('hex') }));
  files[ARCHIVE_MANIFEST] = new TextEncoder().encode(JSON.stringify(manifest));
  fs.writeFileSync(out, zipSync(files, { level: 0 }));
  return out;
}

/** The rows entry of the session with this id. */
function rowsFor(rows: Map<string, RowSet>, manifest: ArchiveManifest, sessionId: string): RowSet {
  const entry = manifest.sessions.find((s) => s.id === sessionId)?.rows;
  const set = entry === undefined ? undefined : rows.get(entry);
  if (!set) throw new Error(`no rows for ${sessionId}`);
  return set;
}

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
    expect(plan).not.toContain('deletion_log');
    expect(plan).not.toContain('settings');
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
        expect(libraryFiles(target.paths.root)).toEqual([]);
        expect(fs.existsSync(path.join(target.paths.root, '..', 'evil'))).toBe(false);
      } finally {
        target.cleanup();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  describe('a hand-made archive that reaches beyond its sessions is refused, and nothing is written', () => {
    let target: Lib;
    let mine: { id: string };
    let mineAnnotation: string;
    let dir: string;
    let tablesBefore: Record<string, string[]>;
    beforeAll(async () => {
      target = openTempServices();
      dir = tempDir('attune-crafted-');
      const { importSample } = await import('../../test-support/temp-library');
      mine = await importSample(target, 'audio/jfk.mp3');
      mineAnnotation = target.annotations.create({ sessionId: mine.id, codeId: 'open-question', start: 0, end: 1, comment: 'mine' }).id;
      const { dumpTables } = await import('../storage/storage-test-library');
      tablesBefore = dumpTables(target.db);
    });
    afterAll(() => {
      target.cleanup();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    const cases: [string, (rows: Map<string, RowSet>, manifest: ArchiveManifest, mineId: string) => void, RegExp][] = [
      [
        'a settings row in a session’s entry',
        (rows, manifest) => {
          rowsFor(rows, manifest, sample.plain.id).tables.settings = { columns: ['key', 'value'], rows: [['export.folder', '"/tmp/evil"']] };
        },
        /holds records an archive never carries \(“settings”\).*Nothing was imported\./,
      ],
      [
        'a deletion-log row in a session’s entry',
        (rows, manifest) => {
          rowsFor(rows, manifest, sample.plain.id).tables.deletion_log = {
            columns: ['deleted_at', 'deleted_by', 'session_id', 'removed_json'],
            rows: [['2020-01-01T00:00:00Z', 'x', sample.plain.id, '{}']],
          };
        },
        /holds records an archive never carries \(“deletion_log”\)/,
      ],
      [
        'a saved filter in the codebooks entry',
        (rows) => {
          const books = rows.get('codebooks.json') as RowSet;
          books.tables.saved_filters = { columns: ['id', 'name'], rows: [['f1', 'evil']] };
        },
        /holds records an archive never carries \(“saved_filters”\)/,
      ],
      [
        'an annotation carrying another session’s id (one already in this library)',
        (rows, manifest, mineId) => {
          const annotations = rowsFor(rows, manifest, sample.plain.id).tables.annotations as RowSet['tables'][string];
          const at = annotations.columns.indexOf('session_id');
          (annotations.rows[0] as unknown[])[at] = mineId;
        },
        /holds records of “.*” that belong to another session or point outside it.*Nothing was imported\./,
      ],
      [
        'a reply linked to an annotation of another session',
        (rows, manifest) => {
          rowsFor(rows, manifest, sample.plain.id).tables.annotation_replies = {
            columns: ['annotation_id', 'text', 'merged_at'],
            rows: [[mineAnnotation, 'overwritten', '2024-01-01T00:00:00Z']],
          };
        },
        /that belong to another session or point outside it/,
      ],
      [
        'a code added to a codebook that is not in the archive',
        (rows) => {
          const books = rows.get('codebooks.json') as RowSet;
          const codes = books.tables.codes as RowSet['tables'][string];
          const at = codes.columns.indexOf('codebook_id');
          (codes.rows[0] as unknown[])[at] = 'some-other-codebook';
        },
        /holds codes of a codebook that is not in it/,
      ],
    ];

    for (const [what, alter, message] of cases) {
      it(what, async () => {
        const file = await craftArchive(archive, path.join(dir, `${what.length}-${Math.random().toString(36).slice(2)}.attune-archive`), (rows, manifest) => alter(rows, manifest, mine.id));
        await expect(importInto(target, file)).rejects.toThrow(message);
        const { dumpTables } = await import('../storage/storage-test-library');
        expect(dumpTables(target.db)).toEqual(tablesBefore);
        expect(filesBelow(target.paths.mediaDir)).toHaveLength(1);
        expect(fs.readdirSync(target.paths.tmpDir)).toEqual([]);
      });
    }
  });

  it('imports the first of two sessions with the same recording in one archive and reports the second as a duplicate', async () => {
    const dir = tempDir('attune-twins-');
    const target = openTempServices();
    try {
      const file = await craftArchive(archive, path.join(dir, 'twins.attune-archive'), (rows, manifest) => {
        const plain = rowsFor(rows, manifest, sample.plain.id);
        const twin: RowSet = { tables: {} };
        for (const name of ['sessions', 'media']) {
          const t = plain.tables[name] as RowSet['tables'][string];
          const key = name === 'sessions' ? 'id' : 'session_id';
          const at = t.columns.indexOf(key);
          twin.tables[name] = { columns: t.columns, rows: t.rows.map((r) => r.map((v, i) => (i === at ? 'twin-session' : v))) };
        }
        rows.set('sessions/3.json', twin);
        const listed = manifest.sessions.find((s) => s.id === sample.plain.id) as ArchiveManifest['sessions'][number];
        manifest.sessions.push({ id: 'twin-session', title: 'A twin', mediaSha256: listed.mediaSha256, rows: 'sessions/3.json' });
      });
      const result = await importInto(target, file);
      expect(result.imported.map((s) => s.sessionId).sort()).toEqual([sample.rich.id, sample.plain.id].sort());
      expect(result.duplicates).toEqual([{ sessionId: 'twin-session', title: 'A twin', existingSessionId: sample.plain.id }]);
      expect(result.warnings).toEqual([]);
      expect(target.sessions.list()).toHaveLength(2);
    } finally {
      target.cleanup();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an archive holding a symbolic link, and writes nothing', async () => {
    const dir = tempDir('attune-link-');
    const target = openTempServices();
    try {
      const files: Zippable = await entriesOf(archive);
      // A Unix symbolic link (made on Unix: the upper 16 bits of the attributes are its mode) pointing outside.
      files['media/link'] = [new TextEncoder().encode('/etc/passwd'), { os: 3, attrs: (0o120777 << 16) >>> 0 }];
      const file = path.join(dir, 'link.attune-archive');
      fs.writeFileSync(file, zipSync(files, { level: 0 }));
      await expect(importInto(target, file)).rejects.toThrow(/This archive cannot be used safely: “media\/link” is a link or a folder.*Nothing was changed\./);
      expect(target.sessions.list()).toEqual([]);
      expect(libraryFiles(target.paths.root)).toEqual([]);
    } finally {
      target.cleanup();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(process.platform === 'win32')('writes the archive readable by its owner only', () => {
    expect(fs.statSync(archive).mode & 0o777).toBe(0o600);
  });

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
      expect(libraryFiles(target.paths.root)).toEqual([]);
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
      await expect(importInto(target, archive)).rejects.toThrow(/do not fit this library: a record in it breaks one of this library’s rules\. Nothing was imported\./);
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
