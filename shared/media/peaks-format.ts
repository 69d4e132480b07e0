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
  /** Per channel, `2 * bucketCount` values in [-1, 1]: min, max, min, max… */
  minMax: Float32Array[];
}

/** Parses a whole peaks file into per-channel min/max arrays scaled to [-1, 1]. */
export function decodePeaks(bytes: Uint8Array): DecodedPeaks {
  const header = decodePeaksHeader(bytes);
  const { channels, bucketCount } = header;
  const expected = PEAKS_HEADER_BYTES + bucketCount * channels * 4;
  if (channels < 1 || channels > 2) throw new Error('Waveform data has an unsupported channel count.');
  if (bytes.byteLength < expected) throw new Error('Waveform data is truncated.');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const minMax = Array.from({ length: channels }, () => new Float32Array(bucketCount * 2));
  let offset = PEAKS_HEADER_BYTES;
  for (let b = 0; b < bucketCount; b++) {
    for (let c = 0; c < channels; c++) {
      const target = minMax[c] as Float32Array;
      target[2 * b] = view.getInt16(offset, true) / 32767;
      target[2 * b + 1] = view.getInt16(offset + 2, true) / 32767;
      offset += 4;
    }
  }
  return { ...header, minMax };
}
