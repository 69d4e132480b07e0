/**
 * The Storage view in browser mode: per-session sizes, clearing the audio cache (the freed size
 * shown, the files gone from disk), a verified backup to a temp folder typed into the path field,
 * and an archive of a chosen session — checked against the files on disk.
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

function importFile(dataDir: string, file: string): void {
  runCli(dataDir, ['import', path.join(sharedData, file), '--json']);
}

test.beforeAll(async ({ browser }) => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-storage-'));
  const dataDir = path.join(tempDir, 'library');
  importFile(dataDir, 'audio/jfk.wav');
  importFile(dataDir, 'sessions/annomi-115-low.mp3');
  app = await startBrowserMode({ dataDir });
  page = await browser.newPage();
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  await page.goto(app.url);
  await page.goto(`${app.origin}/#/storage`);
});

test.afterAll(async () => {
  await page?.close();
  await app?.stop();
  fs.rmSync(tempDir, { recursive: true, force: true });
});

test('shows the space each session takes, and clearing caches frees the audio cache', async () => {
  await expect(page.getByRole('heading', { name: 'Storage', level: 1 })).toBeVisible();
  const rows = page.getByTestId('storage-row');
  await expect(rows).toHaveCount(2);
  const jfk = rows.filter({ hasText: 'Jfk' });
  // jfk.wav is 344 KB as imported; its cells show sizes, not dashes.
  const mediaBytes = fs.statSync(path.join(sharedData, 'audio', 'jfk.wav')).size;
  await expect(jfk.locator('td').nth(2)).toHaveText(`${(mediaBytes / 1024).toFixed(0)} KB`);
  await expect(jfk.locator('td').nth(4)).not.toHaveText('—');

  const pcmDir = path.join(app.dataDir, 'pcm');
  expect(fs.readdirSync(pcmDir)).toHaveLength(2);
  await screenshot(page, 'storage-before-clear');
  await page.getByTestId('storage-clear').click();
  await expect(page.getByTestId('storage-cleared')).toHaveText(/^Freed \d+(\.\d)? MB \(2 files\)\.$/);
  expect(fs.readdirSync(pcmDir)).toEqual([]);
  await expect(jfk.locator('td').nth(4)).toHaveText('—');
  await expect(page.getByTestId('storage-clear')).toBeDisabled();
});

test('backs up to a folder typed into the field, and says it was verified', async () => {
  const target = path.join(tempDir, 'backups', 'first');
  fs.mkdirSync(path.dirname(target));
  await page.getByTestId('storage-backup').click();
  const dialog = page.getByTestId('storage-dialog');
  const field = dialog.getByTestId('storage-path');
  await expect(field).toHaveValue(/attune-backup-\d{4}-\d{2}-\d{2}-\d{4}$/);
  await field.fill(target);
  await dialog.getByTestId('storage-start').click();
  await expect(dialog.getByTestId('storage-done')).toContainText('Backup verified: 2 sessions, 5 files');
  await expect(dialog.getByTestId('storage-done')).toContainText('Every file was read back and matched');
  await screenshot(page, 'storage-backup-verified');
  expect(fs.readdirSync(target).sort()).toEqual(['attune-backup.json', 'attune.sqlite', 'media', 'peaks']);
  expect(fs.readdirSync(path.dirname(target))).toEqual(['first']);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();

  // Restoring over this library asks first; keeping it changes nothing.
  await page.getByTestId('storage-restore').click();
  await dialog.getByTestId('storage-path').fill(target);
  await dialog.getByTestId('storage-start').click();
  await expect(dialog.getByRole('alertdialog')).toContainText('Replace everything in this library with the backup?');
  await expect(dialog.getByRole('alertdialog')).toContainText('This library already holds 2 sessions.');
  await screenshot(page, 'storage-restore-confirm');
  await dialog.getByRole('button', { name: 'Keep it' }).click();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('storage-row')).toHaveCount(2);
});

test('exports the chosen session as an archive', async () => {
  await page.getByRole('checkbox', { name: 'Select “Jfk”' }).check();
  await page.getByTestId('storage-archive').click();
  const dialog = page.getByTestId('storage-dialog');
  const out = path.join(tempDir, 'jfk.attune-archive');
  await dialog.getByTestId('storage-path').fill(out);
  await dialog.getByTestId('storage-start').click();
  await expect(dialog.getByTestId('storage-done')).toContainText('Saved 1 session');
  expect(fs.statSync(out).size).toBeGreaterThan(fs.statSync(path.join(sharedData, 'audio', 'jfk.wav')).size);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await screenshot(page, 'storage-view');
});
