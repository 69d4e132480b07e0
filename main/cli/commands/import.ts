import path from 'node:path';
import type { ImportFinished } from '../../../shared/domain/import';
import { formatClock } from '../../../shared/util/format';
import { UsageError } from '../args';
import type { Command } from '../command';
import { ProgressBar } from '../progress-bar';
import { sessionJson, type SessionJson } from '../session-json';

export const importCommand: Command = {
  usage: 'attune import <files…> [--title T] [--trainee N] [--supervisor S] [--json]',
  summary: 'Import recordings into the library (copied into the data folder; the originals are untouched).',
  options: ['title', 'trainee', 'supervisor'],
  flags: ['json'],
  async run(args, services, io) {
    const files = args.positionals;
    if (files.length === 0) throw new UsageError('Name at least one recording to import.');
    const title = args.options.get('title');
    if (title !== undefined && files.length > 1) throw new UsageError('--title names one recording; import several files without it.');
    if (title !== undefined && title.trim() === '') throw new UsageError('--title cannot be empty.');
    const json = args.flags.has('json');
    const bar = new ProgressBar();
    const names = new Map<string, string>();

    const finished = new Promise<ImportFinished[]>((resolve) => {
      const results: ImportFinished[] = [];
      const stopFinished = services.imports.onFinished((f) => {
        results.push(f);
        if (results.length === files.length) {
          stopFinished();
          resolve(results);
        }
      });
    });
    const stopProgress = services.imports.onProgress((p) => bar.update(`${names.get(p.jobId) ?? p.fileName} (${p.phase})`, p.percent));

    const jobIds = services.imports.enqueue(
      files.map((f) => ({
        sourcePath: path.resolve(f),
        title,
        trainee: args.options.get('trainee'),
        supervisor: args.options.get('supervisor'),
      })),
    );
    jobIds.forEach((id, i) => names.set(id, path.basename(files[i] ?? '')));

    const interrupt = (): void => {
      for (const id of jobIds) services.imports.cancel(id);
    };
    process.once('SIGINT', interrupt);
    const results = await finished;
    process.off('SIGINT', interrupt);
    stopProgress();
    bar.done();

    const order = new Map(jobIds.map((id, i) => [id, i]));
    results.sort((a, b) => (order.get(a.jobId) ?? 0) - (order.get(b.jobId) ?? 0));
    const imported: (SessionJson & { alreadyInLibrary: boolean })[] = [];
    let failures = 0;
    for (const r of results) {
      const o = r.outcome;
      const name = names.get(r.jobId) ?? r.fileName;
      if (o.kind === 'imported' || o.kind === 'duplicate') {
        imported.push({ ...sessionJson(o.session), alreadyInLibrary: o.kind === 'duplicate' });
        if (!json) {
          const s = o.session;
          io.err(
            o.kind === 'imported'
              ? `Imported ${name} as "${s.title}" (${s.id.slice(0, 8)}, ${formatClock(s.media.duration)}, ${s.media.channels === 1 ? 'mono' : `${s.media.channels} channels`}${s.media.hasVideo ? ', video' : ''})`
              : `Already in library: ${name} is "${s.title}" (${s.id.slice(0, 8)})`,
          );
        }
      } else {
        failures++;
        io.err(`${name}: ${o.kind === 'cancelled' ? 'import cancelled' : o.message}`);
      }
    }
    if (json) io.out(JSON.stringify(imported, null, 2));
    return failures === 0 ? 0 : 1;
  },
};
