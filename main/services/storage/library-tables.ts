/**
 * The library's tables as found in the database itself (sqlite_schema and the table pragmas), so
 * backup, restore and archives follow whatever the migrations made — new tables and columns
 * included — without a list to keep up to date. Left out: SQLite's own tables, virtual tables (the
 * full-text index) and their shadow tables, and tables that triggers fill (the search entries):
 * those are rebuilt by the triggers when the rows they follow are written.
 */
import type Database from 'better-sqlite3';

export interface ForeignKey {
  /** The column here. */
  from: string;
  table: string;
  /** The column there. */
  to: string;
}

export interface LibraryTable {
  name: string;
  columns: string[];
  /** Has a rowid (not WITHOUT ROWID) that is not also a column (no INTEGER PRIMARY KEY). */
  hiddenRowid: boolean;
  foreignKeys: ForeignKey[];
}

interface TableListRow {
  schema: string;
  name: string;
  type: string;
  wr: number;
}

interface ColumnRow {
  name: string;
  type: string;
  pk: number;
}

interface ForeignKeyRow {
  table: string;
  from: string;
  to: string | null;
}

export const quoteName = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Tables a trigger writes into (INSERT/REPLACE INTO t): kept by triggers, never copied. */
export function triggerFilledTables(db: Database.Database, schema = 'main'): Set<string> {
  const rows = db.prepare<[], { sql: string | null }>(`SELECT sql FROM ${quoteName(schema)}.sqlite_schema WHERE type = 'trigger'`).all();
  const names = new Set<string>();
  const pattern = /\b(?:INSERT|REPLACE)\s+(?:OR\s+\w+\s+)?INTO\s+(?:"((?:[^"]|"")+)"|`([^`]+)`|\[([^\]]+)\]|([A-Za-z_][\w$]*))/gi;
  for (const { sql } of rows) {
    if (!sql) continue;
    for (const m of sql.matchAll(pattern)) {
      const name = m[1]?.replace(/""/g, '"') ?? m[2] ?? m[3] ?? m[4];
      if (name) names.add(name.toLowerCase());
    }
  }
  return names;
}

/**
 * The tables holding the library's own rows, parents before children (by their foreign keys), so
 * inserting in this order never writes a row before the one it points to.
 */
export function libraryTables(db: Database.Database, schema = 'main'): LibraryTable[] {
  const s = quoteName(schema);
  const list = db.prepare<[], TableListRow>(`PRAGMA ${s}.table_list`).all().filter((t) => t.schema === schema && t.type === 'table' && !t.name.startsWith('sqlite_'));
  const filled = triggerFilledTables(db, schema);
  const tables: LibraryTable[] = [];
  for (const t of list) {
    if (filled.has(t.name.toLowerCase())) continue;
    const columns = db.prepare<[], ColumnRow>(`PRAGMA ${s}.table_info(${quoteName(t.name)})`).all();
    const pks = columns.filter((c) => c.pk > 0);
    const integerKey = pks.length === 1 && pks[0]?.type.toUpperCase() === 'INTEGER';
    const foreignKeys = db
      .prepare<[], ForeignKeyRow>(`PRAGMA ${s}.foreign_key_list(${quoteName(t.name)})`)
      .all()
      .map((f) => ({ from: f.from, table: f.table, to: f.to ?? 'rowid' }));
    tables.push({ name: t.name, columns: columns.map((c) => c.name), hiddenRowid: t.wr === 0 && !integerKey, foreignKeys });
  }
  return parentsFirst(tables);
}

function parentsFirst(tables: LibraryTable[]): LibraryTable[] {
  const byName = new Map(tables.map((t) => [t.name.toLowerCase(), t]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const ordered: LibraryTable[] = [];
  const visit = (t: LibraryTable): void => {
    const key = t.name.toLowerCase();
    if (done.has(key) || visiting.has(key)) return;
    visiting.add(key);
    for (const fk of t.foreignKeys) {
      const parent = byName.get(fk.table.toLowerCase());
      if (parent && parent !== t) visit(parent);
    }
    visiting.delete(key);
    done.add(key);
    ordered.push(t);
  };
  for (const t of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(t);
  return ordered;
}

/** Rows per table (every ordinary table, the trigger-filled ones too), for checking a copy. */
export function rowCounts(db: Database.Database, schema = 'main'): Record<string, number> {
  const s = quoteName(schema);
  const counts: Record<string, number> = {};
  const list = db.prepare<[], TableListRow>(`PRAGMA ${s}.table_list`).all().filter((t) => t.schema === schema && t.type === 'table' && !t.name.startsWith('sqlite_'));
  for (const t of list.sort((a, b) => a.name.localeCompare(b.name))) {
    counts[t.name] = (db.prepare(`SELECT count(*) AS n FROM ${s}.${quoteName(t.name)}`).get() as { n: number }).n;
  }
  return counts;
}

export function schemaVersion(db: Database.Database, schema = 'main'): number {
  return db.pragma(`${quoteName(schema)}.user_version`, { simple: true }) as number;
}
