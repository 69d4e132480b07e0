/**
 * Writes a random-weight whisper.cpp model for tests and benchmarks (never commit the result).
 * Usage: npx tsx scripts/make-test-whisper-model.ts <out.bin> [--tiny] [--seed N] [--base for-tests-ggml-tiny.en.bin]
 * Default dimensions: state 64, 2 heads, 1 layer, f32. `--tiny`: tiny.en's (384, 6 heads, 4 layers, f16).
 */
import path from 'node:path';
import { makeTestWhisperModel, SMALL_DIMS, TINY_DIMS } from '../main/services/transcription/test-model/make-test-model';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const out = args.find((a, i) => !a.startsWith('--') && !['--seed', '--base'].includes(args[i - 1] ?? ''));
if (!out) {
  process.stderr.write('Usage: npx tsx scripts/make-test-whisper-model.ts <out.bin> [--tiny] [--seed N] [--base FILE]\n');
  process.exit(2);
}
const sharedData = process.env.ATTUNE_SHARED_DATA ?? path.resolve(__dirname, '..', '..', 'shared', 'data');
const base = option('base') ?? path.join(sharedData, 'whisper', 'for-tests-ggml-tiny.en.bin');
const bytes = makeTestWhisperModel({
  base,
  out: path.resolve(out),
  dims: args.includes('--tiny') ? TINY_DIMS : SMALL_DIMS,
  seed: Number(option('seed') ?? 1),
});
process.stderr.write(`Wrote ${out} (${(bytes / 1e6).toFixed(1)} MB)\n`);
