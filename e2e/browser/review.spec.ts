/**
 * Review screens end to end in browser mode: import through the UI, the library, the session view's
 * waveform and keyboard transport, in-place editing, range-request playback deep into a video, and
 * the plain-words outcomes of duplicate and broken imports.
 */
import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sharedData, startBrowserMode, type RunningApp } from '../support/browser-mode';
import {
  clock,
  currentTime,
  importInput,
  importRow,
  libraryRows,
  media,
  mediaFacts,
  paintedPixels,
  screenshot,
  truthDuration,
  waitForWaveform,
  waveform,
  waveformPoint,
} from '../support/review-page';

const AUDIO = 'annomi-0-high';
const VIDEO = 'annomi-53-low';
const audioFile = path.join(sharedData, 'sessions', `${AUDIO}.m4a`);
const videoFile = path.join(sharedData, 'sessions', `${VIDEO}.mp4`);

test.describe.configure({ mode: 'serial' });

let app: RunningApp;
let page: Page;
let tempDir: string;

test.beforeAll(async ({ browser }) => {
  app = await startBrowserMode();
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-review-'));
  page = await browser.newPage();
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  await page.goto(app.url);
});

test.afterAll(async () => {
  await page?.close();
  await app?.stop();
  fs.rmSync(tempDir, { recursive: true, force: true });
  fs.rmSync(app.dataDir, { recursive: true, force: true });
});

async function openSession(title: RegExp): Promise<void> {
  await page.goto(`${app.origin}/#/`);
  await libraryRows(page).filter({ hasText: title }).click();
  await expect(page).toHaveURL(/#\/session\//);
  await waitForWaveform(page);
}

test('an empty library explains itself and imports two recordings through the file input', async () => {
  await expect(page.getByRole('heading', { name: 'No recordings yet' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Import recordings/ })).toBeVisible();

  await importInput(page).setInputFiles([audioFile, videoFile]);
  const queue = page.getByRole('complementary', { name: 'Import queue' });
  await expect(queue).toBeVisible();
  await expect(importRow(page, `${AUDIO}.m4a`)).toContainText('Imported', { timeout: 60_000 });
  await expect(importRow(page, `${VIDEO}.mp4`)).toContainText('Imported', { timeout: 60_000 });
  await expect(importRow(page, `${VIDEO}.mp4`).getByRole('link', { name: /Open/ })).toBeVisible();

  const rows = libraryRows(page);
  await expect(rows).toHaveCount(2);
  await expect(page.getByText('2 recordings')).toBeVisible();
  await expect(rows.filter({ hasText: clock(truthDuration(sharedData, AUDIO)) })).toContainText('Audio');
  await expect(rows.filter({ hasText: clock(truthDuration(sharedData, VIDEO)) })).toContainText('Video');
  await screenshot(page, 'library-with-imports');

  await page.getByRole('button', { name: 'Clear finished' }).click();
  await expect(page.getByTestId('import-queue')).toHaveCount(0);
  await screenshot(page, 'library');
});

test('the library sorts by column and opens a row from the keyboard', async () => {
  const title = page.getByRole('columnheader', { name: 'Title' });
  await title.getByRole('button').click();
  await expect(title).toHaveAttribute('aria-sort', 'ascending');
  await expect(libraryRows(page).first()).toContainText(/Annomi 0 high/i);
  await title.getByRole('button').click();
  await expect(title).toHaveAttribute('aria-sort', 'descending');
  await expect(libraryRows(page).first()).toContainText(/Annomi 53 low/i);

  const grid = page.getByRole('grid', { name: 'Recordings' });
  await grid.focus();
  await page.keyboard.press('ArrowDown');
  await expect(libraryRows(page).nth(1)).toHaveAttribute('data-active', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/Annomi 0 high/i);
  await waitForWaveform(page);
  // Stereo: two channel rows (four min/max lanes) are painted.
  await expect(waveform(page)).toHaveAttribute('data-channels', '2');
  await screenshot(page, 'session-audio');
});

test('importing the same file again says it is already in the library', async () => {
  await page.goto(`${app.origin}/#/`);
  await importInput(page).setInputFiles(audioFile);
  const row = importRow(page, `${AUDIO}.m4a`);
  await expect(row).toContainText(/Already in library: Annomi 0 high/i, { timeout: 30_000 });
  await expect(row.getByRole('link', { name: /Open/ })).toBeVisible();
  await expect(libraryRows(page)).toHaveCount(2);
  await page.getByRole('button', { name: 'Clear finished' }).click();
});

test('a text file named .mp3 fails in plain words and leaves the library unchanged', async () => {
  const fake = path.join(tempDir, 'meeting-notes.mp3');
  fs.writeFileSync(fake, 'These are typed notes from supervision, not a recording.\n'.repeat(40));
  await importInput(page).setInputFiles(fake);
  const row = importRow(page, 'meeting-notes.mp3');
  const message = row.locator('.outcome-error');
  await expect(message).toBeVisible({ timeout: 30_000 });
  const text = (await message.innerText()).trim();
  expect(text).toMatch(/meeting-notes\.mp3/);
  expect(text).toMatch(/recording|audio|video/i);
  expect(text).not.toMatch(/ffprobe|ffmpeg|stderr|exit code|errno|ENOENT|stack|undefined|\bnull\b/i);
  await expect(libraryRows(page)).toHaveCount(2);
  await expect(page.getByText('2 recordings')).toBeVisible();
  await screenshot(page, 'import-failure');
  await page.getByRole('button', { name: 'Clear finished' }).click();
});

test('the video session paints its waveform and plays and seeks from the keyboard', async () => {
  await openSession(/Annomi 53 low/i);
  await expect(page.locator('video')).toHaveCount(1);
  await expect(media(page)).toHaveCount(1);

  const pixels = await paintedPixels(page);
  expect(pixels.canvases).toBeGreaterThan(0);
  expect(pixels.painted / pixels.total).toBeGreaterThan(0.02);

  // Space plays and time advances.
  const before = await currentTime(page);
  await page.keyboard.press('Space');
  await expect.poll(() => currentTime(page), { timeout: 10_000 }).toBeGreaterThan(before + 0.6);
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.keyboard.press('k');
  await expect.poll(async () => (await mediaFacts(page)).paused).toBe(true);

  // Seeking keys.
  await page.keyboard.press('Home');
  await expect.poll(() => currentTime(page)).toBeCloseTo(0, 1);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => currentTime(page)).toBeCloseTo(5, 1);
  await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(() => currentTime(page)).toBeCloseTo(6, 1);
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => currentTime(page)).toBeCloseTo(1, 1);
  await page.keyboard.press('Shift+ArrowLeft');
  await expect.poll(() => currentTime(page)).toBeCloseTo(0, 1);
  await page.keyboard.press('End');
  const { duration } = await mediaFacts(page);
  await expect.poll(() => currentTime(page)).toBeGreaterThan(duration - 0.1);
  await page.keyboard.press('Home');

  // Speed: the select, and L stepping up while playing.
  const speed = page.getByLabel('Playback speed');
  await speed.selectOption('1.5');
  await expect.poll(async () => (await mediaFacts(page)).playbackRate).toBe(1.5);
  expect((await mediaFacts(page)).preservesPitch).toBe(true);
  await speed.selectOption('1');
  await page.locator('h1').focus();
  await page.keyboard.press('l');
  await expect.poll(async () => (await mediaFacts(page)).paused).toBe(false);
  await page.keyboard.press('l');
  await expect.poll(async () => (await mediaFacts(page)).playbackRate).toBe(1.5);
  await page.keyboard.press('l');
  await expect.poll(async () => (await mediaFacts(page)).playbackRate).toBe(2);
  await expect(speed).toHaveValue('2');
  await page.keyboard.press('k');
  await speed.selectOption('1');

  // Zoom keys change the zoom readout; "0" returns to the whole recording.
  await page.locator('h1').focus();
  await page.keyboard.press('+');
  await expect(page.getByText(/Zoom \d/)).toBeVisible();
  await page.keyboard.press('0');
  await expect(page.locator('.waveform-zoom-label')).toHaveText('Whole recording');

  // "?" shows the keyboard help; Escape closes it.
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toHaveCount(0);

  await page.keyboard.press('Home');
});

test('a seek to minute 10 of the video plays from there over HTTP range requests', async () => {
  const statuses: number[] = [];
  const onResponse = (response: { url(): string; status(): number }) => {
    if (response.url().includes('/media/')) statuses.push(response.status());
  };
  page.on('response', onResponse);
  try {
    await openSession(/Annomi 53 low/i);
    const point = await waveformPoint(page, 605);
    await page.mouse.click(point.x, point.y);
    await page.keyboard.press('Space');
    await expect.poll(() => currentTime(page), { timeout: 15_000 }).toBeGreaterThan(600);
    const t1 = await currentTime(page);
    await expect.poll(() => currentTime(page), { timeout: 10_000 }).toBeGreaterThan(t1 + 0.5);
    expect(await currentTime(page)).toBeLessThan(620);
    await page.keyboard.press('k');
    await screenshot(page, 'session-video');
  } finally {
    page.off('response', onResponse);
  }
  expect(statuses.length).toBeGreaterThan(0);
  expect(statuses).toContain(206);
  expect(statuses.every((s) => s === 206 || s === 200)).toBe(true);
});

test('editing the title in place saves it, explains a bad value, and persists across a reload', async () => {
  await openSession(/Annomi 53 low/i);
  // The session record lives in the Details tab beside the transcript.
  await page.getByRole('tab', { name: 'Details' }).click();
  const title = page.getByLabel('Title', { exact: true });
  await title.fill('');
  await expect(page.getByText('The title cannot be empty.')).toBeVisible();
  await expect(title).toHaveAttribute('aria-invalid', 'true');

  const newTitle = 'Alcohol use — role-play, low MI quality';
  await title.fill(newTitle);
  await expect(page.getByText('Saved')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(newTitle);

  await page.reload();
  await waitForWaveform(page);
  await expect(page.getByLabel('Title', { exact: true })).toHaveValue(newTitle);
  await page.goto(`${app.origin}/#/`);
  await expect(libraryRows(page).filter({ hasText: newTitle })).toHaveCount(1);
});

test('files dropped anywhere on the window are imported, with a drop overlay while dragging', async () => {
  await page.goto(`${app.origin}/#/`);
  const bytes = fs.readFileSync(path.join(sharedData, 'audio', 'jfk.wav')).toString('base64');
  const transfer = await page.evaluateHandle((b64) => {
    const raw = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([raw], 'jfk.wav', { type: 'audio/wav' }));
    return dt;
  }, bytes);
  await page.dispatchEvent('main', 'dragenter', { dataTransfer: transfer });
  await expect(page.getByTestId('drop-overlay')).toBeVisible();
  await expect(page.getByText('Drop recordings to import them')).toBeVisible();
  await screenshot(page, 'drop-overlay');
  await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
  await expect(page.getByTestId('drop-overlay')).toHaveCount(0);
  await expect(importRow(page, 'jfk.wav')).toContainText('Imported', { timeout: 30_000 });
  await expect(libraryRows(page)).toHaveCount(3);
  await page.getByRole('button', { name: 'Clear finished' }).click();
});

test('deleting a session asks first, then removes it from the library', async () => {
  await openSession(/Annomi 0 high/i);
  await page.getByRole('button', { name: /Delete/ }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Delete this session?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('cannot be undone');
  await screenshot(page, 'delete-dialog');
  await dialog.getByRole('button', { name: 'Keep session' }).click();
  await expect(dialog).toHaveCount(0);

  await page.getByRole('button', { name: /Delete/ }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete session' }).click();
  await expect(page).toHaveURL(/#\/$/);
  await expect(page.getByRole('status').filter({ hasText: /was deleted/ })).toBeVisible();
  await expect(libraryRows(page)).toHaveCount(2);
  await expect(page.getByText('2 recordings', { exact: true })).toBeVisible();
});
