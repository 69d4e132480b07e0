/**
 * `npm run bench` prints a table; `npm run bench -- --json` prints one JSON object. Every ratio is
 * measured side by side in this run, because absolute times on a shared machine are noisy.
 * `--only=import,open,library,transcribe,annotate,export,progress,backup,search` runs some of the sections.
 */
import fs from 'node:fs';
import { benchAnnotate } from './annotate';
import { benchExport } from './export';
import { benchImport } from './import-2h';
import { benchSearch } from './search';
import { benchDir, longRecording } from './support';
import { benchTranscribe } from './transcribe';
import { benchLibrary, benchOpenSession } from './ui';
import { benchProgress } from './progress';
import { benchBackup } from './backup';

const TARGETS: Record<string, string> = {
  import_2h_ratio_vs_ffmpeg: '≤ 1.3',
  import_2h_peak_rss_mb: '< 300',
  open_2h_session_ms: '< 500',
  library_1000_sessions_ms: '< 300',
  transcribe_overhead_ratio: '≤ 1.05',
  vad_speedup_ratio: '≥ 1.4',
  annotate_roundtrip_p95_ms: '< 30',
  session_5000_annotations_open_ms: '< 800',
  export_pdf_200_annotations_ms: '< 3000',
  package_with_clips_ratio_vs_ffmpeg: '≤ 1.2',
  search_p95_ms: '< 50',
  session_5000_list_scroll_p95_frame_ms: '≈ 16.7 (one frame at 60 Hz)',
  session_5000_zoomed_wave_scroll_p95_frame_ms: '≈ 16.7 (one frame at 60 Hz)',
  progress_page_ms: '< 400',
  backup_verify_ratio_vs_copy: '≤ 1.5',
};

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const log = (text: string): void => {
    process.stderr.write(`${text}\n`);
  };
  const onlyArg = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  const only = onlyArg ? new Set(onlyArg.split(',')) : null;
  const wanted = (section: string): boolean => only === null || only.has(section);
  const results: Record<string, number> = {};
  if (wanted('import')) {
    log('[bench] import of a 2-hour recording vs ffmpeg alone…');
    Object.assign(results, await benchImport());
  }
  if (wanted('open')) {
    log('[bench] opening a 2-hour session in browser mode…');
    const dir = benchDir('recording');
    try {
      Object.assign(results, await benchOpenSession(longRecording(dir, 7200)));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  if (wanted('library')) {
    log('[bench] library with 1,000 sessions…');
    Object.assign(results, await benchLibrary());
  }
  if (wanted('transcribe')) {
    log('[bench] transcription (random-weight tiny.en-sized model)…');
    Object.assign(results, await benchTranscribe(log));
  }

  if (wanted('annotate')) {
    log('[bench] annotating: hotkey round trip, and a 2-hour session with 5,000 annotations…');
    Object.assign(results, await benchAnnotate());
  }

  if (wanted('export')) {
    log('[bench] exports: a 200-annotation PDF report, and a package with 50 clips vs ffmpeg alone…');
    Object.assign(results, await benchExport());
  }

  if (wanted('progress')) {
    log('[bench] progress page of a trainee with 40 sessions…');
    Object.assign(results, await benchProgress());
  }

  if (wanted('backup')) {
    log('[bench] backup + verification of a ~600 MB library vs a plain copy…');
    Object.assign(results, await benchBackup(log));
  }

  if (wanted('search')) {
    log('[bench] search: a library of 1,000 sessions (~6,000 words and 50 annotations each), indexed from scratch, then 100 searches…');
    Object.assign(results, await benchSearch(log));
  }

  if (json) {
    process.stdout.write(`${JSON.stringify(results)}\n`);
    return;
  }
  const width = Math.max(...Object.keys(results).map((key) => key.length));
  for (const [key, value] of Object.entries(results)) {
    process.stdout.write(`${key.padEnd(width)} ${String(value).padStart(10)}   ${TARGETS[key] ? `target ${TARGETS[key]}` : ''}\n`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
