/**
 * `attune`: the same services as the app, headless. Output for people goes to stderr; with --json,
 * stdout carries only JSON. Exit status 0 on success, 1 on failure (one-line reason), 2 on misuse.
 */
import { ApiError } from '../../shared/api/errors';
import { appRoot } from '../app-root';
import { defaultDataDir } from '../services/data-paths';
import { openServices, type Services } from '../services/services';
import { parseArgs, UsageError } from './args';
import type { Command, CliIo } from './command';
import { importCommand } from './commands/import';
import { listCommand } from './commands/list';
import { showCommand } from './commands/show';
import { modelsCommand } from './commands/models';
import { transcribeCommand } from './commands/transcribe';
import { transcriptCommand } from './commands/transcript';
import { annotationsCommand } from './commands/annotations';
import { openCommand } from './commands/open';
import { replyCommand } from './commands/reply';
import { exportCommand } from './commands/export';
import { searchCommand } from './commands/search';
import { backupCommand } from './commands/backup';
import { restoreCommand } from './commands/restore';
import { archiveCommand } from './commands/archive';
import { deleteCommand } from './commands/delete';

const COMMANDS: Record<string, Command> = {
  import: importCommand,
  list: listCommand,
  show: showCommand,
  transcript: transcriptCommand,
  transcribe: transcribeCommand,
  annotations: annotationsCommand,
  open: openCommand,
  reply: replyCommand,
  export: exportCommand,
  search: searchCommand,
  backup: backupCommand,
  restore: restoreCommand,
  archive: archiveCommand,
  delete: deleteCommand,
  models: modelsCommand,
};

const GLOBAL_OPTIONS = ['data-dir'];

function help(): string {
  const lines = Object.values(COMMANDS).map((c) => `  ${c.usage.padEnd(72)}\n      ${c.summary}`);
  return [
    'Attune — offline clinical supervision, from the command line.',
    '',
    'Usage:',
    ...lines,
    '',
    'Options for every command:',
    '  --data-dir D   use the library in D (default: ATTUNE_DATA_DIR or the app-data folder)',
    '  --help, --version',
  ].join('\n');
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(help());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    io.out(appRoot().version);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`attune: unknown command "${name}". Run "attune --help" for the list.`);
    return 2;
  }
  let services: Services | null = null;
  try {
    const args = parseArgs(rest, { options: [...command.options, ...GLOBAL_OPTIONS], flags: [...command.flags, 'help'] });
    if (args.flags.has('help')) {
      io.out(`${command.usage}\n  ${command.summary}`);
      return 0;
    }
    // One-off commands do not resume other sessions' unfinished transcriptions (the app does).
    services = openServices(args.options.get('data-dir') ?? defaultDataDir(), { resumeTranscriptions: false });
    return await command.run(args, services, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`attune ${name}: ${error.message}\nUsage: ${command.usage}`);
      return 2;
    }
    if (error instanceof ApiError) {
      io.err(`attune ${name}: ${error.message}`);
      return 1;
    }
    io.err(`attune ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    services?.close();
  }
}
