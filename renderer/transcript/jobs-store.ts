/**
 * Transcription jobs for the whole window: the queue as the Node side reports it (progress events),
 * plus the last outcome per session so the library and the session view can say how it ended.
 */
import { useSyncExternalStore } from 'react';
import type { TranscriptionJobState, TranscriptionOutcome } from '../../shared/domain/transcript';
import { api } from '../api/client';
import { Observable } from '../lib/store';
import { showError, showNotice } from '../ui/toasts';
import { pluralise } from '../../shared/util/format';

export interface JobsState {
  /** Queued or running jobs, by session id. */
  bySession: ReadonlyMap<string, TranscriptionJobState>;
  /** The last finished job's outcome, by session id (this window's lifetime only). */
  outcomes: ReadonlyMap<string, TranscriptionOutcome>;
}

const state = new Observable<JobsState>({ bySession: new Map(), outcomes: new Map() });

function setJob(job: TranscriptionJobState): void {
  state.update((s) => {
    const bySession = new Map(s.bySession);
    bySession.set(job.sessionId, job);
    const outcomes = new Map(s.outcomes);
    outcomes.delete(job.sessionId);
    return { bySession, outcomes };
  });
}

/** Records a job the window just started, before its first progress event arrives. */
export function noteQueued(jobIds: string[], sessionIds: string[], model: string): void {
  sessionIds.forEach((sessionId, i) => {
    const jobId = jobIds[i];
    if (jobId && !state.get().bySession.has(sessionId)) setJob({ jobId, sessionId, status: 'queued', model, percent: 0, etaSeconds: null });
  });
}

/** Session titles for the finished notices (set by whoever knows them). */
let titleOf: (sessionId: string) => string | null = () => null;
export function setSessionTitleLookup(fn: (sessionId: string) => string | null): void {
  titleOf = fn;
}

export function startTranscriptionSync(): () => void {
  void api.invoke('transcription.jobs', {}).then(
    (jobs) => jobs.forEach(setJob),
    () => undefined, // not available yet, or the service is down: the events will tell us
  );
  const offProgress = api.on('transcription.progress', setJob);
  const offFinished = api.on('transcription.finished', ({ sessionId, outcome }) => {
    state.update((s) => {
      const bySession = new Map(s.bySession);
      bySession.delete(sessionId);
      const outcomes = new Map(s.outcomes);
      outcomes.set(sessionId, outcome);
      return { bySession, outcomes };
    });
    const title = titleOf(sessionId);
    const what = title ? `“${title}”` : 'A session';
    if (outcome.kind === 'failed') showError(outcome.message, `${what} was not transcribed`);
    else if (outcome.kind === 'done') showNotice(`${what} was transcribed (${pluralise(outcome.segmentCount, 'segment', 'segments')}).`);
  });
  return () => {
    offProgress();
    offFinished();
  };
}

export function useJobs(): JobsState {
  return useSyncExternalStore(state.subscribe, state.get);
}

/** "about 3 min left", "less than a minute left", or "" when unknown. */
export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '';
  if (seconds < 60) return 'less than a minute left';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min left`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `about ${h} h ${m} min left`;
}
