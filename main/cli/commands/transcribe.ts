import fs from 'node:fs';
import type { TranscriptionFinished } from '../../services/transcription/transcription-queue';
import { formatClock } from '../../../shared/util/format';
import { UsageError } from '../args';
import type { Command } from '../command';
import { ProgressBar } from '../progress-bar';

export const transcribeCommand: Command = {
  usage: 'attune transcribe <id…> [--model PATH] [--language xx|auto] [--keep-corrections] [--json]',
  summary: 'Transcribe sessions with Whisper on this computer (an unfinished transcription continues where it stopped).',
  options: ['model', 'language'],
  flags: ['json', 'keep-corrections'],
  async run(args, services, io) {
    const ids = args.positionals;
    if (ids.length === 0) throw new UsageError('Name at least one session id.');
    const language = args.options.get('language');
    if (language !== undefined && !/^(auto|[a-z]{2,3})$/.test(language)) throw new UsageError('Use a two-letter language code such as "en", or "auto".');
    const model = args.options.get('model');
    const json = args.flags.has('json');
    const sessions = ids.map((id) => services.sessions.resolve(id));
    const bar = new ProgressBar();
    const titles = new Map(sessions.map((s) => [s.id, s.title]));

    const results: TranscriptionFinished[] = [];
    let expected = Number.POSITIVE_INFINITY;
    let resolveAll: () => void = () => undefined;
    const allDone = new Promise<void>((resolve) => (resolveAll = resolve));
    const stopFinished = services.transcriptions.onFinished((f) => {
      results.push(f);
      if (results.length >= expected) resolveAll();
    });
    const stopProgress = services.events.subscribe((name, payload) => {
      if (name !== 'transcription.progress') return;
      const p = payload as { sessionId: string; percent: number; etaSeconds: number | null };
      const eta = p.etaSeconds !== null ? `, ${formatClock(p.etaSeconds)} left` : '';
      bar.update(`${titles.get(p.sessionId) ?? p.sessionId}${eta}`, p.percent);
    });
    let jobIds: string[];
    try {
      jobIds = services.transcriptions.start(
        sessions.map((s) => s.id),
        {
          ...(model ? (fs.existsSync(model) ? { modelPath: model } : { modelId: model }) : {}),
          ...(language ? { language } : {}),
          ...(args.flags.has('keep-corrections') ? { keepCorrections: true } : {}),
        },
      );
    } catch (error) {
      stopFinished();
      stopProgress();
      throw error;
    }
    expected = new Set(jobIds).size;
    if (results.length >= expected) resolveAll();
    const interrupt = (): void => {
      for (const id of jobIds) services.transcriptions.cancel(id);
    };
    process.once('SIGINT', interrupt);
    await allDone;
    process.off('SIGINT', interrupt);
    stopFinished();
    stopProgress();
    bar.done();

    let failures = 0;
    const out = sessions.map((s) => {
      const r = results.find((x) => x.sessionId === s.id);
      const outcome = r?.outcome ?? { kind: 'failed' as const, code: 'internal', message: 'No result.' };
      const segmentCount = services.transcriptRuns.segments(s.id).length;
      if (outcome.kind !== 'done') failures++;
      if (!json) {
        io.err(
          outcome.kind === 'done'
            ? `Transcribed "${s.title}" (${s.id.slice(0, 8)}): ${segmentCount} segments`
            : `"${s.title}" (${s.id.slice(0, 8)}): ${outcome.kind === 'cancelled' ? 'transcription cancelled (run it again to continue)' : outcome.message}`,
        );
      }
      return { sessionId: s.id, segmentCount, outcome };
    });
    if (json) io.out(JSON.stringify(out, null, 2));
    return failures === 0 ? 0 : 1;
  },
};
