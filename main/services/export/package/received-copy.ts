/**
 * Trainee side: a checked feedback package becomes a read-only copy in the library — a session with
 * the package's details, its media (the whole recording through the importer's probe and decode,
 * clips stored beside the recordings, or none), transcript, annotations (same ids), codebook and
 * review — in one transaction. Re-opening a package with the same id updates that copy, keeping the
 * trainee's read marks and replies for annotations that are still there.
 *
 * The stored recording of a copy is named by a hash of the package id and the file's own hash, not
 * the file's hash alone, so a trainee who also imported the original recording keeps both.
 * A copy without a recording (text only, or clips) gets a placeholder media row that names no file:
 * the session duration is the recording's, and `feedback.get` says there is no recording to play.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ApiError } from '../../../../shared/api/errors';
import type { MediaInfo } from '../../../../shared/domain/session';
import { GLOBAL_RATINGS } from '../../../../shared/domain/review';
import type { PackageManifest, PackageSession } from '../../../../shared/package/package-format';
import { DECODE_SAMPLE_RATE, decodeAudio } from '../../media/decode';
import { fsyncDir, fsyncFile } from '../../files/fs-durability';
import { notMediaError, toApiError } from '../../media/import-errors';
import { probeMedia } from '../../media/probe';
import { mediaInfoOf, validateProbe } from '../../media/import-recording';
import type { Services } from '../../services';
import { insertMedia } from '../../store/session-store';
import { sessionOfPackage } from './sent-packages';
import { sha256Hex } from './read-package';

export type ReceiveServices = Pick<Services, 'db' | 'paths' | 'tools' | 'sessions' | 'events'>;

export const receivedCodebookId = (packageId: string): string => `received-${packageId}`;

interface PreparedMedia {
  media: MediaInfo;
  /** Files moved into the library folders by this open (removed again if the transaction fails). */
  placed: string[];
  clips: { annotationId: string; fileName: string; start: number; end: number }[];
}

const placeholderMedia = (packageId: string, kind: 'none' | 'clips', duration: number): MediaInfo => {
  const sha256 = createHash('sha256').update(`attune-received:${packageId}:${kind}`).digest('hex');
  return {
    originalName: kind === 'clips' ? 'Clips of the feedback package' : 'No recording in the feedback package',
    sha256,
    fileName: `${sha256}.none`,
    peaksFileName: `${sha256}.peaks`,
    sizeBytes: 1,
    duration,
    container: 'none',
    audioCodec: 'none',
    videoCodec: null,
    channels: 1,
    sampleRate: DECODE_SAMPLE_RATE,
    hasVideo: false,
    width: null,
    height: null,
  };
};

/** Writes bytes to a new file in tmpDir (durably) and answers its path. */
async function writeTemp(tmpDir: string, ext: string, data: Uint8Array): Promise<string> {
  const file = path.join(tmpDir, `${randomUUID()}.${ext}`);
  await fs.writeFile(file, data, { flag: 'wx' });
  await fsyncFile(file);
  return file;
}

const exists = (file: string): Promise<boolean> =>
  fs.stat(file).then(
    () => true,
    () => false,
  );

/** The whole recording of a package: probed and decoded like an import, stored under its package-specific name. */
async function prepareFull(services: ReceiveServices, packageId: string, entry: string, data: Buffer, current: MediaInfo | null): Promise<PreparedMedia> {
  const { paths, tools } = services;
  const ext = path.extname(entry).slice(1).toLowerCase();
  const sha256 = createHash('sha256').update(`attune-received:${packageId}:${sha256Hex(data)}`).digest('hex');
  if (current && current.sha256 === sha256) return { media: current, placed: [], clips: [] };
  const temps: string[] = [];
  const placed: string[] = [];
  try {
    const tmpMedia = await writeTemp(paths.tmpDir, ext, data);
    temps.push(tmpMedia);
    const probe = await probeMedia(tools.ffprobe, tmpMedia, { fileName: path.basename(entry) });
    validateProbe(probe, path.basename(entry));
    const tmpPeaks = path.join(paths.tmpDir, `${randomUUID()}.peaks`);
    const tmpPcm = path.join(paths.tmpDir, `${randomUUID()}.pcm`);
    temps.push(tmpPeaks, tmpPcm);
    const decoded = await decodeAudio({
      ffmpeg: tools.ffmpeg,
      input: tmpMedia,
      sourceChannels: probe.audio.channels,
      peaksPath: tmpPeaks,
      pcmPath: tmpPcm,
      expectedDuration: probe.duration,
    });
    if (!(decoded.duration > 0)) throw notMediaError(path.basename(entry));
    await Promise.all([fsyncFile(tmpPeaks), fsyncFile(tmpPcm)]);
    const media = mediaInfoOf(
      { originalName: path.basename(entry), sha256, fileName: `${sha256}.${ext}`, peaksFileName: `${sha256}.peaks`, sizeBytes: data.length },
      probe,
      decoded,
    );
    for (const [from, to] of [
      [tmpMedia, path.join(paths.mediaDir, media.fileName)],
      [tmpPeaks, path.join(paths.peaksDir, media.peaksFileName)],
      [tmpPcm, path.join(paths.pcmDir, `${sha256}.pcm`)],
    ] as const) {
      await fs.rename(from, to);
      placed.push(to);
    }
    await Promise.all([fsyncDir(paths.mediaDir), fsyncDir(paths.peaksDir), fsyncDir(paths.pcmDir)]);
    return { media, placed, clips: [] };
  } catch (error) {
    await Promise.all([...temps, ...placed].map((f) => fs.rm(f, { force: true })));
    throw toApiError(error, 'opening the package’s recording');
  }
}

/** Clips: each stored once by its own hash in the media folder (a clip the library already holds is not written again). */
async function prepareClips(services: ReceiveServices, session: PackageSession, files: Map<string, Buffer>, packageId: string): Promise<PreparedMedia> {
  const { paths } = services;
  if (session.media.kind !== 'clips') throw new Error('not a clips package');
  const placed: string[] = [];
  const clips: PreparedMedia['clips'] = [];
  try {
    for (const clip of session.media.clips) {
      const data = files.get(clip.path) as Buffer;
      const ext = path.extname(clip.path).slice(1).toLowerCase();
      const fileName = `${sha256Hex(data)}.${ext}`;
      const target = path.join(paths.mediaDir, fileName);
      if (!(await exists(target))) {
        const temp = await writeTemp(paths.tmpDir, ext, data);
        await fs.rename(temp, target);
        placed.push(target);
      }
      clips.push({ annotationId: clip.annotationId, fileName, start: clip.start, end: Math.min(clip.end, session.session.duration + 1) });
    }
    if (placed.length > 0) await fsyncDir(paths.mediaDir);
    return { media: placeholderMedia(packageId, 'clips', session.session.duration), placed, clips };
  } catch (error) {
    await Promise.all(placed.map((f) => fs.rm(f, { force: true })));
    throw toApiError(error, 'storing the package’s clips');
  }
}

/** Every file name media rows and clips refer to, to know which of a replaced copy's files may go. */
function referencedFiles(services: ReceiveServices): Set<string> {
  const names = new Set<string>();
  for (const r of services.db.prepare<[], { file_name: string; peaks_file_name: string; sha256: string }>('SELECT file_name, peaks_file_name, sha256 FROM media').all()) {
    names.add(r.file_name);
    names.add(r.peaks_file_name);
    names.add(`${r.sha256}.pcm`);
  }
  for (const r of services.db.prepare<[], { file_name: string }>('SELECT file_name FROM received_clips').all()) names.add(r.file_name);
  return names;
}

async function removeUnreferenced(services: ReceiveServices, files: readonly string[]): Promise<void> {
  if (files.length === 0) return;
  const referenced = referencedFiles(services);
  await Promise.all(files.filter((f) => !referenced.has(path.basename(f))).map((f) => fs.rm(f, { force: true }).catch(() => undefined)));
}

function filesOfMedia(services: ReceiveServices, media: MediaInfo): string[] {
  return [
    path.join(services.paths.mediaDir, media.fileName),
    path.join(services.paths.peaksDir, media.peaksFileName),
    path.join(services.paths.pcmDir, `${media.sha256}.pcm`),
  ];
}

/** Stores (or updates) the trainee's copy of a checked feedback package. */
export async function storeReceivedCopy(
  services: ReceiveServices,
  manifest: PackageManifest,
  pkg: PackageSession,
  files: Map<string, Buffer>,
): Promise<{ sessionId: string; updated: boolean }> {
  const { db } = services;
  const packageId = manifest.packageId;
  const own = sessionOfPackage(db, packageId);
  if (own) {
    const title = services.sessions.find(own)?.title ?? pkg.session.title;
    throw new ApiError('invalid_input', `This package was made from “${title}” in this library; it is meant for the trainee’s Attune.`);
  }
  const existing = db.prepare<[string], { session_id: string }>('SELECT session_id FROM received_packages WHERE package_id = ?').get(packageId);
  const sessionId = existing?.session_id ?? randomUUID();
  const current = existing ? services.sessions.find(sessionId) : null;

  // Ids the package brings must not belong to any other session of this library.
  const clash = (table: 'annotations' | 'segments', ids: string[]): boolean => {
    const stmt = db.prepare<[string], { session_id: string }>(`SELECT session_id FROM ${table} WHERE id = ?`);
    return ids.some((id) => {
      const row = stmt.get(id);
      return row !== undefined && row.session_id !== sessionId;
    });
  };
  if (clash('annotations', pkg.annotations.map((a) => a.id)) || clash('segments', pkg.transcript.segments.map((g) => g.id))) {
    throw new ApiError('invalid_input', 'This package’s annotations are already in this library under another session; it was not opened.');
  }

  let prepared: PreparedMedia;
  if (pkg.media.kind === 'full') prepared = await prepareFull(services, packageId, pkg.media.path, files.get(pkg.media.path) as Buffer, current?.media ?? null);
  else if (pkg.media.kind === 'clips') prepared = await prepareClips(services, pkg, files, packageId);
  else prepared = { media: placeholderMedia(packageId, 'none', pkg.session.duration), placed: [], clips: [] };
  const { media } = prepared;

  const oldClips = existing
    ? db.prepare<[string], { file_name: string }>('SELECT file_name FROM received_clips WHERE session_id = ?').all(sessionId).map((r) => path.join(services.paths.mediaDir, r.file_name))
    : [];
  try {
    db.transaction(() => {
      writeCopy(services, { sessionId, existing: existing !== undefined, manifest, pkg, media, clips: prepared.clips });
    })();
  } catch (error) {
    await removeUnreferenced(services, prepared.placed);
    if (error instanceof ApiError) throw error;
    throw toApiError(error, 'storing the package');
  }
  // The replaced copy's files that nothing refers to any more.
  const replaced = current && current.media.sha256 !== media.sha256 ? filesOfMedia(services, current.media) : [];
  await removeUnreferenced(services, [...replaced, ...oldClips]);
  services.events.emit('library.changed', { sessionId });
  return { sessionId, updated: existing !== undefined };
}

/** Re-encoding may shorten a recording by a frame: times up to a second past its end are pulled back to it. */
const END_DRIFT_S = 1;

function spanWithin(start: number, end: number | null, duration: number): { start: number; end: number | null } {
  if (start > duration + END_DRIFT_S || (end !== null && end > duration + END_DRIFT_S)) {
    throw new ApiError('invalid_input', 'The package’s session is not readable: an annotation lies outside the recording. Nothing was imported.');
  }
  const s = Math.min(start, duration);
  const e = end === null ? null : Math.min(end, duration);
  return { start: s, end: e === null || e <= s ? null : e };
}

interface CopyWrite {
  sessionId: string;
  existing: boolean;
  manifest: PackageManifest;
  pkg: PackageSession;
  media: MediaInfo;
  clips: PreparedMedia['clips'];
}

/** The rows of the copy; runs inside the caller's transaction. */
function writeCopy(services: ReceiveServices, w: CopyWrite): void {
  const { db } = services;
  const { sessionId, pkg, media, manifest } = w;
  const now = new Date().toISOString();
  const s = pkg.session;
  if (w.existing) {
    db.prepare(
      `UPDATE sessions SET title = ?, trainee = ?, supervisor = ?, recorded_at = ?, notes = ?, status = 'feedback-sent', updated_at = ? WHERE id = ?`,
    ).run(s.title, s.trainee, s.supervisor, s.recordedAt, s.notes, now, sessionId);
    db.prepare('DELETE FROM media WHERE session_id = ?').run(sessionId);
  } else {
    db.prepare(
      `INSERT INTO sessions (id, title, trainee, supervisor, recorded_at, notes, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 'feedback-sent', ?, ?)`,
    ).run(sessionId, s.title, s.trainee, s.supervisor, s.recordedAt, s.notes, now, now);
  }
  insertMedia(db, sessionId, media);
  const duration = media.duration;

  // The codebook: the codes the annotations use, as the supervisor named and coloured them.
  const codebookId = receivedCodebookId(manifest.packageId);
  db.prepare(
    `INSERT INTO codebooks (id, name, built_in, created_at, updated_at) VALUES (?, ?, 0, ?, ?)
     ON CONFLICT(id) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at`,
  ).run(codebookId, `${pkg.codebook.name} (from ${manifest.createdBy || 'a feedback package'})`.slice(0, 120), now, now);
  db.prepare('DELETE FROM codes WHERE codebook_id = ?').run(codebookId);
  const insertCode = db.prepare(
    `INSERT INTO codes (codebook_id, id, position, name, definition, kind, color, hotkey, miti, missed_opportunity, enabled)
     VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, 1)`,
  );
  pkg.codebook.codes.forEach((c, i) => insertCode.run(codebookId, c.id, i, c.name, c.definition, c.kind, c.color, c.miti, c.missedOpportunity ? 1 : 0));

  // The transcript, replaced whole (segment links go with it and are put back below).
  db.prepare(
    `INSERT INTO transcripts (session_id, source, origin, language, counselor_name, client_name, other_name, updated_at)
     VALUES (?, ?, 'Feedback package', ?, ?, ?, ?, ?)
     ON CONFLICT(session_id) DO UPDATE SET source = excluded.source, origin = excluded.origin, language = excluded.language,
       counselor_name = excluded.counselor_name, client_name = excluded.client_name, other_name = excluded.other_name,
       speech_json = NULL, job_model = NULL, job_language = NULL, covered_until = NULL, updated_at = excluded.updated_at`,
  ).run(
    sessionId,
    pkg.transcript.source,
    pkg.transcript.language,
    pkg.transcript.speakerNames.counselor || 'Counselor',
    pkg.transcript.speakerNames.client || 'Client',
    pkg.transcript.speakerNames.other || 'Other',
    now,
  );
  db.prepare('DELETE FROM segments WHERE session_id = ?').run(sessionId);
  const insertSegment = db.prepare('INSERT INTO segments (id, session_id, start, end, speaker, text, original_text, edited) VALUES (?, ?, ?, ?, ?, ?, ?, 0)');
  for (const g of pkg.transcript.segments) {
    const end = Math.min(g.end, duration);
    insertSegment.run(g.id, sessionId, Math.min(g.start, end), end, g.speaker, g.text, g.text);
  }

  // Annotations: same ids; those no longer in the package go (with the trainee's marks on them), the others are updated in place.
  const keep = new Set(pkg.annotations.map((a) => a.id));
  for (const { id } of db.prepare<[string], { id: string }>('SELECT id FROM annotations WHERE session_id = ?').all(sessionId)) {
    if (!keep.has(id)) db.prepare('DELETE FROM annotations WHERE id = ?').run(id);
  }
  const update = db.prepare(
    'UPDATE annotations SET code_id = ?, start = ?, end = ?, comment = ?, author = ?, model_response = ?, created_at = ?, updated_at = ? WHERE id = ? AND session_id = ?',
  );
  const insert = db.prepare(
    `INSERT INTO annotations (id, session_id, code_id, start, end, comment, author, model_response, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const link = db.prepare('INSERT OR IGNORE INTO annotation_segments (annotation_id, segment_id) VALUES (?, ?)');
  for (const a of pkg.annotations) {
    const span = spanWithin(a.start, a.end, duration);
    const changed = update.run(a.codeId, span.start, span.end, a.comment, a.author, a.modelResponse, a.createdAt, a.updatedAt, a.id, sessionId).changes;
    if (changed === 0) insert.run(a.id, sessionId, a.codeId, span.start, span.end, a.comment, a.author, a.modelResponse, a.createdAt, a.updatedAt);
    for (const segmentId of a.segmentIds) link.run(a.id, segmentId);
  }

  // The review, under the received codebook.
  const r = pkg.review;
  const range = (x: { start: number; end: number } | null): [number | null, number | null] => {
    if (!x) return [null, null];
    const end = Math.min(x.end, duration);
    return end > x.start ? [x.start, end] : [null, null];
  };
  const [bs, be] = range(r.phases.beginning);
  const [ms, me] = range(r.phases.middle);
  const [ts, te] = range(r.phases.termination);
  const [cs, ce] = range(r.codedRange);
  db.prepare('DELETE FROM session_reviews WHERE session_id = ?').run(sessionId);
  db.prepare(
    `INSERT INTO session_reviews (session_id, codebook_id, beginning_start, beginning_end, middle_start, middle_end,
       termination_start, termination_end, checklist_json, cultivating_change_talk, softening_sustain_talk, partnership, empathy,
       coded_start, coded_end, strengths, growth_areas, goals, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    sessionId,
    codebookId,
    bs,
    be,
    ms,
    me,
    ts,
    te,
    JSON.stringify(r.checklist),
    r.globals.cultivatingChangeTalk,
    r.globals.softeningSustainTalk,
    r.globals.partnership,
    r.globals.empathy,
    cs,
    ce,
    r.feedback.strengths,
    r.feedback.growthAreas,
    r.feedback.goals,
    now,
  );
  const evidence = db.prepare('INSERT OR IGNORE INTO review_evidence (session_id, rating, annotation_id, position) VALUES (?, ?, ?, ?)');
  for (const g of GLOBAL_RATINGS) r.evidence[g].forEach((id, i) => evidence.run(sessionId, g, id, i));

  // The package's own facts, and its clips.
  db.prepare(
    `INSERT INTO received_packages (package_id, session_id, source_session_id, created_by, source_created_at, opened_at, media_kind, has_video, deidentified, scores_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(package_id) DO UPDATE SET source_session_id = excluded.source_session_id, created_by = excluded.created_by,
       source_created_at = excluded.source_created_at, opened_at = excluded.opened_at, media_kind = excluded.media_kind,
       has_video = excluded.has_video, deidentified = excluded.deidentified, scores_json = excluded.scores_json`,
  ).run(
    manifest.packageId,
    sessionId,
    pkg.session.id,
    manifest.createdBy,
    manifest.createdAt,
    now,
    pkg.media.kind,
    pkg.media.kind === 'none' ? 0 : pkg.media.hasVideo ? 1 : 0,
    pkg.deidentified ? 1 : 0,
    JSON.stringify(pkg.scores),
  );
  db.prepare('DELETE FROM received_clips WHERE session_id = ?').run(sessionId);
  const clip = db.prepare('INSERT INTO received_clips (annotation_id, session_id, file_name, start, end) VALUES (?, ?, ?, ?, ?)');
  for (const c of w.clips) {
    const end = Math.min(c.end, duration);
    const start = Math.min(c.start, end);
    if (end > start) clip.run(c.annotationId, sessionId, c.fileName, start, end);
  }
}
