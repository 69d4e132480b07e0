/** STUB (the export helper replaces it): exports of a session. */
import { ApiError } from '../../../shared/api/errors';
import type { HandlerGroup } from '../handlers';

const notYet = (): never => {
  throw new ApiError('unavailable', 'Exporting is not available in this version yet.');
};

export const exportHandlers: HandlerGroup<'export.suggestPath' | 'export.start' | 'export.cancel' | 'export.jobs' | 'export.reveal'> = {
  'export.suggestPath': notYet,
  'export.start': notYet,
  'export.cancel': notYet,
  'export.jobs': () => [],
  'export.reveal': notYet,
};
