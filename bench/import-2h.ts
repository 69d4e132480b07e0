/**
 * import_2h_ratio_vs_ffmpeg and import_2h_peak_rss_mb: a 2-hour AAC recording imported by Attune versus
 * ffmpeg alone decoding the same file to 16 kHz PCM, alternated in one run; memory also at 30 minutes to
 * show it is flat in the recording's length.
 */
import fs from 'node:fs';
import path from 'node:path';
import { benchDir, longRecording, median, repoRoot, round, timed, tools } from './support';

const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
const child = path.join(repoRoot, 'bench', 'import-child.ts');

async function importOnce(file: string): Promise<{ ms: number; maxRssMb: number }> {
  const dataDir = benchDir('import-data');
  try {
    const { stdout } = await timed(tsx, [child, file, dataDir]);
    return JSON.parse(stdout) as { ms: number; maxRssMb: number };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function ffmpegOnce(file: string, dir: string): Promise<number> {
  const out = path.join(dir, 'ffmpeg-only.pcm');
  const { ms } = await timed(tools.ffmpeg, ['-v', 'error', '-y', '-i', file, '-ac', '1', '-ar', '16000', '-f', 's16le', out]);
  fs.rmSync(out, { force: true });
  return ms;
}

export async function benchImport(rounds = 3): Promise<Record<string, number>> {
  const dir = benchDir('import');
  try {
    const twoHours = longRecording(dir, 7200);
    const halfHour = longRecording(dir, 1800);
    const ours: number[] = [];
    const theirs: number[] = [];
    const rss2h: number[] = [];
    for (let i = 0; i < rounds; i++) {
      theirs.push(await ffmpegOnce(twoHours, dir));
      const r = await importOnce(twoHours);
      ours.push(r.ms);
      rss2h.push(r.maxRssMb);
    }
    const rss30m = (await importOnce(halfHour)).maxRssMb;
    return {
      import_2h_ratio_vs_ffmpeg: round(median(ours) / median(theirs), 3),
      import_2h_ms: Math.round(median(ours)),
      ffmpeg_decode_2h_ms: Math.round(median(theirs)),
      import_2h_peak_rss_mb: round(Math.max(...rss2h), 1),
      import_30m_peak_rss_mb: round(rss30m, 1),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
