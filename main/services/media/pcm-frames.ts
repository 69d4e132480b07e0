/**
 * Cuts a byte stream of interleaved s16le PCM into whole frames. Pipe chunks end anywhere — inside a
 * sample or between the channels of a frame — so the remainder is carried into the next chunk.
 */
import os from 'node:os';

const BIG_ENDIAN_HOST = os.endianness() === 'BE';
const EMPTY = new Uint8Array(0);

export class PcmFrameSplitter {
  private carry: Uint8Array = EMPTY;
  readonly bytesPerFrame: number;

  constructor(readonly channels: number) {
    this.bytesPerFrame = 2 * channels;
  }

  /** Bytes held back because they do not yet make a whole frame. */
  get pendingBytes(): number {
    return this.carry.byteLength;
  }

  /** Answers the whole frames now available as host-order samples (a view when possible, else a copy). */
  push(chunk: Uint8Array): Int16Array {
    let bytes: Uint8Array = chunk;
    if (this.carry.byteLength > 0) {
      bytes = new Uint8Array(this.carry.byteLength + chunk.byteLength);
      bytes.set(this.carry, 0);
      bytes.set(chunk, this.carry.byteLength);
    }
    const usable = bytes.byteLength - (bytes.byteLength % this.bytesPerFrame);
    // Copy the tail: keeping a view would pin the whole chunk's memory.
    this.carry = usable < bytes.byteLength ? bytes.slice(usable) : EMPTY;
    if (usable === 0) return new Int16Array(0);
    let whole = bytes.subarray(0, usable);
    // An Int16Array needs an even byte offset; pooled Buffers do not promise one.
    if (whole.byteOffset % 2 !== 0 || BIG_ENDIAN_HOST) whole = whole.slice();
    if (BIG_ENDIAN_HOST) Buffer.from(whole.buffer, whole.byteOffset, whole.byteLength).swap16();
    return new Int16Array(whole.buffer, whole.byteOffset, usable / 2);
  }
}
