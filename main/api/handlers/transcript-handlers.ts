/** Transcript reading and editing — TO BE WRITTEN (issue 3). */
import { ApiError } from '../../../shared/api/errors';
import type { HandlerGroup } from '../handlers';

const notYet = (): never => {
  throw new ApiError('unavailable', 'This part of Attune is not ready yet.');
};

export const transcriptHandlers: HandlerGroup<'transcript.get' | 'transcript.updateSegment' | 'transcript.splitSegment' | 'transcript.mergeWithNext' | 'transcript.renameSpeaker' | 'transcript.speakerByChannel' | 'transcript.importSubtitles'> = {
  'transcript.get': notYet,
  'transcript.updateSegment': notYet,
  'transcript.splitSegment': notYet,
  'transcript.mergeWithNext': notYet,
  'transcript.renameSpeaker': notYet,
  'transcript.speakerByChannel': notYet,
  'transcript.importSubtitles': notYet,
};
