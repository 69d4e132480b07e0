/**
 * The formats the export service routes to other modules: the feedback report (HTML, and PDF by
 * headless Chromium or by the shell's own renderer) and the feedback package — written through the
 * same temp-file-then-rename path, cancellable, leaving nothing behind.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventMap } from '../../../shared/api/contract';
import { escapeHtml } from '../../../shared/report/html-escape';
import { openTempServices, tempDir } from '../../test-support/temp-library';
import { ANNOTATION_ROWS, makeExportSession } from './export-test-session';
import { runExport, waitForExport } from './export-test-run';

describe('reports and packages through the export service', () => {
  let lib: ReturnType<typeof openTempServices>;
  let out: string;
  let sessionId: string;

  beforeAll(async () => {
    lib = openTempServices();
    out = tempDir('attune-export-reports-');
    sessionId = (await makeExportSession(lib)).id;
  }, 60_000);
  afterAll(() => {
    lib.cleanup();
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('HTML: one file with every annotation comment', async () => {
    const file = path.join(out, 'report.html');
    const run = await runExport(lib, { sessionId, format: 'html', outPath: file });
    expect(run.outcome).toMatchObject({ kind: 'done', path: file });
    const html = fs.readFileSync(file, 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    for (const [, , , comment] of ANNOTATION_ROWS) expect(html).toContain(escapeHtml(comment));
  });

  it('PDF by headless Chromium: pdftotext finds the comments and the feedback', async () => {
    const file = path.join(out, 'report.pdf');
    const run = await runExport(lib, { sessionId, format: 'pdf', outPath: file });
    expect(run.outcome).toMatchObject({ kind: 'done', path: file });
    expect(run.progress.map((p) => p.stage)).toContain('Printing the report to PDF');
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('The client’s worry went by.');
    expect(text).toContain('Two reflections per question.');
    expect(fs.readdirSync(out).filter((f) => f.startsWith('.'))).toEqual([]);
  }, 120_000);

  it('PDF by the shell’s renderer when one is given (Electron’s printToPDF)', async () => {
    const seen: string[] = [];
    lib.exports.setPdfRenderer(async (html, outFile) => {
      seen.push(html);
      fs.writeFileSync(outFile, '%PDF-1.4 from the shell');
    });
    try {
      const file = path.join(out, 'shell.pdf');
      expect((await runExport(lib, { sessionId, format: 'pdf', outPath: file })).outcome.kind).toBe('done');
      expect(fs.readFileSync(file, 'utf8')).toBe('%PDF-1.4 from the shell');
      expect(seen).toHaveLength(1);
      expect(seen[0]).toContain('Two reflections per question.');
    } finally {
      lib.exports.setPdfRenderer(null);
    }
  });

  it('cancelling while Chromium prints leaves no file', async () => {
    const folder = fs.mkdtempSync(path.join(out, 'cancel-'));
    const run = await waitForExport(lib, () => {
      const started = lib.exports.start({ sessionId, format: 'pdf', outPath: path.join(folder, 'report.pdf'), overwrite: false });
      const stop = lib.events.subscribe((name, payload) => {
        if (name === 'export.progress' && (payload as EventMap['export.progress']).stage === 'Printing the report to PDF') {
          stop();
          setTimeout(() => lib.exports.cancel(started.jobId), 200);
        }
      });
      return started;
    });
    expect(run.outcome).toEqual({ kind: 'cancelled' });
    expect(fs.readdirSync(folder)).toEqual([]);
  }, 120_000);

  it('the feedback package, plain and locked with a passphrase', async () => {
    const plain = path.join(out, 'session.attune-feedback');
    const run = await runExport(lib, { sessionId, format: 'package', outPath: plain });
    expect(run.outcome).toMatchObject({ kind: 'done', path: plain });
    expect(fs.readFileSync(plain).subarray(0, 2).toString('latin1')).toBe('PK');

    const locked = path.join(out, 'locked.attune-feedback');
    const options = { media: 'none' as const, clipPreRoll: 5, clipPostRoll: 5, deidentify: null, passphrase: 'correct horse battery' };
    const lockedRun = await runExport(lib, { sessionId, format: 'package', outPath: locked, package: options });
    expect(lockedRun.outcome.kind).toBe('done');
    const bytes = fs.readFileSync(locked);
    expect(bytes.subarray(0, 2).toString('latin1')).not.toBe('PK');
    expect(bytes.includes(Buffer.from('The client’s worry went by.'))).toBe(false);
    expect(fs.readdirSync(out).filter((f) => f.startsWith('.'))).toEqual([]);
  }, 60_000);
});
