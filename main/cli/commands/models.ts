import { formatBytes } from '../../../shared/util/format';
import { UsageError } from '../args';
import type { Command } from '../command';

export const modelsCommand: Command = {
  usage: 'attune models list|add <file>|default <id>|delete <id>|download <name> [--json]',
  summary: 'Whisper and voice-activity (Silero VAD) models: list them, add a ggml-*.bin file, choose the default, delete, download a standard one.',
  options: [],
  flags: ['json'],
  async run(args, services, io) {
    const [action, ...rest] = args.positionals;
    const json = args.flags.has('json');
    const one = (): string => {
      if (rest.length !== 1 || !rest[0]) throw new UsageError(`"models ${action}" takes exactly one argument.`);
      return rest[0];
    };
    switch (action) {
      case 'list': {
        const models = services.models.list();
        if (json) {
          io.out(JSON.stringify({ models, catalogue: services.models.catalogue(), modelsDir: services.models.dir, threads: services.models.threads() }, null, 2));
          return 0;
        }
        if (models.length === 0) io.out(`No models yet. Add one with: attune models add <ggml-*.bin>   (folder: ${services.models.dir})`);
        for (const m of models) {
          const kind = m.kind === 'vad' ? 'voice activity' : m.multilingual ? 'multilingual' : 'English only';
          io.out(`${m.isDefault ? '*' : ' '} ${m.id.padEnd(28)} ${m.name.padEnd(14)} ${formatBytes(m.sizeBytes).padStart(9)}  ${kind}`);
        }
        return 0;
      }
      case 'add': {
        const info = services.models.add(one());
        if (json) io.out(JSON.stringify(info, null, 2));
        else io.err(`Added ${info.id} (${info.name}, ${formatBytes(info.sizeBytes)}${info.kind === 'whisper' ? (info.multilingual ? ', multilingual' : ', English only') : ', voice activity'})`);
        return 0;
      }
      case 'default': {
        const info = services.models.setDefault(one());
        if (json) io.out(JSON.stringify(info, null, 2));
        else io.err(`${info.id} is now the default ${info.kind === 'vad' ? 'voice-activity' : 'Whisper'} model.`);
        return 0;
      }
      case 'delete': {
        services.models.delete(one());
        if (json) io.out(JSON.stringify({ deleted: true }));
        return 0;
      }
      case 'download': {
        const name = one();
        let error: string | null = null;
        const stop = services.events.subscribe((event, payload) => {
          if (event !== 'models.download') return;
          const p = payload as { receivedBytes: number; totalBytes: number; error: string | null };
          if (p.error) error = p.error;
          else if (!json && process.stderr.isTTY) process.stderr.write(`\r${name}: ${formatBytes(p.receivedBytes)} of ${formatBytes(p.totalBytes)}`);
        });
        const file = await services.modelDownloads.start(name);
        stop();
        if (!file) {
          io.err(`attune models: ${error ?? 'the download failed.'}`);
          return 1;
        }
        if (json) io.out(JSON.stringify({ file }));
        else io.err(`\nDownloaded ${file}`);
        return 0;
      }
      default:
        throw new UsageError('Say what to do: list, add, default, delete or download.');
    }
  },
};
