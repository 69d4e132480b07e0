import { formatClock } from '../../../shared/util/format';
import type { Command } from '../command';
import { sessionJson } from '../session-json';

export const listCommand: Command = {
  usage: 'attune list [--json]',
  summary: 'List the sessions in the library, newest first.',
  options: [],
  flags: ['json'],
  async run(args, services, io) {
    const sessions = services.sessions.list();
    if (args.flags.has('json')) {
      io.out(JSON.stringify(sessions.map(sessionJson), null, 2));
      return 0;
    }
    if (sessions.length === 0) {
      io.out('The library is empty. Add a recording with: attune import <file>');
      return 0;
    }
    const rows = sessions.map((s) => [
      s.id.slice(0, 8),
      s.title,
      s.trainee || '–',
      s.recordedAt ?? '–',
      formatClock(s.media.duration),
      s.status,
    ]);
    const header = ['ID', 'TITLE', 'TRAINEE', 'RECORDED', 'DURATION', 'STATUS'];
    const widths = header.map((h, i) => Math.min(40, Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length))));
    const line = (cells: string[]): string => cells.map((c, i) => c.slice(0, widths[i]).padEnd(widths[i] ?? 0)).join('  ').trimEnd();
    io.out([line(header), ...rows.map(line)].join('\n'));
    return 0;
  },
};
