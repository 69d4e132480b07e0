/**
 * The progress report PDF, printed by real headless Chromium: it names the trainee, carries every
 * chart (as images of the same SVG the screen shows) and the values per session, lands in place
 * all at once, and never replaces a file unless asked.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROGRESS_MEASURES } from '../../../shared/domain/progress';
import { MEASURES } from '../../../shared/progress/measures';
import { renderProgressReportHtml } from '../../../shared/progress/progress-report-html';
import { findChromium } from '../export/pdf/find-chromium';
import { fakeMedia, filesBelow, openTempServices, tempDir } from '../../test-support/temp-library';
import { dispatchHarness } from '../../test-support/api-harness';
import type { Services } from '../services';


describe.skipIf(!findChromium())('progress report (PDF)', () => {
  let services: Services & { cleanup(): void };
  let out: string;

  beforeAll(() => {
    services = openTempServices();
    out = tempDir('attune-progress-pdf-');
    for (let i = 0; i < 6; i++) {
      const s = services.sessions.create({ title: `Session ${i + 1}`, trainee: 'Amaru Quispe-Lindqvist', recordedAt: `2026-0${i + 1}-15` }, fakeMedia());
      for (let k = 0; k < 4 + i * 2; k++) services.annotations.create({ sessionId: s.id, codeId: k % 3 === 0 ? 'open-question' : 'complex-reflection', start: 20 + k * 9, end: null });
      for (let k = 0; k < 6 - i; k++) services.annotations.create({ sessionId: s.id, codeId: 'missed-reflection', start: 600 + k * 5, end: null });
      const g = Math.min(5, 1 + Math.floor(i * 0.8));
      services.reviews.update(s.id, { globals: { cultivatingChangeTalk: g, softeningSustainTalk: g, partnership: g, empathy: g } });
    }
  });

  afterAll(() => {
    services?.cleanup();
    if (out) fs.rmSync(out, { recursive: true, force: true });
  });

  it('embeds every chart as an SVG image with its summary as alt text', async () => {
    const html = renderProgressReportHtml(await services.progress.series('Amaru Quispe-Lindqvist'), { generatedAt: '2026-07-01T10:00:00Z', generatedBy: 'Dr. Lee' });
    const images = [...html.matchAll(/<img src="data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)" alt="([^"]*)"/g)];
    expect(images).toHaveLength(PROGRESS_MEASURES.length + 1);
    const first = Buffer.from(images[0]![1]!, 'base64').toString('utf8');
    expect(first).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(first).toContain('Reflections to questions');
    expect(images[0]![2]).toMatch(/^Reflections to questions across 6 sessions from 15 Jan 2026 to 15 Jun 2026/);
    expect(html).toContain("default-src 'none'");
  });

  it('writes the PDF with the trainee’s name, the charts and the values, and refuses to replace it unasked', async () => {
    const api = dispatchHarness(services);
    const target = path.join(out, 'amaru-progress.pdf');
    const answer = await api.ok<{ path: string; bytes: number }>('progress.exportReport', { trainee: 'Amaru Quispe-Lindqvist', outPath: target });
    expect(answer.path).toBe(target);
    expect(fs.statSync(target).size).toBe(answer.bytes);
    expect(fs.readFileSync(target).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Nothing else is left in the folder (no temp file).
    expect(filesBelow(out)).toEqual(['amaru-progress.pdf']);
    if (process.env.KEEP_PDF) fs.copyFileSync(target, process.env.KEEP_PDF);

    // NFKC: the PDF's text uses ligatures ("ﬂ").
    const text = execFileSync('pdftotext', ['-layout', target, '-'], { encoding: 'utf8' }).normalize('NFKC');
    expect(text).toContain('Amaru Quispe-Lindqvist');
    expect(text).toMatch(/Trainee progress report/i);
    // Every chart image was drawn: its title, and the legends of the banded ones (SVG text stays text in the PDF).
    for (const m of PROGRESS_MEASURES) expect(text).toContain(MEASURES[m].label);
    expect(text).toContain('Good ≥ 2.00');
    expect(text).toContain('Fair ≥ 40 %');
    expect(text).toContain('Growth areas');
    expect(text).toContain('15 Jun 2026');
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [target], { encoding: 'utf8' }))?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2);

    const again = await services.progressReports.exportPdf('Amaru Quispe-Lindqvist', target, false).then(
      () => null,
      (e: unknown) => e,
    );
    expect(again).toMatchObject({ code: 'file_exists', message: '“amaru-progress.pdf” already exists in ' + out + '. Replace it?' });
    const replaced = await services.progressReports.exportPdf('Amaru Quispe-Lindqvist', target, true);
    expect(replaced.bytes).toBeGreaterThan(10_000);
  }, 120_000);
});
