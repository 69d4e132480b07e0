/**
 * Browser-mode benchmarks, in Debian's Chromium driven by Playwright:
 *  - open_2h_session_ms: from navigating to a 2-hour session to its waveform painted and the media playable;
 *  - library_1000_sessions_ms: the library with 1,000 sessions rendered (and scrolled to the end).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { MediaInfo } from '../shared/domain/session';
import { openServices } from '../main/services/services';
import { importRecording } from '../main/services/media/import-recording';
import { benchDir, median, repoRoot } from './support';

const chromiumPath = process.env.ATTUNE_CHROMIUM ?? '/usr/bin/chromium';

export async function withBrowserMode<T>(dataDir: string, body: (page: Page, origin: string) => Promise<T>): Promise<T> {
  const server = spawn(process.execPath, [path.join(repoRoot, 'dist', 'main', 'browser-main.js'), '--data-dir', dataDir, '--json']);
  let browser: Browser | null = null;
  try {
    const line = await new Promise<string>((resolve, reject) => {
      readline.createInterface({ input: server.stdout }).once('line', resolve);
      server.once('exit', (code) => reject(new Error(`browser mode exited ${code}`)));
    });
    const { url, origin } = JSON.parse(line) as { url: string; origin: string };
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--autoplay-policy=no-user-gesture-required'],
    });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(url);
    return await body(page, origin);
  } finally {
    await browser?.close();
    server.kill('SIGTERM');
  }
}

function fakeMedia(i: number): MediaInfo {
  const sha = i.toString(16).padStart(64, '0');
  return {
    originalName: `session-${i}.m4a`,
    sha256: sha,
    fileName: `${sha}.m4a`,
    peaksFileName: `${sha}.peaks`,
    sizeBytes: 50_000_000,
    duration: 1800 + (i % 1800),
    container: 'mov,mp4,m4a,3gp,3g2,mj2',
    audioCodec: 'aac',
    videoCodec: i % 3 === 0 ? 'h264' : null,
    channels: 1 + (i % 2),
    sampleRate: 48000,
    hasVideo: i % 3 === 0,
    width: null,
    height: null,
  };
}

export async function benchLibrary(rounds = 5): Promise<Record<string, number>> {
  const dataDir = benchDir('library');
  try {
    const services = openServices(dataDir);
    const trainees = ['Dana Reyes', 'Sam Okafor', 'Lee Chen', 'Ana Lima', 'Jo Park'];
    services.db.transaction(() => {
      for (let i = 0; i < 1000; i++) {
        services.sessions.create({ title: `Session ${String(i).padStart(4, '0')}`, trainee: trainees[i % 5] ?? '' }, fakeMedia(i));
      }
    })();
    services.close();
    return await withBrowserMode(dataDir, async (page, origin) => {
      const rendered: number[] = [];
      const scrolled: number[] = [];
      // Timed inside the page, from the start of navigation to the first frame that shows the newest
      // session's row: Playwright's own polling would add its cost to what is measured.
      await page.addInitScript(() => {
        const w = window as unknown as { __libraryShownAt?: number };
        const observer = new MutationObserver(() => {
          if (w.__libraryShownAt === undefined && document.querySelector('[data-testid="library-grid"]')?.textContent?.includes('Session 0999')) {
            w.__libraryShownAt = performance.now();
            observer.disconnect();
          }
        });
        observer.observe(document, { childList: true, subtree: true, characterData: true });
      });
      for (let r = 0; r < rounds; r++) {
        await page.goto('about:blank');
        await page.goto(`${origin}/#/`);
        await page.waitForFunction(() => (window as unknown as { __libraryShownAt?: number }).__libraryShownAt !== undefined);
        rendered.push(await page.evaluate(() => (window as unknown as { __libraryShownAt: number }).__libraryShownAt));
        const scrollStart = Date.now();
        await page.locator('[data-testid="library-grid"]').focus();
        await page.keyboard.press('End');
        // Newest first: the oldest session is the last row.
        await page.locator('[data-testid="library-grid"] [role="row"]', { hasText: 'Session 0000' }).waitFor();
        scrolled.push(Date.now() - scrollStart);
      }
      return { library_1000_sessions_ms: Math.round(median(rendered)), library_1000_scroll_to_end_ms: Math.round(median(scrolled)) };
    });
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchOpenSession(recording: string, rounds = 5): Promise<Record<string, number>> {
  const dataDir = benchDir('open');
  try {
    const services = openServices(dataDir);
    const { session } = await importRecording({ store: services.sessions, paths: services.paths, tools: services.tools }, { sourcePath: recording });
    services.close();
    return await withBrowserMode(dataDir, async (page, origin) => {
      const times: number[] = [];
      for (let r = 0; r < rounds; r++) {
        await page.goto(`${origin}/#/`);
        await page.locator('[data-testid="library-grid"]').waitFor();
        const ms = await page.evaluate(async (id) => {
          const started = performance.now();
          location.hash = `#/session/${encodeURIComponent(id)}`;
          for (;;) {
            await new Promise((r) => requestAnimationFrame(r));
            const ready = document.querySelector('[data-testid="waveform"][data-ready="true"]');
            const media = document.querySelector<HTMLMediaElement>('video, audio');
            if (ready && media && media.readyState >= 3) return performance.now() - started;
            if (performance.now() - started > 30_000) throw new Error('the session did not become ready in 30 s');
          }
        }, session.id);
        times.push(ms);
      }
      return { open_2h_session_ms: Math.round(median(times)) };
    });
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
