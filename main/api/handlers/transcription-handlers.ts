/** Whisper transcription jobs. */
import type { HandlerGroup } from '../handlers';

export const transcriptionHandlers: HandlerGroup<'transcription.start' | 'transcription.cancel' | 'transcription.jobs'> = {
  'transcription.start': ({ sessionIds, modelId, language, keepCorrections }, { services }) => {
    // Received feedback keeps its supervisor's transcript.
    for (const id of sessionIds) services.sessions.editable(id);
    return { jobIds: services.transcriptions.start(sessionIds, { modelId, language, keepCorrections }) };
  },
  'transcription.cancel': ({ jobId }, { services }) => ({ cancelled: services.transcriptions.cancel(jobId) }),
  'transcription.jobs': (_input, { services }) => services.transcriptions.jobs(),
};
