/** `attune delete <id>`: deletes one session for good, as the Retention screen does, and says what went. */
import { ApiError } from '../../../shared/api/errors';
import { describeRemoved } from '../../../shared/library/removed-summary';
import { UsageError } from '../args';
import type { Command } from '../command';

export const deleteCommand: Command = {
  usage: 'attune delete <id> [--json]',
  summary:
    'Delete one session for good (its full id): the recording is overwritten before it is removed, with its caches, transcript, annotations and scores. The deletion log keeps only what kinds of things went.',
  options: [],
  flags: ['json'],
  async run(args, services, io) {
    const [id, ...rest] = args.positionals;
    if (!id || rest.length > 0) throw new UsageError('Give exactly one session id.');
    // Deleting cannot be undone, so only the full id is taken; a unique start of one is named back.
    const session = services.sessions.find(id);
    if (!session) {
      let guess: string | null;
      try {
        guess = id.length >= 4 ? services.sessions.resolve(id).id : null;
      } catch {
        guess = null;
      }
      throw new ApiError('not_found', guess ? `No session has the id "${id}". To delete, give the full id: ${guess}` : `No session has the id "${id}". Nothing was deleted.`);
    }
    const report = await services.deleteSession(session.id);
    if (args.flags.has('json')) {
      io.out(JSON.stringify(report, null, 2));
      return 0;
    }
    const lines = describeRemoved(report.removed);
    io.out(
      [
        `Deleted “${session.title}” (${session.id}).`,
        ...lines.map((l) => `  ${l}`),
        `  ${report.overwrittenFiles} file(s) overwritten before removal; logged as deleted by ${report.deletedBy}.`,
      ].join('\n'),
    );
    return 0;
  },
};
