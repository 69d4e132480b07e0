/**
 * `attune open <file> [--passphrase-file F] [--json]`: a feedback package becomes (or updates) the
 * trainee's read-only copy in the library; a reply file is merged into the supervisor's session.
 */
import { UsageError } from '../args';
import type { Command } from '../command';
import { readPassphraseFile } from '../passphrase-file';
import { openPackageFile } from '../../services/export/package/open-package';

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export const openCommand: Command = {
  usage: 'attune open <package-or-reply> [--passphrase-file F] [--json]',
  summary: 'Open a feedback package (.attune-feedback: adds or updates your read-only copy) or a trainee’s reply file (.attune-reply: merges the replies).',
  options: ['passphrase-file'],
  flags: ['json'],
  async run(args, services, io) {
    const [file, ...rest] = args.positionals;
    if (!file || rest.length > 0) throw new UsageError('Name exactly one package or reply file.');
    const passphraseFile = args.options.get('passphrase-file');
    const passphrase = passphraseFile === undefined ? null : readPassphraseFile(passphraseFile);
    const outcome = await openPackageFile(services, file, passphrase);
    if (args.flags.has('json')) {
      io.out(JSON.stringify(outcome));
      return 0;
    }
    if (outcome.kind === 'feedback') {
      io.err(`${outcome.updated ? 'Updated' : 'Opened'} the feedback on “${outcome.title}” (session ${outcome.sessionId}).`);
    } else {
      const skipped = outcome.skipped > 0 ? `; ${plural(outcome.skipped, 'answer was', 'answers were')} about annotations since deleted and left out` : '';
      io.err(`Merged ${plural(outcome.merged, 'answer', 'answers')} from the trainee into “${outcome.title}”${skipped}.`);
    }
    return 0;
  },
};
