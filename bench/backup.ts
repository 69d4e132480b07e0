/**
 * Backup plus verification against a plain copy of the same bytes, side by side in one run.
 *
 * The library: six sessions whose recordings are random bytes (~100 MB each, ~600 MB in all; a
 * backup never decodes them) stored under their real SHA-256, with waveform files and real rows — a
 * transcript of 600 segments and 50 annotations per session — plus one real imported recording.
 * Each round runs the backup (database online backup, files copied, flushed and read back, the
 * database copy checked) and `fs.cp` of the same files (the database, media and peaks folders), in
 * alternating order; the ratio is of the medians.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { importRecording } from '../main/services/media/import-recording';
import { makeBackup } from '../main/services/backup/make-backup';
import { openServices, type Services } from '../main/services/services';
import { benchDir, median, round, sharedData } from './support';

const SESSIONS = 6;
const MEDIA_MB = 100;
const SEGMENTS = 600;
const ANNOTATIONS = 50;
const ROUNDS = 5;

function writeRandomFile(file: string, megabytes: number): string {
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'w');
  try {
    for (let i = 0; i < megabytes; i++) {
      const chunk = randomBytes(1024 * 1024);
      hash.update(chunk);
      fs.writeSync(fd, chunk);
    }
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

export async function buildLibrary(services: Services): Promise<void> {
  await importRecording({ store: services.sessions, paths: services.paths, tools: services.tools }, { sourcePath: path.join(sharedData, 'audio', 'jfk.wav') });
  const db = services.db;
  const now = new Date().toISOString();
  const words = 'so tell me more about what brings you here today and how you have been feeling about the changes you mentioned'.split(' ');
  const text = (n: number): string => Array.from({ length: n }, (_, i) => words[(i * 7) % words.length]).join(' ');
  for (let s = 0; s < SESSIONS; s++) {
    const temp = path.join(services.paths.tmpDir, `bench-${s}.bin`);
    const sha = writeRandomFile(temp, MEDIA_MB);
    const fileName = `${sha}.m4a`;
    fs.renameSync(temp, path.join(services.paths.mediaDir, fileName));
    fs.writeFileSync(path.join(services.paths.peaksDir, `${sha}.peaks`), randomBytes(400 * 1024));
    const id = randomUUID();
    db.transaction(() => {
      db.prepare('INSERT INTO sessions (id, title, trainee, supervisor, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(id, `Bench session ${s + 1}`, `Trainee ${s % 3}`, 'Dr. Bench', now, now);
      db.prepare(
        `INSERT INTO media (session_id, sha256, original_name, file_name, peaks_file_name, size_bytes, duration, container, audio_codec, channels, sample_rate, has_video)
         VALUES (?, ?, ?, ?, ?, ?, 3600, 'mov,mp4,m4a', 'aac', 1, 44100, 0)`,
      ).run(id, sha, `bench-${s}.m4a`, fileName, `${sha}.peaks`, MEDIA_MB * 1024 * 1024);
      db.prepare(`INSERT INTO transcripts (session_id, source, updated_at) VALUES (?, 'vtt', ?)`).run(id, now);
      const segment = db.prepare('INSERT INTO segments (id, session_id, start, end, speaker, text, original_text) VALUES (?, ?, ?, ?, ?, ?, ?)');
      for (let i = 0; i < SEGMENTS; i++) {
        const t = text(10 + (i % 20));
        segment.run(randomUUID(), id, i * 6, i * 6 + 5, i % 2 ? 'client' : 'counselor', t, t);
      }
      const annotation = db.prepare(`INSERT INTO annotations (id, session_id, code_id, start, end, comment, created_at, updated_at) VALUES (?, ?, 'open-question', ?, ?, ?, ?, ?)`);
      for (let i = 0; i < ANNOTATIONS; i++) annotation.run(randomUUID(), id, i * 60, i * 60 + 4, text(12), now, now);
    })();
  }
}

async function plainCopy(services: Services, target: string): Promise<void> {
  await fsp.mkdir(target);
  await fsp.cp(services.paths.dbFile, path.join(target, 'attune.sqlite'));
  await fsp.cp(services.paths.mediaDir, path.join(target, 'media'), { recursive: true });
  await fsp.cp(services.paths.peaksDir, path.join(target, 'peaks'), { recursive: true });
}

export async function benchBackup(log: (text: string) => void = () => undefined): Promise<Record<string, number>> {
  const dir = benchDir('backup');
  const services = openServices(path.join(dir, 'library'), { resumeTranscriptions: false });
  try {
    await buildLibrary(services);
    services.db.pragma('wal_checkpoint(TRUNCATE)');
    const out = path.join(dir, 'out');
    fs.mkdirSync(out);
    const backups: number[] = [];
    const copies: number[] = [];
    let bytes = 0;
    const runBackup = async (round: number): Promise<void> => {
      const started = performance.now();
      const result = await makeBackup({ db: services.db, paths: services.paths, appVersion: 'bench' }, path.join(out, `backup-${round}`));
      backups.push(performance.now() - started);
      bytes = result.bytes;
      fs.rmSync(path.join(out, `backup-${round}`), { recursive: true, force: true });
    };
    const runCopy = async (round: number): Promise<void> => {
      const started = performance.now();
      await plainCopy(services, path.join(out, `copy-${round}`));
      copies.push(performance.now() - started);
      fs.rmSync(path.join(out, `copy-${round}`), { recursive: true, force: true });
    };
    // A warm-up of each (page cache, worker start), not counted.
    await runBackup(-1);
    await runCopy(-1);
    backups.length = 0;
    copies.length = 0;
    for (let r = 0; r < ROUNDS; r++) {
      if (r % 2 === 0) {
        await runBackup(r);
        await runCopy(r);
      } else {
        await runCopy(r);
        await runBackup(r);
      }
      log(`[bench]   round ${r + 1}: backup+verify ${Math.round(backups[r] ?? 0)} ms, plain copy ${Math.round(copies[r] ?? 0)} ms`);
    }
    return {
      backup_library_mb: round(bytes / 1024 / 1024, 0),
      backup_verify_ms: round(median(backups), 0),
      backup_plain_copy_ms: round(median(copies), 0),
      backup_verify_ratio_vs_copy: round(median(backups) / median(copies)),
    };
  } finally {
    services.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
