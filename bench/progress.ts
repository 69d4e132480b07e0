/**
 * progress_page_ms (browser mode, Debian's Chromium through Playwright): from navigating to
 * `#/progress/<trainee>` to every chart painted with all its points, for a trainee with 40 sessions,
 * each with 50 annotations, global ratings and a speaker-labelled transcript (in a library of 200
 * sessions). Rows are written straight into SQLite: what is measured is reading and drawing them.
 * Also progress_series_ms: the one API call behind the page, on the Node side.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { openServices } from '../main/services/services';
import { PROGRESS_MEASURES } from '../shared/domain/progress';
import { defaultCodes } from '../shared/codebook/default-codebook';
import { benchDir, median, round } from './support';
import { withBrowserMode } from './ui';

const TRAINEE = 'Bench Trainee';
const SESSIONS = 40;
const OTHER_SESSIONS = 160;
const ANNOTATIONS = 50;
const SEGMENTS = 240;
const DURATION = 1800;

export function seed(dataDir: string): void {
  const services = openServices(dataDir, { resumeTranscriptions: false });
  const { db } = services;
  const codes = defaultCodes().filter((c) => c.enabled && c.kind !== 'client');
  const insertSession = db.prepare(`INSERT INTO sessions (id, title, trainee, supervisor, recorded_at, notes, status, created_at, updated_at) VALUES (?, ?, ?, 'Dr. Bench', ?, '', 'in-review', ?, ?)`);
  const insertMedia = db.prepare(
    `INSERT INTO media (session_id, sha256, original_name, file_name, peaks_file_name, size_bytes, duration, container, audio_codec, video_codec, channels, sample_rate, has_video, width, height)
     VALUES (?, ?, ?, ?, ?, 50000000, ?, 'mov,mp4,m4a,3gp,3g2,mj2', 'aac', NULL, 1, 48000, 0, NULL, NULL)`,
  );
  const insertReview = db.prepare(
    `INSERT INTO session_reviews (session_id, codebook_id, cultivating_change_talk, softening_sustain_talk, partnership, empathy, updated_at) VALUES (?, 'default', ?, ?, ?, ?, ?)`,
  );
  const insertAnnotation = db.prepare(`INSERT INTO annotations (id, session_id, code_id, start, end, comment, author, created_at, updated_at) VALUES (?, ?, ?, ?, NULL, ?, 'Bench', ?, ?)`);
  const insertTranscript = db.prepare(`INSERT INTO transcripts (session_id, source, origin, updated_at) VALUES (?, 'vtt', 'bench.vtt', ?)`);
  const insertSegment = db.prepare(`INSERT INTO segments (id, session_id, start, end, speaker, text, original_text) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const now = new Date().toISOString();
  db.transaction(() => {
    for (let i = 0; i < SESSIONS + OTHER_SESSIONS; i++) {
      const id = randomUUID();
      const ours = i < SESSIONS;
      const trainee = ours ? TRAINEE : `Trainee ${i % 8}`;
      const day = new Date(Date.UTC(2026, 0, 5) + i * 3 * 86_400_000).toISOString().slice(0, 10);
      const sha = (i + 1).toString(16).padStart(64, '0');
      insertSession.run(id, `Session ${i + 1}`, trainee, day, now, now);
      insertMedia.run(id, sha, `s${i}.m4a`, `${sha}.m4a`, `${sha}.peaks`, DURATION);
      const g = 1 + (i % 5);
      insertReview.run(id, g, Math.min(5, g + 1), g, Math.max(1, g - 1), now);
      for (let k = 0; k < ANNOTATIONS; k++) {
        // Every session has questions and reflections, so every measure has a value.
        const code = k % 5 === 0 ? 'open-question' : k % 5 === 1 ? 'complex-reflection' : codes[(k * 7 + i) % codes.length]!.id;
        insertAnnotation.run(randomUUID(), id, code, ((k + 0.5) / ANNOTATIONS) * (DURATION - 10), `Comment ${k}`, now, now);
      }
      insertTranscript.run(id, now);
      for (let k = 0; k < SEGMENTS; k++) {
        const start = (k / SEGMENTS) * DURATION;
        const text = `Utterance ${k} of session ${i}`;
        insertSegment.run(randomUUID(), id, start, start + (DURATION / SEGMENTS) * 0.9, k % 2 === 0 ? 'counselor' : 'client', text, text);
      }
    }
  })();
  services.close();
}

export async function benchProgress(rounds = 5): Promise<Record<string, number>> {
  const dataDir = benchDir('progress');
  try {
    seed(dataDir);
    // The one call behind the page, timed on the Node side.
    const services = openServices(dataDir, { resumeTranscriptions: false });
    const callTimes: number[] = [];
    for (let r = 0; r < 7; r++) {
      const started = performance.now();
      await services.progress.series(TRAINEE);
      callTimes.push(performance.now() - started);
    }
    services.close();

    const expectedPoints = SESSIONS * PROGRESS_MEASURES.length + SESSIONS;
    const page = await withBrowserMode(dataDir, async (page, origin) => {
      await page.addInitScript('window.__name = (f) => f');
      await page.evaluate('window.__name = (f) => f');
      const times: number[] = [];
      for (let r = 0; r < rounds; r++) {
        await page.goto(`${origin}/#/`);
        await page.locator('[data-testid="library-grid"]').waitFor();
        times.push(
          await page.evaluate(
            async ({ href, expected }) => {
              const started = performance.now();
              location.hash = href;
              return new Promise<number>((resolve, reject) => {
                const check = (): void => {
                  const points = document.querySelectorAll('[data-testid="progress-charts"] .chart-point').length;
                  if (points >= expected) {
                    // Found during this frame's callbacks; the same frame then paints it, and a task queued now runs after that paint.
                    setTimeout(() => resolve(performance.now() - started), 0);
                    return;
                  }
                  if (performance.now() - started > 30_000) reject(new Error(`the progress page showed ${points} of ${expected} points in 30 s`));
                  else requestAnimationFrame(check);
                };
                requestAnimationFrame(check);
              });
            },
            { href: `#/progress/${encodeURIComponent(TRAINEE)}`, expected: expectedPoints },
          ),
        );
      }
      return times;
    });
    return { progress_page_ms: Math.round(median(page)), progress_series_call_ms: round(median(callTimes), 1) };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
