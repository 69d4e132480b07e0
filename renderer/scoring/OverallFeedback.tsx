/** Overall feedback for the trainee: strengths, growth areas, goals for the next session. Each saves itself as you type. */
import type { OverallFeedback as Feedback, SessionReview } from '../../shared/domain/review';
import { SavedTextarea } from '../session/Field';
import { plainMessage, type ReviewPatch } from './useReview';
import { useAutosave } from '../lib/autosave/useAutosave';

const FIELDS: [keyof Feedback, string, string][] = [
  ['strengths', 'Strengths', 'What the trainee did well, with moments to point to…'],
  ['growthAreas', 'Growth areas', 'What to work on, said so it can be practised…'],
  ['goals', 'Goals for the next session', 'One to three concrete goals…'],
];

export function OverallFeedback({ review, update }: { review: SessionReview; update(patch: ReviewPatch): Promise<void> }) {
  return (
    <div className="feedback-fields">
      {FIELDS.map(([key, label, placeholder]) => (
        <FeedbackField key={key} field={key} label={label} placeholder={placeholder} stored={review.feedback[key]} update={update} />
      ))}
    </div>
  );
}

function FeedbackField({ field, label, placeholder, stored, update }: { field: keyof Feedback; label: string; placeholder: string; stored: string; update(patch: ReviewPatch): Promise<void> }) {
  const text = useAutosave(stored, (value) => update({ feedback: { [field]: value } }), { describe: plainMessage });
  return <SavedTextarea label={label} text={text} className="input textarea feedback-textarea" placeholder={placeholder} testId={`feedback-${field}`} />;
}
