import { describe, expect, it } from 'vitest';
import { passphraseProblem } from './reply-export';

describe('passphraseProblem', () => {
  it('accepts a long enough passphrase typed twice the same', () => {
    expect(passphraseProblem('correct horse', 'correct horse')).toBeNull();
  });
  it.each([
    ['', '', 'Enter a passphrase'],
    ['short', 'short', 'at least 8 characters'],
    ['long enough', 'long enougH', 'differ'],
  ])('%j / %j: %s', (passphrase, repeat, message) => {
    expect(passphraseProblem(passphrase, repeat)).toContain(message);
  });
});
