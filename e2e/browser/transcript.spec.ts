/**
 * The transcript beside the recording, end to end in browser mode: a WebVTT import through the UI
 * (speakers from <v> tags), click-to-seek, in-place correction that survives a reload, speaker keys,
 * search, split and merge, a 1,600-segment transcript that follows playback, and — with a small
 * random-weight Whisper model added through the Models screen — a transcription started from the UI.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot, sharedData, startBrowserMode, type RunningApp } from '../support/browser-mode';
import { currentTime, importInput, importRow, libraryRows, media, screenshot, waitForWaveform } from '../support/review-page';

const MP3 = path.join(sharedData, 'sessions', 'annomi-115-low.mp3');
const JFK = path.join(sharedData, 'audio', 'jfk.wav');

test.describe.configure({ mode: 'serial' });

let app: RunningApp;
let page: Page;
let tempDir: string;

function vttTime(t: number): string {
  const ms = Math.round(t * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(ms % 1000).padStart(3, '0')}`;
}

/** The truth file's utterances as WebVTT with <v Name> voices. */
function truthVtt(): string {
  const truth = JSON.parse(fs.readFileSync(path.join(sharedData, 'sessions', 'annomi-115-low.truth.json'), 'utf8')) as {
    utterances: { start: number; end: number; speaker: string; text: string }[];
  };
  const cues = truth.utterances.map(
    (u) => `${vttTime(u.start)} --> ${vttTime(u.end)}\n<v ${u.speaker === 'therapist' ? 'Dr. Rivera' : 'David'}>${u.text}`,
  );
  return `WEBVTT\n\n${cues.join('\n\n')}\n`;
}

function segments(): Locator {
  return page.getByTestId('segment');
}

function panel(): Locator {
  return page.getByTestId('transcript-panel');
}

async function openSession(title: RegExp): Promise<void> {
  await page.goto(`${app.origin}/#/`);
  await libraryRows(page).filter({ hasText: title }).click();
  await expect(page).toHaveURL(/#\/session\//);
  await waitForWaveform(page);
  await page.getByRole('tab', { name: /Transcript/ }).click();
}

async function importSubtitles(file: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  const button = panel().getByRole('button', { name: 'Import transcript (VTT/SRT)…' }).first();
  await button.click();
  const replace = page.getByRole('alertdialog', { name: 'Replace the transcript?' });
  if (await replace.isVisible().catch(() => false)) await replace.getByRole('button', { name: 'Choose a file…' }).click();
  await (await chooser).setFiles(file);
}

/** Whether the row is inside the list's visible area. */
async function inView(row: Locator): Promise<boolean> {
  return row.evaluate((el) => {
    const list = el.closest('.seg-list')!.getBoundingClientRect();
    const r = el.getBoundingClientRect();
    return r.top >= list.top - 1 && r.bottom <= list.bottom + 1;
  });
}

test.beforeAll(async ({ browser }) => {
  app = await startBrowserMode();
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-transcript-'));
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  await page.goto(app.url);
  await importInput(page).setInputFiles([MP3, JFK]);
  await expect(importRow(page, 'annomi-115-low.mp3')).toContainText('Imported', { timeout: 60_000 });
  await expect(importRow(page, 'jfk.wav')).toContainText('Imported', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Clear finished' }).click();
});

test.afterAll(async () => {
  await page?.close();
  await app?.stop();
  fs.rmSync(tempDir, { recursive: true, force: true });
  fs.rmSync(app.dataDir, { recursive: true, force: true });
});

test('a WebVTT file imported through the panel shows its segments with their speakers', async () => {
  await openSession(/Annomi 115 low/i);
  await expect(panel().getByRole('heading', { name: 'No transcript yet' })).toBeVisible();
  const file = path.join(tempDir, 'zoom-export.vtt');
  fs.writeFileSync(file, truthVtt());
  await importSubtitles(file);
  await expect(segments().first()).toBeVisible();
  const count = JSON.parse(fs.readFileSync(path.join(sharedData, 'sessions', 'annomi-115-low.truth.json'), 'utf8')).utterances.length as number;
  await expect(segments()).toHaveCount(count);
  await expect(segments().first().locator('.spk-chip')).toHaveText('Dr. Rivera');
  await expect(segments().nth(1).locator('.spk-chip')).toHaveText('David');
  await expect(page.getByRole('tab', { name: /Transcript/ })).toContainText(String(count));
  await screenshot(page, 'session-transcript-vtt');
});

test('clicking a segment or pressing Enter on it seeks the player there', async () => {
  const third = segments().nth(3);
  const start = await third.evaluate((el) => el.getAttribute('aria-label')!.split(',')[0]!);
  await third.click();
  const [m, s] = start.split(':').map(Number) as [number, number];
  await expect.poll(() => currentTime(page)).toBeGreaterThanOrEqual(m * 60 + s);
  await expect.poll(() => currentTime(page)).toBeLessThan(m * 60 + s + 1);
  await expect(third).toHaveAttribute('aria-current', 'time');

  await page.keyboard.press('ArrowDown');
  await expect(segments().nth(4)).toBeFocused();
  const before = await currentTime(page);
  await page.keyboard.press('Enter');
  await expect.poll(() => currentTime(page)).toBeGreaterThan(before);
  await expect(segments().nth(4)).toHaveAttribute('aria-current', 'time');
});

test('a segment is corrected in place, marked edited, and the correction survives a reload', async () => {
  const row = segments().nth(2);
  const original = (await row.locator('.seg-text').innerText()).trim();
  await row.dblclick();
  const editor = row.getByRole('textbox');
  await expect(editor).toBeFocused();
  await editor.fill('Corrected by the supervisor: this line was misheard.');
  await page.keyboard.press('Enter');
  await expect(row.locator('.seg-text')).toHaveText('Corrected by the supervisor: this line was misheard.');
  await expect(row.locator('.seg-edited')).toHaveAttribute('title', `Corrected. Original: “${original}”`);

  // Escape cancels an edit.
  await row.focus();
  await page.keyboard.press('e');
  await row.getByRole('textbox').fill('never saved');
  await page.keyboard.press('Escape');
  await expect(row.locator('.seg-text')).toHaveText('Corrected by the supervisor: this line was misheard.');

  await page.reload();
  await waitForWaveform(page);
  await page.getByRole('tab', { name: /Transcript/ }).click();
  await expect(segments().nth(2).locator('.seg-text')).toHaveText('Corrected by the supervisor: this line was misheard.');
  await expect(segments().nth(2).locator('.seg-edited')).toBeVisible();
});

test('speakers: keys 1/2/3 and S on a focused segment, the chip menu, and renaming per session', async () => {
  const row = segments().nth(0);
  await row.focus();
  await page.keyboard.press('2');
  await expect(row.locator('.spk-chip')).toHaveText('David');
  await page.keyboard.press('s');
  await expect(row.locator('.spk-chip')).toHaveText(/Other/);
  await page.keyboard.press('1');
  await expect(row.locator('.spk-chip')).toHaveText('Dr. Rivera');

  await row.locator('.spk-chip').click();
  const menu = page.getByRole('menu', { name: 'Speaker' });
  await expect(menu).toBeVisible();
  await menu.getByRole('menuitemradio', { name: /David/ }).click();
  await expect(row.locator('.spk-chip')).toHaveText('David');
  await row.focus();
  await page.keyboard.press('1');

  await panel().getByRole('button', { name: 'Speakers…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Speakers in this session' });
  await dialog.getByLabel('Counselor role').fill('Dr. Ana Rivera');
  await dialog.getByRole('button', { name: 'Save names' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(row.locator('.spk-chip')).toHaveText('Dr. Ana Rivera');
});

test('search highlights matches, counts them, and Enter / Shift+Enter jump and seek', async () => {
  const search = panel().getByRole('searchbox', { name: 'Search the transcript' });
  await search.fill('smok');
  await expect(panel().locator('mark.match').first()).toBeVisible();
  const counter = panel().locator('.search-count');
  await expect(counter).toHaveText(/^1 of \d+$/);
  const total = Number((await counter.innerText()).split(' of ')[1]);
  expect(total).toBeGreaterThan(1);
  await search.press('Enter');
  const first = panel().locator('mark.match-current');
  await expect(first).toBeVisible();
  const t1 = await currentTime(page);
  await search.press('Enter');
  await expect(counter).toHaveText(`2 of ${total}`);
  await expect.poll(() => currentTime(page)).toBeGreaterThanOrEqual(t1);
  await search.press('Shift+Enter');
  await expect(counter).toHaveText(`1 of ${total}`);
  await screenshot(page, 'session-transcript-search');
  await search.press('Escape');
  await expect(panel().locator('mark.match')).toHaveCount(0);
});

test('split at the playhead and merge with the next segment', async () => {
  const before = await segments().count();
  // The first utterance longer than 3 s (the truth file and the imported VTT have the same cues).
  const truth = JSON.parse(fs.readFileSync(path.join(sharedData, 'sessions', 'annomi-115-low.truth.json'), 'utf8')) as {
    utterances: { start: number; end: number }[];
  };
  const index = truth.utterances.findIndex((u) => u.end - u.start > 3);
  const u = truth.utterances[index]!;
  const row = segments().nth(index);
  const label = (await row.getAttribute('aria-label'))!;
  await row.click();
  // Move the playhead into the middle of the segment; X splits it there, the text at a word boundary.
  await media(page).evaluate((m: HTMLMediaElement, t) => {
    m.currentTime = t;
  }, (u.start + u.end) / 2);
  await row.focus();
  await page.keyboard.press('x');
  await expect(segments()).toHaveCount(before + 1);
  await segments().nth(index).focus();
  await page.keyboard.press('Shift+M');
  await expect(segments()).toHaveCount(before);
  expect((await segments().nth(index).getAttribute('aria-label'))!.split(',')[0]).toBe(label.split(',')[0]);
});

test('a 1,600-segment transcript loads, follows playback, and pauses following after a manual scroll', async () => {
  const cues: string[] = [];
  for (let i = 0; i < 1600; i++) {
    const start = i * 0.13;
    cues.push(`${vttTime(start)} --> ${vttTime(start + 0.12)}\n<v ${i % 2 ? 'David' : 'Dr. Rivera'}>Line ${i + 1}: a reflection about change talk and what matters most.`);
  }
  const file = path.join(tempDir, 'long.vtt');
  fs.writeFileSync(file, `WEBVTT\n\n${cues.join('\n\n')}\n`);
  await importSubtitles(file);
  // Only logged: timings belong in `npm run bench`; on this shared 2-core machine a bound here flakes.
  const t0 = Date.now();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=segment]').length === 1600, undefined, { polling: 100, timeout: 30_000 });
  console.log(`1,600 segments stored and rendered ${Date.now() - t0} ms after the file was chosen`);
  await expect(segments()).toHaveCount(1600);

  // Seeking far ahead brings the playing segment into view.
  await media(page).evaluate((m: HTMLMediaElement) => {
    m.currentTime = 1154 * 0.13 + 0.05;
  });
  const playing = panel().locator('[aria-current="time"]');
  await expect(playing).toHaveCount(1);
  await expect.poll(() => inView(playing)).toBe(true);

  // A wheel scroll pauses following: the playing row may leave view and "Follow playback" appears.
  const list = page.getByTestId('segment-list');
  await list.hover();
  await page.mouse.wheel(0, -4000);
  await expect(panel().getByRole('button', { name: 'Follow playback' })).toBeVisible();
  await media(page).evaluate((m: HTMLMediaElement) => {
    m.currentTime = 1240 * 0.13 + 0.05;
  });
  await expect.poll(() => inView(playing)).toBe(false);
  await panel().getByRole('button', { name: 'Follow playback' }).click();
  await expect.poll(() => inView(playing)).toBe(true);
  await expect(panel().getByRole('button', { name: 'Follow playback' })).toHaveCount(0);
});

/** Writes a small random-weight Whisper model with the project's builder. */
function buildTestModel(): string {
  const script = path.join(repoRoot, 'scripts', 'make-test-whisper-model.ts');
  const file = path.join(tempDir, 'ggml-test-tiny.en.bin');
  execFileSync(process.execPath, [path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), script, file, '--seed', '7'], {
    cwd: repoRoot,
    stdio: 'pipe',
  });
  return file;
}

test('Whisper: a model added on the Models screen transcribes a session from the UI', async () => {
  await page.goto(`${app.origin}/#/models`);
  await expect(page.getByRole('heading', { name: 'Models', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Transcription models' })).toBeVisible();
  const modelFile = buildTestModel();

  await expect(page.getByText('No transcription model is installed.')).toBeVisible();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Add model file…' }).click();
  await (await chooser).setFiles(modelFile);
  const row = page.getByTestId('model-row').first();
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(row).toContainText('English only');
  await expect(row.getByRole('radio')).toBeChecked();
  await screenshot(page, 'models');

  await openSession(/jfk/i);
  await page.getByRole('button', { name: 'Transcribe…' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Transcribe this session' });
  await expect(dialog.getByLabel('Model')).toBeVisible();
  await dialog.getByRole('button', { name: 'Transcribe', exact: true }).click();
  const progress = page.getByTestId('transcription-progress');
  await expect(progress.or(segments().first())).toBeVisible({ timeout: 30_000 });
  await expect(segments().first()).toBeVisible({ timeout: 120_000 });
  await expect(progress).toHaveCount(0, { timeout: 120_000 });
  const n = await segments().count();
  expect(n).toBeGreaterThan(0);
  await screenshot(page, 'session-transcript-whisper');

  const last = segments().nth(n - 1);
  const label = (await last.getAttribute('aria-label'))!;
  const [m, s] = label.split(',')[0]!.split(':').map(Number) as [number, number];
  await last.click();
  await expect.poll(() => currentTime(page)).toBeGreaterThanOrEqual(m * 60 + s);

  await last.dblclick();
  await last.getByRole('textbox').fill('And so, my fellow Americans.');
  await page.keyboard.press('Enter');
  await expect(last.locator('.seg-edited')).toBeVisible();
  await page.reload();
  await waitForWaveform(page);
  await page.getByRole('tab', { name: /Transcript/ }).click();
  await expect(segments().nth(n - 1).locator('.seg-text')).toHaveText('And so, my fellow Americans.');
});
