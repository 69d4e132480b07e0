/**
 * `attune backup <path> [--json]`: backs up the whole library into a new folder — the database
 * (SQLite online backup), recordings and waveforms, with a manifest — verified by reading every file
 * back. An existing folder gets a dated backup folder inside it; a path ending in .attune-backup
 * gets the same backup as one file. Progress on stderr; Ctrl-C cancels and leaves nothing behind.
 */
import path from 'node:path';
import { formatBytes } from '../../../shared/util/format';
import { UsageError } from '../args';
import type { Command } from '../command';
import { runStorageJob } from './storage-job';

export const backupCommand: Command = {
  usage: 'attune backup <folder | file.attune-backup> [--json]',
  summary:
    'Back up the whole library (database, recordings, waveforms) into a new folder, verified after writing. An existing folder gets a dated backup folder inside; a name ending in .attune-backup makes one file instead.',
  options: [],
  flags: ['json'],
  async run(args, services, io) {
    const [target, ...extra] = args.positionals;
    if (!target || extra.length > 0) throw new UsageError('Give exactly one folder (or file ending in .attune-backup) to back up to.');
    const outcome = await runStorageJob(services, () => services.storage.startBackup(path.resolve(target)), 'backup');
    if (outcome.kind !== 'backup') return 1;
    const r = outcome.result;
    if (args.flags.has('json')) io.out(JSON.stringify(r));
    else io.err(`Backed up ${r.sessions} session${r.sessions === 1 ? '' : 's'} to ${r.path} (${r.files} files, ${formatBytes(r.bytes)}); every file was read back and verified.`);
    return 0;
  },
};
