import { describe, expect, it } from 'vitest';
import { entryPathProblem } from './entry-path';

describe('entryPathProblem', () => {
  it('accepts the plain relative paths packages use', () => {
    for (const ok of ['manifest.json', 'session.json', 'media/recording.m4a', 'media/clips/3f1c-aa.m4a']) expect(entryPathProblem(ok)).toBeNull();
  });

  it('refuses every way out of the target folder, and odd names', () => {
    expect(entryPathProblem('../evil.txt')).toMatch(/outside the package/);
    expect(entryPathProblem('media/../../evil')).toMatch(/outside the package/);
    expect(entryPathProblem('/etc/passwd')).toMatch(/absolute/);
    expect(entryPathProblem('C:/Windows/x')).toMatch(/drive/);
    expect(entryPathProblem('media\\x.m4a')).toMatch(/backslash/);
    expect(entryPathProblem('a\0b')).toMatch(/NUL/);
    expect(entryPathProblem('media//x')).toMatch(/empty/);
    expect(entryPathProblem('./x')).toMatch(/empty or “\.”/);
    expect(entryPathProblem('media/x y.m4a')).toMatch(/characters/);
    expect(entryPathProblem('')).toMatch(/no name/);
    expect(entryPathProblem('a'.repeat(300))).toMatch(/too long/);
  });
});
