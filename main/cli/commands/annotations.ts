/**
 * `attune annotations import <id> <file.csv|json>` adds a file's annotations to a session (all or
 * nothing); `attune annotations export <id> --format csv|json [--out P] [--force]` writes them out.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import { writeFileAtomically } from '../../services/files/atomic-write';
import { UsageError } from '../args';
import type { Command } from '../command';

const FORMATS = ['csv', 'json'] as const;
type Format = (typeof FORMATS)[number];

function readFile(file: string): string {
  try {
    return fs.readFileSync(path.resolve(file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ApiError('file_missing', `${file} does not exist.`);
    if (code === 'EISDIR') throw new ApiError('file_unreadable', `${file} is a folder, not a file.`);
    throw new ApiError('file_unreadable', `${file} cannot be read.`);
  }
}

export const annotationsCommand: Command = {
  usage: 'attune annotations import <id> <file.csv|json> [--json]  |  attune annotations export <id> --format csv|json [--out P] [--force]',
  summary: 'Add a CSV or JSON file’s annotations to a session (all or nothing), or export its annotations (to stdout, or to a new file with --out).',
  options: ['format', 'out'],
  flags: ['json', 'force'],
  async run(args, services, io) {
    const [action, ...rest] = args.positionals;
    if (action === 'import') {
      const [id, file, ...extra] = rest;
      if (!id || !file || extra.length > 0) throw new UsageError('Give a session id and one .csv or .json annotation file.');
      if (args.options.has('format') || args.options.has('out') || args.flags.has('force')) throw new UsageError('--format, --out and --force are for export.');
      const session = services.sessions.resolve(id);
      const content = readFile(file);
      const imported = services.annotations.import(session.id, path.basename(file), content);
      services.events.emit('annotations.changed', { sessionId: session.id, upserted: imported, deletedIds: [] });
      if (args.flags.has('json')) io.out(JSON.stringify({ imported: imported.length }));
      else io.err(`Imported ${imported.length === 1 ? '1 annotation' : `${imported.length} annotations`} into “${session.title}”.`);
      return 0;
    }
    if (action === 'export') {
      const [id, ...extra] = rest;
      if (!id || extra.length > 0) throw new UsageError('Give exactly one session id.');
      if (args.flags.has('json')) throw new UsageError('Use --format json to export JSON.');
      const format = args.options.get('format');
      if (format === undefined) throw new UsageError('Choose the file format: --format csv or --format json.');
      if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format is one of ${FORMATS.join(', ')}.`);
      const out = args.options.get('out');
      if (args.flags.has('force') && out === undefined) throw new UsageError('--force only applies with --out.');
      const session = services.sessions.resolve(id);
      const exported = services.annotations.export(session.id, format as Format);
      if (out === undefined) {
        io.out(exported.content.replace(/\n$/, '')); // io.out adds the final newline back: stdout is the file, byte for byte
        return 0;
      }
      try {
        await writeFileAtomically(out, exported.content, { overwrite: args.flags.has('force') });
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        if (error.code === 'file_exists') throw new ApiError('file_exists', `${out} already exists; add --force to replace it.`);
        if (error.code === 'file_missing') throw new ApiError('file_missing', `The folder of ${out} does not exist.`);
        throw error;
      }
      io.err(`Exported ${exported.count === 1 ? '1 annotation' : `${exported.count} annotations`} of “${session.title}” to ${out}.`);
      return 0;
    }
    throw new UsageError('Say what to do: annotations import or annotations export.');
  },
};
