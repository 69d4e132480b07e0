/**
 * Library-wide search over the FTS5 index of schema version 6 (see search-schema.ts): the query is
 * parsed into a safe MATCH expression (shared/search/query.ts), filtered by trainee, code, date and
 * speaker, and answered best first (bm25) with a snippet around each match. Nothing is indexed here;
 * the triggers keep the index current as the data changes.
 */
import type Database from 'better-sqlite3';
import { ApiError } from '../../../shared/api/errors';
import {
  SEARCH_DEFAULT_LIMIT,
  SEARCH_FIELD_KIND,
  SEARCH_MAX_LIMIT,
  type SearchField,
  type SearchHit,
  type SearchOptions,
  type SearchRequest,
  type SearchResults,
} from '../../../shared/domain/search';
import { DEFAULT_SPEAKER_NAMES, type SpeakerRole } from '../../../shared/domain/transcript';
import { parseSearchQuery } from '../../../shared/search/query';
import { MARK_CLOSE, MARK_OPEN, unmark } from './marked-text';
import { FILL_ENTRIES_SQL } from './search-schema';

interface HitRow {
  id: number;
  sessionId: string;
  field: SearchField;
  start: number | null;
  end: number | null;
  speaker: SpeakerRole | null;
  codeId: string | null;
  title: string;
  trainee: string;
  recordedAt: string | null;
}

const HIT_SELECT = `
  SELECT e.id, e.session_id AS sessionId, e.field, e.start, e."end" AS "end", e.speaker, e.code_id AS codeId,
         s.title, s.trainee, s.recorded_at AS recordedAt
  FROM search_entries e JOIN sessions s ON s.id = e.session_id`;

/** Words a speaker filter may name a role by. */
const ROLE_WORDS: Record<string, SpeakerRole> = {
  counselor: 'counselor',
  counsellor: 'counselor',
  therapist: 'counselor',
  trainee: 'counselor',
  client: 'client',
  other: 'other',
};

/** Fields that belong to an annotation (and so carry its code). */
const ANNOTATION_FIELDS = "('comment', 'modelResponse', 'reply', 'traineeReply')";

/** The matching text, cut to about 32 words around the matches, with each match between marks. */
const SNIPPET = `snippet(search_fts, 0, char(${MARK_OPEN.charCodeAt(0)}), char(${MARK_CLOSE.charCodeAt(0)}), '…', 32)`;

/**
 * A search that matches more texts than this (after its filters) is ranked among the most recent
 * this many (ranking costs about a microsecond per text; the total still counts them all).
 */
export const RANK_WINDOW = 10_000;

/** The trainee facet's word: the name lower-cased as SQLite's lower() does (ASCII letters), in hex. */
function hexOfLower(name: string): string {
  return Buffer.from(name.replace(/[A-Z]/g, (c) => c.toLowerCase()), 'utf8').toString('hex');
}

function isLastOfMonth(date: string): boolean {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.getUTCDate() === 1;
}

/**
 * The date facets covering [from, to] (either open, then bounded by the library's dates): whole
 * years as yy<year>, the rest as ym<year><month>. A word that is never indexed when nothing can match.
 */
export function dateFacets(from: string | null, to: string | null, library: { low: string | null; high: string | null }): string[] {
  const low = [from, library.low].filter((d): d is string => !!d).sort().at(-1);
  const high = [to, library.high].filter((d): d is string => !!d).sort()[0];
  if (!low || !high || low > high) return ['"ynone"'];
  const words: string[] = [];
  const [y0, m0] = [Number(low.slice(0, 4)), Number(low.slice(5, 7))];
  const [y1, m1] = [Number(high.slice(0, 4)), Number(high.slice(5, 7))];
  for (let y = y0; y <= y1; y++) {
    const first = y === y0 ? m0 : 1;
    const last = y === y1 ? m1 : 12;
    if (first === 1 && last === 12) words.push(`"yy${y}"`);
    else for (let m = first; m <= last; m++) words.push(`"ym${y}${String(m).padStart(2, '0')}"`);
  }
  return words;
}

export class SearchService {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  /** The best hits for a search and the number of all hits. invalid_input, in plain words, for a query that cannot be read. */
  search(request: SearchRequest): SearchResults {
    const parsed = parseSearchQuery(request.query);
    if (!parsed.ok) throw new ApiError('invalid_input', parsed.message);
    const limit = Math.max(1, Math.min(SEARCH_MAX_LIMIT, Math.floor(request.limit ?? SEARCH_DEFAULT_LIMIT)));
    const { facets, where, params, joinEntries } = this.filters(request);
    // The words are looked for in the text only; the filters that can be are facets in the index.
    params.match = [`text : (${parsed.expression})`, ...facets].join(' AND ');

    // The index answers the words and facets; filters it cannot answer are conditions on the entry
    // or the rowid. A search that matches very many texts is ranked among the most recent
    // RANK_WINDOW of them (ranking costs about a microsecond a text), filtered or not; the total counts all.
    const from = joinEntries ? 'search_fts CROSS JOIN search_entries e ON e.id = search_fts.rowid' : 'search_fts';
    const matching = `FROM ${from} WHERE search_fts MATCH @match${where}`;
    const total = (this.statement(`SELECT count(*) AS n ${matching}`).get(params) as { n: number }).n;
    if (total === 0) return { hits: [], total };
    const threshold =
      total > RANK_WINDOW
        ? (this.statement(`SELECT search_fts.rowid AS id ${matching} ORDER BY search_fts.rowid DESC LIMIT 1 OFFSET ${RANK_WINDOW - 1}`).get(params) as { id: number }).id
        : 0;
    // bm25() rather than FTS5's rank, so that the rowid bound applies before ranking; among equals,
    // the more recent first. SQLite keeps only the best `limit` while it sorts.
    const best = this.statement(
      `SELECT search_fts.rowid ${matching} AND search_fts.rowid >= @threshold ORDER BY bm25(search_fts, 1.0, 0.0), search_fts.rowid DESC LIMIT @limit`,
    )
      .pluck()
      .all({ ...params, threshold, limit }) as number[];
    // Snippets for the best alone (one pass over the matches between the lowest and highest of them).
    const marks = new Map(
      (
        this.statement(
          `SELECT rowid AS id, ${SNIPPET} AS marked FROM search_fts
           WHERE search_fts MATCH @match AND rowid BETWEEN @low AND @high AND +rowid IN (SELECT value FROM json_each(@ids))`,
        ).all({ match: params.match, low: Math.min(...best), high: Math.max(...best), ids: JSON.stringify(best) }) as { id: number; marked: string }[]
      ).map((r) => [r.id, r.marked]),
    );
    const ranked = best.map((id) => ({ id, marked: marks.get(id) ?? null }));

    const rows = new Map(
      (this.statement(`${HIT_SELECT} WHERE e.id IN (SELECT value FROM json_each(@ids))`).all({ ids: JSON.stringify(ranked.map((r) => r.id)) }) as HitRow[]).map((r) => [
        r.id,
        r,
      ]),
    );
    const hits: SearchHit[] = [];
    for (const r of ranked) {
      const row = rows.get(r.id);
      if (row && r.marked !== null) hits.push(this.toHit(row, r.marked));
    }
    return { hits, total };
  }

  /** What the filters can offer: the library's trainees, the codes annotations use, and speaker names. */
  options(): SearchOptions {
    const trainees = this.db
      .prepare<[], { trainee: string }>(`SELECT DISTINCT trainee FROM sessions WHERE trainee <> '' ORDER BY trainee COLLATE NOCASE`)
      .all()
      .map((r) => r.trainee);
    const codes = this.db
      .prepare<[], { id: string }>('SELECT DISTINCT code_id AS id FROM annotations')
      .all()
      .map((r) => ({ id: r.id, name: this.codeName(null, r.id) ?? r.id }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const defaults = new Set(Object.values(DEFAULT_SPEAKER_NAMES).map((n) => n.toLowerCase()));
    const speakerNames = this.db
      .prepare<[], { name: string }>(
        `SELECT counselor_name AS name FROM transcripts UNION SELECT client_name FROM transcripts UNION SELECT other_name FROM transcripts`,
      )
      .all()
      .map((r) => r.name.trim())
      .filter((n) => n !== '' && !defaults.has(n.toLowerCase()))
      .sort((a, b) => a.localeCompare(b));
    return { trainees, codes, speakerNames: [...new Set(speakerNames)] };
  }

  /**
   * Builds the index again from the data (a repair; the benchmark's "index from scratch"). One
   * transaction: a search meanwhile sees the old index or the new one. Answers how many texts it holds.
   */
  rebuild(): { entries: number } {
    this.db.transaction(() => {
      this.db.exec('DELETE FROM search_entries');
      this.db.exec(FILL_ENTRIES_SQL);
      this.db.exec(`INSERT INTO search_fts (search_fts) VALUES ('rebuild')`);
    })();
    return { entries: (this.db.prepare('SELECT count(*) AS n FROM search_entries').get() as { n: number }).n };
  }

  /** Whether the index agrees with the data (FTS5's integrity check). */
  isConsistent(): boolean {
    try {
      this.db.exec(`INSERT INTO search_fts (search_fts, rank) VALUES ('integrity-check', 1)`);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * The filters: as facets for the MATCH expression where the index can answer them (trainee, date,
   * speaker role), and as SQL conditions on the entry `e` or the rowid where it cannot.
   */
  private filters(request: SearchRequest): { facets: string[]; where: string; params: Record<string, string>; joinEntries: boolean } {
    const facets: string[] = [];
    const clauses: string[] = [];
    const params: Record<string, string> = {};
    let joinEntries = false;
    const trainee = request.trainee?.trim();
    if (trainee) facets.push(`facets : "tr${hexOfLower(trainee)}"`);
    // Texts of sessions without a date have no date facet and a NULL date: no range takes them in.
    if (request.from || request.to) {
      const bounds = this.statement('SELECT min(recorded_at) AS low, max(recorded_at) AS high FROM sessions').get() as { low: string | null; high: string | null };
      facets.push(`facets : (${dateFacets(request.from || null, request.to || null, bounds).join(' OR ')})`);
      // The facets cover whole months; a range that starts or ends inside one is checked day by day.
      if (request.from && !request.from.endsWith('-01')) {
        clauses.push('e.recorded_at >= @from');
        params.from = request.from;
        joinEntries = true;
      }
      if (request.to && !isLastOfMonth(request.to)) {
        clauses.push('e.recorded_at <= @to');
        params.to = request.to;
        joinEntries = true;
      }
    }
    const speaker = request.speaker?.trim();
    if (speaker) {
      const role = ROLE_WORDS[speaker.toLowerCase()];
      if (role) {
        facets.push(`facets : "sp${role}"`);
      } else {
        facets.push('facets : "fdtranscript"');
        clauses.push(`(e.session_id, e.speaker) IN (
              SELECT session_id, 'counselor' FROM transcripts WHERE counselor_name = @speaker COLLATE NOCASE
              UNION ALL SELECT session_id, 'client' FROM transcripts WHERE client_name = @speaker COLLATE NOCASE
              UNION ALL SELECT session_id, 'other' FROM transcripts WHERE other_name = @speaker COLLATE NOCASE)`);
        params.speaker = speaker;
        joinEntries = true;
      }
    }
    const code = request.code?.trim();
    if (code) {
      // The annotations with the code (and replies to them), and the transcript lines inside one or
      // linked to one: gathered once per search, then looked up for each match.
      clauses.push(`+search_fts.rowid IN (
        SELECT id FROM search_entries WHERE code_id = @code AND field IN ${ANNOTATION_FIELDS}
        UNION
        SELECT t.id FROM annotations a JOIN search_entries t
          ON t.session_id = a.session_id AND t.field = 'transcript'
          AND t.start <= COALESCE(a."end", a.start) AND t.start >= a.start - (SELECT max(seconds) FROM search_longest_line) AND t."end" >= a.start
        WHERE a.code_id = @code
        UNION
        SELECT t.id FROM annotations a JOIN annotation_segments l ON l.annotation_id = a.id
          JOIN search_entries t ON t.source_id = l.segment_id AND t.field = 'transcript'
        WHERE a.code_id = @code)`);
      params.code = code;
    }
    return { facets, where: clauses.map((c) => `\n        AND ${c}`).join(''), params, joinEntries };
  }

  private toHit(r: HitRow, marked: string): SearchHit {
    const { text, highlights } = unmark(marked);
    return {
      sessionId: r.sessionId,
      title: r.title,
      trainee: r.trainee,
      recordedAt: r.recordedAt,
      start: r.start ?? 0,
      end: r.end,
      text,
      highlights,
      matched: SEARCH_FIELD_KIND[r.field],
      field: r.field,
      speaker: r.speaker,
      speakerName: r.speaker ? this.speakerName(r.sessionId, r.speaker) : null,
      codeId: r.codeId,
      codeName: r.codeId ? (this.codeName(r.sessionId, r.codeId) ?? r.codeId) : null,
    };
  }

  private speakerName(sessionId: string, role: SpeakerRole): string {
    const row = this.statement('SELECT counselor_name AS counselor, client_name AS client, other_name AS other FROM transcripts WHERE session_id = ?').get(sessionId) as
      | Record<SpeakerRole, string>
      | undefined;
    return row?.[role] || DEFAULT_SPEAKER_NAMES[role];
  }

  /** The code's name in the session's codebook, else in the default codebook, else in any. */
  private codeName(sessionId: string | null, codeId: string): string | null {
    const row = this.statement(
      `SELECT c.name FROM codes c
       WHERE c.id = @codeId
       ORDER BY c.codebook_id = COALESCE((SELECT codebook_id FROM session_reviews WHERE session_id = @sessionId), 'default') DESC,
                c.codebook_id = 'default' DESC, c.codebook_id
       LIMIT 1`,
    ).get({ codeId, sessionId }) as { name: string } | undefined;
    return row?.name ?? null;
  }

  private statement(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }
}
