/** The library's saved filters (table saved_filters) and its counts per status. */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { ApiError } from '../../../shared/api/errors';
import type { LibraryFilter, SavedFilter, StatusCounts } from '../../../shared/domain/library';
import { compactFilter, countByStatus, filterLibrary, localIsoDate } from '../../../shared/library/library-filter';
import type { SessionStore } from '../store/session-store';

interface FilterRow {
  id: string;
  name: string;
  filter_json: string;
  created_at: string;
}

const toSaved = (r: FilterRow): SavedFilter => ({ id: r.id, name: r.name, filter: JSON.parse(r.filter_json) as LibraryFilter, createdAt: r.created_at });

export class LibraryService {
  constructor(
    private readonly db: Database.Database,
    private readonly sessions: SessionStore,
    private readonly today: () => string = () => localIsoDate(),
  ) {}

  /** Counts per status among the sessions matching the filter, whatever status it asks for (so each count can become the filter). */
  statusCounts(filter: LibraryFilter = {}): StatusCounts {
    const { status: _ignored, ...rest } = filter;
    return countByStatus(filterLibrary(this.sessions.list(), rest, this.today()));
  }

  savedFilters(): SavedFilter[] {
    return this.db.prepare<[], FilterRow>('SELECT * FROM saved_filters ORDER BY name COLLATE NOCASE, created_at').all().map(toSaved);
  }

  /** Saves `filter` under `name` (already validated); a filter with that name in any case is replaced, keeping its id. */
  saveFilter(name: string, filter: LibraryFilter): SavedFilter {
    const compact = compactFilter(filter);
    if (Object.keys(compact).length === 0) throw new ApiError('invalid_input', 'Choose something to filter by before saving the filter.');
    return this.db.transaction(() => {
      const existing = this.db.prepare<[string], FilterRow>('SELECT * FROM saved_filters WHERE name = ? COLLATE NOCASE').get(name);
      const id = existing?.id ?? randomUUID();
      if (existing) {
        this.db.prepare('UPDATE saved_filters SET name = ?, filter_json = ? WHERE id = ?').run(name, JSON.stringify(compact), id);
      } else {
        this.db.prepare('INSERT INTO saved_filters (id, name, filter_json, created_at) VALUES (?, ?, ?, ?)').run(id, name, JSON.stringify(compact), new Date().toISOString());
      }
      return toSaved(this.db.prepare<[string], FilterRow>('SELECT * FROM saved_filters WHERE id = ?').get(id) as FilterRow);
    })();
  }

  deleteFilter(id: string): void {
    const { changes } = this.db.prepare('DELETE FROM saved_filters WHERE id = ?').run(id);
    if (changes === 0) throw new ApiError('not_found', 'That saved filter is no longer there.');
  }
}
