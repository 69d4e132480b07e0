/** The session object the command line prints with --json: flat, with durations in seconds. */
import type { Session } from '../../shared/domain/session';
import type { SummaryScores } from '../../shared/domain/review';

export interface SessionJson {
  id: string;
  title: string;
  trainee: string;
  supervisor: string;
  recordedAt: string | null;
  notes: string;
  status: Session['status'];
  duration: number;
  channels: number;
  sampleRate: number;
  hasVideo: boolean;
  container: string;
  audioCodec: string;
  videoCodec: string | null;
  originalName: string;
  sha256: string;
  sizeBytes: number;
  createdAt: string;
  updatedAt: string;
}

export function sessionJson(s: Session): SessionJson {
  return {
    id: s.id,
    title: s.title,
    trainee: s.trainee,
    supervisor: s.supervisor,
    recordedAt: s.recordedAt,
    notes: s.notes,
    status: s.status,
    duration: s.media.duration,
    channels: s.media.channels,
    sampleRate: s.media.sampleRate,
    hasVideo: s.media.hasVideo,
    container: s.media.container,
    audioCodec: s.media.audioCodec,
    videoCodec: s.media.videoCodec,
    originalName: s.media.originalName,
    sha256: s.media.sha256,
    sizeBytes: s.media.sizeBytes,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}

/** `attune show --json`: the session, how many annotations it has, and its MITI summary scores. */
export interface SessionDetailJson extends SessionJson {
  annotationCount: number;
  scores: SummaryScores;
}

export function sessionDetailJson(s: Session, annotationCount: number, scores: SummaryScores): SessionDetailJson {
  const { reflectionToQuestion, complexReflectionShare, miAdherent, miNonAdherent, technicalGlobal, relationalGlobal, globals } = scores;
  return {
    ...sessionJson(s),
    annotationCount,
    scores: { reflectionToQuestion, complexReflectionShare, miAdherent, miNonAdherent, technicalGlobal, relationalGlobal, globals: { ...globals } },
  };
}
