/** Pure conversion of a stored peaks file into wavesurfer lanes (no DOM, no React). */
import { decodePeaks, decodePeaksHeader, PEAKS_HEADER_BYTES } from '../../shared/media/peaks-format';

export interface WaveLanes {
  /** [ch0 max, ch0 min, ch1 max, ch1 min, …], one value per bucket, in [-1, 1]. */
  lanes: Float32Array[];
  channels: number;
  bucketsPerSecond: number;
  bucketCount: number;
  /** Largest absolute value over all lanes (0 for pure silence). */
  peak: number;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Decodes a peaks file straight into lanes in one pass. The header is checked with the shared
 * format code; the body is read through an Int16Array view (the file is little-endian int16), which
 * is several times faster than going through `decodePeaks` and then splitting. Where no such view
 * is possible (a big-endian machine, an unaligned buffer) it falls back to `decodePeaks`.
 */
export function lanesFromPeaks(bytes: Uint8Array): WaveLanes {
  const header = decodePeaksHeader(bytes);
  const { channels, bucketCount, bucketsPerSecond } = header;
  if (channels < 1 || channels > 2) throw new Error('Waveform data has an unsupported channel count.');
  if (bytes.byteLength < PEAKS_HEADER_BYTES + bucketCount * channels * 4) throw new Error('Waveform data is truncated.');
  const lanes: Float32Array[] = [];
  let peak = 0;
  const offset = bytes.byteOffset + PEAKS_HEADER_BYTES;
  if (LITTLE_ENDIAN && offset % 2 === 0) {
    const raw = new Int16Array(bytes.buffer, offset, bucketCount * channels * 2);
    const stride = channels * 2;
    const scale = 1 / 32767;
    for (let c = 0; c < channels; c++) {
      const max = new Float32Array(bucketCount);
      const min = new Float32Array(bucketCount);
      let hiPeak = 0;
      let loPeak = 0;
      for (let b = 0, i = c * 2; b < bucketCount; b++, i += stride) {
        const lo = raw[i] as number;
        const hi = raw[i + 1] as number;
        min[b] = lo * scale;
        max[b] = hi * scale;
        if (hi > hiPeak) hiPeak = hi;
        if (lo < loPeak) loPeak = lo;
      }
      peak = Math.max(peak, hiPeak * scale, -loPeak * scale);
      lanes.push(max, min);
    }
    return { lanes, channels, bucketsPerSecond, bucketCount, peak };
  }
  for (const minMax of decodePeaks(bytes).minMax) {
    const max = new Float32Array(bucketCount);
    const min = new Float32Array(bucketCount);
    for (let b = 0; b < bucketCount; b++) {
      const lo = minMax[2 * b] as number;
      const hi = minMax[2 * b + 1] as number;
      min[b] = lo;
      max[b] = hi;
      peak = Math.max(peak, hi, -lo);
    }
    lanes.push(max, min);
  }
  return { lanes, channels, bucketsPerSecond, bucketCount, peak };
}

/**
 * The media element's timeline can be a little longer or shorter than the decoded audio (a video
 * track that runs on, container padding). Wavesurfer maps time with the media's duration, so the
 * lanes are padded with silence or cut to cover exactly `seconds`.
 */
export function fitLanes(lanes: WaveLanes, seconds: number): Float32Array[] {
  const count = Math.max(1, Math.round(seconds * lanes.bucketsPerSecond));
  // A bucket or two of difference is 10–20 ms at the very end: not worth copying megabytes for.
  if (Math.abs(count - lanes.bucketCount) <= 2) return lanes.lanes;
  return lanes.lanes.map((lane) => {
    const out = new Float32Array(count);
    out.set(lane.subarray(0, Math.min(count, lane.length)));
    return out;
  });
}
