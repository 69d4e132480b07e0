/**
 * Electron's PdfRenderer: the report HTML (shared/report) loaded from a temp file into a hidden,
 * sandboxed window with JavaScript off, in its own in-memory session that may load that one file
 * and nothing else, then printed with webContents.printToPDF and written into place atomically.
 * Same template and same result as headless Chromium (main/services/export/pdf/html-to-pdf.ts).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, session, type Session } from 'electron';
import { ApiError } from '../../shared/api/errors';
import { checkTarget, writeAtomically } from '../services/files/atomic-write';
import { PDF_MESSAGES, PDF_TIMEOUT_MS, type PdfRenderer } from '../services/export/pdf/html-to-pdf';

const PARTITION = 'attune-report-pdf';
/** The report files being printed right now: the only URLs the report session may load. */
const allowedUrls = new Set<string>();
let reportSession: Session | null = null;

function reportSessionOf(): Session {
  if (reportSession) return reportSession;
  const ses = session.fromPartition(PARTITION, { cache: false });
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !allowedUrls.has(details.url) }));
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setSpellCheckerEnabled(false);
  ses.on('will-download', (event) => event.preventDefault());
  reportSession = ses;
  return ses;
}

export const electronPdfRenderer: PdfRenderer = async (html, outFile, signal) => {
  if (signal?.aborted) throw new ApiError('cancelled', PDF_MESSAGES.cancelled);
  const target = checkTarget(outFile, true);
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'attune-pdf-'));
  const source = path.join(work, 'report.html');
  const url = pathToFileURL(source).href;
  let stopped: ApiError | null = null;
  const win = new BrowserWindow({
    show: false,
    webPreferences: { session: reportSessionOf(), sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webgl: false, spellcheck: false },
  });
  const stop = (reason: ApiError): void => {
    stopped ??= reason;
    if (!win.isDestroyed()) win.destroy();
  };
  const onAbort = (): void => stop(new ApiError('cancelled', PDF_MESSAGES.cancelled));
  signal?.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => stop(new ApiError('internal', PDF_MESSAGES.timedOut)), PDF_TIMEOUT_MS);
  try {
    await fs.writeFile(source, html, 'utf8');
    allowedUrls.add(url);
    await win.loadURL(url);
    const pdf = await win.webContents.printToPDF({
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: false,
      generateTaggedPDF: true,
      generateDocumentOutline: true,
    });
    if (stopped) throw stopped;
    await writeAtomically(target, pdf);
  } catch (error) {
    if (stopped) throw stopped;
    if (error instanceof ApiError) throw error;
    console.warn(`[attune] printToPDF failed: ${error instanceof Error ? error.message : String(error)}`);
    throw new ApiError('internal', PDF_MESSAGES.failed);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    allowedUrls.delete(url);
    if (!win.isDestroyed()) win.destroy();
    await fs.rm(work, { recursive: true, force: true }).catch(() => undefined);
  }
};
