/** Page helpers for the review screens: the media element, the waveform's canvases, the import queue. */
import { expect, type Locator, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './browser-mode';

export const screenshotDir = path.join(repoRoot, 'test-results', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** `h:mm:ss`, floored — the way the library shows durations. */
export function clock(seconds: number): string {
  const t = Math.floor(seconds);
  return `${Math.floor(t / 3600)}:${String(Math.floor((t % 3600) / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
}

export function truthDuration(sharedData: string, name: string): number {
  const truth = JSON.parse(fs.readFileSync(path.join(sharedData, 'sessions', `${name}.truth.json`), 'utf8')) as { duration: number };
  return truth.duration;
}

export function media(page: Page): Locator {
  return page.locator('video, audio');
}

export interface MediaFacts {
  currentTime: number;
  duration: number;
  paused: boolean;
  playbackRate: number;
  preservesPitch: boolean;
}

export async function mediaFacts(page: Page): Promise<MediaFacts> {
  return media(page).evaluate((m: HTMLMediaElement) => ({
    currentTime: m.currentTime,
    duration: m.duration,
    paused: m.paused,
    playbackRate: m.playbackRate,
    preservesPitch: m.preservesPitch,
  }));
}

export async function currentTime(page: Page): Promise<number> {
  return (await mediaFacts(page)).currentTime;
}

export function waveform(page: Page): Locator {
  return page.getByTestId('waveform');
}

export async function waitForWaveform(page: Page): Promise<void> {
  await expect(waveform(page)).toHaveAttribute('data-ready', 'true');
}

/** How many pixels wavesurfer painted, over all canvases in its shadow root. */
export async function paintedPixels(page: Page): Promise<{ canvases: number; painted: number; total: number }> {
  return waveform(page).evaluate((host) => {
    let canvases = 0;
    let painted = 0;
    let total = 0;
    for (const el of Array.from(host.querySelectorAll('*'))) {
      for (const canvas of Array.from(el.shadowRoot?.querySelectorAll('canvas') ?? [])) {
        const ctx = canvas.getContext('2d');
        if (!ctx || canvas.width === 0 || canvas.height === 0) continue;
        canvases++;
        const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
        total += data.length / 4;
        for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) painted++;
      }
    }
    return { canvases, painted, total };
  });
}

/** Screen coordinates of the moment `seconds` on the (unzoomed) waveform. */
export async function waveformPoint(page: Page, seconds: number): Promise<{ x: number; y: number }> {
  return waveform(page).evaluate((host, t) => {
    const shadowHost = Array.from(host.children).find((c) => c.shadowRoot);
    const wrapper = shadowHost?.shadowRoot?.querySelector('.wrapper');
    const m = document.querySelector('video, audio') as HTMLMediaElement | null;
    if (!wrapper || !m) throw new Error('waveform or media element missing');
    const r = wrapper.getBoundingClientRect();
    return { x: r.left + (r.width * t) / m.duration, y: r.top + r.height / 2 };
  }, seconds);
}

export function importInput(page: Page): Locator {
  return page.getByLabel('Import recordings');
}

export function importRow(page: Page, fileName: string): Locator {
  return page.getByTestId('import-row').filter({ hasText: fileName });
}

export function libraryRows(page: Page): Locator {
  return page.getByTestId('library-grid').locator('[role=row][aria-rowindex]:not([aria-rowindex="1"])');
}
