/** Showing an exported file in the system's file manager. */
import { spawn } from 'node:child_process';
import path from 'node:path';

/** Shows a file in the file manager; answers whether the file manager could be started. Never throws. */
export type Revealer = (file: string) => Promise<boolean>;

/** The platform's opener: Finder with the file selected, Explorer with the file selected, or the folder via xdg-open. */
export function platformOpener(platform: NodeJS.Platform = process.platform): { command: string; args: (file: string) => string[] } {
  if (platform === 'darwin') return { command: 'open', args: (file) => ['-R', file] };
  if (platform === 'win32') return { command: 'explorer.exe', args: (file) => [`/select,${file}`] };
  return { command: 'xdg-open', args: (file) => [path.dirname(file)] };
}

/** Starts the platform's opener detached (it outlives us); false when it cannot be started. */
export const revealWithPlatformOpener: Revealer = (file) =>
  new Promise((resolve) => {
    const opener = platformOpener();
    try {
      const child = spawn(opener.command, opener.args(file), { detached: true, stdio: 'ignore' });
      child.once('error', () => resolve(false));
      child.once('spawn', () => {
        child.unref();
        resolve(true);
      });
    } catch {
      resolve(false);
    }
  });
