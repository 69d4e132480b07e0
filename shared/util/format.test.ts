import { describe, expect, it } from 'vitest';
import { formatBytes, formatClock, parseClock, sampleRateLabel, spokenDuration } from './format';

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

describe('parseClock', () => {
  it.each([
    ['0', 0],
    ['90', 90],
    ['90.5', 90.5],
    ['1:30', 90],
    [' 1:30 ', 90],
    ['01:05', 65],
    ['1:30.25', 90.25],
    ['1:30,5', 90.5],
    ['75:00', 4500],
    ['1:02:03', 3723],
    ['0:20:00', 1200],
    ['1:02:03.4', 3723.4],
  ])('%s → %s s', (text, seconds) => {
    expect(parseClock(text)).toBeCloseTo(seconds, 9);
  });

  it.each(['', ' ', 'abc', '1:60', '1:75:00', '1:2:3:4', '-5', '1:', ':30', '1::30', '1:30:', '1.5:00', '1:30.', 'Infinity'])('rejects %j', (text) => {
    expect(parseClock(text)).toBeNull();
  });

  it('reads back what formatClock writes', () => {
    for (const seconds of [0, 59, 61, 599, 3599, 3600, 7325]) expect(parseClock(formatClock(seconds))).toBe(seconds);
  });
});
