/**
 * The typed API between the renderer and the Node side. Every call and every event is named here,
 * with the schema main validates the input against and the type it answers with. The same table is
 * served over Electron IPC and over the browser-mode WebSocket (see main/api/dispatch.ts).
 */
import { z } from 'zod';
import type { Session } from '../domain/session';
import { SESSION_STATUSES } from '../domain/session';
import type { ImportFinished, ImportJobState, ImportProgress } from '../domain/import';
import type { ModelCatalogueEntry, Transcript, TranscriptSegment, TranscriptionJobState, TranscriptionOutcome, WhisperModelInfo } from '../domain/transcript';
import { SPEAKER_ROLES } from '../domain/transcript';

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

  // Transcripts
  'transcript.get': call<Transcript>()(z.object({ sessionId: id }).strict()),
  'transcript.updateSegment': call<TranscriptSegment>()(
    z
      .object({
        segmentId: id,
        text: z.string().max(5000, 'A segment can hold at most 5,000 characters.').optional(),
        speaker: z.enum(SPEAKER_ROLES).nullable().optional(),
      })
      .strict(),
  ),
  /** Splits a segment at a time inside it; the text is cut at `textOffset` (a character index). */
  'transcript.splitSegment': call<Transcript>()(
    z.object({ segmentId: id, at: z.number().finite().nonnegative(), textOffset: z.number().int().nonnegative() }).strict(),
  ),
  /** Merges a segment with the one right after it. */
  'transcript.mergeWithNext': call<Transcript>()(z.object({ segmentId: id }).strict()),
  'transcript.renameSpeaker': call<Transcript>()(
    z.object({ sessionId: id, role: z.enum(SPEAKER_ROLES), name: shortText('The speaker name', 60).trim().min(1, 'A speaker needs a name.') }).strict(),
  ),
  /** Stereo recordings: each segment's speaker is the louder channel (left = counselor unless `leftIs` says otherwise). */
  'transcript.speakerByChannel': call<Transcript>()(
    z.object({ sessionId: id, leftIs: z.enum(['counselor', 'client']).default('counselor') }).strict(),
  ),
  /** Replaces the transcript with a WebVTT or SRT file's cues (read by the window and sent as text). */
  'transcript.importSubtitles': call<Transcript>()(
    z
      .object({
        sessionId: id,
        fileName: shortText('The file name', 255).min(1),
        content: z.string().max(10_000_000, 'That subtitle file is too large (at most 10 MB).'),
      })
      .strict(),
  ),

  // Transcription jobs
  'transcription.start': call<{ jobIds: string[] }>()(
    z
      .object({
        sessionIds: z.array(id).min(1, 'Choose at least one session.').max(500),
        modelId: z.string().min(1).max(255).optional(),
        language: z.string().regex(/^(auto|[a-z]{2,3})$/, 'Use a two-letter language code such as "en", or "auto".').optional(),
        /** Keep the supervisor's corrected segments when transcribing again. */
        keepCorrections: z.boolean().optional(),
      })
      .strict(),
  ),
  'transcription.cancel': call<{ cancelled: boolean }>()(z.object({ jobId: z.string().min(1).max(100) }).strict()),
  'transcription.jobs': call<TranscriptionJobState[]>()(empty()),

  // Models
  'models.list': call<{ models: WhisperModelInfo[]; catalogue: ModelCatalogueEntry[]; modelsDir: string; threads: number }>()(empty()),
  /** Adds a model file from this computer (checked: ggml magic and header). */
  'models.add': call<WhisperModelInfo>()(z.object({ path: z.string().min(1).max(4096) }).strict()),
  'models.setDefault': call<WhisperModelInfo>()(z.object({ modelId: z.string().min(1).max(255) }).strict()),
  'models.delete': call<{ deleted: true }>()(z.object({ modelId: z.string().min(1).max(255) }).strict()),
  /** Downloads a standard model (resumable, checksum-verified); progress arrives as `models.download` events. */
  'models.download': call<{ started: true }>()(z.object({ name: z.string().min(1).max(40) }).strict()),
  'models.setThreads': call<{ threads: number }>()(z.object({ threads: z.number().int().min(1).max(64) }).strict()),
} as const;

export interface EventMap {
  'import.progress': ImportProgress;
  'import.finished': ImportFinished;
  /** Something in the library changed (a session added, edited or deleted). */
  'library.changed': { sessionId: string | null };
  'transcription.progress': TranscriptionJobState;
  /** Segments stored since the last event (they are already durable). */
  'transcription.segments': { sessionId: string; segments: TranscriptSegment[] };
  'transcription.finished': { jobId: string; sessionId: string; outcome: TranscriptionOutcome };
  'transcript.changed': { sessionId: string };
  'models.changed': Record<string, never>;
  'models.download': { name: string; receivedBytes: number; totalBytes: number; done: boolean; error: string | null };
}

export type CallName = keyof typeof calls;
export type CallInput<K extends CallName> = z.input<(typeof calls)[K]['input']>;
export type ParsedInput<K extends CallName> = z.output<(typeof calls)[K]['input']>;
export type CallOutput<K extends CallName> = (typeof calls)[K]['output'];
export type EventName = keyof EventMap;
export const EVENT_NAMES: readonly EventName[] = [
  'import.progress',
  'import.finished',
  'library.changed',
  'transcription.progress',
  'transcription.segments',
  'transcription.finished',
  'transcript.changed',
  'models.changed',
  'models.download',
];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(calls, name);
}

/** The client-side surface the renderer uses, whichever transport carries it. */
export interface AttuneApi {
  invoke<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>>;
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
}
