/**
 * Another live Attune process on the same library (the app while a command runs) may be importing or
 * transcribing: opening the library then leaves the tmp folder and unreferenced files alone. Once no
 * other process is alive, the next opening clears them.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-library';
import { enterLibrary } from './library-presence';
import { openServices } from './services';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

it('leaves work in progress alone while another process has the library open, and clears it once none has', async () => {
  const dir = tempDir('attune-presence-');
  dirs.push(dir);
  openServices(dir, { resumeTranscriptions: false }).close();
  const inFlight = path.join(dir, 'tmp', 'import-x', 'copy.m4a');
  const justPlaced = path.join(dir, 'media', `${'c'.repeat(64)}.m4a`);
  fs.mkdirSync(path.dirname(inFlight), { recursive: true });
  fs.writeFileSync(inFlight, 'half a recording');
  fs.writeFileSync(justPlaced, 'a recording whose row is about to be added');

  // Another process (standing in for the app) has the library open.
  const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  try {
    fs.writeFileSync(path.join(dir, 'open', String(other.pid)), '');
    const services = openServices(dir, { resumeTranscriptions: false });
    services.close();
    expect(fs.existsSync(inFlight)).toBe(true);
    expect(fs.existsSync(justPlaced)).toBe(true);
  } finally {
    const exited = new Promise((resolve) => other.once('exit', resolve));
    other.kill('SIGKILL');
    await exited;
  }

  // It has gone (without saying so): its entry is dropped and the leftovers are cleared.
  const services = openServices(dir, { resumeTranscriptions: false });
  services.close();
  expect(fs.existsSync(inFlight)).toBe(false);
  expect(fs.existsSync(justPlaced)).toBe(false);
  expect(fs.readdirSync(path.join(dir, 'open'))).toEqual([]);
});

it('each process enters once and leaves its own entry only', () => {
  const dir = tempDir('attune-presence-');
  dirs.push(dir);
  const first = enterLibrary(dir);
  expect(first.othersAlive).toBe(false);
  expect(fs.readdirSync(path.join(dir, 'open'))).toEqual([String(process.pid)]);
  fs.writeFileSync(path.join(dir, 'open', 'not-a-pid'), '');
  first.release();
  expect(fs.readdirSync(path.join(dir, 'open'))).toEqual(['not-a-pid']);
});
