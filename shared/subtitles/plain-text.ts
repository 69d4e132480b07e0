/** A transcript as plain text, one cue a line: `[h:mm:ss] Name: text`. */
import { formatClock } from '../util/format';
import { normalizeText, type Cue } from './cue';

export function serializePlainText(cues: readonly Cue[]): string {
  return cues
    .map((cue) => {
      const speaker = cue.speaker ? `${normalizeText(cue.speaker)}: ` : '';
      return `[${formatClock(cue.start)}] ${speaker}${normalizeText(cue.text)}`.trimEnd();
    })
    .map((line) => `${line}\n`)
    .join('');
}
