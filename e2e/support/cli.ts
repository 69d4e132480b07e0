/** Attune's command line, run on a library folder the way a user would (the built dist/main/cli.js). */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './browser-mode';

/** Runs `attune <args> --data-dir <dataDir>`; answers what it printed on stdout (throws with stderr on failure). */
export function runCli(dataDir: string, args: string[]): string {
  return execFileSync(process.execPath, [path.join(repoRoot, 'dist', 'main', 'cli.js'), ...args, '--data-dir', dataDir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}
