/**
 * Test support for backups and archives: a library with real content (two imported recordings, a
 * transcript, annotations, a review, a codebook of its own, tags where the schema has them) and a
 * way to compare two libraries table by table and file by file.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { DEFAULT_CODEBOOK_ID } from '../../../shared/codebook/default-codebook';
import type { Session } from '../../../shared/domain/session';
import { makeExportSession } from '../export/export-test-session';
import { importSample } from '../../test-support/temp-library';
import type { Services } from '../services';
import { quoteName, triggerFilledTables } from './library-tables';
import { expect } from 'vitest';
import type { BackupResult, StorageOutcome } from '../../../shared/domain/archive';

export interface SampleLibrary {
  rich: Session;
  plain: Session;
}

/** Two sessions: the export test's (transcript, annotations, feedback) and jfk.wav coded with a codebook of its own. */
export async function fillSampleLibrary(services: Services): Promise<SampleLibrary> {
  const rich = await makeExportSession(services);
  const plain = await importSample(services, 'audio/jfk.wav');
  const codebook = services.codebooks.create('Our program’s codes', DEFAULT_CODEBOOK_ID);
  services.reviews.update(plain.id, { codebookId: codebook.id, globals: { empathy: 4 } });
  services.annotations.create({ sessionId: plain.id, codeId: 'open-question', start: 1, end: 2.5, comment: 'Ask not what your country can do' });
  services.settings.set('export.folder', '/somewhere/else');
  return { rich, plain };
}

/** Every ordinary table's rows, sorted; trigger-filled tables without their integer ids (assigned afresh). */
export function dumpTables(db: Database.Database): Record<string, string[]> {
  const filled = triggerFilledTables(db);
  const out: Record<string, string[]> = {};
  const tables = db.prepare<[], { name: string; type: string; schema: string }>('PRAGMA main.table_list').all();
  for (const t of tables.filter((x) => x.schema === 'main' && x.type === 'table' && !x.name.startsWith('sqlite_')).sort((a, b) => a.name.localeCompare(b.name))) {
    const rows = db.prepare(`SELECT * FROM main.${quoteName(t.name)}`).all() as Record<string, unknown>[];
    out[t.name] = rows
      .map((r) => {
        if (filled.has(t.name.toLowerCase())) delete r.id;
        return JSON.stringify(r);
      })
      .sort();
  }
  return out;
}

/** Name → SHA-256 of every file in the media and peaks folders. */
export function storedHashes(services: Services): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [folder, dir] of [
    ['media', services.paths.mediaDir],
    ['peaks', services.paths.peaksDir],
  ] as const) {
    for (const name of fs.readdirSync(dir).sort()) out[`${folder}/${name}`] = createHash('sha256').update(fs.readFileSync(path.join(dir, name))).digest('hex');
  }
  return out;
}

/** Starts a storage job and waits for how it ended. */
export async function outcomeOf(services: Services, start: () => { jobId: string }): Promise<StorageOutcome> {
  const { jobId } = start();
  const done = services.storage.outcome(jobId);
  if (!done) throw new Error('no job');
  return done;
}

/** Backs the library up to `target` (a folder, or a `.attune-backup` file); throws unless it worked. */
export async function backupTo(services: Services, target: string): Promise<BackupResult> {
  const outcome = await outcomeOf(services, () => services.storage.startBackup(target));
  if (outcome.kind !== 'backup') throw new Error(JSON.stringify(outcome));
  return outcome.result;
}

/** Restores the backup at `from` into the library; the outcome, whatever it is. */
export function restoreFrom(services: Services, from: string, replace = false): Promise<StorageOutcome> {
  return outcomeOf(services, () => services.storage.startRestore(from, replace));
}

/** `restored` holds the same rows in every table and the same stored files as `original`, and nothing in its tmp folder. */
export function expectSameLibrary(restored: Services, original: Services): void {
  const before = dumpTables(original.db);
  const after = dumpTables(restored.db);
  expect(Object.keys(after)).toEqual(Object.keys(before));
  for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);
  expect(storedHashes(restored)).toEqual(storedHashes(original));
  expect(fs.readdirSync(restored.paths.tmpDir)).toEqual([]);
}
