/**
 * `attune archive export <ids…> --out P [--force] [--json]` writes sessions (rows, recordings,
 * waveforms, their own codebooks) to one archive file; `attune archive import <file> [--json]` adds
 * them to this library, skipping sessions whose recording is already here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import { formatBytes } from '../../../shared/util/format';
import { UsageError } from '../args';
import type { Command } from '../command';
import { runStorageJob } from './storage-job';

export const archiveCommand: Command = {
  usage: 'attune archive export <id…> --out P [--force] [--json] | attune archive import <file> [--json]',
  summary: 'Export sessions to one archive file (--out may name a folder), or import an archive here; sessions already here (same recording) are skipped and listed.',
  options: ['out'],
  flags: ['force', 'json'],
  async run(args, services, io) {
    const [action, ...rest] = args.positionals;
    const json = args.flags.has('json');
    if (action === 'export') {
      if (rest.length === 0) throw new UsageError('Give the ids of the sessions to archive.');
      const out = args.options.get('out');
      if (out === undefined) throw new UsageError('Say where to save the archive: --out <file or folder>.');
      const ids = rest.map((id) => services.sessions.resolve(id).id);
      let outPath = path.resolve(out);
      if (fs.statSync(outPath, { throwIfNoEntry: false })?.isDirectory()) outPath = path.join(outPath, path.basename(services.storage.suggestArchivePath(ids).path));
      const outcome = await runStorageJob(
        services,
        () => {
          try {
            return services.storage.startArchiveExport(ids, outPath, args.flags.has('force'));
          } catch (error) {
            if (error instanceof ApiError && error.code === 'file_exists') throw new ApiError('file_exists', `${outPath} already exists; add --force to replace it.`);
            throw error;
          }
        },
        'archive export',
      );
      if (outcome.kind !== 'archiveExport') return 1;
      const r = outcome.result;
      if (json) io.out(JSON.stringify(r));
      else io.err(`Archived ${r.sessions} session${r.sessions === 1 ? '' : 's'} to ${r.path} (${formatBytes(r.bytes)}).`);
      return 0;
    }
    if (action === 'import') {
      if (args.options.has('out') || args.flags.has('force')) throw new UsageError('--out and --force are for archive export.');
      const [file, ...extra] = rest;
      if (!file || extra.length > 0) throw new UsageError('Give exactly one archive file to import.');
      const outcome = await runStorageJob(services, () => services.storage.startArchiveImport(path.resolve(file)), 'archive import');
      if (outcome.kind !== 'archiveImport') return 1;
      const r = outcome.result;
      if (json) io.out(JSON.stringify(r));
      else {
        io.err(`Imported ${r.imported.length} session${r.imported.length === 1 ? '' : 's'} from ${r.path}.`);
        for (const d of r.duplicates) io.err(`  Skipped “${d.title}”: already in this library (session ${d.existingSessionId}).`);
        for (const w of r.warnings) io.err(`  Note: ${w}`);
      }
      return 0;
    }
    throw new UsageError('Say what to do: "archive export <id…> --out P" or "archive import <file>".');
  },
};
