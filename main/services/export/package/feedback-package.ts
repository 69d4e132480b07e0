/**
 * Builds the feedback package of a session (`.attune-feedback`) for the trainee: session.json (the
 * session, transcript, annotations with their codes, review and scores), and — if chosen — the whole
 * recording or one clip per annotation, optionally de-identified and locked with a passphrase.
 * Written through a temp file in the target folder (fsync, rename): cancelling or failing leaves
 * nothing. On success the session's status becomes "feedback sent".
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { ApiError } from '../../../../shared/api/errors';
import type { PackageOptions, SessionBundle } from '../../../../shared/domain/export';
import { bleepRanges, makeDeidentifier, type Deidentifier } from '../../../../shared/package/deidentify';
import { FEEDBACK_FORMAT, SESSION_PATH, type PackageClip, type PackageMedia } from '../../../../shared/package/package-format';
import { packageSessionFrom } from '../../../../shared/package/package-session';
import type { Services } from '../../services';
import { buildPackage, jsonBytes, type PackageFile } from './build-zip';
import { clipArgs, fullArgs, runFfmpeg, type TimeSpan } from './package-media';
import { packageIdFor, markSent } from './sent-packages';
import { writeFileAtomically } from '../../files/atomic-write';

export type PackageServices = Pick<Services, 'paths' | 'tools' | 'db' | 'sessions' | 'events'>;

export interface PackageRun {
  signal?: AbortSignal;
  /** percent 0–100, never decreasing; stage in plain words. */
  progress?: (percent: number, stage: string) => void;
  /** Replace an existing file at outPath (the caller asked the user). Default true: the export service checks before starting. */
  overwrite?: boolean;
}

export interface PackageResult {
  path: string;
  bytes: number;
  packageId: string;
}

/** A clip's stretch of the recording: the annotation with pre- and post-roll, inside the recording, never empty. */
export function clipSpan(start: number, end: number | null, preRoll: number, postRoll: number, duration: number): TimeSpan {
  let from = Math.max(0, start - preRoll);
  let to = Math.min(duration, (end ?? start) + postRoll);
  if (to - from < 0.5) {
    to = Math.min(duration, from + 0.5);
    from = Math.max(0, to - 0.5);
  }
  return { start: from, end: to };
}

const extensionOf = (fileName: string): string => {
  const ext = path.extname(fileName).slice(1).toLowerCase();
  return /^[a-z0-9]{1,5}$/.test(ext) ? ext : 'bin';
};

const throwIfCancelled = (signal: AbortSignal | undefined): void => {
  if (signal?.aborted) throw new ApiError('cancelled', 'The export was cancelled.');
};

export async function exportFeedbackPackage(
  services: PackageServices,
  bundle: SessionBundle,
  outPath: string,
  options: PackageOptions,
  run: PackageRun = {},
): Promise<PackageResult> {
  const { signal } = run;
  let lastPercent = 0;
  const progress = (percent: number, stage: string): void => {
    lastPercent = Math.max(lastPercent, Math.min(100, percent));
    run.progress?.(Math.round(lastPercent * 10) / 10, stage);
  };
  const { session } = bundle;
  const deidentifier: Deidentifier | null = options.deidentify && options.deidentify.terms.length > 0 ? makeDeidentifier(options.deidentify.terms) : null;
  const bleep: TimeSpan[] =
    deidentifier && options.deidentify?.bleep ? bleepRanges(bundle.transcript.segments, deidentifier, session.media.duration) : [];
  const packageId = packageIdFor(services.db, session.id);
  const recording = path.join(services.paths.mediaDir, session.media.fileName);
  const work = await fs.mkdtemp(path.join(services.paths.tmpDir, 'package-'));
  try {
    progress(0, 'Gathering the session');
    throwIfCancelled(signal);
    const files: PackageFile[] = [];
    let media: PackageMedia = { kind: 'none' };

    if (options.media === 'full') {
      progress(2, deidentifier ? 'Preparing the recording' : 'Adding the recording');
      let ext = extensionOf(session.media.fileName);
      let data: Buffer;
      if (deidentifier) {
        if (bleep.length > 0) ext = session.media.hasVideo ? 'mp4' : 'm4a';
        const out = path.join(work, `recording.${ext}`);
        await runFfmpeg(
          services.tools.ffmpeg,
          fullArgs({ input: recording, output: out, hasVideo: session.media.hasVideo, sampleRate: session.media.sampleRate, bleep, copyFormat: null }),
          signal,
        );
        data = await fs.readFile(out);
      } else {
        data = await fs.readFile(recording).catch(() => {
          throw new ApiError('file_missing', 'The recording of this session is missing from the library, so it cannot go into the package.');
        });
      }
      const entry = `media/recording.${ext}`;
      files.push({ path: entry, data, compress: false });
      media = { kind: 'full', path: entry, hasVideo: session.media.hasVideo };
      progress(80, 'Adding the recording');
    } else if (options.media === 'clips') {
      const clips: PackageClip[] = [];
      const ext = session.media.hasVideo ? 'mp4' : 'm4a';
      const total = bundle.annotations.length;
      for (const [i, a] of bundle.annotations.entries()) {
        throwIfCancelled(signal);
        progress(2 + (78 * i) / Math.max(1, total), `Cutting clips ${i + 1} of ${total}`);
        const span = clipSpan(a.start, a.end, options.clipPreRoll, options.clipPostRoll, session.media.duration);
        const out = path.join(work, `${i}.${ext}`);
        await runFfmpeg(
          services.tools.ffmpeg,
          clipArgs({ input: recording, output: out, start: span.start, end: span.end, hasVideo: session.media.hasVideo, sampleRate: session.media.sampleRate, bleep }),
          signal,
        );
        const entry = `media/clips/${a.id}.${ext}`;
        files.push({ path: entry, data: await fs.readFile(out), compress: false });
        await fs.rm(out, { force: true });
        clips.push({ annotationId: a.id, path: entry, start: span.start, end: span.end });
      }
      media = { kind: 'clips', hasVideo: session.media.hasVideo, preRoll: options.clipPreRoll, postRoll: options.clipPostRoll, clips };
      progress(80, 'Packing');
    }

    throwIfCancelled(signal);
    const content = packageSessionFrom(bundle, media, deidentifier);
    files.unshift({ path: SESSION_PATH, data: jsonBytes(content), compress: true });
    progress(options.passphrase ? 82 : 85, options.passphrase ? 'Locking with the passphrase' : 'Packing');
    const bytes = await buildPackage(
      {
        format: FEEDBACK_FORMAT,
        createdAt: bundle.generatedAt,
        createdBy: bundle.generatedBy,
        packageId,
        sessionTitle: content.session.title,
      },
      files,
      options.passphrase,
    );
    throwIfCancelled(signal);
    progress(92, 'Writing the file');
    await writeFileAtomically(outPath, bytes, { overwrite: run.overwrite ?? true, signal });
    markSent(services, session.id);
    progress(100, 'Done');
    return { path: path.resolve(outPath), bytes: bytes.byteLength, packageId };
  } finally {
    await fs.rm(work, { recursive: true, force: true }).catch(() => undefined);
  }
}
