/** Pure conversion of a stored peaks file into wavesurfer lanes (no DOM, no React). */
import { decodePeaks } from '../../shared/media/peaks-format';

export interface WaveLanes {
  /** [ch0 max, ch0 min, ch1 max, ch1 min, …], one value per bucket, in [-1, 1]. */
  lanes: Float32Array[];
  channels: number;
  bucketsPerSecond: number;
  bucketCount: number;
  /** Largest absolute value over all lanes (0 for pure silence). */
  peak: number;
}

/** Decodes a peaks file into lanes: per channel its maxima, then its minima. */
export function lanesFromPeaks(bytes: Uint8Array): WaveLanes {
  const { channels, bucketCount, bucketsPerSecond, min, max } = decodePeaks(bytes);
  const lanes: Float32Array[] = [];
  let peak = 0;
  for (let c = 0; c < channels; c++) {
    const hi = max[c] as Float32Array;
    const lo = min[c] as Float32Array;
    for (let b = 0; b < bucketCount; b++) {
      const up = hi[b] as number;
      const down = -(lo[b] as number);
      if (up > peak) peak = up;
      if (down > peak) peak = down;
    }
    lanes.push(hi, lo);
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
