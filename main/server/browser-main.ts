/**
 * Entry point of browser mode: `node dist/main/browser-main.js [--data-dir D] [--port N] [--no-open] [--json]`.
 * With --json it prints one line `{"url": …, "origin": …, "dataDir": …}` on stdout once listening (tests read it).
 */
import { appRoot, rendererDir } from '../app-root';
import { defaultDataDir } from '../services/data-paths';
import { openServices } from '../services/services';
import { startBrowserServer } from './browser-server';
import { openInBrowser } from './open-browser';

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dataDir = argValue(args, '--data-dir') ?? defaultDataDir();
  const port = Number(argValue(args, '--port') ?? process.env.ATTUNE_PORT ?? 0);
  const services = openServices(dataDir);
  const server = await startBrowserServer({ services, rendererDir: rendererDir(), version: appRoot().version, port });
  if (args.includes('--json')) {
    process.stdout.write(`${JSON.stringify({ url: server.launchUrl, origin: server.origin, dataDir: services.paths.root })}\n`);
  } else {
    const how = args.includes('--no-open') ? 'open it in a browser on this computer' : openInBrowser(server.launchUrl);
    process.stdout.write(
      `\nAttune is running in browser mode.\n  Address: ${server.launchUrl}\n  (${how})\n  Library: ${services.paths.root}\n  Press Ctrl+C to quit.\n\n`,
    );
  }
  let closing = false;
  const shutdown = (): void => {
    if (closing) return;
    closing = true;
    void server.close().finally(() => {
      services.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(`Attune could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
