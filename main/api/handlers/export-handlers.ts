/**
 * Exports of a session: where a file goes by default, starting and cancelling exports (their
 * progress and outcome arrive as `export.progress` / `export.finished` events), and showing an
 * exported file in the file manager.
 */
import type { HandlerGroup } from '../handlers';

export const exportHandlers: HandlerGroup<'export.suggestPath' | 'export.start' | 'export.cancel' | 'export.jobs' | 'export.reveal'> = {
  'export.suggestPath': ({ sessionId, format }, { services }) => services.exports.suggestPath(sessionId, format),
  'export.start': (input, { services }) => services.exports.start(input),
  'export.cancel': ({ jobId }, { services }) => ({ cancelled: services.exports.cancel(jobId) }),
  'export.jobs': (_input, { services }) => services.exports.jobs(),
  'export.reveal': ({ path }, { services }) => services.exports.reveal(path),
};
