/** App info, sessions, imports and the file dialog. */
import { ApiError } from '../../../shared/api/errors';
import type { HandlerGroup } from '../handlers';

export const libraryHandlers: HandlerGroup<
  'app.info' | 'sessions.list' | 'sessions.get' | 'sessions.update' | 'sessions.delete' | 'import.paths' | 'import.cancel' | 'import.jobs' | 'dialog.openMedia'
> = {
  'app.info': (_input, ctx) => ({
    version: ctx.version,
    shell: ctx.shell,
    dataDir: ctx.services.paths.root,
    mediaBase: ctx.mediaBase,
    nativeDialogs: ctx.openMediaDialog !== undefined,
  }),
  'sessions.list': (_input, { services }) => services.sessions.list(),
  'sessions.get': ({ id }, { services }) => services.sessions.get(id),
  'sessions.update': ({ id, patch }, { services }) => {
    const session = services.sessions.update(id, patch);
    services.events.emit('library.changed', { sessionId: id });
    return session;
  },
  // Through the retention service: rows and a deletion log entry, then the recording overwritten and removed.
  'sessions.delete': async ({ id }, { services }) => {
    await services.deleteSession(id);
    return { deleted: true } as const;
  },
  'import.paths': ({ paths }, { services }) => ({
    jobIds: services.imports.enqueue(paths.map((sourcePath) => ({ sourcePath }))),
  }),
  'import.cancel': ({ jobId }, { services }) => ({ cancelled: services.imports.cancel(jobId) }),
  'import.jobs': (_input, { services }) => services.imports.jobs(),
  'dialog.openMedia': async (_input, ctx) => {
    if (!ctx.openMediaDialog) {
      throw new ApiError('unavailable', 'This window cannot show a file dialog; use the Import button or drag files in.');
    }
    return { paths: await ctx.openMediaDialog() };
  },
};
