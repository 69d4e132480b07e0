/**
 * The feedback package (`.attune-feedback`) and the trainee's reply file (`.attune-reply`): both are
 * zip files holding `manifest.json` (format, version, and the path, size and SHA-256 of every other
 * entry) plus their content — `session.json` and optional media for a package, `reply.json` for a
 * reply. Either may be wrapped in a passphrase container (main/services/export/package/container.ts).
 * Here: the shapes, their schemas, and the checks of a manifest. Pure: no Node, no DOM.
 */
import { z } from 'zod';
import { codeSchema } from '../api/contract';
import { GLOBAL_RATINGS, PHASES, type SummaryScores } from '../domain/review';
import { SPEAKER_ROLES } from '../domain/transcript';
import { entryPathProblem } from './entry-path';

export const FEEDBACK_FORMAT = 'attune.feedback';
export const REPLY_FORMAT = 'attune.reply';
export const PACKAGE_VERSION = 1;
export const FEEDBACK_EXTENSION = 'attune-feedback';
export const REPLY_EXTENSION = 'attune-reply';

export const MANIFEST_PATH = 'manifest.json';
export const SESSION_PATH = 'session.json';
export const REPLY_PATH = 'reply.json';

/** Limits that stop a hostile file from exhausting memory or disk (a "zip bomb"). */
export const PACKAGE_LIMITS = {
  maxEntries: 10_000,
  /** All entries together, unpacked. */
  maxTotalBytes: 4 * 1024 ** 3,
  /** The manifest and the JSON files. */
  maxJsonBytes: 64 * 1024 ** 2,
} as const;

export const NOT_A_PACKAGE = 'This is not an Attune feedback package.';
export const WRONG_PASSPHRASE = 'The passphrase is wrong, or the file was changed after it was made.';

export interface ManifestEntry {
  path: string;
  size: number;
  /** Lower-case hex. */
  sha256: string;
}

export interface PackageManifest {
  format: typeof FEEDBACK_FORMAT | typeof REPLY_FORMAT;
  version: number;
  createdAt: string;
  /** The profile name of whoever made it. */
  createdBy: string;
  /** Stable per source session: re-opening a newer package updates the trainee's copy; a reply names the package it answers. */
  packageId: string;
  sessionTitle: string;
  entries: ManifestEntry[];
}

const text = (max: number) => z.string().max(max);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a checksum is 64 hexadecimal digits');
const uuidLike = z.string().regex(/^[A-Za-z0-9-]{1,100}$/, 'an id uses letters, digits and hyphens');
const isoTime = z.string().min(1).max(40);
const seconds = z.number().finite().nonnegative();

const manifestSchema = z
  .object({
    format: z.enum([FEEDBACK_FORMAT, REPLY_FORMAT]),
    version: z.literal(PACKAGE_VERSION),
    createdAt: isoTime,
    createdBy: text(200),
    packageId: uuidLike,
    sessionTitle: text(400),
    entries: z
      .array(z.object({ path: z.string().max(1000), size: z.number().int().nonnegative(), sha256 }).strict())
      .max(PACKAGE_LIMITS.maxEntries),
  })
  .strict();

/** Raised for a file that is not a package at all, or one made by a newer Attune; the message is for the user. */
export class PackageFormatError extends Error {}

/**
 * Checks a parsed `manifest.json`: a known format, a version this Attune reads, well-formed entries
 * with safe paths, none listed twice, none the manifest itself. Throws PackageFormatError.
 */
export function checkManifest(value: unknown): PackageManifest {
  if (typeof value !== 'object' || value === null) throw new PackageFormatError(NOT_A_PACKAGE);
  const { format, version } = value as { format?: unknown; version?: unknown };
  if (format !== FEEDBACK_FORMAT && format !== REPLY_FORMAT) throw new PackageFormatError(NOT_A_PACKAGE);
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) throw new PackageFormatError(NOT_A_PACKAGE);
  if (version > PACKAGE_VERSION) {
    throw new PackageFormatError(`This ${format === REPLY_FORMAT ? 'reply file' : 'package'} was made by a newer version of Attune (format ${version}). Update Attune to open it.`);
  }
  const parsed = manifestSchema.safeParse(value);
  if (!parsed.success) throw new PackageFormatError(`${NOT_A_PACKAGE} (Its manifest is not readable.)`);
  const manifest = parsed.data;
  const seen = new Set<string>();
  for (const entry of manifest.entries) {
    const problem = entryPathProblem(entry.path);
    if (problem) throw new PackageFormatError(unsafeEntryMessage(entry.path, problem));
    if (entry.path === MANIFEST_PATH || seen.has(entry.path)) throw new PackageFormatError(`The package lists “${entry.path}” twice; it may have been changed. Nothing was imported.`);
    seen.add(entry.path);
  }
  return manifest;
}

/** Shown path: the first 80 characters, control characters made visible. */
export function shownPath(name: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = name.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 80 ? `${clean.slice(0, 80)}…` : clean;
}

export function unsafeEntryMessage(name: string, problem: string): string {
  return `The package holds an entry “${shownPath(name)}” that Attune refuses: ${problem}. Nothing was imported.`;
}

// ---------------------------------------------------------------------------------------------
// session.json: what the trainee view needs

/** Media in a package: none, the whole recording, or one clip per annotation. Paths are manifest entries. */
export type PackageMedia =
  | { kind: 'none' }
  | { kind: 'full'; path: string; hasVideo: boolean }
  | { kind: 'clips'; hasVideo: boolean; preRoll: number; postRoll: number; clips: PackageClip[] };

export interface PackageClip {
  annotationId: string;
  path: string;
  /** Where the clip starts and ends in the recording, in seconds. */
  start: number;
  end: number;
}

const phaseRange = z.object({ start: seconds, end: seconds }).strict().nullable();

export const packageSessionSchema = z
  .object({
    session: z
      .object({
        id: uuidLike,
        title: text(200).min(1),
        trainee: text(200),
        supervisor: text(200),
        recordedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
        notes: text(20000),
        /** Seconds, of the whole recording. */
        duration: z.number().finite().positive(),
        hasVideo: z.boolean(),
      })
      .strict(),
    codebook: z.object({ id: text(100).min(1), name: text(120).min(1), codes: z.array(codeSchema).max(500) }).strict(),
    annotations: z
      .array(
        z
          .object({
            id: uuidLike,
            codeId: text(80).min(1),
            start: seconds,
            end: seconds.nullable(),
            comment: text(10000),
            author: text(80),
            modelResponse: text(10000),
            segmentIds: z.array(uuidLike).max(200),
            createdAt: isoTime,
            updatedAt: isoTime,
          })
          .strict(),
      )
      .max(20000),
    transcript: z
      .object({
        source: z.enum(['whisper', 'vtt', 'srt']).nullable(),
        language: text(20).nullable(),
        speakerNames: z.object({ counselor: text(60), client: text(60), other: text(60) }).strict(),
        segments: z
          .array(z.object({ id: uuidLike, start: seconds, end: seconds, speaker: z.enum(SPEAKER_ROLES).nullable(), text: text(5000) }).strict())
          .max(100000),
      })
      .strict(),
    review: z
      .object({
        phases: z.object(Object.fromEntries(PHASES.map((p) => [p, phaseRange])) as Record<(typeof PHASES)[number], typeof phaseRange>).strict(),
        checklist: z.array(text(80)).max(100),
        globals: z
          .object(Object.fromEntries(GLOBAL_RATINGS.map((g) => [g, z.number().int().min(1).max(5).nullable()])) as Record<(typeof GLOBAL_RATINGS)[number], z.ZodNullable<z.ZodNumber>>)
          .strict(),
        evidence: z
          .object(Object.fromEntries(GLOBAL_RATINGS.map((g) => [g, z.array(uuidLike).max(500)])) as Record<(typeof GLOBAL_RATINGS)[number], z.ZodArray<typeof uuidLike>>)
          .strict(),
        codedRange: phaseRange,
        feedback: z.object({ strengths: text(20000), growthAreas: text(20000), goals: text(20000) }).strict(),
      })
      .strict(),
    /** As the supervisor's Attune computed them (shown as they were sent). */
    scores: z
      .object({
        reflectionToQuestion: z.number().finite().nullable(),
        complexReflectionShare: z.number().finite().nullable(),
        miAdherent: z.number().finite(),
        miNonAdherent: z.number().finite(),
        technicalGlobal: z.number().finite().nullable(),
        relationalGlobal: z.number().finite().nullable(),
        globals: z.object(Object.fromEntries(GLOBAL_RATINGS.map((g) => [g, z.number().nullable()])) as Record<(typeof GLOBAL_RATINGS)[number], z.ZodNullable<z.ZodNumber>>).strict(),
      })
      .strict(),
    media: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('none') }).strict(),
      z.object({ kind: z.literal('full'), path: z.string().max(1000), hasVideo: z.boolean() }).strict(),
      z
        .object({
          kind: z.literal('clips'),
          hasVideo: z.boolean(),
          preRoll: seconds,
          postRoll: seconds,
          clips: z.array(z.object({ annotationId: uuidLike, path: z.string().max(1000), start: seconds, end: seconds }).strict()).max(20000),
        })
        .strict(),
    ]),
    /** Whether names and places were replaced (the terms themselves are never in the package). */
    deidentified: z.boolean(),
  })
  .strict();

export type PackageSession = z.output<typeof packageSessionSchema>;
export type PackageSessionInput = z.input<typeof packageSessionSchema>;

/** Scores as sent: the same shape as SummaryScores. */
export type PackageScores = SummaryScores;

/**
 * Cross-checks of a parsed session.json the schema cannot express: ids unique, every annotation's
 * code in the codebook and its segments in the transcript, evidence naming annotations of the
 * package, media paths listed in the manifest. Answers a plain-words problem or null.
 */
export function packageSessionProblem(s: PackageSession, entryPaths: ReadonlySet<string>): string | null {
  const codeIds = new Set(s.codebook.codes.map((c) => c.id));
  const segmentIds = new Set<string>();
  for (const g of s.transcript.segments) {
    if (segmentIds.has(g.id)) return 'a transcript line appears twice';
    if (g.end < g.start) return 'a transcript line ends before it starts';
    segmentIds.add(g.id);
  }
  const annotationIds = new Set<string>();
  for (const a of s.annotations) {
    if (annotationIds.has(a.id)) return 'an annotation appears twice';
    annotationIds.add(a.id);
    if (!codeIds.has(a.codeId)) return `an annotation uses the code “${a.codeId}”, which the package’s codebook lacks`;
    if (a.end !== null && a.end < a.start) return 'an annotation ends before it starts';
    if (Math.max(a.start, a.end ?? 0) > s.session.duration + 1) return 'an annotation lies after the end of the recording';
    if (a.segmentIds.some((id) => !segmentIds.has(id))) return 'an annotation links a transcript line the package lacks';
  }
  for (const g of GLOBAL_RATINGS) if (s.review.evidence[g].some((id) => !annotationIds.has(id))) return 'a rating cites an annotation the package lacks';
  const mediaPaths: string[] = [];
  if (s.media.kind === 'full') mediaPaths.push(s.media.path);
  if (s.media.kind === 'clips') {
    const clipped = new Set<string>();
    for (const c of s.media.clips) {
      if (!annotationIds.has(c.annotationId)) return 'a clip belongs to an annotation the package lacks';
      if (clipped.has(c.annotationId)) return 'an annotation has two clips';
      if (!(c.end > c.start)) return 'a clip ends before it starts';
      clipped.add(c.annotationId);
      mediaPaths.push(c.path);
    }
  }
  for (const p of mediaPaths) {
    if (!entryPaths.has(p)) return `its media “${shownPath(p)}” is not in the package`;
    if (!/^media\/[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)?\.(m4a|mp4|mp3|wav|webm|ogg|oga|opus|flac|mov|aac)$/.test(p)) return `its media “${shownPath(p)}” has a name Attune does not use`;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// reply.json: the trainee's answer

export const replySchema = z
  .object({
    packageId: uuidLike,
    /** The supervisor's session the package was made from. */
    sourceSessionId: uuidLike,
    sessionTitle: text(400),
    responses: z
      .array(
        z
          .object({
            annotationId: uuidLike,
            readAt: isoTime.nullable(),
            reply: text(10000),
            repliedAt: isoTime.nullable(),
          })
          .strict(),
      )
      .max(20000),
    reflection: z.object({ text: text(20000), writtenAt: isoTime }).strict().nullable(),
  })
  .strict();

export type ReplyContent = z.output<typeof replySchema>;
