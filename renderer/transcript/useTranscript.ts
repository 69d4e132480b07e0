/**
 * One session's transcript: fetched once, refreshed on `transcript.changed`, filled live by
 * `transcription.segments`, and patched locally by our own edits (the answer replaces the guess).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SpeakerRole, Transcript, TranscriptSegment } from '../../shared/domain/transcript';
import { ApiError } from '../../shared/api/errors';
import { api, errorMessage } from '../api/client';
import { showError } from '../ui/toasts';

export type TranscriptState =
  | { status: 'loading' }
  | { status: 'unavailable'; message: string }
  | { status: 'error'; message: string }
  | { status: 'ready'; transcript: Transcript };

/** Merges segments (new or replaced) into a sorted list by id, keeping start order. */
export function mergeSegments(current: readonly TranscriptSegment[], incoming: readonly TranscriptSegment[]): TranscriptSegment[] {
  if (incoming.length === 0) return [...current];
  const byId = new Map(current.map((s) => [s.id, s] as const));
  for (const s of incoming) byId.set(s.id, s);
  return [...byId.values()].sort((a, b) => a.start - b.start || a.end - b.end);
}

export interface TranscriptActions {
  reload(): void;
  updateText(segmentId: string, text: string): Promise<boolean>;
  setSpeaker(segmentId: string, speaker: SpeakerRole | null): Promise<boolean>;
  split(segmentId: string, at: number, textOffset: number): Promise<boolean>;
  mergeWithNext(segmentId: string): Promise<boolean>;
  renameSpeaker(role: SpeakerRole, name: string): Promise<boolean>;
  speakerByChannel(leftIs: 'counselor' | 'client'): Promise<boolean>;
  importSubtitles(fileName: string, content: string): Promise<string | null>;
}

export function useTranscript(sessionId: string): [TranscriptState, TranscriptActions] {
  const [state, setState] = useState<TranscriptState>({ status: 'loading' });
  const generation = useRef(0);
  const latest = useRef(state);
  useEffect(() => {
    latest.current = state;
  }, [state]);

  const load = useCallback(() => {
    const mine = ++generation.current;
    api.invoke('transcript.get', { sessionId }).then(
      (transcript) => {
        if (mine === generation.current) setState({ status: 'ready', transcript });
      },
      (error: unknown) => {
        if (mine !== generation.current) return;
        const message = errorMessage(error);
        setState((prev) =>
          prev.status === 'ready'
            ? prev
            : error instanceof ApiError && error.code === 'unavailable'
              ? { status: 'unavailable', message }
              : { status: 'error', message },
        );
      },
    );
  }, [sessionId]);

  useEffect(() => {
    load();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const offChanged = api.on('transcript.changed', (e) => {
      if (e.sessionId !== sessionId) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(load, 60);
    });
    const offSegments = api.on('transcription.segments', (e) => {
      if (e.sessionId !== sessionId) return;
      setState((prev) => {
        if (prev.status !== 'ready') return prev;
        const segments = mergeSegments(prev.transcript.segments, e.segments);
        const last = e.segments.at(-1);
        const pending = prev.transcript.pending && last ? { coveredUntil: Math.max(prev.transcript.pending.coveredUntil, last.end) } : prev.transcript.pending;
        return { status: 'ready', transcript: { ...prev.transcript, source: prev.transcript.source ?? 'whisper', segments, pending } };
      });
    });
    const offFinished = api.on('transcription.finished', (e) => {
      if (e.sessionId === sessionId) load();
    });
    const offProgress = api.on('transcription.progress', (e) => {
      // The first progress of a new job: fetch once, so a replaced transcript is cleared and `pending` is known.
      const current = latest.current;
      if (e.sessionId === sessionId && current.status === 'ready' && !current.transcript.pending) load();
    });
    return () => {
      if (timer) clearTimeout(timer);
      offChanged();
      offSegments();
      offFinished();
      offProgress();
    };
  }, [sessionId, load]);

  const replace = useCallback((transcript: Transcript) => {
    generation.current++;
    setState({ status: 'ready', transcript });
  }, []);

  const patchSegment = useCallback((segment: TranscriptSegment) => {
    setState((prev) =>
      prev.status === 'ready'
        ? { status: 'ready', transcript: { ...prev.transcript, segments: prev.transcript.segments.map((s) => (s.id === segment.id ? segment : s)) } }
        : prev,
    );
  }, []);

  const run = useCallback(
    async <T,>(what: string, fn: () => Promise<T>, onValue: (value: T) => void): Promise<boolean> => {
      try {
        onValue(await fn());
        return true;
      } catch (error) {
        showError(errorMessage(error), what);
        load();
        return false;
      }
    },
    [load],
  );

  const mapSegments = useCallback((fn: (s: TranscriptSegment) => TranscriptSegment) => {
    setState((prev) =>
      prev.status === 'ready' ? { status: 'ready', transcript: { ...prev.transcript, segments: prev.transcript.segments.map(fn) } } : prev,
    );
  }, []);

  const actions = useMemo<TranscriptActions>(
    () => ({
      reload: load,
      updateText: (segmentId, text) => {
        // Optimistic: the row shows the new text at once; the answer (or a reload on failure) settles it.
        mapSegments((s) => (s.id === segmentId ? { ...s, text, edited: s.edited || text !== s.originalText } : s));
        return run('The correction was not saved', () => api.invoke('transcript.updateSegment', { segmentId, text }), patchSegment);
      },
      setSpeaker: (segmentId, speaker) => {
        mapSegments((s) => (s.id === segmentId ? { ...s, speaker } : s));
        return run('The speaker was not changed', () => api.invoke('transcript.updateSegment', { segmentId, speaker }), patchSegment);
      },
      split: (segmentId, at, textOffset) =>
        run('The segment was not split', () => api.invoke('transcript.splitSegment', { segmentId, at, textOffset }), replace),
      mergeWithNext: (segmentId) => run('The segments were not merged', () => api.invoke('transcript.mergeWithNext', { segmentId }), replace),
      renameSpeaker: (role, name) =>
        run('The speaker was not renamed', () => api.invoke('transcript.renameSpeaker', { sessionId, role, name }), replace),
      speakerByChannel: (leftIs) =>
        run('Speakers were not set from the channels', () => api.invoke('transcript.speakerByChannel', { sessionId, leftIs }), replace),
      importSubtitles: async (fileName, content) => {
        try {
          replace(await api.invoke('transcript.importSubtitles', { sessionId, fileName, content }));
          return null;
        } catch (error) {
          return errorMessage(error);
        }
      },
    }),
    [sessionId, load, run, replace, patchSegment, mapSegments],
  );
  return [state, actions];
}
