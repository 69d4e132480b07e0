// Builds everything the app runs: the renderer (Vite) and the Node/Electron entry points (esbuild).
// Usage: node scripts/build.mjs [--main-only]
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mainOnly = process.argv.includes('--main-only');
const started = Date.now();

const nodeEntries = {
  'main/browser-main': 'main/server/browser-main.ts',
  'main/cli': 'main/cli/cli-main.ts',
  'main/transcription-worker': 'main/services/transcription/worker-main.ts',
  'electron/main': 'main/electron/main.ts',
  'electron/preload': 'main/electron/preload.ts',
};

await esbuild({
  absWorkingDir: root,
  entryPoints: nodeEntries,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // npm packages stay in node_modules (native modules, ffmpeg binaries); our code is bundled.
  packages: 'external',
  external: ['electron'],
  sourcemap: 'linked',
  logLevel: 'warning',
});

if (!mainOnly) {
  await viteBuild({ configFile: path.join(root, 'vite.config.mts'), logLevel: 'warn' });
}
console.error(`[build] done in ${Date.now() - started} ms`);
