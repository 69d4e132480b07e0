/** CodebookStore on a real library: the built-in codebook's seeding, editing codes, and the refusals that keep annotations valid. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Code } from '../../../shared/domain/annotation';
import { DEFAULT_CODEBOOK_ID, DEFAULT_CODEBOOK_NAME, defaultCodes } from '../../../shared/codebook/default-codebook';
import { codebookToJson } from '../../../shared/codebook/codebook-file';
import { importRecording } from '../media/import-recording';
import { openServices } from '../services';
import { expectApiError } from '../../test-support/api-harness';
import { openTempServices, sharedData, tempDir } from '../../test-support/temp-library';

const code = (id: string, fields: Partial<Code> = {}): Code => ({
  id,
  name: id.replace(/-/g, ' '),
  definition: '',
  kind: 'neutral',
  color: '#334455',
  hotkey: null,
  miti: null,
  missedOpportunity: false,
  enabled: true,
  ...fields,
});

describe('CodebookStore', () => {
  const services = openTempServices();
  const { codebooks } = services;
  let sessionId = '';
  const rows = (table: string): number => (services.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

  beforeAll(async () => {
    const ctx = { store: services.sessions, paths: services.paths, tools: services.tools };
    sessionId = (await importRecording(ctx, { sourcePath: path.join(sharedData, 'audio', 'jfk.wav') })).session.id;
  });
  afterAll(() => services.cleanup());

  it('seeds the built-in codebook with the default codes, in order', () => {
    const builtIn = codebooks.get(DEFAULT_CODEBOOK_ID);
    expect(builtIn).toMatchObject({ name: DEFAULT_CODEBOOK_NAME, builtIn: true });
    expect(builtIn.codes).toEqual(defaultCodes());
    expect(codebooks.list().map((c) => c.id)).toEqual([DEFAULT_CODEBOOK_ID]);
  });

  it('re-seeding adds missing built-in codes without undoing the supervisor’s edits or deletions', () => {
    const dir = tempDir();
    let lib = openServices(dir, { resumeTranscriptions: false });
    try {
      lib.codebooks.saveCode(DEFAULT_CODEBOOK_ID, { ...defaultCodes()[0]!, name: 'Accurate empathy', hotkey: '9' });
      lib.codebooks.deleteCode(DEFAULT_CODEBOOK_ID, 'interrupting');
      // A code the built-in codebook gains in a newer version: never offered before, and its hotkey ("q") is taken.
      lib.db.prepare('DELETE FROM codes WHERE codebook_id = ? AND id = ?').run(DEFAULT_CODEBOOK_ID, 'open-question');
      const seeded = JSON.parse(lib.settings.get('codebooks.builtInSeeded') ?? '[]') as string[];
      lib.settings.set('codebooks.builtInSeeded', JSON.stringify(seeded.filter((id) => id !== 'open-question')));
      lib.codebooks.saveCode(DEFAULT_CODEBOOK_ID, code('my-question', { hotkey: 'q' }));
    } finally {
      lib.close();
    }
    lib = openServices(dir, { resumeTranscriptions: false });
    try {
      const codes = lib.codebooks.get(DEFAULT_CODEBOOK_ID).codes;
      expect(codes[0]).toMatchObject({ id: 'empathy', name: 'Accurate empathy', hotkey: '9' });
      expect(codes.some((c) => c.id === 'interrupting')).toBe(false);
      expect(codes.at(-1)).toMatchObject({ id: 'open-question', name: 'Open question', hotkey: null });
      expect(codes.find((c) => c.id === 'my-question')?.hotkey).toBe('q');
    } finally {
      lib.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('creates empty codebooks and copies, giving a taken name a number', () => {
    const empty = codebooks.create('Practicum');
    expect(empty).toMatchObject({ name: 'Practicum', builtIn: false, codes: [] });
    const copy = codebooks.create('practicum', DEFAULT_CODEBOOK_ID);
    expect(copy.name).toBe('practicum (2)');
    expect(copy.codes).toEqual(codebooks.get(DEFAULT_CODEBOOK_ID).codes);
    expectApiError(() => codebooks.create('X', 'nope'), 'not_found', 'That codebook is no longer in the library.');
    expectApiError(() => codebooks.rename(copy.id, 'PRACTICUM'), 'invalid_input', 'There is already a codebook named “PRACTICUM”.');
    expect(codebooks.rename(copy.id, 'Group supervision').name).toBe('Group supervision');
    codebooks.delete(empty.id);
    codebooks.delete(copy.id);
    expect(codebooks.list().map((c) => c.id)).toEqual([DEFAULT_CODEBOOK_ID]);
    expect(rows('codes')).toBe(codebooks.get(DEFAULT_CODEBOOK_ID).codes.length);
  });

  it('adds and replaces codes in place, refusing duplicate or reserved hotkeys and leaving the codebook unchanged', () => {
    const book = codebooks.create('Edits');
    codebooks.saveCode(book.id, code('warmth', { hotkey: 'a' }));
    codebooks.saveCode(book.id, code('curiosity', { hotkey: 'b' }));
    codebooks.saveCode(book.id, code('pacing'));
    const replaced = codebooks.saveCode(book.id, code('curiosity', { name: 'Genuine curiosity', color: '#abcdef', hotkey: 'c', enabled: false }));
    expect(replaced.codes.map((c) => [c.id, c.name, c.hotkey, c.enabled])).toEqual([
      ['warmth', 'warmth', 'a', true],
      ['curiosity', 'Genuine curiosity', 'c', false],
      ['pacing', 'pacing', null, true],
    ]);
    const before = codebooks.get(book.id);
    expectApiError(() => codebooks.saveCode(book.id, code('pacing', { hotkey: 'a' })), 'invalid_input', 'The key "a" is the hotkey of both “warmth” and “pacing”. Give one of them another key.');
    expectApiError(() => codebooks.saveCode(book.id, code('silence', { hotkey: 'j' })), 'invalid_input', /The key "j" cannot be the hotkey of “silence”/);
    expect(codebooks.get(book.id)).toEqual(before);
  });

  it('reorders only by a full permutation of the codes', () => {
    const book = codebooks.list().find((c) => c.name === 'Edits')!;
    expect(codebooks.reorder(book.id, ['pacing', 'warmth', 'curiosity']).codes.map((c) => c.id)).toEqual(['pacing', 'warmth', 'curiosity']);
    expectApiError(() => codebooks.reorder(book.id, ['pacing', 'warmth']), 'invalid_input', 'The new order must list each of the codebook’s 3 codes exactly once.');
    expectApiError(() => codebooks.reorder(book.id, ['pacing', 'warmth', 'warmth']), 'invalid_input', 'The new order must list each of the codebook’s 3 codes exactly once.');
    expectApiError(() => codebooks.reorder(book.id, ['pacing', 'warmth', 'nope']), 'invalid_input', 'There is no code “nope” in the codebook “Edits”.');
    expect(codebooks.get(book.id).codes.map((c) => c.id)).toEqual(['pacing', 'warmth', 'curiosity']);
  });

  it('edits to a code in use (rename, recolour, re-key, disable, reorder) keep its annotations and their code', () => {
    const a = services.annotations.create({ sessionId, codeId: 'complex-reflection', start: 2, end: 4 });
    const b = services.annotations.create({ sessionId, codeId: 'open-question', start: 5, end: null });
    const original = codebooks.get(DEFAULT_CODEBOOK_ID).codes.find((c) => c.id === 'complex-reflection')!;
    codebooks.saveCode(DEFAULT_CODEBOOK_ID, { ...original, name: 'Deep reflection', color: '#123456', hotkey: '9', enabled: false });
    const ids = codebooks.get(DEFAULT_CODEBOOK_ID).codes.map((c) => c.id);
    codebooks.reorder(DEFAULT_CODEBOOK_ID, [...ids].reverse());
    expect(services.annotations.list(sessionId)).toEqual([a, b]);
    const codes = codebooks.get(DEFAULT_CODEBOOK_ID).codes;
    expect(codes.find((c) => c.id === a.codeId)).toMatchObject({ name: 'Deep reflection', color: '#123456', hotkey: '9', enabled: false });
    expect(services.reviews.scores(sessionId)).toMatchObject({ reflectionToQuestion: 1, complexReflectionShare: 1 });
    codebooks.reorder(DEFAULT_CODEBOOK_ID, ids);
  });

  it('refuses to delete a code annotations use, and the built-in codebook or one sessions are coded with', () => {
    expectApiError(() => codebooks.deleteCode(DEFAULT_CODEBOOK_ID, 'complex-reflection'), 'invalid_input', '1 annotation uses “Deep reflection”; turn it off instead.');
    expect(codebooks.deleteCode(DEFAULT_CODEBOOK_ID, 'judging').codes.some((c) => c.id === 'judging')).toBe(false);
    expectApiError(() => codebooks.deleteCode(DEFAULT_CODEBOOK_ID, 'judging'), 'not_found', `There is no code “judging” in the codebook “${DEFAULT_CODEBOOK_NAME}”.`);
    expectApiError(() => codebooks.delete(DEFAULT_CODEBOOK_ID), 'forbidden', /built-in codebook cannot be deleted/);

    const copy = codebooks.create('Used', DEFAULT_CODEBOOK_ID);
    services.reviews.update(sessionId, { codebookId: copy.id });
    expectApiError(() => codebooks.delete(copy.id), 'invalid_input', '1 session is coded with “Used”; switch it to another codebook before deleting it.');
    // The same code id in a codebook no session uses is free to go.
    services.reviews.update(sessionId, { codebookId: DEFAULT_CODEBOOK_ID });
    expect(codebooks.deleteCode(copy.id, 'complex-reflection').codes.some((c) => c.id === 'complex-reflection')).toBe(false);
    codebooks.delete(copy.id);
    expect(codebooks.find(copy.id)).toBeNull();
  });

  it('exports and imports codebook files; a bad file writes nothing', () => {
    const book = codebooks.list().find((c) => c.name === 'Edits')!;
    const file = codebooks.export(book.id);
    expect(file.fileName).toBe('edits.codebook.json');
    expect(file.content).toBe(codebookToJson(book));
    const imported = codebooks.import(file.fileName, file.content);
    expect(imported).toMatchObject({ name: 'Edits (2)', builtIn: false, codes: book.codes });
    expect(imported.id).not.toBe(book.id);

    const before = [rows('codebooks'), rows('codes')];
    const clash = JSON.stringify({ format: 'attune.codebook', version: 1, name: 'Clash', codes: [code('a-code', { hotkey: 'x' }), code('b-code', { hotkey: 'x' })] });
    expectApiError(() => codebooks.import('clash.codebook.json', clash), 'invalid_input', /^clash\.codebook\.json: The key "x" is the hotkey of both/);
    const twice = JSON.stringify({ format: 'attune.codebook', version: 1, name: 'Twice', codes: [code('same'), code('same')] });
    expectApiError(() => codebooks.import('twice.json', twice), 'invalid_input', /^twice\.json: Two codes have the id "same"/);
    expectApiError(() => codebooks.import('notes.txt', 'hello'), 'invalid_input', /^notes\.txt: This is not valid JSON/);
    expect([rows('codebooks'), rows('codes')]).toEqual(before);
  });
});
