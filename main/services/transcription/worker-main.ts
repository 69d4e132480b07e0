/**
 * Entry of the transcription worker process (bundled as dist/main/transcription-worker.js). Started by a
 * WorkerLauncher: `child_process.fork` under plain Node, Electron's `utilityProcess.fork` in the desktop app.
 * It runs one job: waits for a `start` message, runs the engine, reports over IPC, and exits.
 */
import { EngineError, runEngine } from './engine';
import type { StartMessage, WorkerMessage } from './worker-protocol';

interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

function post(message: WorkerMessage): void {
  if (parentPort) parentPort.postMessage(message);
  else process.send?.(message);
}

let started = false;
function onMessage(data: unknown): void {
  const message = data as StartMessage | { type: 'stop' };
  if (message.type === 'stop') process.exit(0);
  if (message.type !== 'start' || started) return;
  started = true;
  runEngine(message, post).then(
    () => exit(0),
    (error: unknown) => {
      if (error instanceof EngineError) post({ type: 'error', code: error.code, message: error.message });
      else post({ type: 'error', code: 'engine', message: `The transcription engine failed: ${error instanceof Error ? error.message : String(error)}` });
      exit(1);
    },
  );
}

/** Exits once queued IPC messages are flushed. */
function exit(code: number): void {
  if (parentPort) setTimeout(() => process.exit(code), 50);
  else if (process.send) process.send({ type: 'exit' }, () => process.exit(code));
  else process.exit(code);
}

if (parentPort) parentPort.on('message', (e) => onMessage(e.data));
else process.on('message', onMessage);
// The parent went away (crash, kill): stop at once, the stored segments are durable.
process.on('disconnect', () => process.exit(0));
