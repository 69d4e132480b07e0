/** Whisper transcription jobs — TO BE WRITTEN (issue 3). */
import { ApiError } from '../../../shared/api/errors';
import type { HandlerGroup } from '../handlers';

const notYet = (): never => {
  throw new ApiError('unavailable', 'This part of Attune is not ready yet.');
};

export const transcriptionHandlers: HandlerGroup<'transcription.start' | 'transcription.cancel' | 'transcription.jobs'> = {
  'transcription.start': notYet,
  'transcription.cancel': notYet,
  'transcription.jobs': notYet,
};
