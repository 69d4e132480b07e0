/**
 * Feedback out and back in browser mode, with two libraries (a supervisor's and a trainee's), each with
 * its own server and window: the supervisor exports an encrypted, de-identified package with clips from
 * the Export dialog; the trainee opens it, reads, replies and writes a reflection, and exports a reply
 * file; the supervisor opens the reply and sees it beside the annotation.
 */
import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sharedData, startBrowserMode, type RunningApp } from '../support/browser-mode';
import { runCli } from '../support/cli';
import { screenshot, waitForWaveform } from '../support/review-page';

test.describe.configure({ mode: 'serial' });

const CLIENT = 'Rosalind';
const PASSPHRASE = 'lantern-harbour-42';

let tempDir: string;
let supervisor: RunningApp;
let trainee: RunningApp;
let supPage: Page;
let trainPage: Page;
let sessionId: string;
let packagePath: string;
let replyPath: string;

const cli = runCli;

test.beforeAll(async ({ browser }) => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-feedback-'));
  const supDir = path.join(tempDir, 'supervisor');
  const imported = JSON.parse(cli(supDir, ['import', path.join(sharedData, 'sessions', 'annomi-0-high.m4a'), '--title', `Session 4 with ${CLIENT}`, '--json'])) as { id: string }[];
  sessionId = imported[0]!.id;
  // The transcript: the counselor's voice, then the client's, named as the supervisor would.
  const truth = JSON.parse(fs.readFileSync(path.join(sharedData, 'sessions', 'annomi-0-high.truth.json'), 'utf8')) as {
    utterances: { start: number; end: number; speaker: string; text: string }[];
  };
  const clock = (t: number) => new Date(t * 1000).toISOString().slice(11, 23);
  const vtt = ['WEBVTT', '', ...truth.utterances.flatMap((u) => [`${clock(u.start)} --> ${clock(u.end)}`, `<v ${u.speaker === 'therapist' ? 'Counselor' : CLIENT}>${u.text}`, ''])].join('\n');
  fs.writeFileSync(path.join(tempDir, 'truth.vtt'), vtt);
  cli(supDir, ['transcript', 'import', sessionId, path.join(tempDir, 'truth.vtt')]);
  fs.writeFileSync(
    path.join(tempDir, 'notes.csv'),
    [
      'start,end,code,comment,model_response',
      `1,,open-question,"Warm opening question; ${CLIENT} settles in.",`,
      `14,20,missed-reflection,"Reflect ${CLIENT}'s worry before reading out the form.","It sounds like the form worries you a little."`,
      '60,,complex-reflection,"Names the ambivalence well.",',
    ].join('\n'),
  );
  cli(supDir, ['annotations', 'import', sessionId, path.join(tempDir, 'notes.csv')]);

  supervisor = await startBrowserMode({ dataDir: supDir });
  trainee = await startBrowserMode({ dataDir: path.join(tempDir, 'trainee') });
  supPage = await browser.newPage();
  trainPage = await browser.newPage();
  for (const page of [supPage, trainPage]) page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  await supPage.goto(supervisor.url);
  await trainPage.goto(trainee.url);
  packagePath = path.join(tempDir, 'for-trainee.attune-feedback');
  replyPath = path.join(tempDir, 'from-trainee.attune-reply');
});

test.afterAll(async () => {
  await supPage?.close();
  await trainPage?.close();
  await supervisor?.stop();
  await trainee?.stop();
  fs.rmSync(tempDir, { recursive: true, force: true });
});

test('the supervisor exports an encrypted, de-identified package with clips from the Export dialog', async () => {
  await supPage.goto(`${supervisor.origin}/#/session/${encodeURIComponent(sessionId)}`);
  await waitForWaveform(supPage);
  await supPage.getByTestId('export-button').click();
  const dialog = supPage.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  await supPage.getByTestId('export-format').selectOption('package');
  await supPage.getByTestId('export-media').getByRole('radio', { name: /clips/i }).check();
  // The client's name comes prefilled from the transcript.
  await expect(supPage.getByTestId('export-deidentify-terms')).toHaveValue(new RegExp(CLIENT));
  await supPage.getByTestId('export-passphrase').fill(PASSPHRASE);
  await supPage.getByTestId('export-passphrase-confirm').fill(PASSPHRASE);
  await supPage.getByTestId('export-path').fill(packagePath);
  await screenshot(supPage, 'feedback-export-dialog');
  await supPage.getByTestId('export-start').click();
  await expect(supPage.getByTestId('export-done')).toBeVisible({ timeout: 60_000 });
  expect(fs.existsSync(packagePath)).toBe(true);
  // Locked: neither the client's name nor the zip's signature is readable in the file.
  const bytes = fs.readFileSync(packagePath);
  expect(bytes.includes(Buffer.from(CLIENT))).toBe(false);
  expect(bytes.subarray(0, 2).toString('latin1')).not.toBe('PK');
});

test('the trainee opens it with the passphrase and sees the read-only feedback, de-identified', async () => {
  await trainPage.goto(`${trainee.origin}/#/`);
  await trainPage.getByTestId('package-file-input').setInputFiles(packagePath);
  await trainPage.getByTestId('package-passphrase').fill('not the passphrase');
  await trainPage.getByTestId('package-passphrase-open').click();
  await expect(trainPage.getByRole('alert').filter({ hasText: /passphrase/i }).first()).toBeVisible();
  await trainPage.getByTestId('package-passphrase').fill(PASSPHRASE);
  await trainPage.getByTestId('package-passphrase-open').click();
  await expect(trainPage).toHaveURL(/#\/feedback\//);
  const view = trainPage.getByTestId('feedback-view');
  await expect(view).toBeVisible();
  await expect(trainPage.getByTestId('feedback-annotation')).toHaveCount(3);
  await expect(view).toContainText('It sounds like the form worries you a little.');
  await expect(view).toContainText('[NAME 1]');
  expect(await trainPage.locator('body').innerText()).not.toContain(CLIENT);
  await screenshot(trainPage, 'feedback-trainee-view');
});

test('the trainee marks a point read, replies, reflects and exports a reply file', async () => {
  const point = trainPage.getByTestId('feedback-annotation').nth(1);
  await point.getByTestId('feedback-read').check();
  await point.getByTestId('feedback-reply').fill('I froze when she mentioned the form. Next time I will reflect first.');
  await point.getByTestId('feedback-reply').blur();
  await expect(trainPage.getByTestId('feedback-progress')).toContainText(/1 of 3/);
  await trainPage.getByTestId('feedback-tab-overall').click();
  await trainPage.getByTestId('feedback-reflection').fill('I ask too many questions before reflecting.');
  await trainPage.getByTestId('feedback-reflection').blur();
  await trainPage.getByTestId('feedback-export-reply').click();
  await trainPage.getByTestId('feedback-reply-path').fill(replyPath);
  await trainPage.getByTestId('feedback-reply-save').click();
  await expect(trainPage.getByTestId('feedback-export-done')).toBeVisible();
  expect(fs.existsSync(replyPath)).toBe(true);
});

test('the supervisor opens the reply and sees it beside its annotation, and the reflection on the Scores tab', async () => {
  await supPage.goto(`${supervisor.origin}/#/`);
  await supPage.getByTestId('package-file-input').setInputFiles(replyPath);
  await expect(supPage).toHaveURL(new RegExp(`#/session/${sessionId}`));
  await waitForWaveform(supPage);
  await supPage.getByRole('tab', { name: /^Annotations/ }).click();
  await supPage.getByTestId('annotation-row').nth(1).click();
  await expect(supPage.getByTestId('annotation-reply')).toContainText('I froze when she mentioned the form.');
  await supPage.getByRole('tab', { name: /^Scores/ }).click();
  await expect(supPage.getByTestId('trainee-reflection')).toContainText('I ask too many questions before reflecting.');
  const shown = JSON.parse(cli(supervisor.dataDir, ['show', sessionId, '--json'])) as { status: string };
  expect(shown.status).toBe('reply-received');
  await screenshot(supPage, 'feedback-reply-merged');
});
