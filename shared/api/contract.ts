/**
 * The typed API between the renderer and the Node side. Every call and every event is named here,
 * with the schema main validates the input against and the type it answers with. The same table is
 * served over Electron IPC and over the browser-mode WebSocket (see main/api/dispatch.ts).
 */
import { z } from 'zod';
import type { Session } from '../domain/session';
import { SESSION_STATUSES } from '../domain/session';
import type { ImportFinished, ImportJobState, ImportProgress } from '../domain/import';

/** Declares a call: `call<Output>()(inputSchema)`. The output type is compile-time only. */
function call<O>() {
  return <I extends z.ZodType>(input: I): { input: I; output: O } => ({ input, output: undefined as O });
}
const empty = () => z.object({}).strict();

const id = z.string().trim().min(1, 'A session id is required.').max(100);
const shortText = (label: string, max = 200) => z.string().max(max, `${label} is too long (at most ${max} characters).`);
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-03-14.')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'That date does not exist.');

export const sessionPatchSchema = z
  .object({
    title: shortText('The title').trim().min(1, 'The title cannot be empty.').optional(),
    trainee: shortText('The trainee name').trim().optional(),
    supervisor: shortText('The supervisor name').trim().optional(),
    recordedAt: isoDate.nullable().optional(),
    notes: z.string().max(20000, 'Notes are too long (at most 20,000 characters).').optional(),
    status: z.enum(SESSION_STATUSES).optional(),
  })
  .strict();

export interface AppInfo {
  version: string;
  /** Which shell the renderer runs in. */
  shell: 'electron' | 'browser';
  dataDir: string;
  /** Base URL under which stored files are served: `${mediaBase}/media/<file>` and `${mediaBase}/peaks/<file>`. */
  mediaBase: string;
  /** Whether a native open-file dialog is available (`dialog.openMedia`). */
  nativeDialogs: boolean;
}

export const calls = {
  'app.info': call<AppInfo>()(empty()),
  'sessions.list': call<Session[]>()(empty()),
  'sessions.get': call<Session>()(z.object({ id }).strict()),
  'sessions.update': call<Session>()(
    z.object({ id, patch: sessionPatchSchema }).strict(),
  ),
  'sessions.delete': call<{ deleted: true }>()(z.object({ id }).strict()),
  /** Imports files that already exist on this computer (Electron dialog, drag-and-drop, CLI). */
  'import.paths': call<{ jobIds: string[] }>()(
    z
      .object({
        paths: z
          .array(z.string().min(1, 'A file path is empty.').max(4096, 'A file path is too long.'))
          .min(1, 'Choose at least one file.')
          .max(500, 'Import at most 500 files at once.'),
      })
      .strict(),
  ),
  'import.cancel': call<{ cancelled: boolean }>()(
    z.object({ jobId: z.string().min(1).max(100) }).strict(),
  ),
  'import.jobs': call<ImportJobState[]>()(empty()),
  /** Electron only: the native open dialog. Answers the chosen paths, empty when cancelled. */
  'dialog.openMedia': call<{ paths: string[] }>()(empty()),
} as const;

export interface EventMap {
  'import.progress': ImportProgress;
  'import.finished': ImportFinished;
  /** Something in the library changed (a session added, edited or deleted). */
  'library.changed': { sessionId: string | null };
}

export type CallName = keyof typeof calls;
export type CallInput<K extends CallName> = z.input<(typeof calls)[K]['input']>;
export type ParsedInput<K extends CallName> = z.output<(typeof calls)[K]['input']>;
export type CallOutput<K extends CallName> = (typeof calls)[K]['output'];
export type EventName = keyof EventMap;
export const EVENT_NAMES: readonly EventName[] = ['import.progress', 'import.finished', 'library.changed'];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(calls, name);
}

/** The client-side surface the renderer uses, whichever transport carries it. */
export interface AttuneApi {
  invoke<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>>;
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
}
