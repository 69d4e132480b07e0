/**
 * What an archive's rows may hold, checked before anything is written. A session's entry holds only
 * the tables that belong to a session (sessionTablePlan: never settings, saved filters, the deletion
 * log or codebooks), every row carries that session's own id, and rows linked through another row
 * (a reply to an annotation, an annotation's segment) point only at that session's own rows in the
 * same entry. The codebooks entry holds only codebooks of their own and their codes, each code of a
 * codebook in that entry. Anything else is refused in plain words: the archive was made by hand.
 */
import { ApiError } from '../../../shared/api/errors';
import type { LibraryTable } from '../storage/library-tables';
import type { RowSet } from './archive-format';
import type { Owned } from './session-rows';

const quoted = (text: string): string => `“${text.length > 60 ? `${text.slice(0, 57)}…` : text}”`;

export function notArchiveContent(table: string): ApiError {
  return new ApiError(
    'invalid_input',
    `This archive holds records an archive never carries (${quoted(table)}): archives hold only sessions and their codebooks. It may have been altered by hand. Nothing was imported.`,
  );
}

function notItsOwn(title: string): ApiError {
  return new ApiError(
    'invalid_input',
    `This archive holds records of “${title}” that belong to another session or point outside it. It may have been altered by hand. Nothing was imported.`,
  );
}

function malformed(table: string): ApiError {
  return new ApiError('file_unreadable', `The archive is damaged: its records of ${quoted(table)} are not in the expected form. Nothing was imported.`);
}

function values(rows: RowSet, table: string, column: string): unknown[] {
  const t = rows.tables[table];
  const at = t?.columns.indexOf(column) ?? -1;
  return t && at >= 0 ? t.rows.map((r) => r[at]) : [];
}

function checkColumns(rows: RowSet, table: string): void {
  const columns = rows.tables[table]?.columns ?? [];
  if (new Set(columns).size !== columns.length) throw malformed(table);
}

/** Refuses a session's rows that reach beyond that session (see the top of this file). */
export function checkSessionRows(rows: RowSet, sessionId: string, title: string, plan: readonly Owned[]): void {
  const byName = new Map(plan.map((o) => [o.table.name, o.table]));
  const byLowerName = new Map(plan.map((o) => [o.table.name.toLowerCase(), o.table]));
  for (const name of Object.keys(rows.tables)) {
    if (!byName.has(name)) throw notArchiveContent(name);
    checkColumns(rows, name);
  }
  for (const table of byName.values()) {
    const data = rows.tables[table.name];
    if (!data) continue;
    if (table.columns.includes('session_id')) {
      const at = data.columns.indexOf('session_id');
      if (at < 0 || data.rows.some((r) => r[at] !== sessionId)) throw notItsOwn(title);
    }
    for (const fk of table.foreignKeys) {
      const parent = byLowerName.get(fk.table.toLowerCase());
      const at = data.columns.indexOf(fk.from);
      if (!parent || at < 0) continue;
      const own = new Set(values(rows, parent.name, fk.to));
      if (data.rows.some((r) => r[at] !== null && !own.has(r[at]))) throw notItsOwn(title);
    }
  }
}

/** The tables a codebooks entry may hold: codebooks, and the tables of their codes (a foreign key to codebooks, no session). */
export function codebookTables(tables: readonly LibraryTable[]): LibraryTable[] {
  return tables.filter(
    (t) => t.name === 'codebooks' || (!t.columns.includes('session_id') && t.foreignKeys.some((f) => f.table.toLowerCase() === 'codebooks')),
  );
}

/** Refuses a codebooks entry holding anything but codebooks of their own and codes of those codebooks. */
export function checkCodebookRows(rows: RowSet, tables: readonly LibraryTable[]): void {
  const allowed = new Map(codebookTables(tables).map((t) => [t.name, t]));
  for (const name of Object.keys(rows.tables)) {
    if (!allowed.has(name)) throw notArchiveContent(name);
    checkColumns(rows, name);
  }
  const ids = new Set(values(rows, 'codebooks', 'id'));
  if (values(rows, 'codebooks', 'built_in').some((v) => v !== 0 && v !== null)) throw notArchiveContent('codebooks');
  for (const table of allowed.values()) {
    if (table.name === 'codebooks') continue;
    const data = rows.tables[table.name];
    if (!data) continue;
    for (const fk of table.foreignKeys.filter((f) => f.table.toLowerCase() === 'codebooks')) {
      const at = data.columns.indexOf(fk.from);
      if (at < 0 || data.rows.some((r) => !ids.has(r[at]))) {
        throw new ApiError('invalid_input', 'This archive holds codes of a codebook that is not in it. It may have been altered by hand. Nothing was imported.');
      }
    }
  }
}

/** The codebooks entry without the codebooks already in this library (and their codes): those are kept as they are here. */
export function onlyNewCodebooks(rows: RowSet, tables: readonly LibraryTable[], exists: (codebookId: unknown) => boolean): RowSet {
  const out: RowSet = { tables: {} };
  for (const table of codebookTables(tables)) {
    const data = rows.tables[table.name];
    if (!data) continue;
    const key = table.name === 'codebooks' ? 'id' : table.foreignKeys.find((f) => f.table.toLowerCase() === 'codebooks')?.from;
    const at = key === undefined ? -1 : data.columns.indexOf(key);
    out.tables[table.name] = { columns: data.columns, rows: at < 0 ? [] : data.rows.filter((r) => !exists(r[at])) };
  }
  return out;
}
