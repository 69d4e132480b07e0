/** Shared helpers for benchmarks: temp dirs, the real ffmpeg, timing, and the browser-mode server. */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveMediaTools } from '../main/services/media/media-tools';

export const repoRoot = path.resolve(__dirname, '..');
export const sharedData = process.env.ATTUNE_SHARED_DATA ?? path.resolve(repoRoot, '..', 'shared', 'data');
export const tools = resolveMediaTools();

export function benchDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `attune-bench-${name}-`));
}

export function ffmpeg(args: string[]): void {
  const res = spawnSync(tools.ffmpeg, ['-v', 'error', '-y', ...args], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`ffmpeg ${args.join(' ')} failed: ${res.stderr}`);
}

/** A recording of `seconds` made by looping a real session with stream copy (no re-encoding). */
export function longRecording(dir: string, seconds: number, source = path.join(sharedData, 'sessions', 'annomi-0-high.m4a')): string {
  const out = path.join(dir, `long-${seconds}s${path.extname(source)}`);
  const loops = Math.ceil(seconds / 290);
  ffmpeg(['-stream_loop', String(loops), '-i', source, '-c', 'copy', '-t', String(seconds), out]);
  return out;
}

/** Runs a command to completion; answers wall time in ms and stdout. */
export function timed(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ ms: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = performance.now() - started;
      if (code === 0) resolve({ ms, stdout, stderr });
      else reject(new Error(`${path.basename(command)} exited ${code}: ${stderr.slice(-2000)}`));
    });
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

export const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;
