/** Peak computation and PCM framing on synthetic data, including chunks cut at awkward places. */
import { describe, expect, it } from 'vitest';
import { PcmFrameSplitter } from './pcm-frames';
import { PeaksAccumulator } from './peaks-accumulator';

function le16(values: number[]): Uint8Array {
  const bytes = new Uint8Array(values.length * 2);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setInt16(2 * i, v, true));
  return bytes;
}

/** Reference: min/max per channel per bucket, computed the obvious way. */
function reference(samples: number[], channels: number, framesPerBucket: number): number[] {
  const out: number[] = [];
  const frames = samples.length / channels;
  for (let start = 0; start < frames; start += framesPerBucket) {
    const end = Math.min(frames, start + framesPerBucket);
    for (let c = 0; c < channels; c++) {
      let lo = 32767;
      let hi = -32768;
      for (let f = start; f < end; f++) {
        const v = samples[f * channels + c] as number;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      out.push(Math.max(lo, -32767), Math.max(hi, -32767));
    }
  }
  return out;
}

function randomSamples(n: number, seed: number): number[] {
  let x = seed;
  return Array.from({ length: n }, () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return (x % 65536) - 32768;
  });
}

describe('PcmFrameSplitter + PeaksAccumulator', () => {
  it.each([1, 2])('match the reference for %i channel(s) whatever the chunk boundaries', (channels) => {
    const samples = randomSamples(channels * 1000 + channels * 37, channels);
    const bytes = le16(samples);
    const expected = reference(samples, channels, 160);
    // Chunk sizes include odd ones, so chunks end inside samples and between channels of a frame.
    for (const chunkSize of [1, 3, 7, 160, 321, 4096, bytes.length]) {
      const splitter = new PcmFrameSplitter(channels);
      const peaks = new PeaksAccumulator(channels, 16000, 100);
      const got: number[] = [];
      let frames = 0;
      for (let at = 0; at < bytes.length; at += chunkSize) {
        // Copy into a buffer at an odd offset, as pooled Buffers may be.
        const slice = bytes.subarray(at, at + chunkSize);
        const padded = new Uint8Array(slice.length + 1);
        padded.set(slice, 1);
        const frame = splitter.push(padded.subarray(1));
        frames += frame.length / channels;
        got.push(...peaks.push(frame));
      }
      got.push(...peaks.finish());
      expect(splitter.pendingBytes).toBe(0);
      expect(frames).toBe(samples.length / channels);
      expect(got).toEqual(expected);
      expect(peaks.bucketCount).toBe(Math.ceil(frames / 160));
    }
  });

  it('holds back a partial frame until the rest arrives', () => {
    const splitter = new PcmFrameSplitter(2);
    expect(splitter.push(new Uint8Array([1, 0, 2])).length).toBe(0);
    expect(splitter.pendingBytes).toBe(3);
    expect(Array.from(splitter.push(new Uint8Array([0, 3, 0, 4])))).toEqual([1, 2]);
    expect(splitter.pendingBytes).toBe(3);
  });

  it('clamps -32768 to the file format full scale', () => {
    const peaks = new PeaksAccumulator(1, 200, 100);
    expect(Array.from(peaks.push(new Int16Array([-32768, -32768])))).toEqual([-32767, -32767]);
  });

  it('refuses a rate that does not divide into buckets', () => {
    expect(() => new PeaksAccumulator(1, 22050, 100)).toThrow(RangeError);
  });
});
