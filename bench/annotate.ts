/**
 * Annotation benchmarks in browser mode (Debian's Chromium through Playwright):
 *  - annotate_roundtrip_p95_ms: a code's hotkey pressed → its region drawn on the waveform and its row
 *    in the list, which appear only once the annotation is stored (so "stored" is included);
 *  - session_5000_annotations_open_ms: opening a 2-hour session that carries 5,000 annotations, to the
 *    waveform painted with its regions, the list filled and the media playable;
 *  - *_scroll_p95_frame_ms: frame times while scrolling the list and the zoomed waveform (smoothness);
 *  - annotate_roundtrip_bare_page_*: the same measurement of a bare page that only sends one message,
 *    stores one row and adds two elements (bench/bare-page.ts), in the same browser, interleaved with
 *    the app's presses — the floor that the browser, this machine's frames and the store set.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { openServices } from '../main/services/services';
import { importRecording } from '../main/services/media/import-recording';
import { ANNOTATION_COLUMNS } from '../shared/annotations/annotation-file';
import { defaultCodes } from '../shared/codebook/default-codebook';
import { startBarePage } from './bare-page';
import { benchDir, longRecording, median, percentile, round, sharedData } from './support';
import { withBrowserMode } from './ui';

/** A CSV of `count` annotations spread over `duration` seconds: a third spans, the rest moments. */
function annotationCsv(count: number, duration: number): string {
  const codes = defaultCodes().filter((c) => c.enabled);
  const rows = [ANNOTATION_COLUMNS.join(',')];
  for (let i = 0; i < count; i++) {
    const start = ((i + 0.5) / count) * (duration - 10);
    const code = codes[(i * 7) % codes.length]!;
    const end = i % 3 === 0 ? (start + 2 + (i % 5)).toFixed(3) : '';
    rows.push([start.toFixed(3), end, code.id, '', '', 'Bench', `Comment ${i} on ${code.name}`, '', ''].join(','));
  }
  return `${rows.join('\n')}\n`;
}

/** In the page: waits until the session view shows its waveform, regions, rows and playable media. */
async function openAndTime(page: Page, sessionId: string): Promise<number> {
  return page.evaluate(async (id) => {
    const started = performance.now();
    location.hash = `#/session/${encodeURIComponent(id)}`;
    const regionCount = (): number => {
      const host = document.querySelector('[data-testid="waveform"]');
      if (!host) return 0;
      let n = 0;
      for (const el of host.querySelectorAll('*')) if (el.shadowRoot) n += el.shadowRoot.querySelectorAll('[part^="region "], [part^="marker "]').length;
      return n;
    };
    for (;;) {
      await new Promise((r) => requestAnimationFrame(r));
      const ready = document.querySelector('[data-testid="waveform"][data-ready="true"]');
      const media = document.querySelector<HTMLMediaElement>('video, audio');
      const rows = document.querySelector('[data-testid="annotation-row"]');
      if (ready && media && media.readyState >= 3 && rows && regionCount() > 0) return performance.now() - started;
      if (performance.now() - started > 60_000) throw new Error('the session did not become ready in 60 s');
    }
  }, sessionId);
}

/** Presses a code hotkey `rounds` times; answers each press's time to region and row shown. */
async function hotkeyRoundtrips(page: Page, key: string, rounds: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    await page.evaluate(() => {
      const w = window as unknown as { __bench?: Promise<number> };
      const before = new Set([...document.querySelectorAll('[data-testid="annotation-row"]')].map((e) => e.getAttribute('data-annotation-id')));
      w.__bench = new Promise<number>((resolve) => {
        let pressedAt = 0;
        window.addEventListener('keydown', (e) => (pressedAt = e.timeStamp), { capture: true, once: true });
        const regionShown = (id: string): boolean => {
          const host = document.querySelector('[data-testid="waveform"]');
          if (!host) return false;
          for (const el of host.querySelectorAll('*')) if (el.shadowRoot?.querySelector(`[part~="${CSS.escape(id)}"]`)) return true;
          return false;
        };
        const check = (): void => {
          const fresh = [...document.querySelectorAll('[data-testid="annotation-row"]')].find((e) => !before.has(e.getAttribute('data-annotation-id')));
          const id = fresh?.getAttribute('data-annotation-id');
          if (id && regionShown(id)) {
            // `check` runs among this frame's animation callbacks, and the same frame then lays out
            // and paints what it found (in Chromium one task does both). A task queued now runs once
            // that paint is done; waiting for the next frame's callbacks would add a whole idle frame.
            setTimeout(() => resolve(performance.now() - pressedAt), 0);
            return;
          }
          requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      });
    });
    await page.keyboard.press(key);
    times.push(await page.evaluate(() => (window as unknown as { __bench: Promise<number> }).__bench));
    await page.keyboard.press('Escape');
    await page.keyboard.press('ArrowRight');
  }
  return times;
}

/** Frame times (ms) while `step` runs once per frame for `frames` frames. */
async function frameTimes(page: Page, kind: 'list' | 'waveform', frames: number): Promise<number[]> {
  return page.evaluate(
    async ({ kind, frames }) => {
      const target =
        kind === 'list'
          ? document.querySelector('[data-testid="annotation-list"]')
          : document.querySelector('[data-testid="waveform"]');
      if (!target) throw new Error(`no ${kind} to scroll`);
      const times: number[] = [];
      let last = performance.now();
      for (let i = 0; i < frames; i++) {
        if (kind === 'list') target.scrollTop += 120;
        else target.dispatchEvent(new WheelEvent('wheel', { deltaY: 120, bubbles: true, cancelable: true }));
        await new Promise((r) => requestAnimationFrame(r));
        const now = performance.now();
        times.push(now - last);
        last = now;
      }
      return times;
    },
    { kind, frames },
  );
}

export async function benchAnnotate(rounds = 3): Promise<Record<string, number>> {
  const dataDir = benchDir('annotate');
  const mediaDir = benchDir('annotate-media');
  try {
    const services = openServices(dataDir, { resumeTranscriptions: false });
    const deps = { store: services.sessions, paths: services.paths, tools: services.tools };
    const long = (await importRecording(deps, { sourcePath: longRecording(mediaDir, 7200) })).session;
    const short = (await importRecording(deps, { sourcePath: path.join(sharedData, 'sessions', 'annomi-115-low.mp3') })).session;
    services.annotations.import(long.id, 'bench.csv', annotationCsv(5000, long.media.duration));
    services.close();

    return await withBrowserMode(dataDir, async (page, origin) => {
      // tsx names inner functions with an `__name` helper that does not exist in the page.
      await page.addInitScript('window.__name = (f) => f');
      await page.evaluate('window.__name = (f) => f');
      const open: number[] = [];
      for (let r = 0; r < rounds; r++) {
        await page.goto(`${origin}/#/`);
        await page.locator('[data-testid="library-grid"]').waitFor();
        open.push(await openAndTime(page, long.id));
      }
      // Smoothness with 5,000 annotations: the list, then the waveform zoomed in.
      const listFrames = await frameTimes(page, 'list', 120);
      await page.getByTestId('waveform').focus();
      for (let i = 0; i < 8; i++) await page.keyboard.press('+');
      const waveFrames = await frameTimes(page, 'waveform', 120);
      const roundtripLong = await hotkeyRoundtrips(page, 'q', 20);

      await page.goto(`${origin}/#/`);
      await page.locator('[data-testid="library-grid"]').waitFor();
      await page.evaluate((id) => (location.hash = `#/session/${encodeURIComponent(id)}`), short.id);
      await page.locator('[data-testid="waveform"][data-ready="true"]').waitFor();

      // The app and the bare page take turns, 20 presses each, so both meet the same machine load.
      const bare = await startBarePage(dataDir);
      const roundtrip: number[] = [];
      const floor: number[] = [];
      try {
        const browser = page.context().browser();
        if (!browser) throw new Error('no browser for the bare page');
        const barePage = await browser.newPage({ viewport: page.viewportSize() ?? undefined });
        await barePage.addInitScript('window.__name = (f) => f');
        await barePage.goto(bare.url);
        for (let block = 0; block < 3; block++) {
          await page.bringToFront();
          await page.getByTestId('waveform').focus();
          roundtrip.push(...(await hotkeyRoundtrips(page, 'q', 20)).slice(block === 0 ? 5 : 0));
          await barePage.bringToFront();
          await barePage.getByTestId('waveform').focus();
          floor.push(...(await hotkeyRoundtrips(barePage, 'q', 20)).slice(block === 0 ? 5 : 0));
        }
        await barePage.close();
      } finally {
        await bare.close();
      }
      const p95 = percentile(roundtrip, 95);
      const floorP95 = percentile(floor, 95);
      return {
        annotate_roundtrip_p95_ms: round(p95, 1),
        annotate_roundtrip_median_ms: round(median(roundtrip), 1),
        annotate_roundtrip_bare_page_p95_ms: round(floorP95, 1),
        annotate_roundtrip_bare_page_median_ms: round(median(floor), 1),
        annotate_roundtrip_vs_bare_page_p95_ratio: round(p95 / floorP95, 2),
        annotate_roundtrip_5000_p95_ms: round(percentile(roundtripLong.slice(3), 95), 1),
        session_5000_annotations_open_ms: Math.round(median(open)),
        session_5000_list_scroll_p95_frame_ms: round(percentile(listFrames.slice(5), 95), 1),
        session_5000_zoomed_wave_scroll_p95_frame_ms: round(percentile(waveFrames.slice(5), 95), 1),
      };
    });
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(mediaDir, { recursive: true, force: true });
  }
}
