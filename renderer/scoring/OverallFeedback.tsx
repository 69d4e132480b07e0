/** Overall feedback for the trainee: strengths, growth areas, goals for the next session. Each saves itself as you type. */
import type { OverallFeedback as Feedback, SessionReview } from '../../shared/domain/review';
import { Field } from '../session/Field';
import { plainMessage, type ReviewPatch } from './useReview';
import { useTextAutosave } from './useTextAutosave';

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
  const text = useTextAutosave(stored, (value) => update({ feedback: { [field]: value } }), { describe: plainMessage });
  return (
    <Field label={label} status={text.status}>
      {({ id, describedBy, invalid }) => (
        <textarea
          id={id}
          className="input textarea feedback-textarea"
          value={text.value}
          onChange={(e) => text.change(e.target.value)}
          onBlur={text.flush}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          placeholder={placeholder}
          spellCheck
          data-testid={`feedback-${field}`}
        />
      )}
    </Field>
  );
}
