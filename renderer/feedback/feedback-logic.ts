/** Pure helpers of the trainee's Feedback view: progress, where a point plays from, the transcript lines of a moment. */
import type { Annotation } from '../../shared/domain/annotation';
import type { TranscriptSegment } from '../../shared/domain/transcript';
import type { ReceivedFeedback, TraineeResponse } from '../../shared/package/feedback-view';

/** Seconds played before a point, so the trainee hears what led up to it. */
export const FEEDBACK_PRE_ROLL = 3;

/** Most transcript lines shown under one point (the rest are in the transcript itself). */
export const MAX_MOMENT_LINES = 4;

export const NO_RESPONSE: TraineeResponse = { readAt: null, reply: '', repliedAt: null };

/** How many points are read, of how many. */
export function readProgress(annotations: readonly Pick<Annotation, 'id'>[], responses: Readonly<Record<string, TraineeResponse>>): { read: number; total: number } {
  let read = 0;
  for (const a of annotations) if (responses[a.id]?.readAt) read++;
  return { read, total: annotations.length };
}

/** "3 of 7 read", "All 7 read", "No points to read". */
export function progressText({ read, total }: { read: number; total: number }): string {
  if (total === 0) return 'No points to read';
  if (read >= total) return total === 1 ? 'The one point is read' : `All ${total} read`;
  return `${read} of ${total} read`;
}

/** Where "Play the moment" starts in the whole recording: a little before the point, never before 0. */
export function playFrom(annotation: Pick<Annotation, 'start'>, preRoll = FEEDBACK_PRE_ROLL): number {
  return Math.max(0, annotation.start - preRoll);
}

/**
 * The transcript lines a point is about: the segments it names, else those overlapping it (a moment
 * also takes in the pre-roll before it, what was just said). At most `max`, in time order.
 */
export function momentSegments(
  annotation: Pick<Annotation, 'start' | 'end' | 'segmentIds'>,
  segments: readonly TranscriptSegment[],
  max = MAX_MOMENT_LINES,
): TranscriptSegment[] {
  if (annotation.segmentIds.length > 0) {
    const wanted = new Set(annotation.segmentIds);
    const named = segments.filter((s) => wanted.has(s.id));
    if (named.length > 0) return named.slice(0, max);
  }
  const from = annotation.end === null ? annotation.start - FEEDBACK_PRE_ROLL : annotation.start;
  const to = annotation.end ?? annotation.start;
  const overlapping = segments.filter((s) => s.start <= to && s.end > from);
  // A moment names what was being said at it: keep the lines closest to it.
  return annotation.end === null ? overlapping.slice(-max) : overlapping.slice(0, max);
}

/** Index of the point after `id` in the list that is not read yet (wrapping), or -1. */
export function nextUnread(annotations: readonly Pick<Annotation, 'id'>[], responses: Readonly<Record<string, TraineeResponse>>, id: string | null): number {
  const n = annotations.length;
  const at = id === null ? -1 : annotations.findIndex((a) => a.id === id);
  for (let step = 1; step <= n; step++) {
    const i = (at + step + n) % n;
    if (!responses[annotations[i]!.id]?.readAt) return i;
  }
  return -1;
}

/**
 * A refetched Feedback view payload that keeps the previous objects where nothing changed, so a
 * read mark does not redraw the waveform's annotations or the transcript.
 */
export function shareUnchanged(prev: ReceivedFeedback | null, next: ReceivedFeedback): ReceivedFeedback {
  if (!prev || prev.packageId !== next.packageId || prev.session.id !== next.session.id) return next;
  const same = <T>(a: T, b: T): T => (JSON.stringify(a) === JSON.stringify(b) ? a : b);
  return {
    ...next,
    session: same(prev.session, next.session),
    media: same(prev.media, next.media),
    codebook: same(prev.codebook, next.codebook),
    annotations: same(prev.annotations, next.annotations),
    transcript: same(prev.transcript, next.transcript),
    review: same(prev.review, next.review),
    scores: same(prev.scores, next.scores),
    responses: same(prev.responses, next.responses),
    reflection: same(prev.reflection, next.reflection),
  };
}
