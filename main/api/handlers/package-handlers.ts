/** Feedback packages out and back: opening packages and reply files, the trainee's answers, and replies merged into the supervisor's session. */
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import { REPLY_EXTENSION } from '../../../shared/package/package-format';
import type { HandlerGroup } from '../handlers';
import { fileSlug } from '../../services/annotations/file-slug';
import { openPackageFile } from '../../services/export/package/open-package';
import {
  NOT_RECEIVED,
  exportReply,
  markRead,
  receivedFeedback,
  receivedList,
  replyTo,
  sessionReplies,
  writeReflection,
} from '../../services/export/package/feedback-replies';
import type { Services } from '../../services/services';

function checkReceived(services: Services, sessionId: string): string {
  const row = services.db
    .prepare<[string], { title: string }>('SELECT s.title FROM received_packages p JOIN sessions s ON s.id = p.session_id WHERE p.session_id = ?')
    .get(sessionId);
  if (!row) throw new ApiError('not_found', NOT_RECEIVED);
  return row.title;
}

export const packageHandlers: HandlerGroup<
  | 'package.open'
  | 'feedback.list'
  | 'feedback.get'
  | 'feedback.markRead'
  | 'feedback.reply'
  | 'feedback.reflection'
  | 'feedback.exportReply'
  | 'feedback.suggestReplyPath'
  | 'replies.list'
> = {
  'package.open': ({ path, passphrase }, { services }) => openPackageFile(services, path, passphrase),
  'feedback.list': (_input, { services }) => receivedList(services),
  'feedback.get': ({ sessionId }, { services }) => receivedFeedback(services, sessionId),
  'feedback.markRead': ({ sessionId, annotationId, read }, { services }) => {
    const response = markRead(services, sessionId, annotationId, read);
    services.events.emit('feedback.changed', { sessionId });
    return response;
  },
  'feedback.reply': ({ sessionId, annotationId, text }, { services }) => {
    const response = replyTo(services, sessionId, annotationId, text);
    services.events.emit('feedback.changed', { sessionId });
    return response;
  },
  'feedback.reflection': ({ sessionId, text }, { services }) => {
    const reflection = writeReflection(services, sessionId, text);
    services.events.emit('feedback.changed', { sessionId });
    return reflection;
  },
  'feedback.exportReply': async ({ sessionId, outPath, overwrite, passphrase }, { services }) => {
    if (!path.isAbsolute(outPath)) throw new ApiError('invalid_input', 'Choose a full path to save the reply to, for example one starting with / or C:\\.');
    // The export folder is made on first use, as for other exports; any other folder must exist.
    const folder = services.exports.folder();
    if (path.resolve(path.dirname(outPath)) === folder) {
      try {
        fs.mkdirSync(folder, { recursive: true });
      } catch {
        throw new ApiError('forbidden', `Attune could not make the folder ${folder}.`);
      }
    }
    const written = await exportReply(services, sessionId, outPath, { overwrite, passphrase });
    services.events.emit('feedback.changed', { sessionId });
    return written;
  },
  'feedback.suggestReplyPath': ({ sessionId }, { services }) => {
    const title = checkReceived(services, sessionId);
    const file = path.join(services.exports.folder(), `${fileSlug(title, 'session')}.${REPLY_EXTENSION}`);
    return { path: file, exists: fs.existsSync(file) };
  },
  'replies.list': ({ sessionId }, { services }) => sessionReplies(services, sessionId),
};
