/** Opens the browser-mode URL: a Chromium app window when one is installed, else the system browser. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';

const CHROMIUM_CANDIDATES: Record<string, string[]> = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/microsoft-edge'],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  ],
  win32: [
    `${process.env['ProgramFiles(x86)'] ?? ''}\\Microsoft\\Edge\\Application\\msedge.exe`,
    `${process.env.ProgramFiles ?? ''}\\Google\\Chrome\\Application\\chrome.exe`,
  ],
};

export function findChromium(): string | null {
  const fromEnv = process.env.ATTUNE_CHROMIUM;
  if (fromEnv && fs.existsSync(fromEnv)) return fromEnv;
  return (CHROMIUM_CANDIDATES[process.platform] ?? []).find((p) => p && fs.existsSync(p)) ?? null;
}

export function openInBrowser(url: string): string {
  const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  if (!hasDisplay) return 'no display found; open the address above in a browser on this computer';
  const chromium = findChromium();
  const [command, args] = chromium
    ? [chromium, [`--app=${url}`, '--no-first-run', '--disable-background-networking']]
    : process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
    return chromium ? `opened in an app window (${chromium})` : 'opened in your default browser';
  } catch {
    return 'could not open a browser; open the address above yourself';
  }
}
