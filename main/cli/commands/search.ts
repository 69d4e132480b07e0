/** `attune search`: the library-wide search, as the app's Search view runs it. */
import { searchRequestSchema } from '../../../shared/api/areas/search';
import { ApiError } from '../../../shared/api/errors';
import { SEARCH_FIELD_LABELS, type SearchHit } from '../../../shared/domain/search';
import { hitTime } from '../../../shared/search/hit-time';
import { describeIssues } from '../../api/dispatch';
import { UsageError } from '../args';
import type { Command } from '../command';

/** What a hit is, in a few words: "Client (Sam)", "Comment · Open question", "Feedback: goals". */
function hitLabel(h: SearchHit): string {
  if (h.field === 'transcript') return h.speakerName ?? 'Transcript';
  const label = SEARCH_FIELD_LABELS[h.field];
  return h.codeName ? `${label} · ${h.codeName}` : label;
}

export const searchCommand: Command = {
  usage: 'attune search "<query>" [--trainee T] [--code C] [--from D] [--to D] [--speaker S] [--limit N] [--json] | attune search --rebuild-index',
  summary:
    'Search transcripts, comments and feedback across the library: words (all must match), "exact phrases", OR, -left-out words, prefix*. ' +
    'Filters: trainee, code id, recording dates (YYYY-MM-DD), speaker (counselor, client, other or a name).',
  options: ['trainee', 'code', 'from', 'to', 'speaker', 'limit'],
  flags: ['json', 'rebuild-index'],
  async run(args, services, io) {
    if (args.flags.has('rebuild-index')) {
      if (args.positionals.length > 0) throw new UsageError('--rebuild-index takes no query.');
      const { entries } = services.search.rebuild();
      io.err(`Rebuilt the search index: ${entries} texts.`);
      return 0;
    }
    if (args.positionals.length !== 1) throw new UsageError('Give the search as one argument, in quotation marks.');
    const limit = args.options.get('limit');
    const parsed = searchRequestSchema.safeParse({
      query: args.positionals[0],
      trainee: args.options.get('trainee'),
      code: args.options.get('code'),
      from: args.options.get('from'),
      to: args.options.get('to'),
      speaker: args.options.get('speaker'),
      limit: limit === undefined ? undefined : Number(limit),
    });
    if (!parsed.success) throw new ApiError('invalid_input', describeIssues(parsed.error).replace(/^(\w+): /, '--$1: '));
    const { hits, total } = services.search.search(parsed.data);
    if (args.flags.has('json')) {
      io.out(JSON.stringify(hits, null, 2));
      return 0;
    }
    if (hits.length === 0) {
      io.err('Nothing matches that search.');
      return 0;
    }
    const lines: string[] = [];
    let session = '';
    for (const h of hits) {
      if (h.sessionId !== session) {
        session = h.sessionId;
        const about = [h.trainee, h.recordedAt].filter(Boolean).join(', ');
        lines.push(`${lines.length > 0 ? '\n' : ''}${h.title}${about ? ` (${about})` : ''}  [${h.sessionId.slice(0, 8)}]`);
      }
      lines.push(`  ${hitTime(h.start).padStart(7)}  ${hitLabel(h)}: ${h.text.replace(/\s+/g, ' ')}`);
    }
    io.out(lines.join('\n'));
    io.err(total > hits.length ? `${total} matches; showing the best ${hits.length}.` : `${total} ${total === 1 ? 'match' : 'matches'}.`);
    return 0;
  },
};
