/**
 * The typed API between the renderer and the Node side. Every call and every event is named here,
 * with the schema main validates the input against and the type it answers with. The same table is
 * served over Electron IPC and over the browser-mode WebSocket (see main/api/dispatch.ts).
 */
import { z } from 'zod';
import type { Session } from '../domain/session';
import type { ImportFinished, ImportJobState, ImportProgress } from '../domain/import';
import type { ModelCatalogueEntry, Transcript, TranscriptSegment, TranscriptionJobState, TranscriptionOutcome, WhisperModelInfo } from '../domain/transcript';
import { SPEAKER_ROLES } from '../domain/transcript';
import type { Annotation, Codebook, Profile } from '../domain/annotation';
import { CODE_KINDS, MITI_BEHAVIOURS } from '../domain/annotation';
import type { SessionReview } from '../domain/review';
import type { ExportJobState, ExportOutcome } from '../domain/export';
import { EXPORT_FORMATS } from '../domain/export';
import { GLOBAL_RATINGS, PHASES } from '../domain/review';
import * as parts from './schema-parts';
import { sessionPatchSchema } from './areas/library';
export { sessionPatchSchema };
import { libraryCalls, LIBRARY_EVENT_NAMES, type LibraryEvents } from './areas/library';
import { searchCalls, SEARCH_EVENT_NAMES, type SearchEvents } from './areas/search';
import { progressCalls, PROGRESS_EVENT_NAMES, type ProgressEvents } from './areas/progress';
import { archiveCalls, ARCHIVE_EVENT_NAMES, type ArchiveEvents } from './areas/archive';
import type { PackageOpenOutcome, ReceivedFeedback, ReceivedSummary, SessionReplies, TraineeResponse } from '../package/feedback-view';

const { call, empty, id, shortText, seconds } = parts;

const annotationId = z.string().trim().min(1, 'An annotation id is required.').max(100);
const codebookId = z.string().trim().min(1, 'A codebook id is required.').max(100);
const codeId = z
  .string()
  .trim()
  .min(1, 'A code id is required.')
  .max(80, 'A code id is at most 80 characters.')
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'A code id uses lower-case letters, digits and single hyphens, like "open-question".');
const timeRange = z
  .object({ start: seconds('The start'), end: seconds('The end') })
  .strict()
  .refine((r) => r.end > r.start, 'The end must come after the start.');
const comment = z.string().max(10000, 'A comment can hold at most 10,000 characters.');
const segmentIds = z.array(z.string().min(1).max(100)).max(200, 'Link at most 200 transcript segments.');

/** A code as edited in the codebook editor or read from a codebook file. */
export const codeSchema = z
  .object({
    id: codeId,
    name: shortText('A code name', 80).trim().min(1, 'A code needs a name.'),
    definition: shortText('A definition', 500).default(''),
    kind: z.enum(CODE_KINDS, { message: 'The kind must be strength, growth, client or neutral.' }),
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'A colour is written like #2563eb.').transform((c) => c.toLowerCase()),
    hotkey: z
      .string()
      .regex(/^[a-zA-Z1-9]$/, 'A hotkey is one letter or a digit from 1 to 9.')
      .transform((k) => k.toLowerCase())
      .nullable()
      .default(null),
    miti: z.enum(MITI_BEHAVIOURS, { message: 'Unknown MITI behaviour.' }).nullable().default(null),
    missedOpportunity: z.boolean().default(false),
    enabled: z.boolean().default(true),
  })
  .strict();

export const annotationPatchSchema = z
  .object({
    codeId: codeId.optional(),
    start: seconds('The start').optional(),
    end: seconds('The end').nullable().optional(),
    comment: comment.optional(),
    modelResponse: comment.optional(),
    segmentIds: segmentIds.optional(),
  })
  .strict();

const rating = z.number().int('A rating is a whole number from 1 to 5.').min(1, 'A rating is from 1 to 5.').max(5, 'A rating is from 1 to 5.').nullable();
const feedbackText = z.string().max(20000, 'Feedback is too long (at most 20,000 characters).');

export const reviewPatchSchema = z
  .object({
    codebookId: codebookId.optional(),
    phases: z.object(Object.fromEntries(PHASES.map((p) => [p, timeRange.nullable().optional()])) as Record<(typeof PHASES)[number], z.ZodOptional<z.ZodNullable<typeof timeRange>>>).strict().optional(),
    /** Item id → ticked or not. */
    checklist: z.record(z.string().min(1).max(80), z.boolean()).optional(),
    globals: z.object(Object.fromEntries(GLOBAL_RATINGS.map((g) => [g, rating.optional()])) as Record<(typeof GLOBAL_RATINGS)[number], z.ZodOptional<typeof rating>>).strict().optional(),
    evidence: z
      .object(Object.fromEntries(GLOBAL_RATINGS.map((g) => [g, z.array(annotationId).max(500).optional()])) as Record<(typeof GLOBAL_RATINGS)[number], z.ZodOptional<z.ZodArray<typeof annotationId>>>)
      .strict()
      .optional(),
    codedRange: timeRange.nullable().optional(),
    feedback: z.object({ strengths: feedbackText.optional(), growthAreas: feedbackText.optional(), goals: feedbackText.optional() }).strict().optional(),
  })
  .strict();

export const packageOptionsSchema = z
  .object({
    media: z.enum(['none', 'clips', 'full']).default('none'),
    clipPreRoll: z.number().finite().min(0).max(60, 'Clip pre-roll is at most 60 seconds.').default(5),
    clipPostRoll: z.number().finite().min(0).max(60, 'Clip post-roll is at most 60 seconds.').default(5),
    deidentify: z
      .object({
        terms: z.array(z.string().trim().min(1).max(200)).max(200, 'List at most 200 names and places.'),
        bleep: z.boolean().default(false),
      })
      .strict()
      .nullable()
      .default(null),
    passphrase: z.string().min(8, 'A passphrase needs at least 8 characters.').max(1024).nullable().default(null),
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

  // Profile (the local user)
  'profile.get': call<Profile>()(empty()),
  'profile.update': call<Profile>()(
    z
      .object({
        name: shortText('Your name', 80).trim().min(1, 'Your name cannot be empty.').optional(),
        preRoll: z.number().finite().min(0, 'The pre-roll is from 0 to 30 seconds.').max(30, 'The pre-roll is from 0 to 30 seconds.').optional(),
      })
      .strict(),
  ),

  // Codebooks
  'codebooks.list': call<Codebook[]>()(empty()),
  'codebooks.get': call<Codebook>()(z.object({ codebookId }).strict()),
  /** A new codebook, empty or a copy of another. */
  'codebooks.create': call<Codebook>()(z.object({ name: shortText('A codebook name', 120).trim().min(1, 'A codebook needs a name.'), copyFrom: codebookId.optional() }).strict()),
  'codebooks.rename': call<Codebook>()(z.object({ codebookId, name: shortText('A codebook name', 120).trim().min(1, 'A codebook needs a name.') }).strict()),
  /** Refused for the built-in codebook and for codebooks sessions use. */
  'codebooks.delete': call<{ deleted: true }>()(z.object({ codebookId }).strict()),
  /** Adds a code or replaces the one with the same id (rename, recolour, re-key, disable). */
  'codebooks.saveCode': call<Codebook>()(z.object({ codebookId, code: codeSchema }).strict()),
  /** Removes a code no annotation uses (codes in use can only be disabled). */
  'codebooks.deleteCode': call<Codebook>()(z.object({ codebookId, codeId }).strict()),
  /** The full new order of the codebook's code ids. */
  'codebooks.reorder': call<Codebook>()(z.object({ codebookId, codeIds: z.array(codeId).max(500) }).strict()),
  /** Adds a codebook from a codebook JSON file (read by the window and sent as text). */
  'codebooks.import': call<Codebook>()(
    z.object({ fileName: shortText('The file name', 255).min(1), content: z.string().max(2_000_000, 'That codebook file is too large (at most 2 MB).') }).strict(),
  ),
  'codebooks.export': call<{ fileName: string; content: string }>()(z.object({ codebookId }).strict()),

  // Annotations
  'annotations.list': call<Annotation[]>()(z.object({ sessionId: id }).strict()),
  'annotations.create': call<Annotation>()(
    z
      .object({
        sessionId: id,
        codeId,
        start: seconds('The start'),
        end: seconds('The end').nullable().default(null),
        comment: comment.default(''),
        modelResponse: comment.default(''),
        segmentIds: segmentIds.default([]),
      })
      .strict(),
  ),
  /** Puts back an annotation exactly as it was (undo of a delete). */
  'annotations.restore': call<Annotation>()(
    z
      .object({
        id: annotationId,
        sessionId: id,
        codeId,
        start: seconds('The start'),
        end: seconds('The end').nullable(),
        comment,
        author: shortText('The author', 80),
        modelResponse: comment,
        segmentIds,
        createdAt: z.string().max(40),
        updatedAt: z.string().max(40),
      })
      .strict(),
  ),
  'annotations.update': call<Annotation>()(z.object({ annotationId, patch: annotationPatchSchema }).strict()),
  /** Answers the deleted annotation, so it can be restored. */
  'annotations.delete': call<Annotation>()(z.object({ annotationId }).strict()),
  /** Adds annotations from a CSV or JSON file (all or nothing). */
  'annotations.import': call<{ imported: Annotation[] }>()(
    z
      .object({
        sessionId: id,
        fileName: shortText('The file name', 255).min(1),
        content: z.string().max(20_000_000, 'That annotation file is too large (at most 20 MB).'),
      })
      .strict(),
  ),
  'annotations.export': call<{ fileName: string; content: string }>()(z.object({ sessionId: id, format: z.enum(['csv', 'json']) }).strict()),

  // Review: phases, checklist, global ratings, coded range, overall feedback
  'review.get': call<SessionReview>()(z.object({ sessionId: id }).strict()),
  'review.update': call<SessionReview>()(z.object({ sessionId: id, patch: reviewPatchSchema }).strict()),

  // Exports: reports, standard formats, the feedback package (progress arrives as export.* events)
  /** Where an export goes unless the user picks another place: the export folder (a setting) and a file name from the title. */
  'export.suggestPath': call<{ path: string; exists: boolean }>()(z.object({ sessionId: id, format: z.enum(EXPORT_FORMATS) }).strict()),
  /** Starts an export to `outPath` (absolute). Refused with file_exists when the file is there and `overwrite` is false. */
  'export.start': call<{ jobId: string }>()(
    z
      .object({
        sessionId: id,
        format: z.enum(EXPORT_FORMATS),
        outPath: z.string().min(1, 'Choose where to save the export.').max(4096, 'That path is too long.'),
        overwrite: z.boolean().default(false),
        package: packageOptionsSchema.optional(),
      })
      .strict(),
  ),
  'export.cancel': call<{ cancelled: boolean }>()(z.object({ jobId: z.string().min(1).max(100) }).strict()),
  'export.jobs': call<ExportJobState[]>()(empty()),
  /** Opens the folder holding a file this Attune wrote (an export), in the system's file manager. */
  'export.reveal': call<{ revealed: boolean }>()(z.object({ path: z.string().min(1).max(4096) }).strict()),

  // ----- Feedback packages out and back (issue 5): opening packages and reply files, the trainee's answers, replies merged back -----
  /** Opens a feedback package (the trainee's read-only copy is made or updated) or a reply file (merged into the supervisor's session). */
  'package.open': call<PackageOpenOutcome>()(
    z
      .object({
        path: z.string().min(1, 'Choose the file to open.').max(4096, 'That path is too long.'),
        passphrase: z.string().min(1, 'Enter the passphrase.').max(1024).nullable().default(null),
      })
      .strict(),
  ),
  /** The received packages in this library (the trainee's copies). */
  'feedback.list': call<ReceivedSummary[]>()(empty()),
  /** Everything the trainee's Feedback view shows of a received copy; not_found for other sessions. */
  'feedback.get': call<ReceivedFeedback>()(z.object({ sessionId: id }).strict()),
  'feedback.markRead': call<TraineeResponse>()(z.object({ sessionId: id, annotationId, read: z.boolean() }).strict()),
  /** The trainee's reply to one point (empty text removes it). */
  'feedback.reply': call<TraineeResponse>()(
    z.object({ sessionId: id, annotationId, text: z.string().max(10000, 'A reply can hold at most 10,000 characters.') }).strict(),
  ),
  'feedback.reflection': call<{ text: string; writtenAt: string | null }>()(
    z.object({ sessionId: id, text: z.string().max(20000, 'The reflection can hold at most 20,000 characters.') }).strict(),
  ),
  /** Writes the trainee's reply file (`.attune-reply`) to `outPath` (absolute). Refused with file_exists when the file is there and `overwrite` is false. */
  'feedback.exportReply': call<{ path: string; bytes: number; replies: number }>()(
    z
      .object({
        sessionId: id,
        outPath: z.string().min(1, 'Choose where to save the reply.').max(4096, 'That path is too long.'),
        overwrite: z.boolean().default(false),
        passphrase: z.string().min(8, 'A passphrase needs at least 8 characters.').max(1024).nullable().default(null),
      })
      .strict(),
  ),
  /** Supervisor side: the trainee's replies merged into a session, by annotation, and their overall reflection. */
  'replies.list': call<SessionReplies>()(z.object({ sessionId: id }).strict()),

  // ----- Native save/open dialogs for exports and packages (Electron only; browser mode answers 'unavailable') -----
  /** The native save dialog for an export, starting at `defaultPath`. Answers the chosen path, null when cancelled. */
  'dialog.saveExport': call<{ path: string | null }>()(
    z.object({ defaultPath: z.string().min(1).max(4096, 'That path is too long.'), format: z.enum(EXPORT_FORMATS) }).strict(),
  ),
  /** The native open dialog for a feedback package or reply file. Answers the chosen path, null when cancelled. */
  'dialog.openPackage': call<{ path: string | null }>()(empty()),
  /** Where the trainee's reply file goes unless they pick another place: the export folder and a file name from the title. */
  'feedback.suggestReplyPath': call<{ path: string; exists: boolean }>()(z.object({ sessionId: id }).strict()),

  // The program's archive: each area's calls live in shared/api/areas/.
  ...libraryCalls,
  ...searchCalls,
  ...progressCalls,
  ...archiveCalls,
} as const;

export interface EventMap extends LibraryEvents, SearchEvents, ProgressEvents, ArchiveEvents {
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
  /** Annotations written or removed (the payload carries them, so listeners need not fetch). */
  'annotations.changed': { sessionId: string; upserted: Annotation[]; deletedIds: string[] };
  'review.changed': { review: SessionReview };
  'codebooks.changed': { codebookId: string | null };
  'profile.changed': Profile;
  'export.progress': ExportJobState;
  'export.finished': { jobId: string; sessionId: string; format: ExportJobState['format']; outcome: ExportOutcome };
  /** The trainee's read marks, replies or reflection on a received copy changed. */
  'feedback.changed': { sessionId: string };
  /** A reply file was merged into the supervisor's session. */
  'replies.changed': { sessionId: string };
  /** Electron: a menu command the page carries out (File → Open feedback package…). */
  'menu.command': { command: 'open-package' };
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
  'annotations.changed',
  'review.changed',
  'codebooks.changed',
  'profile.changed',
  'export.progress',
  'export.finished',
  'feedback.changed',
  'replies.changed',
  'menu.command',
  ...LIBRARY_EVENT_NAMES,
  ...SEARCH_EVENT_NAMES,
  ...PROGRESS_EVENT_NAMES,
  ...ARCHIVE_EVENT_NAMES,
];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(calls, name);
}

/** The client-side surface the renderer uses, whichever transport carries it. */
export interface AttuneApi {
  invoke<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>>;
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
}
