/**
 * A session's rows, found generically: the `sessions` row, every table with a `session_id` column
 * and a foreign key to the session's rows, and every table whose foreign key points at rows already found (annotation links, replies, read
 * marks…), repeated until nothing new turns up. Plus the codebooks of its own the session's rows
 * point at (not the built-in one every library has) and their codes. Tables the triggers fill (the
 * search index) are left to the triggers.
 */
import type Database from 'better-sqlite3';
import { libraryTables, quoteName, type LibraryTable } from '../storage/library-tables';
import type { RowSet, TableRows } from './archive-format';

type Value = null | number | string | bigint | Buffer | { $blob: string };

export interface Owned {
  table: LibraryTable;
  /** SQL selecting the owned rows; one `?` per session id (repeated). */
  where: string;
  params: number;
}

/** How each table's rows of one session are found (`?` is the session id), parents first. */
export function sessionTablePlan(tables: readonly LibraryTable[]): Owned[] {
  const byName = new Map(tables.map((t) => [t.name.toLowerCase(), t]));
  const owned = new Map<string, Owned>();
  const sessions = byName.get('sessions');
  if (!sessions) return [];
  owned.set('sessions', { table: sessions, where: 'id = ?', params: 1 });
  for (let changed = true; changed; ) {
    changed = false;
    for (const t of tables) {
      const key = t.name.toLowerCase();
      if (owned.has(key)) continue;
      // Only tables linked to the session's rows by a foreign key: a bare session_id column (the deletion log) is not the session's.
      const fk = t.foreignKeys.find((f) => owned.has(f.table.toLowerCase()));
      if (fk && t.columns.includes('session_id')) {
        owned.set(key, { table: t, where: 'session_id = ?', params: 1 });
        changed = true;
      } else if (fk) {
        const parent = owned.get(fk.table.toLowerCase()) as Owned;
        owned.set(key, {
          table: t,
          where: `${quoteName(fk.from)} IN (SELECT ${quoteName(fk.to)} FROM main.${quoteName(parent.table.name)} WHERE ${parent.where})`,
          params: parent.params,
        });
        changed = true;
      }
    }
  }
  // In the tables' own order (parents first).
  return tables.map((t) => owned.get(t.name.toLowerCase())).filter((o): o is Owned => o !== undefined);
}

function encode(value: Value): null | number | string | { $blob: string } {
  if (Buffer.isBuffer(value)) return { $blob: value.toString('base64') };
  if (typeof value === 'bigint') return Number(value);
  return value as null | number | string | { $blob: string };
}

function selectRows(db: Database.Database, table: LibraryTable, where: string, params: unknown[]): TableRows | null {
  const order = table.hiddenRowid ? 'ORDER BY rowid' : '';
  const rows = db
    .prepare(`SELECT ${table.columns.map(quoteName).join(', ')} FROM main.${quoteName(table.name)} WHERE ${where} ${order}`)
    .raw(true)
    .all(...params) as Value[][];
  if (rows.length === 0) return null;
  return { columns: table.columns, rows: rows.map((r) => r.map(encode)) };
}

/** Every row of one session, by table. */
export function sessionRows(db: Database.Database, sessionId: string, tables: readonly LibraryTable[] = libraryTables(db)): RowSet {
  const set: RowSet = { tables: {} };
  for (const o of sessionTablePlan(tables)) {
    const rows = selectRows(db, o.table, o.where, new Array<string>(o.params).fill(sessionId));
    if (rows) set.tables[o.table.name] = rows;
  }
  return set;
}

/** Codebook ids the rows point at through a foreign key to `codebooks`. */
export function codebookIdsOf(rowSets: readonly RowSet[], tables: readonly LibraryTable[]): Set<string> {
  const ids = new Set<string>();
  for (const t of tables) {
    for (const fk of t.foreignKeys) {
      if (fk.table.toLowerCase() !== 'codebooks') continue;
      for (const set of rowSets) {
        const rows = set.tables[t.name];
        const at = rows?.columns.indexOf(fk.from) ?? -1;
        if (!rows || at < 0) continue;
        for (const r of rows.rows) if (typeof r[at] === 'string') ids.add(r[at]);
      }
    }
  }
  return ids;
}

/** The codebooks of its own (not built in) with these ids, and the rows of tables that belong to them (their codes). */
export function codebookRows(db: Database.Database, ids: ReadonlySet<string>, tables: readonly LibraryTable[] = libraryTables(db)): RowSet | null {
  const codebooks = tables.find((t) => t.name === 'codebooks');
  if (!codebooks || ids.size === 0) return null;
  const list = [...ids];
  const marks = list.map(() => '?').join(', ');
  const builtIn = codebooks.columns.includes('built_in') ? 'AND built_in = 0' : '';
  const own = selectRows(db, codebooks, `id IN (${marks}) ${builtIn}`, list);
  if (!own) return null;
  const ownIds = own.rows.map((r) => r[codebooks.columns.indexOf('id')] as string);
  const set: RowSet = { tables: { codebooks: own } };
  for (const t of tables) {
    const fk = t.foreignKeys.find((f) => f.table.toLowerCase() === 'codebooks');
    if (!fk || t.columns.includes('session_id')) continue;
    const rows = selectRows(db, t, `${quoteName(fk.from)} IN (${ownIds.map(() => '?').join(', ')})`, ownIds);
    if (rows) set.tables[t.name] = rows;
  }
  return set;
}
