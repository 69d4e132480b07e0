import { describe, expect, it } from 'vitest';
import { decodePeaks, decodePeaksHeader, encodePeaksHeader, PEAKS_HEADER_BYTES } from './peaks-format';

function peaksFile(channels: number, pairs: [number, number][]): Uint8Array {
  const buckets = pairs.length / channels;
  const bytes = new Uint8Array(PEAKS_HEADER_BYTES + pairs.length * 4);
  bytes.set(encodePeaksHeader({ channels, bucketsPerSecond: 100, sampleRate: 16000, bucketCount: buckets }));
  const view = new DataView(bytes.buffer);
  pairs.forEach(([lo, hi], i) => {
    view.setInt16(PEAKS_HEADER_BYTES + i * 4, lo, true);
    view.setInt16(PEAKS_HEADER_BYTES + i * 4 + 2, hi, true);
  });
  return bytes;
}

describe('peaks format', () => {
  it('round-trips the header', () => {
    const header = { channels: 2, bucketsPerSecond: 100, sampleRate: 16000, bucketCount: 720000 };
    expect(decodePeaksHeader(encodePeaksHeader(header))).toEqual(header);
  });

  it('splits interleaved stereo buckets into per-channel min and max scaled to [-1, 1]', () => {
    // bucket 0: L (-32767, 32767), R (0, 16384); bucket 1: L (-100, 100), R (-32767, 0)
    const peaks = decodePeaks(peaksFile(2, [[-32767, 32767], [0, 16384], [-100, 100], [-32767, 0]]));
    expect(peaks.bucketCount).toBe(2);
    expect([...(peaks.min[0] ?? [])]).toEqual([-1, Math.fround(-100 / 32767)]);
    expect([...(peaks.max[0] ?? [])]).toEqual([1, Math.fround(100 / 32767)]);
    expect([...(peaks.min[1] ?? [])]).toEqual([0, -1]);
    expect(peaks.max[1]?.[0]).toBeCloseTo(0.5, 4);
  });

  it('reads a file that sits at an odd offset inside a larger buffer', () => {
    const file = peaksFile(1, [[-10, 10], [-20, 20]]);
    const host = new Uint8Array(file.byteLength + 1);
    host.set(file, 1);
    const peaks = decodePeaks(host.subarray(1));
    expect(peaks.max[0]?.[1]).toBeCloseTo(20 / 32767, 6);
  });

  it('refuses files that are not peaks, truncated, or of another version', () => {
    expect(() => decodePeaks(new TextEncoder().encode('hello, this is not a peaks file'))).toThrow(/not in the expected format/);
    expect(() => decodePeaks(peaksFile(1, [[-1, 1], [-2, 2]]).subarray(0, PEAKS_HEADER_BYTES + 4))).toThrow(/truncated/);
    const other = peaksFile(1, [[-1, 1]]);
    other[4] = 9;
    expect(() => decodePeaks(other)).toThrow(/version 9/);
    expect(() => decodePeaks(new Uint8Array(3))).toThrow(/truncated/);
  });
});
