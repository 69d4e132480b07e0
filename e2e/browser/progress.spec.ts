/**
 * Trainee progress end to end in browser mode: three recordings of one trainee imported by the real
 * CLI, coded and scored through the app's own API, then the progress page — its points match each
 * session's scores (`attune show --json`), a point opens its session, the table alternative and the
 * cohort comparison work, and a screenshot is kept for a look.
 */
import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { sharedData, startBrowserMode, type RunningApp } from '../support/browser-mode';
import { runCli } from '../support/cli';
import { apiCall } from '../support/api-call';
import { screenshot } from '../support/review-page';

test.describe.configure({ mode: 'serial' });

let app: RunningApp;
let page: Page;
const ids: string[] = [];

function cli(args: string[]): string {
  return runCli(app.dataDir, args);
}

function call(name: string, input: unknown): Promise<unknown> {
  return apiCall(page, name, input);
}

test.beforeAll(async ({ browser }) => {
  app = await startBrowserMode();
  const files = ['audio/jfk.wav', 'audio/jfk.mp3', 'sessions/annomi-115-low.mp3'].map((f) => path.join(sharedData, f));
  const imported = JSON.parse(cli(['import', ...files, '--trainee', 'Dana Reyes', '--json'])) as { id: string }[];
  ids.push(...imported.map((s) => s.id));
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(app.url);
  // Three sessions, better each time: more reflections per question, higher ratings.
  const plan = [
    { date: '2026-02-03', reflections: 1, questions: 4, rating: 2 },
    { date: '2026-03-10', reflections: 3, questions: 3, rating: 3 },
    { date: '2026-04-21', reflections: 6, questions: 2, rating: 5 },
  ];
  for (const [i, p] of plan.entries()) {
    const sessionId = ids[i]!;
    await call('sessions.update', { id: sessionId, patch: { recordedAt: p.date, title: `Dana session ${i + 1}` } });
    const codes = [...Array.from({ length: p.reflections }, () => 'complex-reflection'), ...Array.from({ length: p.questions }, () => 'open-question'), 'missed-reflection'];
    for (const [k, codeId] of codes.entries()) await call('annotations.create', { sessionId, codeId, start: 0.5 + k });
    await call('review.update', { sessionId, patch: { globals: { cultivatingChangeTalk: p.rating, softeningSustainTalk: p.rating, partnership: p.rating, empathy: p.rating } } });
  }
});

test.afterAll(async () => {
  await page?.close();
  await app?.stop();
  if (app) fs.rmSync(app.dataDir, { recursive: true, force: true });
});

test('the progress page plots each session’s scores, and a point opens its session', async () => {
  await page.goto(`${app.origin}/#/progress`);
  await expect(page.getByTestId('trainee-list').getByRole('row')).toHaveCount(2);
  await expect(page.getByTestId('trainee-list').getByRole('row').nth(1)).toContainText('Dana Reyes—321 Apr 2026');
  await screenshot(page, 'progress-trainees');
  await page.getByTestId('trainee-list').getByRole('link', { name: 'Dana Reyes' }).click();
  await expect(page).toHaveURL(/#\/progress\/Dana%20Reyes$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Dana Reyes' })).toBeVisible();
  await expect(page.getByTestId('chart-card')).toHaveCount(10);

  // The points of the reflections chart carry exactly the scores `attune show --json` prints, oldest first.
  const chart = page.locator('[data-testid="chart-card"][data-chart="reflectionToQuestion"]');
  const points = chart.locator('circle.chart-point');
  await expect(points).toHaveCount(3);
  const plotted = await points.evaluateAll((els) => els.map((el) => ({ id: el.getAttribute('data-session-id'), value: Number(el.getAttribute('data-value')), y: Number(el.getAttribute('cy')) })));
  const expected = ids.map((id) => (JSON.parse(cli(['show', id, '--json'])) as { scores: { reflectionToQuestion: number } }).scores.reflectionToQuestion);
  expect(plotted.map((p) => p.id)).toEqual(ids);
  expect(plotted.map((p) => p.value)).toEqual(expected.map((v) => Math.round(v * 100) / 100));
  // Rising: each point higher on screen than the one before.
  expect(plotted[1]!.y).toBeLessThan(plotted[0]!.y);
  expect(plotted[2]!.y).toBeLessThan(plotted[1]!.y);
  // On screen the chart is a labelled group (not an image), so its points stay reachable links.
  await expect(chart.locator('svg')).toHaveAttribute('role', 'group');
  await expect(chart.locator('svg')).toHaveAttribute('aria-label', /^Reflections to questions across 3 sessions from 3 Feb 2026 to 21 Apr 2026: from 0\.25 to 3\.00 \(latest good\)/);
  await expect(chart.getByRole('group', { name: /^Reflections to questions across 3 sessions/ }).getByRole('link', { name: /^3 Feb 2026, .*Opens the session\.$/ })).toHaveCount(1);

  await screenshot(page, 'progress-page');

  // The table alternative lists the same values, with the sessions as links.
  await chart.getByRole('button', { name: 'Show Reflections to questions as a table' }).click();
  await expect(chart.getByRole('row')).toHaveCount(4);
  await expect(chart.getByRole('row').nth(3)).toContainText('3.00');
  await chart.getByRole('button', { name: 'Show Reflections to questions as a table' }).click();

  // PNG: the same SVG drawn on a canvas, at twice its size.
  const [download] = await Promise.all([page.waitForEvent('download'), chart.getByRole('button', { name: 'Save Reflections to questions as a PNG picture' }).click()]);
  expect(download.suggestedFilename()).toBe('dana-reyes-reflections-to-questions.png');
  const png = fs.readFileSync(await download.path());
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([720, (196 + 34) * 2]);

  // The progress report (PDF), saved where the user says.
  const pdf = path.join(app.dataDir, 'dana-progress.pdf');
  await page.getByTestId('progress-report').click();
  const dialog = page.getByTestId('progress-report-dialog');
  await expect(dialog.getByTestId('progress-report-path')).toHaveValue(/dana-reyes-progress\.pdf$/);
  await dialog.getByTestId('progress-report-path').fill(pdf);
  await dialog.getByTestId('progress-report-save').click();
  await screenshot(page, 'progress-report-dialog');
  await expect(dialog.getByRole('status')).toContainText('Saved “dana-progress.pdf”', { timeout: 60_000 });
  expect(fs.readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await dialog.getByRole('button', { name: 'Done' }).click();

  // Keyboard: a point is focusable and Enter opens its session.
  await chart.locator('circle.chart-point').nth(1).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/session/${ids[1]}$`));
  await page.goBack();

  // A click on the latest session's point opens it.
  await page.locator('[data-testid="chart-card"][data-chart="empathy"] circle.chart-point').nth(2).click();
  await expect(page).toHaveURL(new RegExp(`#/session/${ids[2]}$`));
});

test('the cohort comparison shows the trainee’s mean and latest session', async () => {
  await page.goto(`${app.origin}/#/cohort`);
  await expect(page.getByRole('heading', { level: 1, name: 'All trainees' })).toBeVisible();
  const chart = page.locator('[data-testid="chart-card"][data-chart="cohort-empathy"]');
  await expect(chart.locator('svg')).toHaveAttribute('aria-label', /highest mean: Dana Reyes, 3\.3/);
  await screenshot(page, 'cohort-page');
  await chart.locator('[data-trainee="Dana Reyes"]').click();
  await expect(page).toHaveURL(/#\/progress\/Dana%20Reyes$/);
});
