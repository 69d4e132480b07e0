/**
 * The feedback report's HTML printed to PDF by a headless Chromium-family browser (browser mode and
 * the command line; Electron passes its own `PdfRenderer` built on webContents.printToPDF). The page
 * is a temp file with a throwaway profile; the browser may not resolve any host name and makes no
 * background traffic, and the report's own Content-Security-Policy lets no script run. (Chromium's
 * `--blink-settings=scriptEnabled=false` is not used: headless printing then writes no file.) The PDF lands at `outFile` all at once, or not at all.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ApiError } from '../../../../shared/api/errors';
import { OutputTail } from '../../media/output-tail';
import { checkTarget, writeAtomically } from '../../files/atomic-write';
import { chromiumMissingError, findChromium } from './find-chromium';

/** Prints report HTML to a PDF file at `outFile`; on abort leaves no file and rejects with `cancelled`. */
export type PdfRenderer = (html: string, outFile: string, signal?: AbortSignal) => Promise<void>;

export interface HtmlToPdfOptions {
  signal?: AbortSignal;
  /** The browser's path; default ATTUNE_CHROMIUM, then the usual install locations. */
  chromium?: string;
  /** Default 120 s. */
  timeoutMs?: number;
}

export const PDF_TIMEOUT_MS = 120_000;

export const PDF_MESSAGES = {
  cancelled: 'Making the PDF was cancelled.',
  timedOut: 'Making the PDF took longer than 2 minutes, so it was stopped. Try again, or export the HTML report instead.',
  failed: 'Chrome or Chromium could not make the PDF. Export the HTML report instead.',
} as const;

function cancelledError(): ApiError {
  return new ApiError('cancelled', PDF_MESSAGES.cancelled);
}

/** The command line for printing `source` to `pdf` with a profile in `profileDir`. */
export function chromiumPdfArgs(source: string, pdf: string, profileDir: string): string[] {
  const args = [
    '--headless',
    '--disable-gpu',
    '--no-pdf-header-footer',
    '--print-to-pdf-no-header',
    `--print-to-pdf=${pdf}`,
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-default-apps',
    '--disable-domain-reliability',
    '--disable-extensions',
    '--disable-sync',
    '--disable-dev-shm-usage',
    '--mute-audio',
    '--hide-scrollbars',
    // Nothing in the report needs the network; no host name resolves, so nothing could leave.
    '--host-resolver-rules=MAP * ~NOTFOUND',
    '--run-all-compositor-stages-before-draw',
  ];
  // Chromium refuses to start its sandbox as root (containers, CI); everyone else keeps it.
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  args.push(pathToFileURL(source).href);
  return args;
}

/** Runs the browser to completion; kills its whole process group on abort or after the time limit. */
function runBrowser(browser: string, args: string[], tempDir: string, signal: AbortSignal | undefined, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const detached = process.platform !== 'win32';
    // The browser's own temp files (shared-memory files with --disable-dev-shm-usage, named
    // org.chromium.*) go into our work folder, so a killed browser cannot leave them behind.
    const env = { ...process.env, TMPDIR: tempDir, TMP: tempDir, TEMP: tempDir };
    const child = spawn(browser, args, { stdio: ['ignore', 'ignore', 'pipe'], detached, windowsHide: true, env });
    const stderr = new OutputTail();
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    let stopped: ApiError | null = null;

    const kill = (reason: ApiError): void => {
      if (stopped) return;
      stopped = reason;
      try {
        if (detached && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // already gone
      }
    };
    const onAbort = (): void => kill(cancelledError());
    const timer = setTimeout(() => kill(new ApiError('internal', PDF_MESSAGES.timedOut)), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };

    child.once('error', (error: NodeJS.ErrnoException) => {
      done();
      reject(error.code === 'ENOENT' || error.code === 'EACCES' ? chromiumMissingError() : new ApiError('internal', PDF_MESSAGES.failed));
    });
    child.once('close', (code, sig) => {
      done();
      if (stopped) return reject(stopped);
      if (code === 0) return resolve();
      console.warn(`[attune] ${path.basename(browser)} stopped (${code ?? sig}) while making a PDF: ${stderr.summary()}`);
      reject(new ApiError('internal', PDF_MESSAGES.failed));
    });
  });
}

/**
 * Prints `html` to a PDF at `outFile` with headless Chrome or Chromium. Throws `unavailable` (plain
 * words) when no browser is installed, `cancelled` on abort, `internal` on failure or after the time
 * limit; in every failure no file is left at `outFile` and the temp folder is removed.
 */
export async function htmlToPdf(html: string, outFile: string, opts: HtmlToPdfOptions = {}): Promise<void> {
  const { signal } = opts;
  if (signal?.aborted) throw cancelledError();
  const browser = findChromium(opts.chromium);
  if (!browser) throw chromiumMissingError();
  const target = checkTarget(outFile, true);

  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'attune-pdf-'));
  try {
    const source = path.join(work, 'report.html');
    const pdf = path.join(work, 'report.pdf');
    const browserTemp = path.join(work, 'tmp');
    await fs.writeFile(source, html, 'utf8');
    await fs.mkdir(browserTemp);
    await runBrowser(browser, chromiumPdfArgs(source, pdf, path.join(work, 'profile')), browserTemp, signal, opts.timeoutMs ?? PDF_TIMEOUT_MS);
    const bytes = await fs.readFile(pdf).catch(() => null);
    if (!bytes || bytes.subarray(0, 5).toString('latin1') !== '%PDF-') {
      console.warn(`[attune] ${path.basename(browser)} finished without writing a PDF.`);
      throw new ApiError('internal', PDF_MESSAGES.failed);
    }
    if (signal?.aborted) throw cancelledError();
    await writeAtomically(target, bytes);
  } finally {
    await fs.rm(work, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }).catch(() => undefined);
  }
}

/** A PdfRenderer on headless Chromium (browser mode and the command line). */
export function chromiumPdfRenderer(chromium?: string): PdfRenderer {
  return (html, outFile, signal) => htmlToPdf(html, outFile, { signal, chromium });
}
