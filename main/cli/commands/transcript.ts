/**
 * `attune transcript <id> [--format json|vtt|srt|txt]` prints a transcript; `attune transcript import
 * <id> <file.vtt|srt>` replaces it with a subtitle file's cues (through the transcript store).
 */
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import type { Transcript } from '../../../shared/domain/transcript';
import { serializePlainText, serializeSrt, serializeWebVtt, type Cue } from '../../../shared/subtitles';
import { UsageError } from '../args';
import type { Command } from '../command';

const FORMATS = ['json', 'vtt', 'srt', 'txt'] as const;

/** JSON: start and end in seconds, the speaker's role and the session's name for it, the text. */
function segmentsJson(t: Transcript) {
  return t.segments.map((s) => ({
    start: s.start,
    end: s.end,
    speaker: s.speaker,
    speakerName: s.speaker ? t.speakerNames[s.speaker] : null,
    text: s.text,
    edited: s.edited,
  }));
}

export const transcriptCommand: Command = {
  usage: 'attune transcript <id> [--format json|vtt|srt|txt]  |  attune transcript import <id> <file.vtt|srt> [--json]',
  summary: 'Print a session’s transcript (JSON: segments with start and end in seconds, speaker, text), or import a WebVTT/SRT file as its transcript.',
  options: ['format'],
  flags: ['json'],
  async run(args, services, io) {
    const [first, ...rest] = args.positionals;
    if (first === 'import') {
      const [id, file, ...extra] = rest;
      if (!id || !file || extra.length > 0) throw new UsageError('Give a session id and one .vtt or .srt file.');
      const session = services.sessions.resolve(id);
      let content: string;
      try {
        content = fs.readFileSync(path.resolve(file), 'utf8');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new ApiError(code === 'ENOENT' ? 'file_missing' : 'file_unreadable', code === 'ENOENT' ? `${file} does not exist.` : `${file} cannot be read.`);
      }
      const result = services.transcripts.importSubtitles(session.id, path.basename(file), content);
      services.events.emit('transcript.changed', { sessionId: session.id });
      if (args.flags.has('json')) io.out(JSON.stringify(segmentsJson(result.transcript), null, 2));
      else {
        const speakers = result.speakers.length > 0 ? `; speakers: ${result.speakers.map((s) => `${s.name} → ${s.role}`).join(', ')}` : '';
        io.err(`Imported ${result.transcript.segments.length} segments from ${path.basename(file)} (${result.source === 'vtt' ? 'WebVTT' : 'SRT'}) into "${session.title}"${speakers}`);
      }
      return 0;
    }
    if (!first || rest.length > 0) throw new UsageError('Give exactly one session id.');
    const format = args.flags.has('json') ? 'json' : (args.options.get('format') ?? 'txt');
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format is one of ${FORMATS.join(', ')}.`);
    const session = services.sessions.resolve(first);
    const t = services.transcripts.get(session.id);
    const cues: Cue[] = t.segments.map((s) => ({ start: s.start, end: s.end, speaker: s.speaker ? t.speakerNames[s.speaker] : null, text: s.text }));
    if (format === 'json') io.out(JSON.stringify(segmentsJson(t), null, 2));
    else if (format === 'vtt') io.out(serializeWebVtt(cues).trimEnd());
    else if (format === 'srt') io.out(serializeSrt(cues).trimEnd());
    else io.out(serializePlainText(cues).trimEnd());
    return 0;
  },
};
