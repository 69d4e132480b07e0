/**
 * Supervisor side: what the trainee sent back, shown beside the supervisor's own work.
 * `<AnnotationReply>` goes beside an annotation (their reply, and whether they read it);
 * `<ReflectionNote>` shows their overall reflection (e.g. in the Scores tab). Both are read-only and
 * render nothing when there is nothing to show. Data: `useReplies(sessionId)` and `replyFor`.
 */
import type { SessionReplies } from '../../shared/package/feedback-view';
import { formatTimestamp } from '../../shared/util/format';
import { CheckIcon } from '../ui/icons';
import type { AnnotationReplyData } from './reply-data';

function who(from: string | null | undefined): string {
  return from?.trim() || 'The trainee';
}

/** The trainee's reply to one annotation ("Trainee replied · date" and the text), or only "Read by the trainee". */
export function AnnotationReply({ reply, from }: { reply: AnnotationReplyData | undefined; from?: string | null }) {
  if (!reply) return null;
  const name = who(from);
  const text = reply.text.trim();
  return (
    <div className={`reply-note ${text ? '' : 'is-read-only'}`} data-testid="annotation-reply">
      <p className="reply-note-head">
        {text ? (
          <span className="reply-note-who">
            {name} replied{reply.repliedAt ? <span className="reply-note-date"> · {formatTimestamp(reply.repliedAt)}</span> : null}
          </span>
        ) : null}
        {reply.readAt && (
          <span className="reply-note-read" title={`Marked as read ${formatTimestamp(reply.readAt)}`} data-testid="annotation-reply-read">
            <CheckIcon size={11} /> Read by {from?.trim() ? name : 'the trainee'}
          </span>
        )}
      </p>
      {text && <p className="reply-note-text">{reply.text}</p>}
    </div>
  );
}

/** The trainee's overall reflection; without one, when their reply arrived. */
export function ReflectionNote({ replies }: { replies: SessionReplies | null }) {
  if (!replies || (!replies.reflection && !replies.mergedAt)) return null;
  const name = who(replies.from);
  if (!replies.reflection) {
    return (
      <p className="reply-note reflection-note is-read-only" data-testid="trainee-reflection">
        {name}’s reply arrived {formatTimestamp(replies.mergedAt as string)}, without an overall reflection.
      </p>
    );
  }
  return (
    <section className="reply-note reflection-note" data-testid="trainee-reflection" aria-label={`Reflection from ${name}`}>
      <p className="reply-note-head">
        <span className="reply-note-who">
          Reflection from {name}
          <span className="reply-note-date"> · {formatTimestamp(replies.reflection.writtenAt)}</span>
        </span>
      </p>
      <p className="reply-note-text">{replies.reflection.text}</p>
    </section>
  );
}
