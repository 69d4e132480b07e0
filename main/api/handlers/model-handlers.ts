/** Whisper and VAD model files — TO BE WRITTEN (issue 3). */
import { ApiError } from '../../../shared/api/errors';
import type { HandlerGroup } from '../handlers';

const notYet = (): never => {
  throw new ApiError('unavailable', 'This part of Attune is not ready yet.');
};

export const modelHandlers: HandlerGroup<'models.list' | 'models.add' | 'models.setDefault' | 'models.delete' | 'models.download' | 'models.setThreads'> = {
  'models.list': notYet,
  'models.add': notYet,
  'models.setDefault': notYet,
  'models.delete': notYet,
  'models.download': notYet,
  'models.setThreads': notYet,
};
