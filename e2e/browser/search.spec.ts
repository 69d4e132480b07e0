/**
 * Library-wide search end to end in browser mode: a query typed in the library's search box, the
 * hit with its moment and the match marked, a click on it landing in the session with the playhead
 * at that moment; the filters, a syntax mistake's message, and keyboard use of the hits. The
 * library is made with the real CLI (import, transcript, annotations).
 */
import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sharedData, startBrowserMode, type RunningApp } from '../support/browser-mode';
import { runCli } from '../support/cli';
import { currentTime, screenshot, waitForWaveform } from '../support/review-page';
import { apiCall } from '../support/api-call';

test.describe.configure({ mode: 'serial' });

const VTT = `WEBVTT

00:00:03.000 --> 00:00:07.000
<v Dana>What brings you in today?

00:01:42.500 --> 00:01:48.000
<v Sam>My wife worries about my drinking, honestly.

00:02:30.000 --> 00:02:35.000
<v Dana>It sounds like the drinking is starting to cost you something.
`;

const CSV = `start,end,code,code_name,kind,author,comment,transcript_text,model_response
150,155,complex-reflection,,,,Lovely reflection of the cost of drinking,,
`;

let app: RunningApp;
let page: Page;
let sessionId: string;
let tempDir: string;

function cli(args: string[]): string {
  return runCli(app.dataDir, args);
}

test.beforeAll(async ({ browser }) => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-search-'));
  const dataDir = path.join(tempDir, 'library');
  const run = (args: string[]) => runCli(dataDir, args);
  const imported = JSON.parse(run(['import', path.join(sharedData, 'sessions', 'annomi-0-high.m4a'), '--json'])) as { id: string }[];
  sessionId = imported[0]?.id ?? '';
  fs.writeFileSync(path.join(tempDir, 't.vtt'), VTT);
  fs.writeFileSync(path.join(tempDir, 'a.csv'), CSV);
  run(['transcript', 'import', sessionId, path.join(tempDir, 't.vtt')]);
  run(['annotations', 'import', sessionId, path.join(tempDir, 'a.csv')]);
  app = await startBrowserMode({ dataDir });
  page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  await page.goto(app.url);
});

test.afterAll(async () => {
  await page?.close();
  await app?.stop();
  fs.rmSync(tempDir, { recursive: true, force: true });
});

test('search from the library and land on the moment', async () => {
  await page.goto(`${app.origin}/#/`);
  const box = page.getByRole('searchbox', { name: 'Search transcripts, comments and feedback' });
  await box.fill('wife drinking');
  await screenshot(page, 'search-box-in-library');
  await box.press('Enter');
  await expect(page).toHaveURL(/#\/search\?q=wife\+drinking$/);
  await expect(page.getByRole('status').filter({ hasText: 'match' })).toHaveText('1 match in 1 session');
  const hit = page.getByTestId('search-hit');
  await expect(hit).toHaveCount(1);
  await expect(hit).toContainText('1:42');
  await expect(hit).toContainText('Sam');
  await expect(hit.locator('mark')).toHaveText(['wife', 'drinking']);
  await screenshot(page, 'search-one-hit');

  await hit.click();
  await expect(page).toHaveURL(new RegExp(`#/session/${sessionId}\\?t=102\\.5$`));
  await waitForWaveform(page);
  await expect.poll(() => currentTime(page)).toBeGreaterThan(102.4);
  expect(await currentTime(page)).toBeLessThan(102.7);
  // The transcript follows the playhead to the line.
  await expect(page.locator('#pane-transcript').getByText('My wife worries about my drinking, honestly.')).toBeInViewport();
});

test('filters, mistakes, and the keyboard', async () => {
  await page.goto(`${app.origin}/#/search?q=drinking`);
  await expect(page.getByRole('status').filter({ hasText: 'match' })).toHaveText('3 matches in 1 session');
  await expect(page.getByTestId('search-hit')).toHaveCount(3);
  await expect(page.getByTestId('search-hit').nth(1)).toContainText('Comment · Complex reflection');
  await screenshot(page, 'search-view');

  await page.getByLabel('Speaker').selectOption('client');
  await expect(page).toHaveURL(/speaker=client/);
  await expect(page.getByTestId('search-hit')).toHaveCount(1);
  await page.getByLabel('Speaker').selectOption('');
  await page.getByLabel('Code').selectOption('complex-reflection');
  await expect(page.getByTestId('search-hit')).toHaveCount(2);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByTestId('search-hit')).toHaveCount(3);

  // Arrow keys from the field into the hits; Enter opens the one with focus.
  const field = page.getByRole('searchbox', { name: 'Search transcripts, comments and feedback' });
  await field.focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('search-hit').nth(0)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('search-hit').nth(1)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\?t=150$/);
  await waitForWaveform(page);
  await expect.poll(() => currentTime(page)).toBeGreaterThan(149.9);

  await page.goto(`${app.origin}/#/search?q=${encodeURIComponent('"drinking')}`);
  await expect(page.getByRole('alert').filter({ hasText: 'quotation' })).toHaveText('Close the quotation mark after “drinking”.');
  await expect(page.getByTestId('search-hit')).toHaveCount(0);
  await page.goto(`${app.origin}/#/search?q=${encodeURIComponent('NEAR( text:zebra')}`);
  await expect(page.getByRole('heading', { name: 'Nothing matches “NEAR( text:zebra”' })).toBeVisible();
  expect(JSON.parse(cli(['search', 'drinking', '--json']))).toHaveLength(3);
});

function call(name: string, input: unknown): Promise<unknown> {
  return apiCall(page, name, input);
}

test('the results follow edits elsewhere, and the keyboard stays on its hit', async () => {
  await page.goto(`${app.origin}/#/search?q=drinking`);
  await expect(page.getByRole('status').filter({ hasText: 'match' })).toHaveText('3 matches in 1 session');
  const last = page.getByTestId('search-hit').nth(2);
  await expect(last).toContainText('2:30');
  const key = await last.getAttribute('data-hit-key');
  await last.focus();

  // A new comment early in the session: a hit that comes before the focused one.
  await call('annotations.create', { sessionId, codeId: 'complex-reflection', start: 10, comment: 'Ask about the drinking diary next time.' });
  await expect(page.getByRole('status').filter({ hasText: 'match' })).toHaveText('4 matches in 1 session');
  await expect(page.getByTestId('search-hit').nth(0)).toContainText('drinking diary');
  await expect(page.getByTestId('search-hit').nth(3)).toBeFocused();
  await expect(page.locator(':focus')).toHaveAttribute('data-hit-key', key ?? '');
});
