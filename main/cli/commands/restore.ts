/**
 * `attune restore <backup folder or file> [--replace] [--json]`: restores a backup (a folder, or one
 * .attune-backup file) into this library (see --data-dir). The whole backup is checked first (every file's SHA-256, the database's integrity and
 * rows); a damaged backup changes nothing. A library that already holds sessions is replaced only
 * with --replace.
 */
import path from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import { formatBytes } from '../../../shared/util/format';
import { UsageError } from '../args';
import type { Command } from '../command';
import { runStorageJob } from './storage-job';

export const restoreCommand: Command = {
  usage: 'attune restore <backup folder | file.attune-backup> [--replace] [--json]',
  summary: 'Restore a backup into the library (checked completely first). A library that already holds sessions is replaced only with --replace.',
  options: [],
  flags: ['replace', 'json'],
  async run(args, services, io) {
    const [source, ...extra] = args.positionals;
    if (!source || extra.length > 0) throw new UsageError('Give exactly one backup folder or backup file to restore.');
    const outcome = await runStorageJob(
      services,
      () => {
        try {
          return services.storage.startRestore(path.resolve(source), args.flags.has('replace'));
        } catch (error) {
          if (error instanceof ApiError && error.code === 'file_exists') {
            throw new ApiError('file_exists', `${error.message.replace(/; confirm to replace it\.$/, '.')} Add --replace to replace it (${services.paths.root}).`);
          }
          throw error;
        }
      },
      'restore',
    );
    if (outcome.kind !== 'restore') return 1;
    const r = outcome.result;
    if (args.flags.has('json')) io.out(JSON.stringify(r));
    else {
      io.err(`Restored ${r.sessions} session${r.sessions === 1 ? '' : 's'} (${r.files} files, ${formatBytes(r.bytes)}) from the backup of ${r.backupCreatedAt} into ${services.paths.root}.`);
      for (const w of r.warnings) io.err(`  Note: ${w}`);
    }
    return 0;
  },
};
