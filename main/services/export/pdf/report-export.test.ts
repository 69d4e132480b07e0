/**
 * The feedback report end to end on a real library: the HTML (escaped, no script, no URL), the same
 * HTML in a real offline Chromium (no request, every comment shown, scores and marks), and the PDF
 * printed by headless Chromium (pdftotext finds every comment, the model response and R:Q); an
 * aborted print leaves no file and no process; a missing browser is reported in plain words.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../../shared/api/errors';
import type { SessionBundle } from '../../../../shared/domain/export';
import { renderReportHtml } from '../../../../shared/report/report-html';
import { bandOf } from '../../../../shared/scoring/thresholds';
import { filesBelow, tempDir } from '../../../test-support/temp-library';
import { CHROMIUM_MISSING_MESSAGE } from './find-chromium';
import { htmlToPdf, PDF_MESSAGES } from './html-to-pdf';
import { CLIENT, COUNSELOR, HOSTILE_COMMENT, MODEL_RESPONSE, reviewedSessionFixture, type ReportFixture } from './report-test-fixture';

const CHROMIUM = '/usr/bin/chromium';

/** Whitespace collapsed and ligatures unfolded, as text extracted from a PDF compares with the source. (pdftotext -raw: in the
 * document's order; its default layout analysis reads the side-by-side "what was said" columns across.) */
function normalise(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

async function expectApiError(promise: Promise<unknown>, code: string, message?: string): Promise<void> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  expect((error as ApiError).code).toBe(code);
  if (message !== undefined) expect((error as ApiError).message).toBe(message);
}

/** Processes whose command line mentions `needle` (Linux /proc). */
function processesMentioning(needle: string): number[] {
  return fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((pid) => {
      try {
        return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(needle);
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('feedback report', () => {
  let fixture: ReportFixture;
  let bundle: SessionBundle;
  let html = '';
  let out = '';

  beforeAll(async () => {
    fixture = await reviewedSessionFixture();
    bundle = fixture.bundle();
    html = renderReportHtml(bundle);
    out = tempDir('attune-report-out-');
  });
  afterAll(() => {
    fixture.services.cleanup();
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('builds a bundle with the missed opportunity, the hostile comment, ratings and a transcript', () => {
    expect(bundle.annotations).toHaveLength(12);
    expect(bundle.annotations.some((a) => a.comment === HOSTILE_COMMENT)).toBe(true);
    expect(bundle.annotations.some((a) => a.modelResponse === MODEL_RESPONSE)).toBe(true);
    expect(bundle.transcript.speakerNames).toMatchObject({ counselor: COUNSELOR, client: CLIENT });
    expect(bundle.scores.reflectionToQuestion).not.toBeNull();
  });

  it('writes every comment escaped, the scores, marks and model response, and no script or URL', () => {
    const escaped = 'Nice pace. &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt; &gt; &quot; &#39; &lt;img src=x onerror=alert(2)&gt;';
    expect(html).toContain(escaped);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<(img|iframe|object|embed|link|base|form|input)\b/i);
    expect(html).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/https?:/i);
    expect(html).not.toContain('//');
    // The comment's own words ("src=x") are text; the markup around it refers to nothing outside.
    expect(html.replace(escaped, '')).not.toMatch(/url\(|@import|\bsrc\s*=/i);
    for (const href of html.match(/href="[^"]*"/g) ?? []) expect(href).toMatch(/^href="#note-\d+"$/);
    expect(html).toContain(MODEL_RESPONSE);
    expect(html).toContain('What could have been said');
    expect(html).toContain((bundle.scores.reflectionToQuestion ?? 0).toFixed(2));
    expect(html).toMatch(/mark-(good|fair|below)/);
  });

  it('opens in an offline Chromium without a single request and shows every annotation, score and mark', async () => {
    const file = path.join(out, 'report.html');
    fs.writeFileSync(file, html);
    const browser: Browser = await chromium.launch({ executablePath: CHROMIUM });
    try {
      const context = await browser.newContext();
      await context.setOffline(true);
      const page = await context.newPage();
      const requests: string[] = [];
      const dialogs: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      const documentUrl = pathToFileURL(file).href;
      const blocked: string[] = [];
      await page.route('**/*', (route) => {
        if (route.request().url() === documentUrl) return route.continue();
        blocked.push(route.request().url());
        return route.abort();
      });
      await page.goto(documentUrl);
      expect(blocked).toEqual([]);
      expect(requests.filter((u) => u !== documentUrl)).toEqual([]);
      expect(dialogs).toEqual([]);
      expect(await page.locator('script, img, iframe').count()).toBe(0);

      const articles = await page.locator('article.annotation').allInnerTexts();
      expect(articles).toHaveLength(bundle.annotations.length);
      const shown = articles.map(normalise);
      for (const a of bundle.annotations) expect(shown.some((text) => text.includes(normalise(a.comment)))).toBe(true);
      expect(await page.locator('article.annotation', { hasText: 'What could have been said' }).count()).toBe(2);
      const missed = page.locator('article.annotation', { hasText: MODEL_RESPONSE });
      expect(normalise(await missed.innerText())).toContain(MODEL_RESPONSE);
      expect(await missed.innerText()).toMatch(/What was said\s+David: I've heard it all/);

      const rq = bundle.scores.reflectionToQuestion ?? 0;
      const rqRow = normalise(await page.locator('table.scores tr', { hasText: 'R:Q' }).innerText());
      expect(rqRow).toContain(rq.toFixed(2));
      expect(rqRow).toContain({ good: 'Good', fair: 'Fair', below: 'Below fair' }[bandOf('reflectionToQuestion', rq) ?? 'below']);
      const technical = normalise(await page.locator('table.scores tr', { hasText: 'Technical global' }).innerText());
      expect(technical).toContain('2.5');
      expect(technical).toContain('Below fair');
      expect(await page.locator('svg.timeline rect[fill^="#"]').count()).toBeGreaterThan(bundle.annotations.length);
      expect(await page.locator('a[href="#note-2"]').count()).toBe(1);
      expect(requests.filter((u) => u !== documentUrl)).toEqual([]);
      expect(blocked).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('prints a PDF in which pdftotext finds every comment, the model response and R:Q, leaving only the PDF', async () => {
    const target = path.join(out, 'pdf', 'feedback.pdf');
    fs.mkdirSync(path.dirname(target));
    await htmlToPdf(html, target, { chromium: CHROMIUM });
    const bytes = fs.readFileSync(target);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(filesBelow(path.dirname(target))).toEqual(['feedback.pdf']);
    const text = normalise(execFileSync('/usr/bin/pdftotext', ['-raw', '-enc', 'UTF-8', target, '-'], { encoding: 'utf8' }));
    for (const a of bundle.annotations) expect(text).toContain(normalise(a.comment));
    expect(text).toContain('What could have been said');
    expect(text).toContain(normalise(MODEL_RESPONSE));
    expect(text).toMatch(new RegExp(`R:Q\\).*?${(bundle.scores.reflectionToQuestion ?? 0).toFixed(2).replace('.', '\\.')}`));
    expect(text).toContain(normalise(bundle.review.feedback.goals));
    expect(text).toContain(`${COUNSELOR}:`);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('/usr/bin/pdfinfo', [target], { encoding: 'utf8' }))?.[1]);
    expect(pages).toBeGreaterThan(1);
  });

  it('an aborted print leaves no file, no temp folder and no browser process', async () => {
    const work = tempDir('attune-report-tmp-');
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = work;
    expect(os.tmpdir()).toBe(work);
    try {
      const target = path.join(out, 'aborted.pdf');
      const controller = new AbortController();
      const printing = htmlToPdf(html, target, { chromium: CHROMIUM, signal: controller.signal });
      // Abort once the browser is running on our temp folder.
      for (let i = 0; i < 200 && processesMentioning(work).length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(processesMentioning(work).length).toBeGreaterThan(0);
      controller.abort();
      await expectApiError(printing, 'cancelled', PDF_MESSAGES.cancelled);
      expect(fs.existsSync(target)).toBe(false);
      expect(fs.readdirSync(out).filter((f) => f.includes('aborted'))).toEqual([]);
      expect(filesBelow(work)).toEqual([]);
      expect(fs.readdirSync(work)).toEqual([]);
      expect(processesMentioning(work)).toEqual([]);

      await expectApiError(htmlToPdf(html, target, { chromium: CHROMIUM, signal: AbortSignal.abort() }), 'cancelled');
      await expectApiError(htmlToPdf(html, target, { chromium: CHROMIUM, timeoutMs: 50 }), 'internal', PDF_MESSAGES.timedOut);
      expect(fs.existsSync(target)).toBe(false);
      expect(fs.readdirSync(work)).toEqual([]);
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
      fs.rmSync(work, { recursive: true, force: true });
    }
  });

  it('says in plain words when there is no browser, and refuses a folder that does not exist', async () => {
    const target = path.join(out, 'none.pdf');
    await expectApiError(htmlToPdf(html, target, { chromium: '/nonexistent' }), 'unavailable', CHROMIUM_MISSING_MESSAGE);
    expect(CHROMIUM_MISSING_MESSAGE).toBe(
      'Making a PDF needs Google Chrome or Chromium on this computer. Export the HTML report instead, or install Chromium.',
    );
    const previous = process.env.ATTUNE_CHROMIUM;
    process.env.ATTUNE_CHROMIUM = path.join(out, 'no-such-browser');
    try {
      await expectApiError(htmlToPdf(html, target), 'unavailable', CHROMIUM_MISSING_MESSAGE);
    } finally {
      if (previous === undefined) delete process.env.ATTUNE_CHROMIUM;
      else process.env.ATTUNE_CHROMIUM = previous;
    }
    expect(fs.existsSync(target)).toBe(false);
    await expectApiError(htmlToPdf(html, path.join(out, 'missing-folder', 'x.pdf'), { chromium: CHROMIUM }), 'file_missing');
  });
});
