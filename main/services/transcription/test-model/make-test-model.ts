/**
 * Builds a random-weight whisper.cpp model for tests and benchmarks (real weights cannot be downloaded
 * on build machines). It keeps the magic, mel filters and vocabulary of one of whisper.cpp's
 * `for-tests-ggml-*.bin` files (which carry no weights), rewrites the 11 header integers with the
 * chosen dimensions, and appends every tensor `whisper_model_load` expects (names and shapes as in
 * whisper.cpp's src/whisper.cpp and whisper-arch.h) with small random values; layer-norm weights are 1.
 * Such a model loads in milliseconds and produces segments with timestamps and nonsense words.
 * Never commit the files it writes.
 */
import fs from 'node:fs';

export interface TestModelDims {
  state: number;
  heads: number;
  layers: number;
  /** 0 = f32, 1 = f16 for the big matrices. */
  ftype: 0 | 1;
}

/** Small and quick: for tests. */
// f16: the f32 convolution path of whisper.cpp in @fugood/whisper.node 1.1.1 asserts f16 kernels.
export const SMALL_DIMS: TestModelDims = { state: 64, heads: 2, layers: 1, ftype: 1 };
/** The dimensions of real tiny.en: costs what tiny.en costs, for benchmarks. */
export const TINY_DIMS: TestModelDims = { state: 384, heads: 6, layers: 4, ftype: 1 };

const N_AUDIO_CTX = 1500;
const N_TEXT_CTX = 448;
const GGML_MAGIC = 0x67676d6c;

/** A seeded PRNG (mulberry32), so a given seed always gives the same file. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
/** IEEE 754 half from a float (round toward zero; fine for random weights). */
function toHalf(value: number): number {
  f32[0] = value;
  const x = u32[0] as number;
  const sign = (x >>> 16) & 0x8000;
  const exp = ((x >>> 23) & 0xff) - 127 + 15;
  const mant = x & 0x7fffff;
  if (exp <= 0) return sign; // tiny values flush to zero
  if (exp >= 31) return sign | 0x7c00;
  return sign | (exp << 10) | (mant >>> 13);
}

/** Where the filters and vocabulary of a whisper ggml file end (it must carry no tensors after them). */
function headerEnd(buf: Buffer): number {
  if (buf.length < 48 || buf.readUInt32LE(0) !== GGML_MAGIC) throw new Error('The base file is not a ggml whisper model.');
  let off = 48;
  const nMel = buf.readInt32LE(off);
  const nFft = buf.readInt32LE(off + 4);
  off += 8 + nMel * nFft * 4;
  const nVocab = buf.readInt32LE(off);
  off += 4;
  for (let i = 0; i < nVocab; i++) off += 4 + buf.readUInt32LE(off);
  if (off > buf.length) throw new Error('The base file is truncated.');
  return off;
}

interface TensorSpec {
  name: string;
  ne: number[];
  /** 0 = f32, 1 = f16 */
  type: 0 | 1;
  init: 'ones' | 'zeros' | 'random';
}

function tensorSpecs(d: TestModelDims, nVocab: number, nMels: number): TensorSpec[] {
  const s = d.state;
  const w = d.ftype; // the big matrices
  const conv = d.ftype; // conv type: f32 when the model is f32, else f16
  const t: TensorSpec[] = [];
  const add = (name: string, ne: number[], type: 0 | 1, init: TensorSpec['init'] = 'random') => t.push({ name, ne, type, init });
  add('encoder.positional_embedding', [s, N_AUDIO_CTX], 0);
  add('encoder.conv1.weight', [3, nMels, s], conv);
  add('encoder.conv1.bias', [1, s], 0, 'zeros');
  add('encoder.conv2.weight', [3, s, s], conv);
  add('encoder.conv2.bias', [1, s], 0, 'zeros');
  add('encoder.ln_post.weight', [s], 0, 'ones');
  add('encoder.ln_post.bias', [s], 0, 'zeros');
  // A transformer block's parts, as whisper_model_load names them (same order as before: the file is identical).
  const mlp = (p: string): void => {
    add(`${p}mlp_ln.weight`, [s], 0, 'ones');
    add(`${p}mlp_ln.bias`, [s], 0, 'zeros');
    add(`${p}mlp.0.weight`, [s, 4 * s], w);
    add(`${p}mlp.0.bias`, [4 * s], 0, 'zeros');
    add(`${p}mlp.2.weight`, [4 * s, s], w);
    add(`${p}mlp.2.bias`, [s], 0, 'zeros');
  };
  const attention = (p: string, a: string): void => {
    add(`${p}${a}_ln.weight`, [s], 0, 'ones');
    add(`${p}${a}_ln.bias`, [s], 0, 'zeros');
    add(`${p}${a}.query.weight`, [s, s], w);
    add(`${p}${a}.query.bias`, [s], 0, 'zeros');
    add(`${p}${a}.key.weight`, [s, s], w);
    add(`${p}${a}.value.weight`, [s, s], w);
    add(`${p}${a}.value.bias`, [s], 0, 'zeros');
    add(`${p}${a}.out.weight`, [s, s], w);
    add(`${p}${a}.out.bias`, [s], 0, 'zeros');
  };
  for (let i = 0; i < d.layers; i++) {
    mlp(`encoder.blocks.${i}.`);
    attention(`encoder.blocks.${i}.`, 'attn');
  }
  add('decoder.positional_embedding', [s, N_TEXT_CTX], 0);
  add('decoder.token_embedding.weight', [s, nVocab], w);
  add('decoder.ln.weight', [s], 0, 'ones');
  add('decoder.ln.bias', [s], 0, 'zeros');
  for (let i = 0; i < d.layers; i++) {
    mlp(`decoder.blocks.${i}.`);
    for (const a of ['attn', 'cross_attn']) attention(`decoder.blocks.${i}.`, a);
  }
  return t;
}

export interface MakeTestModelOptions {
  /** One of whisper.cpp's `for-tests-ggml-*.bin` files. */
  base: string;
  out: string;
  dims?: TestModelDims;
  seed?: number;
  /** Spread of the random values (uniform in ±scale). */
  scale?: number;
}

/** Writes the model to `out`; answers its size in bytes. */
export function makeTestWhisperModel(options: MakeTestModelOptions): number {
  const dims = options.dims ?? SMALL_DIMS;
  const scale = options.scale ?? 0.05;
  const random = rng(options.seed ?? 1);
  const base = fs.readFileSync(options.base);
  const end = headerEnd(base);
  const nVocab = base.readInt32LE(4);
  const nMels = base.readInt32LE(40);

  const header = Buffer.alloc(48);
  header.writeUInt32LE(GGML_MAGIC, 0);
  [nVocab, N_AUDIO_CTX, dims.state, dims.heads, dims.layers, N_TEXT_CTX, dims.state, dims.heads, dims.layers, nMels, dims.ftype].forEach((v, i) =>
    header.writeInt32LE(v, 4 + i * 4),
  );

  const fd = fs.openSync(options.out, 'w');
  let size = 0;
  const write = (b: Buffer | Uint8Array): void => {
    fs.writeSync(fd, b);
    size += b.byteLength;
  };
  try {
    write(header);
    write(base.subarray(48, end));
    for (const t of tensorSpecs(dims, nVocab, nMels)) {
      const name = Buffer.from(t.name, 'utf8');
      const meta = Buffer.alloc(12 + 4 * t.ne.length);
      meta.writeInt32LE(t.ne.length, 0);
      meta.writeInt32LE(name.length, 4);
      meta.writeInt32LE(t.type, 8);
      t.ne.forEach((n, i) => meta.writeInt32LE(n, 12 + 4 * i));
      write(meta);
      write(name);
      const count = t.ne.reduce((a, b) => a * b, 1);
      const value = (): number => (t.init === 'ones' ? 1 : t.init === 'zeros' ? 0 : (random() * 2 - 1) * scale);
      // Written in chunks so a tiny.en-sized embedding does not need one huge buffer.
      const chunk = 1 << 20;
      for (let done = 0; done < count; done += chunk) {
        const n = Math.min(chunk, count - done);
        if (t.type === 0) {
          const data = new Float32Array(n);
          for (let i = 0; i < n; i++) data[i] = value();
          write(new Uint8Array(data.buffer));
        } else {
          const data = new Uint16Array(n);
          for (let i = 0; i < n; i++) data[i] = toHalf(value());
          write(new Uint8Array(data.buffer));
        }
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return size;
}
