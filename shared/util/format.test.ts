import { describe, expect, it } from 'vitest';
import { formatBytes, formatClock, sampleRateLabel, spokenDuration } from './format';

describe('formatClock', () => {
  it.each([
    [0, '0:00:00'],
    [65, '0:01:05'],
    [300.249, '0:05:00'],
    [3725.4, '1:02:05'],
    [7200, '2:00:00'],
    [-1, '-:--:--'],
    [Number.NaN, '-:--:--'],
  ])('%s s → %s', (seconds, text) => {
    expect(formatClock(seconds)).toBe(text);
  });
});

describe('labels', () => {
  it.each([
    [512, '512 bytes'],
    [1536, '1.5 KB'],
    [6_624_680, '6.3 MB'],
    [87_612_138, '83.6 MB'],
  ])('%i bytes → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
  it('names sample rates and durations the way people say them', () => {
    expect(sampleRateLabel(22050)).toBe('22.05 kHz');
    expect(sampleRateLabel(48000)).toBe('48 kHz');
    expect(spokenDuration(3725)).toBe('1 hour 2 minutes 5 seconds');
  });
});
