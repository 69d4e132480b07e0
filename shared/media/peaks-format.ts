/**
 * Binary layout of a stored waveform peaks file. Written by the importer while it decodes, read by
 * the renderer to draw the waveform without decoding the recording.
 *
 *   bytes 0-3   magic "ATPK"
 *   byte  4     format version (1)
 *   byte  5     channel count (1 or 2)
 *   bytes 6-7   buckets per second (uint16 LE)
 *   bytes 8-11  sample rate the peaks were measured at (uint32 LE)
 *   bytes 12-15 bucket count (uint32 LE)
 *   then, bucket after bucket, for each channel: min, max as int16 LE (full scale = 32767)
 */
export const PEAKS_MAGIC = 'ATPK';
export const PEAKS_VERSION = 1;
export const PEAKS_HEADER_BYTES = 16;
export const PEAKS_BUCKETS_PER_SECOND = 100;

export interface PeaksHeader {
  channels: number;
  bucketsPerSecond: number;
  sampleRate: number;
  bucketCount: number;
}

export function encodePeaksHeader(header: PeaksHeader): Uint8Array {
  const bytes = new Uint8Array(PEAKS_HEADER_BYTES);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < 4; i++) bytes[i] = PEAKS_MAGIC.charCodeAt(i);
  bytes[4] = PEAKS_VERSION;
  bytes[5] = header.channels;
  view.setUint16(6, header.bucketsPerSecond, true);
  view.setUint32(8, header.sampleRate, true);
  view.setUint32(12, header.bucketCount, true);
  return bytes;
}

export function decodePeaksHeader(bytes: Uint8Array): PeaksHeader {
  if (bytes.byteLength < PEAKS_HEADER_BYTES) throw new Error('Waveform data is truncated.');
  const magic = String.fromCharCode(bytes[0] ?? 0, bytes[1] ?? 0, bytes[2] ?? 0, bytes[3] ?? 0);
  if (magic !== PEAKS_MAGIC) throw new Error('Waveform data is not in the expected format.');
  if (bytes[4] !== PEAKS_VERSION) throw new Error(`Waveform data version ${bytes[4] ?? '?'} is not supported.`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    channels: bytes[5] ?? 0,
    bucketsPerSecond: view.getUint16(6, true),
    sampleRate: view.getUint32(8, true),
    bucketCount: view.getUint32(12, true),
  };
}

export interface DecodedPeaks extends PeaksHeader {
  /** Per channel, one value per bucket in [-1, 1]. */
  min: Float32Array[];
  max: Float32Array[];
}

/** Parses a whole peaks file into per-channel min and max arrays scaled to [-1, 1]. One pass, no copies of the body. */
export function decodePeaks(bytes: Uint8Array): DecodedPeaks {
  const header = decodePeaksHeader(bytes);
  const { channels, bucketCount } = header;
  if (channels < 1 || channels > 2) throw new Error('Waveform data has an unsupported channel count.');
  if (bytes.byteLength < PEAKS_HEADER_BYTES + bucketCount * channels * 4) throw new Error('Waveform data is truncated.');
  const view = new DataView(bytes.buffer, bytes.byteOffset + PEAKS_HEADER_BYTES, bucketCount * channels * 4);
  const scale = 1 / 32767;
  const min: Float32Array[] = [];
  const max: Float32Array[] = [];
  for (let c = 0; c < channels; c++) {
    const lo = new Float32Array(bucketCount);
    const hi = new Float32Array(bucketCount);
    for (let b = 0, offset = c * 4, stride = channels * 4; b < bucketCount; b++, offset += stride) {
      lo[b] = view.getInt16(offset, true) * scale;
      hi[b] = view.getInt16(offset + 2, true) * scale;
    }
    min.push(lo);
    max.push(hi);
  }
  return { ...header, min, max };
}
