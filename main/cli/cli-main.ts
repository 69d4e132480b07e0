/** Process entry of the `attune` command (bin/attune.js loads the bundle of this file). */
import { runCli } from './attune';
import type { CliIo } from './command';

const io: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`attune: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
