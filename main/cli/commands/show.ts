import type { Band, SummaryScores, TimeRange } from '../../../shared/domain/review';
import { GLOBAL_RATING_LABELS, GLOBAL_RATINGS } from '../../../shared/domain/review';
import { bandOf, type ThresholdMetric } from '../../../shared/scoring/thresholds';
import { formatBytes, formatClock } from '../../../shared/util/format';
import { UsageError } from '../args';
import type { Command } from '../command';
import { sessionDetailJson } from '../session-json';

const BAND_LABELS: Record<Band, string> = { good: 'good', fair: 'fair', below: 'below fair' };

function banded(metric: ThresholdMetric, value: number | null, text: (v: number) => string): string {
  if (value === null) return '–';
  const band = bandOf(metric, value);
  return band ? `${text(value)} (${BAND_LABELS[band]})` : text(value);
}

/** The Scores block of `attune show`: label and value lines, indented under the field column. */
function scoreLines(scores: SummaryScores, codedRange: TimeRange | null): string[] {
  const rows: [string, string][] = [
    ['Reflections to questions', banded('reflectionToQuestion', scores.reflectionToQuestion, (v) => v.toFixed(2))],
    ['Complex reflections', banded('complexReflectionShare', scores.complexReflectionShare, (v) => `${Math.round(v * 100)} %`)],
    ['MI-adherent', String(scores.miAdherent)],
    ['MI non-adherent', String(scores.miNonAdherent)],
    ['Technical global', banded('technicalGlobal', scores.technicalGlobal, (v) => v.toFixed(1))],
    ['Relational global', banded('relationalGlobal', scores.relationalGlobal, (v) => v.toFixed(1))],
    ...GLOBAL_RATINGS.map((g): [string, string] => [GLOBAL_RATING_LABELS[g], scores.globals[g] === null ? '–' : `${scores.globals[g]} of 5`]),
  ];
  const header = codedRange ? `Scores (coded ${formatClock(codedRange.start)}–${formatClock(codedRange.end)})` : 'Scores';
  return [header, ...rows.map(([k, v]) => `  ${k.padEnd(26)}${v}`)];
}

export const showCommand: Command = {
  usage: 'attune show <id> [--json]',
  summary: 'Show one session (the id or an unambiguous start of it): its details, annotation count and MITI summary scores.',
  options: [],
  flags: ['json'],
  async run(args, services, io) {
    const [id, ...rest] = args.positionals;
    if (!id || rest.length > 0) throw new UsageError('Give exactly one session id.');
    const s = services.sessions.resolve(id);
    const annotationCount = services.annotations.count(s.id);
    const scores = services.reviews.scores(s.id);
    if (args.flags.has('json')) {
      io.out(JSON.stringify(sessionDetailJson(s, annotationCount, scores), null, 2));
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
    fields.push(['Annotations', String(annotationCount)]);
    io.out([...fields.map(([k, v]) => `${k.padEnd(12)}${v}`), ...scoreLines(scores, services.reviews.get(s.id).codedRange)].join('\n'));
    return 0;
  },
};
