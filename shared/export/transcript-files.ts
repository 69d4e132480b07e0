/** A session's transcript as subtitle and text files (WebVTT with `<v Name>` tags, SRT with `Name: ` prefixes, plain text). */
import type { Transcript } from '../domain/transcript';
import { serializePlainText, serializeSrt, serializeWebVtt, type Cue } from '../subtitles';

/** The transcript's segments as cues, each speaker by the session's name for the role. */
export function transcriptCues(transcript: Transcript): Cue[] {
  return transcript.segments.map((s) => ({
    start: s.start,
    end: s.end,
    speaker: s.speaker ? transcript.speakerNames[s.speaker] : null,
    text: s.text,
  }));
}

export type TranscriptTextFormat = 'vtt' | 'srt' | 'txt';

export function transcriptFile(transcript: Transcript, format: TranscriptTextFormat): string {
  const cues = transcriptCues(transcript);
  if (format === 'vtt') return serializeWebVtt(cues);
  if (format === 'srt') return serializeSrt(cues);
  return serializePlainText(cues);
}
