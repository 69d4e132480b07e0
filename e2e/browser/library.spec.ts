/**
 * The library's fields, filters and retention end to end in browser mode: trainee, cohort, tags and
 * consent set on a session, the library filtered by them, the no-consent flag gone once consent is
 * recorded, a filter saved and applied again, and a session deleted from the Retention screen —
 * checked against what another process (the CLI) reads from the same library.
 */
import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sharedData, startBrowserMode, type RunningApp } from '../support/browser-mode';
import { runCli } from '../support/cli';
import { screenshot } from '../support/review-page';

test.describe.configure({ mode: 'serial' });

let app: RunningApp;
let page: Page;
let tempDir: string;
let wavId: string;
let mp3Id: string;

function cli(args: string[]): string {
  return runCli(app.dataDir, args);
}

function rows() {
  return page.getByTestId('library-grid').locator('[role=row][aria-rowindex]:not([aria-rowindex="1"])');
}

test.beforeAll(async ({ browser }) => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-library-'));
  const dataDir = path.join(tempDir, 'library');
  const imported = JSON.parse(
    runCli(dataDir, ['import', path.join(sharedData, 'audio', 'jfk.wav'), path.join(sharedData, 'audio', 'jfk.mp3'), '--json']),
  ) as { id: string; originalName?: string }[] | { sessions: { id: string }[] };
  const list = Array.isArray(imported) ? imported : imported.sessions;
  [wavId, mp3Id] = list.map((s) => s.id) as [string, string];
  app = await startBrowserMode({ dataDir });
  page = await browser.newPage();
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  await page.goto(app.url);
});

test.afterAll(async () => {
  await page?.close();
  await app?.stop();
  fs.rmSync(tempDir, { recursive: true, force: true });
});

test('trainee, cohort, tags and consent are set on a session and saved as they are typed', async () => {
  await page.goto(`${app.origin}/#/session/${encodeURIComponent(wavId)}`);
  await page.getByRole('tab', { name: 'Details' }).click();
  await page.getByLabel('Title').fill('Intake with Client K');
  await page.getByLabel('Trainee').fill('Dana Ruiz');
  await page.getByTestId('cohort').fill('MSW 2026');
  await page.getByTestId('client-pseudonym').fill('Client K');
  const tag = page.getByTestId('tag-input');
  await tag.fill('sustain talk');
  await tag.press('Enter');
  await tag.fill('Intake');
  await tag.press('Enter');
  await expect(page.getByRole('list', { name: 'Tags on this session' }).getByRole('listitem')).toHaveText(['sustain talk', 'Intake']);
  await expect(page.getByTestId('consent-missing')).toBeVisible();
  await page.getByTestId('consent-date').fill('2024-03-01');
  await page.getByTestId('consent-scope').selectOption('teaching');
  // Recorded by defaults to the profile name; the consent is saved once whole, and the flag goes.
  await expect(page.getByTestId('consent-recorded-by')).not.toHaveValue('');
  await expect(page.getByTestId('consent-missing')).toHaveCount(0);
  await page.getByRole('button', { name: '+1 year' }).click();
  await expect(page.getByTestId('retain-until')).toHaveValue('2025-03-01');
  await page.getByTestId('client-pseudonym').blur();
  await screenshot(page, 'session-record');

  await expect
    .poll(() => {
      const stored = (JSON.parse(cli(['list', '--json'])) as { id: string; title: string; trainee: string }[]).find((s) => s.id === wavId);
      return stored && `${stored.title} | ${stored.trainee}`;
    })
    .toBe('Intake with Client K | Dana Ruiz');
});

test('the library filters by trainee, cohort, tag and consent; a filter is saved and applied again', async () => {
  await page.goto(`${app.origin}/#/`);
  await expect(rows()).toHaveCount(2);
  const wavRow = rows().filter({ hasText: 'Intake with Client K' });
  await expect(wavRow).toContainText('MSW 2026');
  await expect(wavRow).toContainText('Client K');
  await expect(wavRow).toContainText('sustain talk');
  await expect(wavRow.getByTestId('no-consent-flag')).toHaveCount(0);
  await expect(rows().filter({ hasNotText: 'Intake with Client K' }).getByTestId('no-consent-flag')).toHaveText('No consent');

  await page.getByTestId('filter-trainee').selectOption('Dana Ruiz');
  await expect(rows()).toHaveCount(1);
  await page.getByTestId('filter-cohort').selectOption('MSW 2026');
  await page.getByTestId('filter-tag').selectOption('Intake');
  await expect(rows()).toHaveCount(1);
  await expect(page.getByTestId('status-chip-new')).toContainText('1');
  await page.getByRole('button', { name: 'Save filter…' }).click();
  await page.getByRole('textbox', { name: 'Name' }).fill("Dana's intakes");
  await page.getByRole('button', { name: 'Save filter', exact: true }).click();
  await expect(page.getByTestId('saved-filters')).toContainText("Dana's intakes");

  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(rows()).toHaveCount(2);
  await page.getByTestId('filter-no-consent').check();
  await expect(rows()).toHaveCount(1);
  await expect(rows().first()).not.toContainText('Intake with Client K');
  await page.getByRole('button', { name: 'Clear filters' }).click();

  await page.getByTestId('saved-filters').selectOption({ label: "Dana's intakes" });
  await expect(rows()).toHaveCount(1);
  await expect(rows().first()).toContainText('Intake with Client K');
  await expect(page.getByTestId('filter-trainee')).toHaveValue('Dana Ruiz');
  await screenshot(page, 'library-filtered');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await screenshot(page, 'library');
});

test('the Retention screen lists what is due and deletes a session for good', async () => {
  await page.goto(`${app.origin}/#/retention`);
  await expect(page.getByTestId('retention-past')).toContainText('Intake with Client K');
  await expect(page.getByTestId('retention-no-consent')).toContainText('Jfk');
  await expect(page.getByTestId('deletion-log')).toContainText('Nothing has been deleted');
  await screenshot(page, 'retention');

  await page.getByTestId('retention-past').getByRole('button', { name: 'Delete Intake with Client K…' }).click();
  const dialog = page.getByTestId('retention-delete-dialog');
  await expect(dialog).toContainText('Intake with Client K');
  await expect(dialog).toContainText('overwritten before it is removed');
  await dialog.getByRole('button', { name: 'Delete 1 session' }).click();
  await expect(page.getByTestId('retention-past')).toContainText('No session is past its retention date.');
  const log = page.getByTestId('deletion-log');
  await expect(log.locator('tbody tr')).toHaveCount(1);
  await expect(log).toContainText('Recording: 1 file');
  await expect(log).toContainText(wavId.slice(0, 8));
  await expect(log).not.toContainText('Intake with Client K');
  await screenshot(page, 'retention-after-delete');

  const left = JSON.parse(cli(['list', '--json'])) as { id: string }[];
  expect(left.map((s) => s.id)).toEqual([mp3Id]);
  expect(fs.readdirSync(path.join(app.dataDir, 'media'))).toHaveLength(1);
});
