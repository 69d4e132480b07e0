/** Runs the built `attune` command line on a library folder, as a user would (the command-line tests). */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './temp-library';

const bin = path.join(repoRoot, 'bin', 'attune.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `attune <args> --data-dir <dataDir>`, waited for (two minutes at most); `env` adds to this process's environment. */
export function runAttune(dataDir: string, args: readonly string[], env?: NodeJS.ProcessEnv): CliResult {
  const res = spawnSync(process.execPath, [bin, ...args, '--data-dir', dataDir], {
    encoding: 'utf8',
    timeout: 120_000,
    env: env ? { ...process.env, ...env } : process.env,
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}
