import { describe, expect, it } from 'vitest';
import { MOMENT_CONTEXT, playRangeOf } from './play-range';

describe('playRangeOf', () => {
  it('plays a span as it is', () => {
    expect(playRangeOf({ start: 10, end: 14.5 }, 300)).toEqual({ from: 10, to: 14.5 });
  });

  it('plays a moment with a few seconds either side, inside the recording', () => {
    expect(playRangeOf({ start: 60, end: null }, 300)).toEqual({ from: 60 - MOMENT_CONTEXT, to: 60 + MOMENT_CONTEXT });
    expect(playRangeOf({ start: 1, end: null }, 300)).toEqual({ from: 0, to: 1 + MOMENT_CONTEXT });
    expect(playRangeOf({ start: 299, end: null }, 300)).toEqual({ from: 299 - MOMENT_CONTEXT, to: 300 });
  });
});
