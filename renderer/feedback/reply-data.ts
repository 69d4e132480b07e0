/** The supervisor's view of the trainee's answers (`replies.list`): pure lookups. */
import type { SessionReplies } from '../../shared/package/feedback-view';

export type AnnotationReplyData = SessionReplies['byAnnotation'][string];

/** The trainee's answer on one annotation, if any. */
export function replyFor(replies: SessionReplies | null, annotationId: string): AnnotationReplyData | undefined {
  return replies?.byAnnotation[annotationId];
}
