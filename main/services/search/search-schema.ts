/**
 * The full-text search index (schema version 6), kept up to date by triggers as the data changes.
 *
 * `search_entries` lists every searchable text once — a transcript line, an annotation's comment or
 * model response, a feedback field, a reply — with its session, time, speaker and code, under a
 * stable integer id. `search_fts` is an FTS5 index over those texts whose content is the view
 * `search_text`: the text itself stays only in its own table (external content), and FTS5 reads it
 * through the view when it builds a snippet. Triggers on the source tables add, replace and remove
 * entries and index rows on every insert, update and delete, including the deletes a session's
 * ON DELETE CASCADE makes, so a search never indexes anything at query time.
 *
 * This text is the version 6 migration: do not change it; change the index in a new migration.
 */
import type { SearchField } from '../../../shared/domain/search';

/** One searchable text column and how its entries are described. Expressions use `r.` for the row. */
interface TextSource {
  table: string;
  column: string;
  field: SearchField;
  /** The row's key (unique per field). */
  key: string;
  session: string;
  start: string;
  end: string;
  speaker: string;
  code: string;
}

const ofAnnotation = (column: 'start' | 'end' | 'code_id', idExpr: string): string => `(SELECT ${column} FROM annotations WHERE id = ${idExpr})`;

export const TEXT_SOURCES: readonly TextSource[] = [
  { table: 'segments', column: 'text', field: 'transcript', key: 'r.id', session: 'r.session_id', start: 'r.start', end: 'r.end', speaker: 'r.speaker', code: 'NULL' },
  ...(['comment', 'model_response'] as const).map(
    (column): TextSource => ({
      table: 'annotations',
      column,
      field: column === 'comment' ? 'comment' : 'modelResponse',
      key: 'r.id',
      session: 'r.session_id',
      start: 'r.start',
      end: 'r.end',
      speaker: 'NULL',
      code: 'r.code_id',
    }),
  ),
  ...(
    [
      ['strengths', 'strengths'],
      ['growth_areas', 'growthAreas'],
      ['goals', 'goals'],
    ] as const
  ).map(
    ([column, field]): TextSource => ({
      table: 'session_reviews',
      column,
      field,
      key: 'r.session_id',
      session: 'r.session_id',
      start: '0',
      end: 'NULL',
      speaker: 'NULL',
      code: 'NULL',
    }),
  ),
  ...(
    [
      ['annotation_replies', 'text', 'reply'],
      ['trainee_responses', 'reply', 'traineeReply'],
    ] as const
  ).map(
    ([table, column, field]): TextSource => ({
      table,
      column,
      field,
      key: 'r.annotation_id',
      session: `(SELECT session_id FROM annotations WHERE id = r.annotation_id)`,
      start: ofAnnotation('start', 'r.annotation_id'),
      end: ofAnnotation('end', 'r.annotation_id'),
      speaker: 'NULL',
      code: ofAnnotation('code_id', 'r.annotation_id'),
    }),
  ),
  { table: 'session_reflections', column: 'text', field: 'reflection', key: 'r.session_id', session: 'r.session_id', start: '0', end: 'NULL', speaker: 'NULL', code: 'NULL' },
  { table: 'received_packages', column: 'reflection', field: 'traineeReflection', key: 'r.session_id', session: 'r.session_id', start: '0', end: 'NULL', speaker: 'NULL', code: 'NULL' },
];

const withRow = (expr: string, row: string): string => expr.replace(/\br\./g, `${row}.`);

/**
 * Words indexed beside each text (column `facets`) so the filters are answered by the index itself:
 * fd<field>, tr<hex of the lower-case trainee name>, yy<year> and ym<year><month> of the recording
 * date, sp<speaker role>. The search adds them to its MATCH expression (search-service.ts).
 */
export const FACETS_OF_ENTRY = `'fd' || e.field || ' tr' || hex(lower(e.trainee))
    || CASE WHEN e.recorded_at IS NULL THEN '' ELSE ' yy' || substr(e.recorded_at, 1, 4) || ' ym' || substr(e.recorded_at, 1, 4) || substr(e.recorded_at, 6, 2) END
    || CASE WHEN e.speaker IS NULL THEN '' ELSE ' sp' || e.speaker END`;

/** The entry's columns, in the order of ENTRY_COLUMNS, for row `row` (its session's trainee and date copied, for the filters). */
const entryValues = (s: TextSource, row: string): string => {
  const session = withRow(s.session, row);
  return [
    session,
    `'${s.field}'`,
    withRow(s.key, row),
    withRow(s.start, row),
    withRow(s.end, row),
    withRow(s.speaker, row),
    withRow(s.code, row),
    `(SELECT trainee FROM sessions WHERE id = ${session})`,
    `(SELECT recorded_at FROM sessions WHERE id = ${session})`,
  ].join(', ');
};
const ENTRY_COLUMNS = 'session_id, field, source_id, start, "end", speaker, code_id, trainee, recorded_at';

/** Index rows out: entries `e` matching `where`, whose indexed text is `text` (exactly what was indexed). */
const unindex = (where: string, text: string): string => `
    INSERT INTO search_fts (search_fts, rowid, text, facets) SELECT 'delete', e.id, ${text}, ${FACETS_OF_ENTRY} FROM search_entries e WHERE ${where};`;
/** Index rows in: entries `e` matching `where`, with text `text`. */
const index = (where: string, text: string): string => `
    INSERT INTO search_fts (rowid, text, facets) SELECT e.id, ${text}, ${FACETS_OF_ENTRY} FROM search_entries e WHERE ${where};`;
const VIEW_TEXT = '(SELECT text FROM search_text WHERE id = e.id)';

const entryOf = (s: TextSource, row: 'old' | 'new'): string => `e.source_id = ${withRow(s.key, row)} AND e.field = '${s.field}'`;

/** Removes the entry of `old` from the index and the entry table. */
const removeEntry = (s: TextSource): string => `${unindex(entryOf(s, 'old'), `old.${s.column}`)}
    DELETE FROM search_entries AS e WHERE ${entryOf(s, 'old')};`;

/** Adds the entry of `new` when it has text. */
const addEntry = (s: TextSource): string => `
    INSERT INTO search_entries (${ENTRY_COLUMNS}) SELECT ${entryValues(s, 'new')} WHERE new.${s.column} <> '';${index(entryOf(s, 'new'), `new.${s.column}`)}`;

function triggers(s: TextSource): string {
  const name = `search_${s.table}_${s.column}`;
  // A transcript line is entered again when its text, time or speaker changes (the speaker is a facet).
  const changed =
    s.table === 'segments'
      ? `OF text, start, "end", speaker ON segments WHEN old.text IS NOT new.text OR old.start IS NOT new.start OR old."end" IS NOT new."end" OR old.speaker IS NOT new.speaker`
      : `OF ${s.column} ON ${s.table} WHEN old.${s.column} IS NOT new.${s.column}`;
  return `
  CREATE TRIGGER ${name}_insert AFTER INSERT ON ${s.table} WHEN new.${s.column} <> '' BEGIN${addEntry(s)}
  END;
  CREATE TRIGGER ${name}_delete AFTER DELETE ON ${s.table} WHEN old.${s.column} <> '' BEGIN${removeEntry(s)}
  END;
  CREATE TRIGGER ${name}_update AFTER UPDATE ${changed} BEGIN${removeEntry(s)}${addEntry(s)}
  END;`;
}

/**
 * Every entry of the source tables, for filling the entry table from scratch: session by session in
 * the order they were added, so ids rise with recency as they do when entries are added one by one.
 */
export const FILL_ENTRIES_SQL = `
  WITH x (${ENTRY_COLUMNS}) AS (
    ${TEXT_SOURCES.map((s) => `SELECT ${entryValues(s, 'r')} FROM ${s.table} r WHERE r.${s.column} <> ''`).join('\n    UNION ALL ')}
  )
  INSERT INTO search_entries (${ENTRY_COLUMNS})
  SELECT * FROM x ORDER BY (SELECT created_at FROM sessions WHERE id = x.session_id), x.session_id, x.start;
  DELETE FROM search_longest_line;
  INSERT INTO search_longest_line (seconds) SELECT COALESCE(max("end" - start), 0) FROM segments;`;

/** The text of an entry, read from its own table (the content of the FTS5 index). */
const TEXT_OF_ENTRY = `CASE e.field\n${TEXT_SOURCES.map((s) => {
  const keyColumn = s.key.replace(/^r\./, '');
  return `      WHEN '${s.field}' THEN (SELECT ${s.column} FROM ${s.table} WHERE ${keyColumn} = e.source_id)`;
}).join('\n')}\n    END`;

export const SEARCH_INDEX_V6_SQL = `
  -- Every searchable text once; start and end in seconds (0 and NULL for feedback on the whole session).
  CREATE TABLE search_entries (
    id          INTEGER PRIMARY KEY,
    session_id  TEXT NOT NULL,
    field       TEXT NOT NULL,
    source_id   TEXT NOT NULL,
    start       REAL,
    "end"       REAL,
    speaker     TEXT,
    code_id     TEXT,
    -- Copied from the session for the filters (and its facets).
    trainee     TEXT NOT NULL DEFAULT '',
    recorded_at TEXT,
    UNIQUE (source_id, field)
  );
  -- Covering (with "end") for finding the transcript lines inside an annotation.
  CREATE INDEX search_entries_place ON search_entries(session_id, field, start, "end");
  CREATE INDEX search_entries_code ON search_entries(code_id) WHERE code_id IS NOT NULL;
  CREATE INDEX annotations_code ON annotations(code_id);
  -- The longest transcript line ever indexed (seconds; never shrinks): bounds the search for lines inside an annotation.
  CREATE TABLE search_longest_line (seconds REAL NOT NULL);
  CREATE VIEW search_text (id, text, facets) AS
    SELECT e.id, ${TEXT_OF_ENTRY},
      ${FACETS_OF_ENTRY}
    FROM search_entries e;
  CREATE VIRTUAL TABLE search_fts USING fts5(
    text,
    facets,
    content = 'search_text',
    content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2',
    prefix = '2 3'
  );
  -- Relevance counts the text only; a deleted text's words leave the index at once (no tombstones).
  INSERT INTO search_fts (search_fts, rank) VALUES ('rank', 'bm25(1.0, 0.0)');
  INSERT INTO search_fts (search_fts, rank) VALUES ('secure-delete', 1);
  ${TEXT_SOURCES.map(triggers).join('\n')}
  CREATE TRIGGER search_segments_length AFTER INSERT ON segments BEGIN
    UPDATE search_longest_line SET seconds = max(seconds, new."end" - new.start);
  END;
  CREATE TRIGGER search_segments_length_update AFTER UPDATE OF start, "end" ON segments BEGIN
    UPDATE search_longest_line SET seconds = max(seconds, new."end" - new.start);
  END;
  -- An annotation's time and code follow it into its entries (and its replies'); they are not facets.
  CREATE TRIGGER search_annotations_place AFTER UPDATE OF start, "end", code_id ON annotations BEGIN
    UPDATE search_entries SET start = new.start, "end" = new."end", code_id = new.code_id
      WHERE source_id = new.id AND field IN ('comment', 'modelResponse', 'reply', 'traineeReply');
  END;
  -- A session's trainee and date are facets of all its texts: they are indexed again.
  CREATE TRIGGER search_sessions_facts AFTER UPDATE OF trainee, recorded_at ON sessions
    WHEN old.trainee IS NOT new.trainee OR old.recorded_at IS NOT new.recorded_at BEGIN${unindex('e.session_id = new.id', VIEW_TEXT)}
    UPDATE search_entries SET trainee = new.trainee, recorded_at = new.recorded_at WHERE session_id = new.id;${index('e.session_id = new.id', VIEW_TEXT)}
  END;
  ${FILL_ENTRIES_SQL}
  INSERT INTO search_fts (search_fts) VALUES ('rebuild');
`;
