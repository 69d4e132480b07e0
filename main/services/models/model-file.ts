/** Recognises whisper.cpp ggml model files by their header: Whisper models and Silero VAD models. */
import fs from 'node:fs';
import path from 'node:path';

export const GGML_MAGIC = 0x67676d6c; // "ggml", little-endian

export type ModelHeader =
  | { kind: 'whisper'; name: string; multilingual: boolean; nVocab: number; layers: number; state: number }
  | { kind: 'vad'; name: string; version: string };

export class ModelFileError extends Error {
  constructor(
    readonly code: 'not-a-model' | 'truncated' | 'unknown-format' | 'unreadable',
    message: string,
  ) {
    super(message);
  }
}

/** Standard whisper sizes by audio layers and state. */
const SIZES: Record<string, string> = { '4/384': 'tiny', '6/512': 'base', '12/768': 'small', '24/1024': 'medium', '32/1280': 'large' };

/** Reads and checks the header; throws ModelFileError with a plain-words reason. */
export function inspectModelFile(file: string): ModelHeader {
  const label = path.basename(file);
  let head: Buffer;
  let size: number;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      size = fs.fstatSync(fd).size;
      head = Buffer.alloc(Math.min(size, 256));
      fs.readSync(fd, head, 0, head.length, 0);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    throw new ModelFileError('unreadable', `${label} cannot be read (missing, or no permission).`);
  }
  if (head.length < 4 || head.readUInt32LE(0) !== GGML_MAGIC) {
    throw new ModelFileError('not-a-model', `${label} is not a Whisper model: it does not start like a ggml model file (ggml-*.bin).`);
  }
  // Silero VAD: magic, then a length-prefixed type string such as "silero-16k".
  if (head.length >= 8) {
    const strLen = head.readInt32LE(4);
    if (strLen > 0 && strLen < 64 && head.length >= 8 + strLen + 12) {
      const type = head.toString('latin1', 8, 8 + strLen);
      if (/^silero/.test(type)) {
        const v = [0, 1, 2].map((i) => head.readInt32LE(8 + strLen + i * 4));
        return { kind: 'vad', name: `silero v${v.join('.')}`, version: v.join('.') };
      }
    }
  }
  if (head.length < 48) throw new ModelFileError('truncated', `${label} is truncated: its header is incomplete.`);
  const [nVocab, audioCtx, audioState, audioHead, audioLayer, textCtx, textState, textHead, textLayer, nMels, ftype] = Array.from({ length: 11 }, (_, i) =>
    head.readInt32LE(4 + i * 4),
  ) as [number, number, number, number, number, number, number, number, number, number, number];
  const sane =
    nVocab >= 51864 && nVocab <= 52000 &&
    audioCtx > 0 && audioCtx <= 1500 &&
    audioState > 0 && audioState <= 4096 && audioState === textState &&
    audioHead > 0 && audioHead <= 64 && audioState % audioHead === 0 &&
    audioLayer > 0 && audioLayer <= 64 &&
    textCtx > 0 && textCtx <= 448 &&
    textHead > 0 && textHead <= 64 &&
    textLayer > 0 && textLayer <= 64 &&
    (nMels === 80 || nMels === 128) &&
    ftype >= 0 && ftype % 1000 <= 40;
  if (!sane) throw new ModelFileError('unknown-format', `${label} is a ggml file of an unknown kind (not a Whisper or Silero VAD model).`);
  // Mel filters follow the header; a whole model is far bigger than its header and tokenizer.
  if (size < 48 + 8 + nMels * 201 * 4 + 4) throw new ModelFileError('truncated', `${label} is truncated: it ends inside its header.`);
  const multilingual = nVocab !== 51864;
  const base = SIZES[`${audioLayer}/${audioState}`] ?? 'custom';
  return { kind: 'whisper', name: `${base}${multilingual ? '' : '.en'}`, multilingual, nVocab, layers: audioLayer, state: audioState };
}

/** Bytes per block and elements per block of the ggml tensor types whisper.cpp files use. */
const TYPE_SIZES: Record<number, [bytes: number, elements: number]> = {
  0: [4, 1], // f32
  1: [2, 1], // f16
  2: [18, 32], // q4_0
  3: [20, 32], // q4_1
  6: [22, 32], // q5_0
  7: [24, 32], // q5_1
  8: [34, 32], // q8_0
};

/**
 * Walks a whisper model past its filters and vocabulary and over every tensor, so a file cut short
 * (an interrupted copy or download) is rejected before the engine sees it.
 */
export function checkWhisperFileComplete(file: string): void {
  const label = path.basename(file);
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const int = Buffer.alloc(16);
    const readInts = (at: number, n: number): number[] | null => {
      if (at + 4 * n > size) return null;
      fs.readSync(fd, int, 0, 4 * n, at);
      return Array.from({ length: n }, (_, i) => int.readInt32LE(4 * i));
    };
    const truncated = (): never => {
      throw new ModelFileError('truncated', `${label} is truncated: the file ends before the model does (an interrupted copy or download?).`);
    };
    let off = 48;
    const mel = readInts(off, 2) ?? truncated();
    off += 8 + (mel[0] as number) * (mel[1] as number) * 4;
    const nVocab = (readInts(off, 1) ?? truncated())[0] as number;
    off += 4;
    for (let i = 0; i < nVocab; i++) {
      const len = (readInts(off, 1) ?? truncated())[0] as number;
      off += 4 + len;
    }
    if (off > size) truncated();
    while (off < size) {
      const [nDims, nameLen, type] = (readInts(off, 3) ?? truncated()) as [number, number, number];
      if (nDims < 0 || nDims > 4 || nameLen <= 0 || nameLen > 256) {
        throw new ModelFileError('unknown-format', `${label} is damaged: a tensor header makes no sense.`);
      }
      const ne = readInts(off + 12, nDims) ?? truncated();
      off += 12 + 4 * nDims + nameLen;
      const sizes = TYPE_SIZES[type];
      if (!sizes) return; // a type this check does not know: leave the rest to whisper.cpp
      const elements = ne.reduce((a, b) => a * b, 1);
      off += (elements / sizes[1]) * sizes[0];
      if (off > size) truncated();
    }
  } finally {
    fs.closeSync(fd);
  }
}
