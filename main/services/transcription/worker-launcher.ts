/**
 * How the queue starts an engine worker process. Plain Node (CLI, browser mode, tests): `child_process.fork`
 * of the bundled worker. Electron passes its own launcher (main/electron/utility-worker-launcher.ts), because
 * a packaged app has the runAsNode fuse off and cannot fork its executable as Node.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { appRoot } from '../../app-root';

export interface WorkerHandle {
  /** The OS process id (tests kill it). */
  readonly pid: number | undefined;
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called once when the process has ended, however it ended. */
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

export interface WorkerLauncher {
  launch(scriptPath: string): WorkerHandle;
}

/** The bundled worker script (`npm run build` writes it). */
export function workerScriptPath(): string {
  const file = path.join(appRoot().root, 'dist', 'main', 'transcription-worker.js');
  if (!fs.existsSync(file)) throw new Error(`The transcription worker is not built (${file}). Run "npm run build".`);
  return file;
}

export const forkLauncher: WorkerLauncher = {
  launch(scriptPath) {
    // stdout/stderr are not inherited: whisper.cpp's native log stays out of the CLI's output.
    // execArgv []: the bundled worker needs no loader flags of the parent (tsx, vitest, inspectors).
    const child = fork(scriptPath, [], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'], serialization: 'advanced', execArgv: [] });
    let exited = false;
    const exitListeners: ((code: number | null) => void)[] = [];
    const done = (code: number | null): void => {
      if (exited) return;
      exited = true;
      for (const l of exitListeners) l(code);
    };
    // 'close' (not 'exit'): every IPC message has been delivered by then.
    child.on('close', (code) => done(code));
    child.on('error', () => done(null));
    return {
      pid: child.pid,
      send: (message) => {
        if (child.connected) child.send(message as never);
      },
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => {
        if (exited) listener(child.exitCode);
        else exitListeners.push(listener);
      },
      kill: () => {
        if (!exited) child.kill('SIGKILL');
      },
    };
  },
};
