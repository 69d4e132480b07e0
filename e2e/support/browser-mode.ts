/** Starts the real browser-mode server (built dist) on a fresh data dir, for one test file or test. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const sharedData = process.env.ATTUNE_SHARED_DATA ?? path.resolve(repoRoot, '..', 'shared', 'data');

export interface RunningApp {
  url: string;
  origin: string;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startBrowserMode(options: { dataDir?: string } = {}): Promise<RunningApp> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'attune-e2e-'));
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    [path.join(repoRoot, 'dist', 'main', 'browser-main.js'), '--data-dir', dataDir, '--json'],
    { cwd: repoRoot, env: { ...process.env } },
  );
  const stderr: string[] = [];
  child.stderr.on('data', (d: Buffer) => stderr.push(d.toString()));
  const lines = readline.createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not start: ${stderr.join('')}`)), 20_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`browser mode exited with ${code}: ${stderr.join('')}`)));
  });
  const info = JSON.parse(first) as { url: string; origin: string };
  return {
    url: info.url,
    origin: info.origin,
    dataDir,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
