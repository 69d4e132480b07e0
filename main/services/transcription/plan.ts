/** Which parts of a recording one run transcribes, and how engine timestamps map back to the recording. */
import type { TimeRange } from './worker-protocol';

/** Speech regions closer than this are transcribed as one (Whisper needs context; tiny gaps cost nothing). */
export const MERGE_GAP_SECONDS = 1.0;
/** Silence kept around each region so word edges are not cut. */
export const REGION_PAD_SECONDS = 0.2;
/** At most this much audio per engine call, so memory stays flat on long recordings. */
export const MAX_CALL_SECONDS = 20 * 60;

/** Pads, clamps, sorts and merges VAD regions. */
export function mergeRegions(regions: readonly TimeRange[], duration: number, gap = MERGE_GAP_SECONDS, pad = REGION_PAD_SECONDS): TimeRange[] {
  const sorted = regions
    .map((r) => ({ start: Math.max(0, r.start - pad), end: Math.min(duration, r.end + pad) }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start);
  const out: TimeRange[] = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (last && r.start - last.end < gap) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

/** The ranges still to transcribe: everything after `from`, or only the speech after it. */
export function piecesFrom(speech: readonly TimeRange[] | null, from: number, duration: number): TimeRange[] {
  if (!speech) return from < duration ? [{ start: from, end: duration }] : [];
  return speech.filter((r) => r.end > from).map((r) => ({ start: Math.max(r.start, from), end: r.end }));
}

/** One engine call: pieces of the recording laid end to end in one buffer. */
export interface Call {
  pieces: { start: number; end: number; at: number }[];
  seconds: number;
}

export function groupCalls(pieces: readonly TimeRange[], max = MAX_CALL_SECONDS): Call[] {
  const calls: Call[] = [];
  let current: Call = { pieces: [], seconds: 0 };
  const push = (start: number, end: number): void => {
    current.pieces.push({ start, end, at: current.seconds });
    current.seconds += end - start;
  };
  for (const p of pieces) {
    let start = p.start;
    while (start < p.end) {
      const room = max - current.seconds;
      if (room <= 0.5) {
        calls.push(current);
        current = { pieces: [], seconds: 0 };
        continue;
      }
      const end = Math.min(p.end, start + room);
      push(start, end);
      start = end;
    }
  }
  if (current.pieces.length > 0) calls.push(current);
  return calls;
}

/** A time in a call's buffer (seconds) → the recording's timeline. */
export function mapToRecording(call: Call, t: number): number {
  const pieces = call.pieces;
  for (const p of pieces) {
    if (t < p.at + (p.end - p.start)) return p.start + Math.max(0, t - p.at);
  }
  const last = pieces.at(-1);
  return last ? last.end : 0;
}

export function totalSeconds(ranges: readonly TimeRange[]): number {
  return ranges.reduce((sum, r) => sum + (r.end - r.start), 0);
}
