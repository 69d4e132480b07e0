/**
 * Turns interleaved 16-bit PCM into waveform peaks: per bucket of `sampleRate / bucketsPerSecond`
 * frames, the min and max of each channel. Fed chunk by chunk; keeps only the current bucket.
 */

export class PeaksAccumulator {
  readonly framesPerBucket: number;
  private readonly min: Int16Array;
  private readonly max: Int16Array;
  private framesInBucket = 0;
  private bucketsDone = 0;

  constructor(
    readonly channels: number,
    sampleRate: number,
    bucketsPerSecond: number,
  ) {
    if (!Number.isInteger(channels) || channels < 1) throw new RangeError('channels must be a positive integer');
    const framesPerBucket = sampleRate / bucketsPerSecond;
    if (!Number.isInteger(framesPerBucket) || framesPerBucket < 1) {
      throw new RangeError('sampleRate must be a whole multiple of bucketsPerSecond');
    }
    this.framesPerBucket = framesPerBucket;
    this.min = new Int16Array(channels);
    this.max = new Int16Array(channels);
    this.resetBucket();
  }

  /** Buckets completed so far, including the partial one `finish` emitted. */
  get bucketCount(): number {
    return this.bucketsDone;
  }

  private resetBucket(): void {
    this.min.fill(32767);
    this.max.fill(-32768);
    this.framesInBucket = 0;
  }

  /**
   * Adds whole frames (`samples.length` must be a multiple of `channels`). Answers the buckets this
   * completed, interleaved as in the peaks file: bucket by bucket, per channel min then max.
   */
  push(samples: Int16Array): Int16Array {
    const channels = this.channels;
    if (samples.length % channels !== 0) throw new RangeError('push() needs whole frames');
    const frames = samples.length / channels;
    const maxOut = Math.floor((this.framesInBucket + frames) / this.framesPerBucket);
    const out = new Int16Array(maxOut * channels * 2);
    let o = 0;
    const min = this.min;
    const max = this.max;
    let inBucket = this.framesInBucket;
    let i = 0;
    while (i < samples.length) {
      // Frames until this bucket is full, or until the chunk ends.
      const take = Math.min(this.framesPerBucket - inBucket, (samples.length - i) / channels);
      const end = i + take * channels;
      for (let c = 0; c < channels; c++) {
        let lo = min[c] as number;
        let hi = max[c] as number;
        for (let j = i + c; j < end; j += channels) {
          const v = samples[j] as number;
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
        min[c] = lo;
        max[c] = hi;
      }
      i = end;
      inBucket += take;
      if (inBucket === this.framesPerBucket) {
        for (let c = 0; c < channels; c++) {
          // -32768 would decode below -1 with the file's full scale of 32767.
          out[o++] = Math.max(min[c] as number, -32767);
          out[o++] = Math.max(max[c] as number, -32767);
        }
        this.bucketsDone++;
        this.resetBucket();
        inBucket = 0;
      }
    }
    this.framesInBucket = inBucket;
    return o === out.length ? out : out.subarray(0, o);
  }

  /** Emits the last, partly filled bucket (if any frames are in it). */
  finish(): Int16Array {
    if (this.framesInBucket === 0) return new Int16Array(0);
    const out = new Int16Array(this.channels * 2);
    for (let c = 0; c < this.channels; c++) {
      out[2 * c] = Math.max(this.min[c] as number, -32767);
      out[2 * c + 1] = Math.max(this.max[c] as number, -32767);
    }
    this.bucketsDone++;
    this.resetBucket();
    return out;
  }
}
