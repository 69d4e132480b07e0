/** Transcript reading and editing. Every write answers the new state and emits `transcript.changed`. */
import type { Services } from '../../services/services';
import type { HandlerGroup } from '../handlers';

function changed<T>(services: Services, sessionId: string, result: T): T {
  services.events.emit('transcript.changed', { sessionId });
  return result;
}

export const transcriptHandlers: HandlerGroup<
  | 'transcript.get'
  | 'transcript.updateSegment'
  | 'transcript.splitSegment'
  | 'transcript.mergeWithNext'
  | 'transcript.renameSpeaker'
  | 'transcript.speakerByChannel'
  | 'transcript.importSubtitles'
> = {
  'transcript.get': ({ sessionId }, { services }) => services.transcripts.get(sessionId),
  'transcript.updateSegment': ({ segmentId, text, speaker }, { services }) => {
    const segment = services.transcripts.updateSegment(segmentId, { text, speaker });
    return changed(services, segment.sessionId, segment);
  },
  'transcript.splitSegment': ({ segmentId, at, textOffset }, { services }) => {
    const transcript = services.transcripts.split(segmentId, at, textOffset);
    return changed(services, transcript.sessionId, transcript);
  },
  'transcript.mergeWithNext': ({ segmentId }, { services }) => {
    const transcript = services.transcripts.mergeWithNext(segmentId);
    return changed(services, transcript.sessionId, transcript);
  },
  'transcript.renameSpeaker': ({ sessionId, role, name }, { services }) =>
    changed(services, sessionId, services.transcripts.renameSpeaker(sessionId, role, name)),
  'transcript.speakerByChannel': ({ sessionId, leftIs }, { services }) =>
    changed(services, sessionId, services.transcripts.speakerByChannel(sessionId, leftIs)),
  'transcript.importSubtitles': ({ sessionId, fileName, content }, { services }) => {
    // An imported file replaces the transcript: a Whisper job still writing to it stops first.
    for (const job of services.transcriptions.jobs()) if (job.sessionId === sessionId) services.transcriptions.cancel(job.jobId);
    return changed(services, sessionId, services.transcripts.importSubtitles(sessionId, fileName, content).transcript);
  },
};
