import { describe, expect, it } from 'vitest';
import type { Code } from '../domain/annotation';
import { MITI_BEHAVIOURS } from '../domain/annotation';
import { CodebookFileError, codebookProblem, codebookToJson, kebabCase, MAX_CODES, parseCodebookJson } from './codebook-file';
import { defaultCodebook, defaultCodes, HOTKEY_PATTERN, RESERVED_HOTKEYS } from './default-codebook';

function fileError(text: string): string {
  try {
    parseCodebookJson(text);
  } catch (error) {
    expect(error).toBeInstanceOf(CodebookFileError);
    return (error as Error).message;
  }
  throw new Error('expected the codebook file to be refused');
}

const code = (over: Partial<Code>): Code => ({
  id: 'x',
  name: 'X',
  definition: '',
  kind: 'neutral',
  color: '#123456',
  hotkey: null,
  miti: null,
  missedOpportunity: false,
  enabled: true,
  ...over,
});

describe('kebabCase', () => {
  it('turns names into ids', () => {
    expect(kebabCase('Complex reflection')).toBe('complex-reflection');
    expect(kebabCase('  Change talk: desire ')).toBe('change-talk-desire');
    expect(kebabCase('Réflexion   complexe — très')).toBe('reflexion-complexe-tres');
    expect(kebabCase('Ünïcödé/Naïve__Code')).toBe('unicode-naive-code');
    expect(kebabCase('--Already-kebab--')).toBe('already-kebab');
    expect(kebabCase('R2D2 & C3PO')).toBe('r2d2-c3po');
    expect(kebabCase('日本語')).toBe('code');
    expect(kebabCase('')).toBe('code');
    const long = kebabCase('word '.repeat(40));
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});

describe('the built-in codebook', () => {
  const codes = defaultCodes();
  it('obeys every codebook rule', () => {
    expect(codebookProblem(codes)).toBeNull();
    for (const c of codes) if (c.hotkey !== null) expect(HOTKEY_PATTERN.test(c.hotkey)).toBe(true);
  });

  it('has ids that are the kebab-case of their names, including the ones the issue names', () => {
    const ids = codes.map((c) => c.id);
    for (const id of ['open-question', 'complex-reflection', 'premature-advice', 'giving-information', 'persuade', 'question', 'change-talk']) expect(ids).toContain(id);
    for (const c of codes) expect(kebabCase(c.name), c.name).toBe(c.id);
  });

  it('has a code for every MITI behaviour, and codes named for a behaviour count as it', () => {
    for (const b of MITI_BEHAVIOURS) expect(codes.some((c) => c.miti === b), b).toBe(true);
    for (const c of codes) if ((MITI_BEHAVIOURS as readonly string[]).includes(c.id)) expect(c.miti).toBe(c.id);
  });

  it('round-trips through a codebook file', () => {
    const text = codebookToJson(defaultCodebook());
    const data = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(data)).toEqual(['format', 'version', 'name', 'codes']);
    expect(data.format).toBe('attune.codebook');
    expect(data.version).toBe(1);
    expect(parseCodebookJson(text)).toEqual({ name: defaultCodebook().name, codes });
  });
});

describe('codebookProblem', () => {
  it('names duplicate ids', () => {
    expect(codebookProblem([code({ id: 'a', name: 'First' }), code({ id: 'b', name: 'B' }), code({ id: 'a', name: 'Second' })])).toBe(
      'Two codes have the id "a" (“First” and “Second”). Every code needs its own id.',
    );
  });

  it('names both codes sharing a hotkey and the key', () => {
    const problem = codebookProblem([code({ id: 'a', name: 'Alpha', hotkey: 'q' }), code({ id: 'b', name: 'Beta', hotkey: 'r' }), code({ id: 'c', name: 'Gamma', hotkey: 'q' })]);
    expect(problem).toBe('The key "q" is the hotkey of both “Alpha” and “Gamma”. Give one of them another key.');
  });

  it('refuses reserved keys, saying they are for playback', () => {
    for (const key of RESERVED_HOTKEYS) {
      const problem = codebookProblem([code({ name: 'Alpha', hotkey: key })]);
      expect(problem, key).toContain('“Alpha”');
      expect(problem, key).toContain('used for playback');
      expect(problem, key).toContain(key === ' ' ? 'Space' : `"${key}"`);
    }
  });

  it('refuses keys outside the pattern', () => {
    for (const key of ['A', 'ab', '!', 'é', '']) expect(codebookProblem([code({ name: 'Alpha', hotkey: key })]), key).toMatch(/one lower-case letter or a digit from 1 to 9/);
    expect(codebookProblem([code({ hotkey: 'a' }), code({ id: 'y', hotkey: '9' }), code({ id: 'z', hotkey: null }), code({ id: 'w', hotkey: null })])).toBeNull();
  });
});

describe('parseCodebookJson', () => {
  const file = (over: Record<string, unknown>) => JSON.stringify({ format: 'attune.codebook', version: 1, name: 'Mine', codes: [code({ id: 'a', name: 'A' })], ...over });

  it('reads a minimal file, filling defaults and normalising colour and hotkey case', () => {
    const text = JSON.stringify({ format: 'attune.codebook', name: '  Team codes ', codes: [{ id: 'warmth', name: 'Warmth', kind: 'strength', color: '#ABCDEF', hotkey: 'W' }] });
    expect(parseCodebookJson(`\ufeff${text}`)).toEqual({
      name: 'Team codes',
      codes: [{ id: 'warmth', name: 'Warmth', definition: '', kind: 'strength', color: '#abcdef', hotkey: 'w', miti: null, missedOpportunity: false, enabled: true }],
    });
  });

  it('refuses files that are not codebooks or are from a newer Attune', () => {
    expect(fileError('{"format": "attune.codebook", "codes": [}')).toMatch(/^This is not valid JSON \(line 1, column \d+: .+\)\.$/);
    expect(fileError(file({ format: 'attune.annotations' }))).toBe('This is not an Attune codebook file.');
    expect(fileError('[1, 2]')).toBe('This is not an Attune codebook file.');
    expect(fileError('{"name": "x"}')).toBe('This is not an Attune codebook file.');
    expect(fileError(file({ version: 2 }))).toBe('This codebook was made by a newer version of Attune. Update Attune to open it.');
    expect(fileError(file({ version: 'one' }))).toMatch(/unknown version/);
    expect(fileError(file({ codes: [] }))).toBe('The codebook has no codes.');
    expect(fileError(file({ codes: 'none' }))).toBe('The codebook has no codes.');
    expect(fileError(file({ name: 5 }))).toMatch(/name must be text/);
    const many = Array.from({ length: MAX_CODES + 1 }, (_, i) => code({ id: `c-${i}`, name: `C ${i}` }));
    expect(fileError(file({ codes: many }))).toBe(`A codebook can hold at most ${MAX_CODES} codes; this file has ${MAX_CODES + 1}.`);
    expect(parseCodebookJson(file({ codes: many.slice(0, MAX_CODES) })).codes).toHaveLength(MAX_CODES);
  });

  it('names the code and the field that is wrong', () => {
    const codes = (...list: unknown[]) => file({ codes: list });
    const ok = code({ id: 'a', name: 'A' });
    expect(fileError(codes(ok, { ...ok, id: 'b', color: 'red' }))).toBe('Code 2 ("b"): A colour is written like #2563eb. (the field "color")');
    expect(fileError(codes({ ...ok, id: 'Bad Id' }))).toMatch(/^Code 1 \("Bad Id"\): A code id uses lower-case letters/);
    expect(fileError(codes({ ...ok, name: '  ' }))).toMatch(/^Code 1 \("a"\): A code needs a name\./);
    expect(fileError(codes({ ...ok, kind: 'great' }))).toMatch(/^Code 1 \("a"\): The kind must be strength, growth, client or neutral\./);
    expect(fileError(codes({ ...ok, miti: 'reflect' }))).toMatch(/Unknown MITI behaviour/);
    expect(fileError(codes({ ...ok, hotkey: '0' }))).toMatch(/A hotkey is one letter or a digit from 1 to 9/);
    expect(fileError(codes({ ...ok, colour: '#000000' }))).toMatch(/^Code 1 \("a"\): .*colour/);
    expect(fileError(codes('text'))).toMatch(/^Code 1: /);
  });

  it('refuses duplicate ids and hotkeys and reserved keys', () => {
    const a = code({ id: 'a', name: 'Alpha', hotkey: 'q' });
    expect(fileError(file({ codes: [a, { ...a, name: 'Again', hotkey: null }] }))).toMatch(/Two codes have the id "a"/);
    expect(fileError(file({ codes: [a, { ...a, id: 'b', name: 'Beta', hotkey: 'Q' }] }))).toBe('The key "q" is the hotkey of both “Alpha” and “Beta”. Give one of them another key.');
    expect(fileError(file({ codes: [{ ...a, hotkey: 'j' }] }))).toMatch(/used for playback/);
  });
});
