/** Whisper transcription jobs. */
import type { HandlerGroup } from '../handlers';

export const transcriptionHandlers: HandlerGroup<'transcription.start' | 'transcription.cancel' | 'transcription.jobs'> = {
  'transcription.start': ({ sessionIds, modelId, language, keepCorrections }, { services }) => ({
    jobIds: services.transcriptions.start(sessionIds, { modelId, language, keepCorrections }),
  }),
  'transcription.cancel': ({ jobId }, { services }) => ({ cancelled: services.transcriptions.cancel(jobId) }),
  'transcription.jobs': (_input, { services }) => services.transcriptions.jobs(),
};
