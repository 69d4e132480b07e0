/**
 * Codebooks and their codes in SQLite (tables `codebooks` and `codes`, schema v3). Every write is one
 * transaction and is checked against the rules every codebook obeys (codebookProblem); nothing here
 * emits events (the API handlers emit `codebooks.changed`).
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { ApiError } from '../../../shared/api/errors';
import type { Code, CodeKind, Codebook, MitiBehaviour } from '../../../shared/domain/annotation';
import { codebookProblem, codebookToJson, parseCodebookJson } from '../../../shared/codebook/codebook-file';
import { DEFAULT_CODEBOOK_ID, DEFAULT_CODEBOOK_NAME, defaultCodes } from '../../../shared/codebook/default-codebook';
import type { Settings } from '../models/settings';
import { fileSlug } from '../annotations/file-slug';

interface CodebookRow {
  id: string;
  name: string;
  built_in: 0 | 1;
  created_at: string;
  updated_at: string;
}

interface CodeRow {
  codebook_id: string;
  id: string;
  position: number;
  name: string;
  definition: string;
  kind: CodeKind;
  color: string;
  hotkey: string | null;
  miti: MitiBehaviour | null;
  missed_opportunity: 0 | 1;
  enabled: 0 | 1;
}

/** The built-in code ids already offered once, so a code the supervisor deleted is not added back. */
const SEEDED_KEY = 'codebooks.builtInSeeded';

const toCode = (r: CodeRow): Code => ({
  id: r.id,
  name: r.name,
  definition: r.definition,
  kind: r.kind,
  color: r.color,
  hotkey: r.hotkey,
  miti: r.miti,
  missedOpportunity: r.missed_opportunity === 1,
  enabled: r.enabled === 1,
});

const quote = (text: string): string => `“${text}”`;

/** The SQL that counts annotations using a code in sessions coded with a codebook (no review row: the default one). */
const ANNOTATIONS_USING_CODE = `
  SELECT COUNT(*) AS n FROM annotations a LEFT JOIN session_reviews r ON r.session_id = a.session_id
  WHERE a.code_id = ? AND COALESCE(r.codebook_id, '${DEFAULT_CODEBOOK_ID}') = ?`;

export class CodebookStore {
  private readonly codebookRow: Database.Statement<[string], CodebookRow>;
  private readonly codesOf: Database.Statement<[string], CodeRow>;
  private readonly insertCode: Database.Statement<[string, string, number, string, string, CodeKind, string, string | null, MitiBehaviour | null, number, number]>;
  private readonly touchRow: Database.Statement<[string, string]>;

  constructor(
    private readonly db: Database.Database,
    private readonly settings: Settings,
  ) {
    this.codebookRow = db.prepare('SELECT * FROM codebooks WHERE id = ?');
    this.codesOf = db.prepare('SELECT * FROM codes WHERE codebook_id = ? ORDER BY position, rowid');
    this.insertCode = db.prepare(
      `INSERT INTO codes (codebook_id, id, position, name, definition, kind, color, hotkey, miti, missed_opportunity, enabled)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.touchRow = db.prepare('UPDATE codebooks SET updated_at = ? WHERE id = ?');
  }

  /**
   * Adds the built-in codebook when it is missing, and built-in codes it does not have yet (a newer
   * version's), never changing codes the supervisor edited nor bringing back ones they deleted. A new
   * code whose hotkey is taken gets none.
   */
  seedBuiltIn(): void {
    this.db.transaction(() => {
      const now = new Date().toISOString();
      if (!this.codebookRow.get(DEFAULT_CODEBOOK_ID)) {
        this.db
          .prepare('INSERT INTO codebooks (id, name, built_in, created_at, updated_at) VALUES (?, ?, 1, ?, ?)')
          .run(DEFAULT_CODEBOOK_ID, DEFAULT_CODEBOOK_NAME, now, now);
      }
      const seeded = new Set(this.seededIds());
      const existing = this.codesOf.all(DEFAULT_CODEBOOK_ID);
      const ids = new Set(existing.map((c) => c.id));
      const hotkeys = new Set(existing.map((c) => c.hotkey).filter((k): k is string => k !== null));
      let position = existing.reduce((max, c) => Math.max(max, c.position), -1) + 1;
      let added = false;
      for (const code of defaultCodes()) {
        if (ids.has(code.id) || seeded.has(code.id)) continue;
        const hotkey = code.hotkey !== null && !hotkeys.has(code.hotkey) ? code.hotkey : null;
        if (hotkey) hotkeys.add(hotkey);
        this.insert(DEFAULT_CODEBOOK_ID, { ...code, hotkey }, position++);
        added = true;
      }
      if (added && existing.length > 0) this.touch(DEFAULT_CODEBOOK_ID);
      const all = new Set([...seeded, ...defaultCodes().map((c) => c.id)]);
      if (all.size !== seeded.size) this.settings.set(SEEDED_KEY, JSON.stringify([...all]));
    })();
  }

  list(): Codebook[] {
    const rows = this.db.prepare<[], CodebookRow>('SELECT * FROM codebooks ORDER BY built_in DESC, name COLLATE NOCASE, rowid').all();
    return rows.map((r) => this.toCodebook(r));
  }

  find(codebookId: string): Codebook | null {
    const row = this.codebookRow.get(codebookId);
    return row ? this.toCodebook(row) : null;
  }

  get(codebookId: string): Codebook {
    const found = this.find(codebookId);
    if (!found) throw new ApiError('not_found', 'That codebook is no longer in the library.');
    return found;
  }

  /** A new codebook, empty or with a copy of another's codes. A name already in use gets " (2)", " (3)"… */
  create(name: string, copyFrom?: string): Codebook {
    const id = randomUUID();
    this.db.transaction(() => {
      const codes = copyFrom !== undefined ? this.get(copyFrom).codes : [];
      this.insertCodebook(id, this.freeName(name.trim()), codes);
    })();
    return this.get(id);
  }

  rename(codebookId: string, name: string): Codebook {
    const trimmed = name.trim();
    if (!trimmed) throw new ApiError('invalid_input', 'A codebook needs a name.');
    this.db.transaction(() => {
      this.get(codebookId);
      const clash = this.db
        .prepare<[string, string], { id: string }>('SELECT id FROM codebooks WHERE name = ? COLLATE NOCASE AND id <> ?')
        .get(trimmed, codebookId);
      if (clash) throw new ApiError('invalid_input', `There is already a codebook named ${quote(trimmed)}.`);
      this.db.prepare('UPDATE codebooks SET name = ?, updated_at = ? WHERE id = ?').run(trimmed, new Date().toISOString(), codebookId);
    })();
    return this.get(codebookId);
  }

  /** Refused for the built-in codebook and for one that sessions are coded with. */
  delete(codebookId: string): void {
    this.db.transaction(() => {
      const codebook = this.get(codebookId);
      if (codebook.builtIn) throw new ApiError('forbidden', 'The built-in codebook cannot be deleted; you can edit it or turn codes off.');
      const users = this.sessionsUsing(codebookId);
      if (users > 0) {
        throw new ApiError(
          'invalid_input',
          `${users === 1 ? '1 session is' : `${users} sessions are`} coded with ${quote(codebook.name)}; switch ${users === 1 ? 'it' : 'them'} to another codebook before deleting it.`,
        );
      }
      this.db.prepare('DELETE FROM codebooks WHERE id = ?').run(codebookId);
    })();
  }

  /** How many sessions are coded with this codebook (sessions without a review use the built-in one). */
  sessionsUsing(codebookId: string): number {
    const reviewed = this.db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM session_reviews WHERE codebook_id = ?').get(codebookId)?.n ?? 0;
    if (codebookId !== DEFAULT_CODEBOOK_ID) return reviewed;
    const unreviewed =
      this.db
        .prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM sessions s WHERE NOT EXISTS (SELECT 1 FROM session_reviews r WHERE r.session_id = s.id)')
        .get()?.n ?? 0;
    return reviewed + unreviewed;
  }

  /** Adds a code, or replaces the one with the same id in place (rename, recolour, re-key, disable). */
  saveCode(codebookId: string, code: Code): Codebook {
    this.db.transaction(() => {
      const codebook = this.get(codebookId);
      const index = codebook.codes.findIndex((c) => c.id === code.id);
      const next = index < 0 ? [...codebook.codes, code] : codebook.codes.map((c, i) => (i === index ? code : c));
      const problem = codebookProblem(next);
      if (problem) throw new ApiError('invalid_input', problem);
      if (index < 0) {
        const max = this.db.prepare<[string], { m: number | null }>('SELECT MAX(position) AS m FROM codes WHERE codebook_id = ?').get(codebookId)?.m;
        this.insert(codebookId, code, (max ?? -1) + 1);
      } else {
        this.db
          .prepare(
            `UPDATE codes SET name = ?, definition = ?, kind = ?, color = ?, hotkey = ?, miti = ?, missed_opportunity = ?, enabled = ?
             WHERE codebook_id = ? AND id = ?`,
          )
          .run(code.name, code.definition, code.kind, code.color, code.hotkey, code.miti, code.missedOpportunity ? 1 : 0, code.enabled ? 1 : 0, codebookId, code.id);
      }
      this.touch(codebookId);
    })();
    return this.get(codebookId);
  }

  /** Removes a code that no annotation of a session coded with this codebook uses (codes in use can only be turned off). */
  deleteCode(codebookId: string, codeId: string): Codebook {
    this.db.transaction(() => {
      const codebook = this.get(codebookId);
      const code = codebook.codes.find((c) => c.id === codeId);
      if (!code) throw new ApiError('not_found', `There is no code ${quote(codeId)} in the codebook ${quote(codebook.name)}.`);
      const uses = this.db.prepare<[string, string], { n: number }>(ANNOTATIONS_USING_CODE).get(codeId, codebookId)?.n ?? 0;
      if (uses > 0) {
        throw new ApiError('invalid_input', `${uses === 1 ? '1 annotation uses' : `${uses} annotations use`} ${quote(code.name)}; turn it off instead.`);
      }
      this.db.prepare('DELETE FROM codes WHERE codebook_id = ? AND id = ?').run(codebookId, codeId);
      this.touch(codebookId);
    })();
    return this.get(codebookId);
  }

  /** Puts the codes in the given order, which must name each of them exactly once. */
  reorder(codebookId: string, codeIds: readonly string[]): Codebook {
    this.db.transaction(() => {
      const codebook = this.get(codebookId);
      const known = new Set(codebook.codes.map((c) => c.id));
      const given = new Set(codeIds);
      const unknown = codeIds.find((id) => !known.has(id));
      if (unknown !== undefined) throw new ApiError('invalid_input', `There is no code ${quote(unknown)} in the codebook ${quote(codebook.name)}.`);
      if (given.size !== codeIds.length || given.size !== known.size) {
        throw new ApiError('invalid_input', `The new order must list each of the codebook’s ${known.size} codes exactly once.`);
      }
      const update = this.db.prepare('UPDATE codes SET position = ? WHERE codebook_id = ? AND id = ?');
      codeIds.forEach((id, position) => update.run(position, codebookId, id));
      this.touch(codebookId);
    })();
    return this.get(codebookId);
  }

  /** Adds a codebook from a codebook file's text. A name already in use gets " (2)", " (3)"… */
  import(fileName: string, content: string): Codebook {
    let parsed: { name: string; codes: Code[] };
    try {
      parsed = parseCodebookJson(content);
    } catch (error) {
      throw new ApiError('invalid_input', `${fileName}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const id = randomUUID();
    this.db.transaction(() => this.insertCodebook(id, this.freeName(parsed.name.trim() || 'Imported codebook'), parsed.codes))();
    return this.get(id);
  }

  export(codebookId: string): { fileName: string; content: string } {
    const codebook = this.get(codebookId);
    return { fileName: `${fileSlug(codebook.name, 'codebook')}.codebook.json`, content: codebookToJson(codebook) };
  }

  private insertCodebook(id: string, name: string, codes: readonly Code[]): void {
    const problem = codebookProblem(codes);
    if (problem) throw new ApiError('invalid_input', problem);
    const now = new Date().toISOString();
    this.db.prepare('INSERT INTO codebooks (id, name, built_in, created_at, updated_at) VALUES (?, ?, 0, ?, ?)').run(id, name, now, now);
    codes.forEach((code, position) => this.insert(id, code, position));
  }

  private insert(codebookId: string, code: Code, position: number): void {
    this.insertCode.run(
      codebookId,
      code.id,
      position,
      code.name,
      code.definition,
      code.kind,
      code.color,
      code.hotkey,
      code.miti,
      code.missedOpportunity ? 1 : 0,
      code.enabled ? 1 : 0,
    );
  }

  /** `name`, or `name (2)`, `name (3)`… whichever no codebook has yet. */
  private freeName(name: string): string {
    const taken = new Set(this.db.prepare<[], { name: string }>('SELECT name FROM codebooks').all().map((r) => r.name.toLocaleLowerCase()));
    if (!taken.has(name.toLocaleLowerCase())) return name;
    for (let n = 2; ; n++) {
      const candidate = `${name} (${n})`;
      if (!taken.has(candidate.toLocaleLowerCase())) return candidate;
    }
  }

  private seededIds(): string[] {
    const text = this.settings.get(SEEDED_KEY);
    if (!text) return [];
    try {
      const value: unknown = JSON.parse(text);
      return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
    } catch {
      return [];
    }
  }

  private toCodebook(r: CodebookRow): Codebook {
    return { id: r.id, name: r.name, builtIn: r.built_in === 1, codes: this.codesOf.all(r.id).map(toCode), updatedAt: r.updated_at };
  }

  private touch(codebookId: string): void {
    this.touchRow.run(new Date().toISOString(), codebookId);
  }
}
