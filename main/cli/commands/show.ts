import { formatBytes, formatClock } from '../../../shared/util/format';
import { UsageError } from '../args';
import type { Command } from '../command';
import { sessionJson } from '../session-json';

export const showCommand: Command = {
  usage: 'attune show <id> [--json]',
  summary: 'Show one session (the id or an unambiguous start of it).',
  options: [],
  flags: ['json'],
  async run(args, services, io) {
    const [id, ...rest] = args.positionals;
    if (!id || rest.length > 0) throw new UsageError('Give exactly one session id.');
    const s = services.sessions.resolve(id);
    if (args.flags.has('json')) {
      io.out(JSON.stringify(sessionJson(s), null, 2));
      return 0;
    }
    const m = s.media;
    const fields: [string, string][] = [
      ['ID', s.id],
      ['Title', s.title],
      ['Trainee', s.trainee || '–'],
      ['Supervisor', s.supervisor || '–'],
      ['Recorded', s.recordedAt ?? '–'],
      ['Status', s.status],
      ['Duration', `${formatClock(m.duration)} (${m.duration.toFixed(3)} s)`],
      ['File', `${m.originalName} (${formatBytes(m.sizeBytes)})`],
      ['Format', `${m.container}; audio ${m.audioCodec}, ${m.channels} ch, ${m.sampleRate} Hz${m.hasVideo ? `; video ${m.videoCodec ?? '?'} ${m.width ?? '?'}×${m.height ?? '?'}` : ''}`],
      ['SHA-256', m.sha256],
    ];
    if (s.notes) fields.push(['Notes', s.notes]);
    io.out(fields.map(([k, v]) => `${k.padEnd(11)}${v}`).join('\n'));
    return 0;
  },
};
