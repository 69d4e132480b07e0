/** `attune reply <id> --out P [--force] [--passphrase-file F] [--json]`: the trainee's reply file for a received feedback package. */
import { ApiError } from '../../../shared/api/errors';
import { UsageError } from '../args';
import type { Command } from '../command';
import { readPassphraseFile } from '../passphrase-file';
import { exportReply } from '../../services/export/package/feedback-replies';

export const replyCommand: Command = {
  usage: 'attune reply <id> --out P [--force] [--passphrase-file F] [--json]',
  summary: 'Write your reply file (.attune-reply) for a feedback package you opened: your read marks, replies and reflection, for the supervisor.',
  options: ['out', 'passphrase-file'],
  flags: ['force', 'json'],
  async run(args, services, io) {
    const [id, ...rest] = args.positionals;
    if (!id || rest.length > 0) throw new UsageError('Give exactly one session id.');
    const out = args.options.get('out');
    if (out === undefined || out.trim() === '') throw new UsageError('Say where to write the reply file: --out P.');
    const passphraseFile = args.options.get('passphrase-file');
    const passphrase = passphraseFile === undefined ? null : readPassphraseFile(passphraseFile);
    if (passphrase !== null && passphrase.length < 8) throw new ApiError('invalid_input', 'A passphrase needs at least 8 characters.');
    const session = services.sessions.resolve(id);
    let written;
    try {
      written = await exportReply(services, session.id, out, { overwrite: args.flags.has('force'), passphrase });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'file_exists') throw new ApiError('file_exists', `${out} already exists; add --force to replace it.`);
      throw error;
    }
    if (args.flags.has('json')) io.out(JSON.stringify(written));
    else io.err(`Wrote the reply on “${session.title}” (${written.replies === 1 ? '1 reply' : `${written.replies} replies`}) to ${written.path}.`);
    return 0;
  },
};
