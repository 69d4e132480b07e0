/** Vitest global setup: the command-line tests run the built `attune`, so build the Node bundles first (esbuild, a second or less). */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default function setup(): void {
  execFileSync(process.execPath, [path.resolve(__dirname, '..', '..', 'scripts', 'build.mjs'), '--main-only'], { stdio: 'inherit' });
}
