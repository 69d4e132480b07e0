/**
 * The trainee's answers to a received package (read marks, replies per annotation, an overall
 * reflection; tables `trainee_responses` and `received_packages`), the reply file they send back
 * (`.attune-reply`), and on the supervisor's side the merge of that file into the source session
 * (tables `annotation_replies`, `session_reflections`). Every write is one transaction.
 */
import path from 'node:path';
import { ApiError } from '../../../../shared/api/errors';
import type { SummaryScores } from '../../../../shared/domain/review';
import type { PackageOpenOutcome, ReceivedFeedback, ReceivedSummary, SessionReplies, TraineeResponse } from '../../../../shared/package/feedback-view';
import { REPLY_FORMAT, REPLY_PATH, type PackageManifest, type ReplyContent } from '../../../../shared/package/package-format';
import type { Services } from '../../services';
import { buildPackage, jsonBytes } from './build-zip';
import { writeFileAtomically } from '../../files/atomic-write';

interface ReceivedRow {
  package_id: string;
  session_id: string;
  source_session_id: string;
  created_by: string;
  source_created_at: string;
  opened_at: string;
  media_kind: 'none' | 'clips' | 'full';
  has_video: 0 | 1;
  deidentified: 0 | 1;
  scores_json: string;
  reflection: string;
  reflection_at: string | null;
  reply_exported_at: string | null;
}

interface ResponseRow {
  annotation_id: string;
  read_at: string | null;
  reply: string;
  replied_at: string | null;
}

export const NOT_RECEIVED = 'This session is not a received feedback package.';

function receivedRow(services: Pick<Services, 'db'>, sessionId: string): ReceivedRow {
  const row = services.db.prepare<[string], ReceivedRow>('SELECT * FROM received_packages WHERE session_id = ?').get(sessionId);
  if (!row) throw new ApiError('not_found', NOT_RECEIVED);
  return row;
}

function responsesOf(services: Pick<Services, 'db'>, sessionId: string): Map<string, ResponseRow> {
  const rows = services.db
    .prepare<[string], ResponseRow>(
      'SELECT r.* FROM trainee_responses r JOIN annotations a ON a.id = r.annotation_id WHERE a.session_id = ?',
    )
    .all(sessionId);
  return new Map(rows.map((r) => [r.annotation_id, r]));
}

const toResponse = (r: ResponseRow): TraineeResponse => ({ readAt: r.read_at, reply: r.reply, repliedAt: r.replied_at });

/** Everything the trainee's Feedback view shows. not_found for a session that is not a received copy. */
export function receivedFeedback(services: Services, sessionId: string): ReceivedFeedback {
  return services.db.transaction((): ReceivedFeedback => {
    const row = receivedRow(services, sessionId);
    const session = services.sessions.get(sessionId);
    const review = services.reviews.get(sessionId);
    const clips: Record<string, { fileName: string; start: number; end: number }> = {};
    if (row.media_kind === 'clips') {
      for (const c of services.db
        .prepare<[string], { annotation_id: string; file_name: string; start: number; end: number }>('SELECT * FROM received_clips WHERE session_id = ?')
        .all(sessionId)) {
        clips[c.annotation_id] = { fileName: c.file_name, start: c.start, end: c.end };
      }
    }
    const responses: Record<string, TraineeResponse> = {};
    for (const [id, r] of responsesOf(services, sessionId)) responses[id] = toResponse(r);
    return {
      session,
      packageId: row.package_id,
      createdBy: row.created_by,
      sourceCreatedAt: row.source_created_at,
      openedAt: row.opened_at,
      deidentified: row.deidentified === 1,
      media: row.media_kind === 'clips' ? { kind: 'clips', hasVideo: row.has_video === 1, clips } : { kind: row.media_kind },
      codebook: services.codebooks.get(review.codebookId),
      annotations: services.annotations.list(sessionId),
      transcript: services.transcripts.get(sessionId),
      review,
      scores: JSON.parse(row.scores_json) as SummaryScores,
      responses,
      reflection: { text: row.reflection, writtenAt: row.reflection_at },
      replyExportedAt: row.reply_exported_at,
    };
  })();
}

/** The received packages in the library, newest opened first. */
export function receivedList(services: Services): ReceivedSummary[] {
  return services.db
    .prepare<[], { session_id: string; package_id: string; title: string; created_by: string; opened_at: string; total: number; read: number; replied: number }>(
      `SELECT p.session_id, p.package_id, s.title, p.created_by, p.opened_at,
              (SELECT COUNT(*) FROM annotations a WHERE a.session_id = p.session_id) AS total,
              (SELECT COUNT(*) FROM trainee_responses r JOIN annotations a ON a.id = r.annotation_id WHERE a.session_id = p.session_id AND r.read_at IS NOT NULL) AS read,
              (SELECT COUNT(*) FROM trainee_responses r JOIN annotations a ON a.id = r.annotation_id WHERE a.session_id = p.session_id AND r.reply <> '') AS replied
       FROM received_packages p JOIN sessions s ON s.id = p.session_id ORDER BY p.opened_at DESC`,
    )
    .all()
    .map((r) => ({
      sessionId: r.session_id,
      packageId: r.package_id,
      title: r.title,
      createdBy: r.created_by,
      openedAt: r.opened_at,
      annotationCount: r.total,
      readCount: r.read,
      repliedCount: r.replied,
    }));
}

function checkAnnotationOf(services: Services, sessionId: string, annotationId: string): void {
  receivedRow(services, sessionId);
  const row = services.db.prepare<[string], { session_id: string }>('SELECT session_id FROM annotations WHERE id = ?').get(annotationId);
  if (!row || row.session_id !== sessionId) throw new ApiError('not_found', 'That point of the feedback is no longer in this package.');
}

function responseOf(services: Services, annotationId: string): TraineeResponse {
  const row = services.db.prepare<[string], ResponseRow>('SELECT * FROM trainee_responses WHERE annotation_id = ?').get(annotationId);
  return row ? toResponse(row) : { readAt: null, reply: '', repliedAt: null };
}

/** Marks one point of the feedback read or unread. */
export function markRead(services: Services, sessionId: string, annotationId: string, read: boolean): TraineeResponse {
  services.db.transaction(() => {
    checkAnnotationOf(services, sessionId, annotationId);
    services.db
      .prepare(
        `INSERT INTO trainee_responses (annotation_id, read_at) VALUES (?, ?)
         ON CONFLICT(annotation_id) DO UPDATE SET read_at = excluded.read_at`,
      )
      .run(annotationId, read ? new Date().toISOString() : null);
  })();
  return responseOf(services, annotationId);
}

/** The trainee's reply to one point (empty text removes it). Replying marks the point read. */
export function replyTo(services: Services, sessionId: string, annotationId: string, text: string): TraineeResponse {
  const now = new Date().toISOString();
  services.db.transaction(() => {
    checkAnnotationOf(services, sessionId, annotationId);
    services.db
      .prepare(
        `INSERT INTO trainee_responses (annotation_id, read_at, reply, replied_at) VALUES (@id, @now, @text, @repliedAt)
         ON CONFLICT(annotation_id) DO UPDATE SET read_at = COALESCE(trainee_responses.read_at, excluded.read_at),
           reply = excluded.reply, replied_at = excluded.replied_at`,
      )
      .run({ id: annotationId, now, text, repliedAt: text.trim() === '' ? null : now });
  })();
  return responseOf(services, annotationId);
}

export function writeReflection(services: Services, sessionId: string, text: string): { text: string; writtenAt: string | null } {
  const now = text.trim() === '' ? null : new Date().toISOString();
  services.db.transaction(() => {
    receivedRow(services, sessionId);
    services.db.prepare('UPDATE received_packages SET reflection = ?, reflection_at = ? WHERE session_id = ?').run(text, now, sessionId);
  })();
  return { text, writtenAt: now };
}

/** Writes the trainee's reply file (read marks, replies, reflection) for the supervisor. */
export async function exportReply(
  services: Services,
  sessionId: string,
  outPath: string,
  options: { overwrite: boolean; passphrase: string | null },
): Promise<{ path: string; bytes: number; replies: number }> {
  const row = receivedRow(services, sessionId);
  const session = services.sessions.get(sessionId);
  const responses = [...responsesOf(services, sessionId).values()]
    .filter((r) => r.read_at !== null || r.reply !== '')
    .map((r) => ({ annotationId: r.annotation_id, readAt: r.read_at, reply: r.reply, repliedAt: r.replied_at }));
  const content: ReplyContent = {
    packageId: row.package_id,
    sourceSessionId: row.source_session_id,
    sessionTitle: session.title,
    responses,
    reflection: row.reflection.trim() === '' ? null : { text: row.reflection, writtenAt: row.reflection_at ?? new Date().toISOString() },
  };
  const bytes = await buildPackage(
    {
      format: REPLY_FORMAT,
      createdAt: new Date().toISOString(),
      createdBy: services.profile.get().name,
      packageId: row.package_id,
      sessionTitle: session.title,
    },
    [{ path: REPLY_PATH, data: jsonBytes(content), compress: true }],
    options.passphrase,
  );
  try {
    await writeFileAtomically(outPath, bytes, { overwrite: options.overwrite });
  } catch (error) {
    // The reply dialog asks “Replace it with this reply?” after this message.
    if (error instanceof ApiError && error.code === 'file_exists') throw new ApiError('file_exists', `${outPath} already exists.`);
    throw error;
  }
  services.db.prepare('UPDATE received_packages SET reply_exported_at = ? WHERE session_id = ?').run(new Date().toISOString(), sessionId);
  return { path: path.resolve(outPath), bytes: bytes.byteLength, replies: responses.filter((r) => r.reply !== '').length };
}

/** Supervisor side: merges a checked reply file into the session its package was made from. */
export function mergeReply(services: Services, manifest: PackageManifest, reply: ReplyContent): Extract<PackageOpenOutcome, { kind: 'reply' }> {
  const { db } = services;
  const sent = db.prepare<[string], { session_id: string }>('SELECT session_id FROM sent_packages WHERE package_id = ?').get(reply.packageId);
  if (!sent || sent.session_id !== reply.sourceSessionId || !services.sessions.find(sent.session_id)) {
    throw new ApiError('not_found', `This reply is for a session that is not in this library (“${reply.sessionTitle}”).`);
  }
  const sessionId = sent.session_id;
  const now = new Date().toISOString();
  let merged = 0;
  let skipped = 0;
  db.transaction(() => {
    const own = new Set(db.prepare<[string], { id: string }>('SELECT id FROM annotations WHERE session_id = ?').all(sessionId).map((r) => r.id));
    const upsert = db.prepare(
      `INSERT INTO annotation_replies (annotation_id, text, replied_at, read_at, merged_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(annotation_id) DO UPDATE SET text = excluded.text, replied_at = excluded.replied_at, read_at = excluded.read_at, merged_at = excluded.merged_at`,
    );
    for (const r of reply.responses) {
      if (!own.has(r.annotationId)) {
        skipped++;
        continue;
      }
      upsert.run(r.annotationId, r.reply, r.repliedAt, r.readAt, now);
      merged++;
    }
    if (reply.reflection) {
      db.prepare(
        `INSERT INTO session_reflections (session_id, text, written_at, reply_from, merged_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(session_id) DO UPDATE SET text = excluded.text, written_at = excluded.written_at, reply_from = excluded.reply_from, merged_at = excluded.merged_at`,
      ).run(sessionId, reply.reflection.text, reply.reflection.writtenAt, manifest.createdBy, now);
    } else {
      db.prepare(
        `INSERT INTO session_reflections (session_id, text, written_at, reply_from, merged_at) VALUES (?, '', NULL, ?, ?)
         ON CONFLICT(session_id) DO UPDATE SET reply_from = excluded.reply_from, merged_at = excluded.merged_at`,
      ).run(sessionId, manifest.createdBy, now);
    }
    services.sessions.update(sessionId, { status: 'reply-received' });
  })();
  services.events.emit('library.changed', { sessionId });
  services.events.emit('replies.changed', { sessionId });
  return { kind: 'reply', sessionId, title: services.sessions.get(sessionId).title, merged, skipped };
}

/** Supervisor side: the trainee's answers merged into a session. */
export function sessionReplies(services: Services, sessionId: string): SessionReplies {
  services.sessions.get(sessionId);
  const byAnnotation: SessionReplies['byAnnotation'] = {};
  for (const r of services.db
    .prepare<[string], { annotation_id: string; text: string; replied_at: string | null; read_at: string | null }>(
      'SELECT r.* FROM annotation_replies r JOIN annotations a ON a.id = r.annotation_id WHERE a.session_id = ? ORDER BY a.start',
    )
    .all(sessionId)) {
    byAnnotation[r.annotation_id] = { text: r.text, repliedAt: r.replied_at, readAt: r.read_at };
  }
  const reflection = services.db
    .prepare<[string], { text: string; written_at: string | null; reply_from: string; merged_at: string }>('SELECT * FROM session_reflections WHERE session_id = ?')
    .get(sessionId);
  return {
    sessionId,
    byAnnotation,
    reflection: reflection && reflection.text !== '' ? { text: reflection.text, writtenAt: reflection.written_at ?? reflection.merged_at } : null,
    from: reflection?.reply_from ?? null,
    mergedAt: reflection?.merged_at ?? null,
  };
}
