/** Opens the library database: WAL, foreign keys, migrated to the current schema. */
import Database from 'better-sqlite3';
import { migrate } from './migrations';

export interface OpenOptions {
  /** Path of a better-sqlite3 native binding built for another runtime (Electron); `ATTUNE_SQLITE_BINDING` by default. */
  nativeBinding?: string;
  readonly?: boolean;
}

export function openDatabase(file: string, options: OpenOptions = {}): Database.Database {
  const nativeBinding = options.nativeBinding ?? process.env.ATTUNE_SQLITE_BINDING;
  const db = new Database(file, {
    ...(nativeBinding ? { nativeBinding } : {}),
    ...(options.readonly ? { readonly: true } : {}),
  });
  db.pragma('journal_mode = WAL');
  // FULL: a change the UI shows as saved survives a power cut, not only a crash.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  if (!options.readonly) migrate(db);
  return db;
}
