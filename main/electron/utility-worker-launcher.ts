/**
 * Starts transcription workers as Electron utility processes. A packaged app has the runAsNode fuse off,
 * so `child_process.fork(process.execPath)` cannot run Node there; `utilityProcess.fork` can.
 */
import { utilityProcess } from 'electron';
import type { WorkerHandle, WorkerLauncher } from '../services/transcription/worker-launcher';

export const utilityWorkerLauncher: WorkerLauncher = {
  launch(scriptPath): WorkerHandle {
    const child = utilityProcess.fork(scriptPath, [], { serviceName: 'Attune transcription', stdio: 'ignore' });
    let exited = false;
    let exitCode: number | null = null;
    const exitListeners: ((code: number | null) => void)[] = [];
    child.on('exit', (code) => {
      exited = true;
      exitCode = code;
      for (const l of exitListeners) l(code);
    });
    return {
      get pid() {
        return child.pid;
      },
      send: (message) => {
        if (!exited) child.postMessage(message);
      },
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => {
        if (exited) listener(exitCode);
        else exitListeners.push(listener);
      },
      kill: () => {
        if (!exited) child.kill();
      },
    };
  },
};
