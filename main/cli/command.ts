/** What every `attune <command>` provides, and what it is given. */
import type { ParsedArgs } from './args';
import type { Services } from '../services/services';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export interface Command {
  usage: string;
  summary: string;
  options: string[];
  flags: string[];
  run(args: ParsedArgs, services: Services, io: CliIo): Promise<number>;
}
