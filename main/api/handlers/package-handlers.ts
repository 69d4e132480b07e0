/** Feedback packages out and back: opening packages and reply files, the trainee's answers, and replies merged into the supervisor's session. */
import type { HandlerGroup } from '../handlers';
import { openPackageFile } from '../../services/export/package/open-package';
import {
  exportReply,
  markRead,
  receivedFeedback,
  receivedList,
  replyTo,
  sessionReplies,
  writeReflection,
} from '../../services/export/package/feedback-replies';

export const packageHandlers: HandlerGroup<
  | 'package.open'
  | 'feedback.list'
  | 'feedback.get'
  | 'feedback.markRead'
  | 'feedback.reply'
  | 'feedback.reflection'
  | 'feedback.exportReply'
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
    const written = await exportReply(services, sessionId, outPath, { overwrite, passphrase });
    services.events.emit('feedback.changed', { sessionId });
    return written;
  },
  'replies.list': ({ sessionId }, { services }) => sessionReplies(services, sessionId),
};
