/**
 * Search benchmarks on a generated library of 1,000 sessions, each with about 6,000 words of
 * speaker-labelled transcript sampled at random from AnnoMI utterances, 50 annotations with comments
 * (some with a model response) and written feedback:
 *  - index_1000_sessions_s: building the search index of that library from scratch (the rebuild);
 *  - search_p95_ms: 100 varied searches (common and rare words, phrases, OR, left-out words,
 *    prefixes, with and without filters) through the service function the API calls.
 * The rows are written with SQL in one transaction (the triggers index them as they go, as in use).
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { parseCsv } from '../shared/annotations/csv';
import { defaultCodes } from '../shared/codebook/default-codebook';
import type { SearchRequest } from '../shared/domain/search';
import { openServices } from '../main/services/services';
import { benchDir, median, percentile, round, sharedData } from './support';

const SESSIONS = 1000;
const WORDS_PER_SESSION = 6000;
const ANNOTATIONS_PER_SESSION = 50;
const TRAINEES = ['Dana Reyes', 'Sam Okafor', 'Lee Chen', 'Ana Lima', 'Jo Park', 'Ravi Shah', 'Mia Novak', 'Tom Berg', 'Ines Costa', 'Kofi Mensah', 'Yuki Sato', 'Eva Horn'];

/** A small seeded generator, so every run builds the same library and asks the same questions. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Utterance {
  therapist: boolean;
  text: string;
  words: number;
}

function annomiUtterances(): Utterance[] {
  const records = parseCsv(fs.readFileSync(path.join(sharedData, 'annomi', 'AnnoMI-full.csv'), 'utf8'));
  const seen = new Set<string>();
  const out: Utterance[] = [];
  for (const r of records.slice(1)) {
    const cells = r.fields;
    const text = (cells[8] ?? '').trim();
    const key = `${cells[1]}/${cells[5]}`;
    if (!text || seen.has(key)) continue;
    seen.add(key);
    out.push({ therapist: cells[6] === 'therapist', text, words: text.split(/\s+/).length });
  }
  return out;
}

const COMMENT_OPENINGS = [
  'Good reflection of',
  'Consider reflecting',
  'Missed chance to explore',
  'Nice affirmation about',
  'Closed question about',
  'Try a double-sided reflection on',
  'Strong empathy around',
  'Premature advice on',
  'Client sustain talk about',
  'Change talk: client mentions',
];

function buildLibrary(db: Database.Database, rand: () => number): { segments: number; annotations: number } {
  const utterances = annomiUtterances();
  const therapist = utterances.filter((u) => u.therapist);
  const codes = defaultCodes().filter((c) => c.enabled);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const now = new Date().toISOString();
  const session = db.prepare(
    `INSERT INTO sessions (id, title, trainee, supervisor, recorded_at, notes, status, created_at, updated_at) VALUES (?, ?, ?, 'Supervisor', ?, '', 'in-review', ?, ?)`,
  );
  const media = db.prepare(
    `INSERT INTO media (session_id, sha256, original_name, file_name, peaks_file_name, size_bytes, duration, container, audio_codec, video_codec, channels, sample_rate, has_video, width, height)
     VALUES (?, ?, ?, ?, ?, 50000000, ?, 'mov,mp4,m4a,3gp,3g2,mj2', 'aac', NULL, 1, 48000, 0, NULL, NULL)`,
  );
  const transcript = db.prepare(`INSERT INTO transcripts (session_id, source, origin, counselor_name, client_name, updated_at) VALUES (?, 'vtt', 'bench.vtt', ?, ?, ?)`);
  const segment = db.prepare('INSERT INTO segments (id, session_id, start, end, speaker, text, original_text, edited) VALUES (?, ?, ?, ?, ?, ?, ?, 0)');
  const annotation = db.prepare(
    `INSERT INTO annotations (id, session_id, code_id, start, end, comment, author, model_response, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'Supervisor', ?, ?, ?)`,
  );
  const review = db.prepare(
    `INSERT INTO session_reviews (session_id, codebook_id, strengths, growth_areas, goals, updated_at) VALUES (?, 'default', ?, ?, ?, ?)`,
  );
  let segments = 0;
  let annotations = 0;
  db.transaction(() => {
    for (let i = 0; i < SESSIONS; i++) {
      const id = `bench-session-${String(i).padStart(4, '0')}`;
      const sha = (i + 1).toString(16).padStart(64, '0');
      // A tenth of the sessions has no recording date.
      const date = i % 10 === 9 ? null : new Date(Date.UTC(2024, 0, 1) + Math.floor(rand() * 730) * 86_400_000).toISOString().slice(0, 10);
      session.run(id, `Session ${i + 1}`, TRAINEES[i % TRAINEES.length], date, now, now);
      let words = 0;
      let t = 0;
      let n = 0;
      while (words < WORDS_PER_SESSION) {
        const u = pick(utterances);
        const length = Math.max(1, u.words / 2.6);
        segment.run(`${id}-g${n++}`, id, round(t, 3), round(t + length, 3), u.therapist ? 'counselor' : 'client', u.text, u.text);
        words += u.words;
        t += length + 0.4;
      }
      segments += n;
      media.run(id, sha, `session-${i}.m4a`, `${sha}.m4a`, `${sha}.peaks`, t);
      transcript.run(id, `Trainee ${i % TRAINEES.length}`, `Client ${i}`, now);
      for (let k = 0; k < ANNOTATIONS_PER_SESSION; k++) {
        const start = rand() * (t - 10);
        const end = k % 3 === 0 ? start + 2 + rand() * 8 : null;
        const words = pick(utterances).text.split(/\s+/).slice(0, 8).join(' ');
        const comment = `${pick(COMMENT_OPENINGS)} ${words}`;
        const model = k % 5 === 0 ? pick(therapist).text : '';
        annotation.run(`${id}-a${k}`, id, pick(codes).id, round(start, 3), end === null ? null : round(end, 3), comment, model, now, now);
      }
      annotations += ANNOTATIONS_PER_SESSION;
      review.run(id, `Warm tone; ${pick(therapist).text}`, `More complex reflections. ${pick(therapist).text}`, 'Ask permission before giving advice.', now);
    }
  })();
  return { segments, annotations };
}

/** 100 varied searches: words common and rare, phrases, OR, left-out words, prefixes, with and without filters. */
function benchQueries(db: Database.Database, rand: () => number): SearchRequest[] {
  const common = ['drinking', 'feel', 'think', 'really', 'know', 'smoking', 'want', 'change', 'going', 'time', 'people', 'help'];
  // Rare words: terms of the index that occur in only a few texts.
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.bench_vocab USING fts5vocab(main, search_fts, 'row')`);
  const rare = (db.prepare(`SELECT term FROM temp.bench_vocab WHERE doc BETWEEN 2 AND 40 AND length(term) > 5 AND term GLOB '[a-z]*' ORDER BY term`).all() as { term: string }[]).map(
    (r) => r.term,
  );
  const phrases = ['"cut down"', '"quit smoking"', '"how do you feel"', '"a little bit"', '"your health"', '"blood pressure"', '"make a change"', '"i don\'t know"', '"every day"', '"my doctor"'];
  const ors = ['beer OR wine', 'cigarettes OR vaping', 'exercise OR walking', 'weight OR diet', 'kids OR children', 'job OR work', 'anxious OR worried', 'sleep OR tired', 'doctor OR nurse', 'drugs OR marijuana'];
  const excludes = ['drinking -beer', 'smoking -cigarettes', 'feel -really', 'change -want', 'health -doctor', 'time -week', 'work -job', 'family -kids', 'alcohol -wine', 'stress -work'];
  const prefixes = ['reflect*', 'smok*', 'exerc*', 'alc*', 'motiv*', 'pre*', 'conf*', 'drink*', 'cigar*', 'worr*'];
  const codes = ['complex-reflection', 'open-question', 'missed-reflection', 'change-talk', 'sustain-talk', 'affirmation'];
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const filter = (): Omit<SearchRequest, 'query'> => {
    switch (Math.floor(rand() * 5)) {
      case 0:
        return { trainee: pick(TRAINEES) };
      case 1:
        return { code: pick(codes) };
      case 2:
        return { from: '2024-06-01', to: '2025-03-31' };
      case 3:
        return { speaker: pick(['client', 'counselor']) };
      default:
        return { trainee: pick(TRAINEES), speaker: 'client', from: '2024-01-01' };
    }
  };
  const plain: string[] = [
    ...common.slice(0, 10),
    ...Array.from({ length: 15 }, () => pick(rare)),
    ...phrases,
    ...ors,
    ...excludes,
    ...prefixes,
  ];
  const queries: SearchRequest[] = plain.map((query) => ({ query }));
  // 35 more with filters, drawn from every kind above.
  for (let i = 0; i < 35; i++) queries.push({ query: pick(plain), ...filter() });
  return queries;
}

export async function benchSearch(log: (text: string) => void = () => {}): Promise<Record<string, number>> {
  const dataDir = benchDir('search');
  try {
    const services = openServices(dataDir, { resumeTranscriptions: false });
    const rand = random(6);
    const built = performance.now();
    const { segments, annotations } = buildLibrary(services.db, rand);
    log(`[bench] search: ${SESSIONS} sessions, ${segments} segments, ${annotations} annotations written and indexed in ${round((performance.now() - built) / 1000, 1)} s`);

    const started = performance.now();
    const { entries } = services.search.rebuild();
    const indexSeconds = (performance.now() - started) / 1000;
    log(`[bench] search: index rebuilt from scratch over ${entries} texts in ${round(indexSeconds, 1)} s`);

    const queries = benchQueries(services.db, rand);
    // Warm the statement cache and the page cache with searches outside the measured set.
    for (const query of ['warm', 'session', 'client OR counselor']) services.search.search({ query });
    const times: number[] = [];
    let hits = 0;
    for (const q of queries) {
      const t0 = performance.now();
      const res = services.search.search(q);
      times.push(performance.now() - t0);
      hits += res.hits.length;
    }
    const slowest = queries
      .map((q, i) => ({ q, ms: times[i] as number }))
      .sort((x, y) => y.ms - x.ms)
      .slice(0, 5)
      .map((x) => `${JSON.stringify(x.q)} ${round(x.ms, 1)} ms`);
    log(`[bench] search: ${queries.length} searches, ${hits} hits shown; slowest: ${slowest.join('; ')}`);
    services.close();
    const dbBytes = fs.statSync(services.paths.dbFile).size;
    return {
      index_1000_sessions_s: round(indexSeconds, 1),
      search_p95_ms: round(percentile(times, 95), 1),
      search_median_ms: round(median(times), 1),
      search_library_db_mb: round(dbBytes / 1e6, 0),
    };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

