/**
 * Transcripts in SQLite (tables `transcripts` and `segments`, schema v2): reading, the supervisor's
 * edits, subtitle import and "speaker by channel". Every write is one transaction; nothing here emits
 * events (the API handlers emit `transcript.changed`). Whisper jobs write the same tables.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { ApiError } from '../../../shared/api/errors';
import { decodePeaks, type DecodedPeaks } from '../../../shared/media/peaks-format';
import type { Session } from '../../../shared/domain/session';
import {
  DEFAULT_SPEAKER_NAMES,
  type SpeakerRole,
  type Transcript,
  type TranscriptSegment,
  type TranscriptSource,
} from '../../../shared/domain/transcript';
import {
  detectSubtitleFormat,
  MAX_SPEAKER_NAME,
  parseSubtitles,
  SubtitleParseError,
  type ParsedCue,
} from '../../../shared/subtitles';
import { formatClock } from '../../../shared/util/format';
import type { DataPaths } from '../data-paths';
import type { SessionStore } from '../store/session-store';

interface TranscriptRow {
  session_id: string;
  source: TranscriptSource | null;
  origin: string | null;
  language: string | null;
  counselor_name: string;
  client_name: string;
  other_name: string;
  speech_json: string | null;
  covered_until: number | null;
}

interface SegmentRow {
  id: string;
  session_id: string;
  start: number;
  end: number;
  speaker: SpeakerRole | null;
  text: string;
  original_text: string;
  edited: 0 | 1;
}

const NAME_COLUMNS: Record<SpeakerRole, 'counselor_name' | 'client_name' | 'other_name'> = {
  counselor: 'counselor_name',
  client: 'client_name',
  other: 'other_name',
};

/** How far past the recording's end an imported cue may run (rounding in other tools). */
export const IMPORT_END_TOLERANCE_S = 0.5;

const toSegment = (r: SegmentRow): TranscriptSegment => ({
  id: r.id,
  sessionId: r.session_id,
  start: r.start,
  end: r.end,
  speaker: r.speaker,
  text: r.text,
  originalText: r.original_text,
  edited: r.edited === 1,
});

function parseSpeech(json: string | null): { start: number; end: number }[] | null {
  if (json === null) return null;
  try {
    const value: unknown = JSON.parse(json);
    if (!Array.isArray(value)) return null;
    return value
      .filter((p): p is [number, number] => Array.isArray(p) && typeof p[0] === 'number' && typeof p[1] === 'number')
      .map(([start, end]) => ({ start, end }));
  } catch {
    return null;
  }
}

/** Joins two pieces of text with one space, leaving out empty ones. */
const joinText = (a: string, b: string): string => [a.trim(), b.trim()].filter(Boolean).join(' ');

/** Where to cut `original` to match a cut of the corrected text at `offset` of `length`: the space nearest the same proportion. */
function proportionalCut(original: string, offset: number, length: number): number {
  if (length === 0) return 0;
  const target = Math.round((offset / length) * original.length);
  if (target <= 0 || target >= original.length) return Math.max(0, Math.min(original.length, target));
  for (let d = 0; d <= original.length; d++) {
    if (original[target - d] === ' ') return target - d;
    if (original[target + d] === ' ') return target + d;
  }
  // One word: never cut inside it; it goes to the half that holds most of it.
  return target < original.length / 2 ? 0 : original.length;
}

export interface ImportedSubtitles {
  transcript: Transcript;
  source: 'vtt' | 'srt';
  /** The speaker names found in the file and the roles they were given, in order of appearance. */
  speakers: { name: string; role: SpeakerRole }[];
}

export class TranscriptStore {
  private readonly transcriptRow: Database.Statement<[string], TranscriptRow>;
  private readonly segmentsOf: Database.Statement<[string], SegmentRow>;
  private readonly segmentById: Database.Statement<[string], SegmentRow>;
  private readonly ensureRow: Database.Statement<[string, string]>;
  private readonly touchRow: Database.Statement<[string, string]>;
  private readonly insertSegment: Database.Statement<[string, string, number, number, SpeakerRole | null, string, string, number]>;
  private readonly setSpeaker: Database.Statement<[SpeakerRole | null, string]>;

  constructor(
    private readonly db: Database.Database,
    private readonly sessions: SessionStore,
    private readonly paths: DataPaths,
  ) {
    this.transcriptRow = db.prepare('SELECT * FROM transcripts WHERE session_id = ?');
    this.segmentsOf = db.prepare('SELECT * FROM segments WHERE session_id = ? ORDER BY start, end, rowid');
    this.segmentById = db.prepare(
      'SELECT g.* FROM segments g JOIN sessions s ON s.id = g.session_id WHERE g.id = ?',
    );
    this.ensureRow = db.prepare('INSERT INTO transcripts (session_id, updated_at) VALUES (?, ?) ON CONFLICT(session_id) DO NOTHING');
    this.touchRow = db.prepare('UPDATE transcripts SET updated_at = ? WHERE session_id = ?');
    this.insertSegment = db.prepare(
      'INSERT INTO segments (id, session_id, start, end, speaker, text, original_text, edited) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.setSpeaker = db.prepare('UPDATE segments SET speaker = ? WHERE id = ?');
  }

  /** The session's transcript; an empty one (source null, default names) when it has none. not_found when the session is gone. */
  get(sessionId: string): Transcript {
    this.sessions.get(sessionId);
    const row = this.transcriptRow.get(sessionId);
    return {
      sessionId,
      source: row?.source ?? null,
      origin: row?.origin ?? null,
      language: row?.language ?? null,
      speakerNames: row
        ? { counselor: row.counselor_name, client: row.client_name, other: row.other_name }
        : { ...DEFAULT_SPEAKER_NAMES },
      segments: this.segmentsOf.all(sessionId).map(toSegment),
      speech: parseSpeech(row?.speech_json ?? null),
      pending: row && row.covered_until !== null ? { coveredUntil: row.covered_until } : null,
    };
  }

  /** One segment; not_found when it (or its session) no longer exists. */
  segment(segmentId: string): TranscriptSegment {
    return toSegment(this.segmentRow(segmentId));
  }

  /**
   * Corrects a segment's text and/or sets its speaker. The engine's or file's text stays in
   * `originalText`; `edited` is true while the text differs from it (typing the original back clears it).
   */
  updateSegment(segmentId: string, patch: { text?: string; speaker?: SpeakerRole | null }): TranscriptSegment {
    this.db.transaction(() => {
      const seg = this.segmentRow(segmentId);
      this.sessions.editable(seg.session_id);
      if (patch.text !== undefined) {
        const text = patch.text.trim();
        this.db
          .prepare('UPDATE segments SET text = ?, edited = ? WHERE id = ?')
          .run(text, text === seg.original_text ? 0 : 1, segmentId);
      }
      if (patch.speaker !== undefined) this.setSpeaker.run(patch.speaker, segmentId);
      this.touch(seg.session_id);
    })();
    return this.segment(segmentId);
  }

  /**
   * Splits a segment at time `at` (strictly between its start and end) and its text at character
   * `textOffset`. The first half keeps the id; both keep the speaker and the edited state.
   */
  split(segmentId: string, at: number, textOffset: number): Transcript {
    const sessionId = this.db.transaction(() => {
      const seg = this.segmentRow(segmentId);
      this.sessions.editable(seg.session_id);
      if (!(at > seg.start && at < seg.end)) {
        throw new ApiError(
          'invalid_input',
          `Split inside the segment: pick a time after ${clockMs(seg.start)} and before ${clockMs(seg.end)}.`,
        );
      }
      if (textOffset > seg.text.length) {
        throw new ApiError('invalid_input', `The text can be cut at most after its last character (${seg.text.length}).`);
      }
      const first = seg.text.slice(0, textOffset).trim();
      const second = seg.text.slice(textOffset).trim();
      let firstOriginal = first;
      let secondOriginal = second;
      if (seg.edited === 1) {
        const cut = proportionalCut(seg.original_text, textOffset, seg.text.length);
        firstOriginal = seg.original_text.slice(0, cut).trim();
        secondOriginal = seg.original_text.slice(cut).trim();
      }
      this.db
        .prepare('UPDATE segments SET end = ?, text = ?, original_text = ? WHERE id = ?')
        .run(at, first, firstOriginal, segmentId);
      this.insertSegment.run(randomUUID(), seg.session_id, at, seg.end, seg.speaker, second, secondOriginal, seg.edited);
      this.touch(seg.session_id);
      return seg.session_id;
    })();
    return this.get(sessionId);
  }

  /**
   * Merges a segment with the next one in transcript order: the earlier start, the later end, texts
   * and original texts joined with a space, edited if either was, the first's speaker (or the
   * second's when the first has none). The first keeps its id.
   */
  mergeWithNext(segmentId: string): Transcript {
    const sessionId = this.db.transaction(() => {
      const seg = this.segmentRow(segmentId);
      this.sessions.editable(seg.session_id);
      const all = this.segmentsOf.all(seg.session_id);
      const index = all.findIndex((s) => s.id === segmentId);
      const next = all[index + 1];
      if (!next) throw new ApiError('invalid_input', 'That is the last segment; there is nothing after it to merge with.');
      this.db
        .prepare('UPDATE segments SET start = ?, end = ?, speaker = ?, text = ?, original_text = ?, edited = ? WHERE id = ?')
        .run(
          Math.min(seg.start, next.start),
          Math.max(seg.end, next.end),
          seg.speaker ?? next.speaker,
          joinText(seg.text, next.text),
          joinText(seg.original_text, next.original_text),
          seg.edited === 1 || next.edited === 1 ? 1 : 0,
          segmentId,
        );
      this.db.prepare('DELETE FROM segments WHERE id = ?').run(next.id);
      this.touch(seg.session_id);
      return seg.session_id;
    })();
    return this.get(sessionId);
  }

  /** Names a role for this session (e.g. counselor → "Dana"). */
  renameSpeaker(sessionId: string, role: SpeakerRole, name: string): Transcript {
    this.sessions.editable(sessionId);
    const trimmed = name.trim();
    if (!trimmed) throw new ApiError('invalid_input', 'A speaker needs a name.');
    if (trimmed.length > MAX_SPEAKER_NAME) {
      throw new ApiError('invalid_input', `The speaker name is too long (at most ${MAX_SPEAKER_NAME} characters).`);
    }
    this.db.transaction(() => {
      this.sessions.get(sessionId);
      this.ensureRow.run(sessionId, new Date().toISOString());
      this.db.prepare(`UPDATE transcripts SET ${NAME_COLUMNS[role]} = ? WHERE session_id = ?`).run(trimmed, sessionId);
      this.touch(sessionId);
    })();
    return this.get(sessionId);
  }

  /**
   * Replaces the session's transcript with a WebVTT or SRT file's cues, in one transaction; on any
   * error nothing is written. Speaker names in the file become roles in order of first appearance
   * (counselor, client, then other) and the session's names for those roles.
   */
  importSubtitles(sessionId: string, fileName: string, content: string): ImportedSubtitles {
    const session = this.sessions.editable(sessionId);
    const format = detectSubtitleFormat(fileName, content);
    if (!format) {
      throw new ApiError('invalid_input', `"${fileName}" is not a subtitle file Attune can read: use WebVTT (.vtt) or SRT (.srt).`);
    }
    let cues: ParsedCue[];
    try {
      cues = parseSubtitles(content, format);
    } catch (error) {
      if (error instanceof SubtitleParseError) {
        throw new ApiError('invalid_input', `${fileName}: ${error.message}`);
      }
      throw error;
    }
    if (cues.length === 0) throw new ApiError('invalid_input', `${fileName} holds no subtitles (no timed cues).`);
    const duration = session.media.duration;
    for (const cue of cues) {
      if (cue.end > duration + IMPORT_END_TOLERANCE_S) {
        throw new ApiError(
          'invalid_input',
          `${fileName}: Line ${cue.line}: the cue from ${clockMs(cue.start)} to ${clockMs(cue.end)} runs past the end of the recording (${clockMs(duration)}). Is this the transcript of another session?`,
        );
      }
    }

    const speakers: { name: string; role: SpeakerRole }[] = [];
    const roleOf = new Map<string, SpeakerRole>();
    for (const cue of cues) {
      if (cue.speaker === null) continue;
      const key = cue.speaker.toLocaleLowerCase();
      if (roleOf.has(key)) continue;
      const role: SpeakerRole = speakers.length === 0 ? 'counselor' : speakers.length === 1 ? 'client' : 'other';
      roleOf.set(key, role);
      speakers.push({ name: cue.speaker.slice(0, MAX_SPEAKER_NAME), role });
    }
    const others = speakers.filter((s) => s.role === 'other');

    this.db.transaction(() => {
      this.sessions.get(sessionId);
      const now = new Date().toISOString();
      this.ensureRow.run(sessionId, now);
      this.db
        .prepare(
          `UPDATE transcripts SET source = ?, origin = ?, language = NULL, job_model = NULL, job_language = NULL,
                  job_keep_corrections = 0, covered_until = NULL, updated_at = ? WHERE session_id = ?`,
        )
        .run(format, fileName, now, sessionId);
      for (const s of speakers) {
        if (s.role === 'other' && others.length !== 1) continue;
        this.db.prepare(`UPDATE transcripts SET ${NAME_COLUMNS[s.role]} = ? WHERE session_id = ?`).run(s.name, sessionId);
      }
      if (others.length > 1) {
        this.db.prepare('UPDATE transcripts SET other_name = ? WHERE session_id = ?').run(DEFAULT_SPEAKER_NAMES.other, sessionId);
      }
      this.db.prepare('DELETE FROM segments WHERE session_id = ?').run(sessionId);
      for (const cue of cues) {
        const end = Math.min(cue.end, duration);
        const start = Math.min(cue.start, end);
        const role = cue.speaker === null ? null : (roleOf.get(cue.speaker.toLocaleLowerCase()) ?? null);
        this.insertSegment.run(randomUUID(), sessionId, start, end, role, cue.text, cue.text, 0);
      }
    })();
    return { transcript: this.get(sessionId), source: format, speakers };
  }

  /**
   * Stereo recordings only: each segment's speaker becomes the role of the channel with more energy
   * over the segment's time span (from the stored waveform peaks). `leftIs` is the left channel's
   * role; the right channel is the other of counselor/client. A segment where both channels are
   * equally loud (silence) keeps its speaker.
   */
  speakerByChannel(sessionId: string, leftIs: 'counselor' | 'client' = 'counselor'): Transcript {
    const session = this.sessions.editable(sessionId);
    if (session.media.channels !== 2) {
      throw new ApiError(
        'invalid_input',
        session.media.channels === 1
          ? 'Speaker by channel needs a stereo recording, and this one is mono.'
          : `Speaker by channel needs a stereo recording, and this one has ${session.media.channels} channels.`,
      );
    }
    const peaks = this.readPeaks(session);
    if (peaks.channels !== 2) {
      throw new ApiError('invalid_input', 'Speaker by channel needs a stereo recording, and the stored waveform of this one is mono.');
    }
    const rightIs: SpeakerRole = leftIs === 'counselor' ? 'client' : 'counselor';
    this.db.transaction(() => {
      this.sessions.get(sessionId);
      const segments = this.segmentsOf.all(sessionId);
      if (segments.length === 0) {
        throw new ApiError('invalid_input', 'This session has no transcript yet: transcribe it or import subtitles first.');
      }
      for (const seg of segments) {
        const left = channelEnergy(peaks, 0, seg.start, seg.end);
        const right = channelEnergy(peaks, 1, seg.start, seg.end);
        if (left === right) continue;
        const role = left > right ? leftIs : rightIs;
        if (role !== seg.speaker) this.setSpeaker.run(role, seg.id);
      }
      this.touch(sessionId);
    })();
    return this.get(sessionId);
  }

  private readPeaks(session: Session): DecodedPeaks {
    const file = path.join(this.paths.peaksDir, session.media.peaksFileName);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch {
      throw new ApiError('file_missing', 'The stored waveform of this recording is missing; import the recording again.');
    }
    try {
      return decodePeaks(bytes);
    } catch (error) {
      throw new ApiError('file_unreadable', `The stored waveform of this recording cannot be read (${error instanceof Error ? error.message : String(error)}).`);
    }
  }

  private segmentRow(segmentId: string): SegmentRow {
    const row = this.segmentById.get(segmentId);
    if (!row) throw new ApiError('not_found', 'That transcript segment no longer exists; the transcript may have been replaced.');
    return row;
  }

  private touch(sessionId: string): void {
    this.touchRow.run(new Date().toISOString(), sessionId);
  }
}

/**
 * A channel's energy over [start, end]: the sum over the peaks buckets of the squared peak-to-peak
 * amplitude. Squaring makes the channel the voice is on win clearly over crosstalk on the other one.
 */
export function channelEnergy(peaks: DecodedPeaks, channel: number, start: number, end: number): number {
  const min = peaks.min[channel];
  const max = peaks.max[channel];
  if (!min || !max) return 0;
  const from = Math.max(0, Math.floor(start * peaks.bucketsPerSecond));
  const to = Math.min(peaks.bucketCount, Math.max(from + 1, Math.ceil(end * peaks.bucketsPerSecond)));
  let sum = 0;
  for (let b = from; b < to; b++) {
    const span = (max[b] ?? 0) - (min[b] ?? 0);
    sum += span * span;
  }
  return sum;
}

/** `h:mm:ss.mmm` for messages. */
function clockMs(seconds: number): string {
  const total = Math.round(seconds * 1000);
  return `${formatClock(Math.floor(total / 1000))}.${String(total % 1000).padStart(3, '0')}`;
}
