/**
 * Where a Chromium-family browser lives on this computer, for printing the report to PDF headless.
 * An explicit path (the caller's, else ATTUNE_CHROMIUM) is the only one tried when given; otherwise
 * the usual install locations on Linux, macOS and Windows, in order.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiError } from '../../../../shared/api/errors';

export const CHROMIUM_MISSING_MESSAGE =
  'Making a PDF needs Google Chrome or Chromium on this computer. Export the HTML report instead, or install Chromium.';

export function chromiumMissingError(): ApiError {
  return new ApiError('unavailable', CHROMIUM_MISSING_MESSAGE);
}

/** The install locations tried, in order, for this platform. */
export function chromiumCandidates(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string[] {
  if (platform === 'darwin') {
    const apps = ['Google Chrome.app/Contents/MacOS/Google Chrome', 'Chromium.app/Contents/MacOS/Chromium', 'Microsoft Edge.app/Contents/MacOS/Microsoft Edge'];
    return [...apps.map((a) => path.posix.join('/Applications', a)), ...apps.map((a) => path.posix.join(os.homedir(), 'Applications', a))];
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((r): r is string => Boolean(r));
    const exes = ['Google\\Chrome\\Application\\chrome.exe', 'Chromium\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe'];
    return exes.flatMap((exe) => roots.map((root) => path.win32.join(root, exe)));
  }
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'];
}

function isExecutable(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (process.platform !== 'win32') fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The browser to use, or null when none is installed (or the explicit one is not there). */
export function findChromium(explicit?: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const chosen = explicit ?? (env.ATTUNE_CHROMIUM?.trim() || undefined);
  if (chosen !== undefined) return isExecutable(chosen) ? chosen : null;
  return chromiumCandidates(process.platform, env).find(isExecutable) ?? null;
}
