/**
 * Imports one file in a process of its own and prints {ms, maxRssMb} — the importing process's peak
 * resident memory (ffmpeg, a child, is not counted: its memory is ffmpeg's own and the same for any caller).
 */
import { openServices } from '../main/services/services';

async function main(): Promise<void> {
  const [file, dataDir] = process.argv.slice(2);
  if (!file || !dataDir) throw new Error('usage: import-child <file> <data-dir>');
  const services = openServices(dataDir);
  const started = performance.now();
  const outcome = await new Promise<string>((resolve) => {
    services.imports.onFinished((f) => resolve(f.outcome.kind === 'failed' ? `failed: ${f.outcome.message}` : f.outcome.kind));
    services.imports.enqueue([{ sourcePath: file }]);
  });
  const ms = performance.now() - started;
  services.close();
  if (outcome !== 'imported') throw new Error(`import ${outcome}`);
  process.stdout.write(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
