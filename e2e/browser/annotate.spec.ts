/**
 * Annotating and scoring end to end in browser mode: code keys while playing, comments typed with
 * playback running, a dragged span resized on the waveform, undo and redo, the live MITI metrics,
 * and everything still there after a reload — checked against what the database holds (read through
 * the real CLI, a second process on the same library).
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sharedData, startBrowserMode, type RunningApp } from '../support/browser-mode';
import { runCli } from '../support/cli';
import { currentTime, mediaFacts, screenshot, waitForWaveform, waveform } from '../support/review-page';

test.describe.configure({ mode: 'serial' });

interface StoredAnnotation {
  start: number;
  end: number | null;
  codeId: string;
  comment: string;
  modelResponse: string;
}

let app: RunningApp;
let page: Page;
let sessionId: string;
let tempDir: string;

function cli(args: string[]): string {
  return runCli(app.dataDir, args);
}

/** What the database holds now, read by another process. */
function stored(): StoredAnnotation[] {
  const json = JSON.parse(cli(['annotations', 'export', sessionId, '--format', 'json'])) as { annotations: StoredAnnotation[] };
  return [...json.annotations].sort((a, b) => a.start - b.start);
}

function scoreCell(name: string): Locator {
  return page.getByTestId(`score-${name}`).locator('.score-value');
}

async function showTab(name: 'Annotations' | 'Scores'): Promise<void> {
  await page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
}

/** Presses a code key with playback running; answers the playhead at the press. */
async function codeKey(key: string, comment: string): Promise<number> {
  await waveform(page).focus();
  const at = await currentTime(page);
  await page.keyboard.press(key);
  const box = page.getByTestId('annotation-comment');
  await expect(box).toBeFocused();
  await page.keyboard.type(comment);
  await page.keyboard.press('Escape');
  await expect(waveform(page)).toBeFocused();
  return at;
}

test.beforeAll(async ({ browser }) => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-annotate-'));
  const dataDir = path.join(tempDir, 'library');
  const imported = JSON.parse(
    runCli(dataDir, ['import', path.join(sharedData, 'sessions', 'annomi-0-high.m4a'), '--json']),
  ) as { id: string }[] | { sessions: { id: string }[] };
  const first = Array.isArray(imported) ? imported[0] : imported.sessions[0];
  if (!first) throw new Error('the import answered no session');
  sessionId = first.id;
  app = await startBrowserMode({ dataDir });
  page = await browser.newPage();
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  await page.goto(app.url);
  await page.goto(`${app.origin}/#/session/${encodeURIComponent(sessionId)}`);
  await waitForWaveform(page);
});

test.afterAll(async () => {
  await page?.close();
  await app?.stop();
  fs.rmSync(tempDir, { recursive: true, force: true });
});

test('code keys mark moments while playing; comments are typed without stopping; the metrics follow', async () => {
  await waveform(page).focus();
  await page.keyboard.press('Space');
  await expect.poll(async () => currentTime(page)).toBeGreaterThan(4.5);

  const atQuestion = await codeKey('q', 'Good open question about what brings her in.');
  expect((await mediaFacts(page)).paused).toBe(false);
  await showTab('Scores');
  // One question, no reflections yet.
  await expect(scoreCell('reflectionToQuestion')).toHaveText('0.00');
  await expect(page.getByTestId('count-question')).toContainText('1');

  const atReflection = await codeKey('r', 'Simple reflection of the drinking.');
  await showTab('Scores');
  await expect(scoreCell('reflectionToQuestion')).toHaveText('1.00');
  await expect(scoreCell('complexReflectionShare')).toHaveText('0 %');

  const atComplex = await codeKey('c', 'Complex reflection: names the worry underneath.');
  expect((await mediaFacts(page)).paused).toBe(false);
  await showTab('Scores');
  await expect(scoreCell('reflectionToQuestion')).toHaveText('2.00');
  await expect(scoreCell('complexReflectionShare')).toHaveText('50 %');
  await screenshot(page, 'annotate-scores');

  await page.keyboard.press('k');
  const rows = stored();
  expect(rows.map((a) => a.codeId)).toEqual(['open-question', 'simple-reflection', 'complex-reflection']);
  // Each lands the pre-roll (3 s) before the playhead at the key press.
  [atQuestion, atReflection, atComplex].forEach((at, i) => {
    const row = rows[i]!;
    expect(row.end).toBeNull();
    expect(Math.abs(row.start - Math.max(0, at - 3))).toBeLessThan(0.6);
  });
  expect(rows[0]?.comment).toBe('Good open question about what brings her in.');
  expect(rows[2]?.comment).toBe('Complex reflection: names the worry underneath.');
  await expect(page.getByTestId('annotation-row')).toHaveCount(3);
});

test('a span dragged on the waveform takes a code, resizes by its edge, and undo/redo walk it back and forth', async () => {
  await showTab('Annotations');
  const box = (await waveform(page).boundingBox())!;
  const y = box.y + box.height / 2;
  // 60 %–70 % of a 300 s recording: about 3:00–3:30.
  await page.mouse.move(box.x + box.width * 0.6, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.65, y, { steps: 5 });
  await page.mouse.move(box.x + box.width * 0.7, y, { steps: 5 });
  await page.mouse.up();
  const picker = page.getByTestId('code-picker');
  await expect(picker).toBeVisible();
  await page.keyboard.press('e'); // Empathy
  await expect(picker).toBeHidden();
  await expect(page.getByTestId('annotation-row')).toHaveCount(4);

  const span = () => stored().find((a) => a.codeId === 'empathy');
  await expect.poll(() => span()?.end ?? null).not.toBeNull();
  const created = span()!;
  expect(created.start).toBeGreaterThan(170);
  expect(created.end! - created.start).toBeGreaterThan(20);

  // Resize: drag the right edge further right by 5 % of the width (about 15 s).
  const id = await page.getByTestId('annotation-editor').getAttribute('data-annotation-id');
  expect(id).toBeTruthy();
  const edge = page.locator(`[part~="${id}"] .annot-handle-end`);
  const edgeBox = (await edge.boundingBox())!;
  await page.mouse.move(edgeBox.x + edgeBox.width / 2, edgeBox.y + edgeBox.height / 2);
  await page.mouse.down();
  await page.mouse.move(edgeBox.x + box.width * 0.025, edgeBox.y + edgeBox.height / 2, { steps: 5 });
  await page.mouse.move(edgeBox.x + box.width * 0.05, edgeBox.y + edgeBox.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect.poll(() => span()!.end! - created.end!).toBeGreaterThan(10);
  const resized = span()!;
  expect(resized.start).toBeCloseTo(created.start, 1);
  await screenshot(page, 'annotate-span');

  // Undo the resize, then the creation; redo both.
  await waveform(page).focus();
  await page.keyboard.press('Control+z');
  await expect.poll(() => span()?.end).toBeCloseTo(created.end!, 2);
  await page.keyboard.press('Control+z');
  await expect.poll(() => span()).toBeUndefined();
  await expect(page.getByTestId('annotation-row')).toHaveCount(3);
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(() => span()?.end).toBeCloseTo(created.end!, 2);
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(() => span()?.end).toBeCloseTo(resized.end!, 2);
  await expect(page.getByTestId('annotation-row')).toHaveCount(4);
  await expect(page.getByTestId('annotation-status')).toContainText(/Redid/i);
});

test('a missed opportunity holds what could have been said beside what was said', async () => {
  // A transcript from the session's ground truth, imported through the Transcript tab.
  const truth = JSON.parse(fs.readFileSync(path.join(sharedData, 'sessions', 'annomi-0-high.truth.json'), 'utf8')) as {
    utterances: { start: number; end: number; speaker: string; text: string }[];
  };
  const clockOf = (t: number) => new Date(t * 1000).toISOString().slice(11, 23);
  const vtt = ['WEBVTT', '', ...truth.utterances.flatMap((u) => [`${clockOf(u.start)} --> ${clockOf(u.end)}`, `<v ${u.speaker === 'therapist' ? 'Counselor' : 'Client'}>${u.text}`, ''])].join('\n');
  const vttFile = path.join(tempDir, 'truth.vtt');
  fs.writeFileSync(vttFile, vtt);
  await page.getByRole('tab', { name: /^Transcript/ }).click();
  await page.getByTestId('subtitle-input').setInputFiles(vttFile);
  await expect(page.getByTestId('segment').first()).toBeVisible();

  // Utterance 2 (the counselor reading out the form) runs 14.2–20.3 s; with the 3 s pre-roll a key at 19 s lands at 16 s.
  const said = truth.utterances[2]!;
  await page.evaluate(() => {
    const m = document.querySelector('audio, video') as HTMLMediaElement;
    m.currentTime = 19;
  });
  await expect.poll(async () => currentTime(page)).toBeCloseTo(19, 0);
  await codeKey('x', 'Missed the chance to reflect the worry about drinking.');
  await page.getByTestId('annotation-model-response').fill('“You’re not sure this is a problem, and part of you wonders.”');
  await expect(page.getByTestId('annotation-editor')).toContainText(said.text.slice(0, 30));
  await page.getByTestId('annotation-model-response').blur();
  await expect.poll(() => stored().find((a) => a.codeId === 'missed-reflection')?.modelResponse).toBe('“You’re not sure this is a problem, and part of you wonders.”');
});

test('annotation files: a bad CSV is refused by line and adds nothing; a good one imports; export gives the rows', async () => {
  await showTab('Annotations');
  const before = stored().length;
  const bad = path.join(tempDir, 'bad.csv');
  fs.writeFileSync(bad, 'start,end,code,comment\n12,15,open-question,fine\n20,18,complex-reflection,ends before it starts\n');
  await page.getByTestId('annotation-file-input').setInputFiles(bad);
  await expect(page.getByTestId('annotation-file-problem')).toContainText('Line 3');
  expect(stored()).toHaveLength(before);
  await expect(page.getByTestId('annotation-row')).toHaveCount(before);

  const unknown = path.join(tempDir, 'unknown.csv');
  fs.writeFileSync(unknown, 'start,end,code,comment\n12,15,not-a-code,?\n');
  await page.getByTestId('annotation-file-input').setInputFiles(unknown);
  await expect(page.getByTestId('annotation-file-problem')).toContainText('not-a-code');
  expect(stored()).toHaveLength(before);

  const good = path.join(tempDir, 'good.csv');
  fs.writeFileSync(good, 'start,end,code,comment\n250,,Affirmation,"Names her effort, warmly"\n260.5,266,Summary,Pulls it together\n');
  await page.getByTestId('annotation-file-input').setInputFiles(good);
  await expect(page.getByTestId('annotation-row')).toHaveCount(before + 2);
  await expect(page.getByTestId('annotation-file-problem')).toHaveCount(0);
  expect(stored().find((a) => a.codeId === 'affirmation')?.comment).toBe('Names her effort, warmly');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await (await download).path();
  const csv = fs.readFileSync(file, 'utf8');
  expect(csv.split(/\r?\n/)[0]).toContain('start,end,code,code_name,kind,author,comment');
  expect(csv).toContain('Names her effort, warmly');
  expect(csv.trim().split(/\r?\n/)).toHaveLength(before + 3);
});

test('global ratings with cited evidence and the overall feedback are kept, and the scores show in attune show', async () => {
  await showTab('Scores');
  const empathy = page.getByTestId('rating-empathy');
  await empathy.getByRole('radio', { name: /^4/ }).check({ force: true });
  await page.getByTestId('rating-partnership').getByRole('radio', { name: /^5/ }).check({ force: true });
  await empathy.getByRole('button', { name: /Cite annotations/ }).click();
  await page.locator('.evidence-option', { hasText: 'Complex reflection' }).first().locator('input').check();
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(empathy.getByRole('list', { name: /Evidence for/ })).toContainText(/Complex reflection/);

  await page.getByTestId('feedback-strengths').fill('Warm, steady reflections; the complex reflection at the start opened things up.');
  await page.getByTestId('feedback-goals').fill('Ask permission before giving information.');
  await page.getByTestId('feedback-goals').blur();
  await expect.poll(() => (JSON.parse(cli(['show', sessionId, '--json'])) as { scores: { relationalGlobal: number | null } }).scores.relationalGlobal).toBe(4.5);
  const shown = JSON.parse(cli(['show', sessionId, '--json'])) as {
    annotationCount: number;
    scores: { reflectionToQuestion: number | null; complexReflectionShare: number | null; globals: Record<string, number | null>; technicalGlobal: number | null };
  };
  expect(shown.annotationCount).toBe(stored().length);
  expect(shown.scores.globals.empathy).toBe(4);
  expect(shown.scores.globals.partnership).toBe(5);
  expect(shown.scores.technicalGlobal).toBeNull();
  // Q 1; SR 1; CR 1 complex reflection + 1 summary: R:Q 3, %CR 2/3.
  expect(shown.scores.reflectionToQuestion).toBeCloseTo(3, 5);
  expect(shown.scores.complexReflectionShare).toBeCloseTo(2 / 3, 5);
  await expect.poll(() => (JSON.parse(cli(['annotations', 'export', sessionId, '--format', 'json'])) as { review: { feedback: { goals: string } } }).review.feedback.goals).toBe(
    'Ask permission before giving information.',
  );
  await page.getByTestId('scoring-panel').scrollIntoViewIfNeeded();
  await screenshot(page, 'annotate-scoring-panel');
});

test('renaming a code in the codebook editor flows through to the annotations that use it', async () => {
  await page.goto(`${app.origin}/#/codebooks`);
  const name = page.getByRole('textbox', { name: 'Name of Open question' });
  await name.fill('Open question (exploring)');
  await name.press('Enter');
  await expect(page.getByTestId('codebook-save-state')).toContainText(/Saved/i);
  await screenshot(page, 'annotate-codebook-editor');
  await page.goto(`${app.origin}/#/session/${encodeURIComponent(sessionId)}`);
  await waitForWaveform(page);
  await showTab('Annotations');
  await expect(page.getByTestId('annotation-list')).toContainText('Open question (exploring)');
  expect(stored().filter((a) => a.codeId === 'open-question')).toHaveLength(1);
});

test('after a reload everything is as it was left', async () => {
  const before = stored();
  await page.reload();
  await waitForWaveform(page);
  await showTab('Annotations');
  await expect(page.getByTestId('annotation-row')).toHaveCount(before.length);
  for (const a of before) {
    if (a.comment) await expect(page.getByTestId('annotation-list')).toContainText(a.comment.slice(0, 20));
  }
  const regions = page.locator('[data-testid="waveform"] [part^="region "], [data-testid="waveform"] [part^="marker "]');
  await expect(regions).toHaveCount(before.length);
  await showTab('Scores');
  await expect(scoreCell('reflectionToQuestion')).toHaveText('3.00');
  await expect(page.getByTestId('feedback-goals')).toHaveValue('Ask permission before giving information.');
  await expect(page.getByTestId('rating-empathy').getByRole('radio', { name: /^4/ })).toBeChecked();
  expect(stored()).toEqual(before);
  await screenshot(page, 'annotate-session-view');
});
