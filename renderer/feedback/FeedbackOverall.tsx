/**
 * The supervisor's overall feedback (strengths, growth areas, goals) and MITI scores, read-only,
 * and the trainee's own overall reflection (saved as they type).
 */
import { GLOBAL_RATINGS, GLOBAL_RATING_LABELS, type OverallFeedback } from '../../shared/domain/review';
import type { ReceivedFeedback } from '../../shared/package/feedback-view';
import { BehaviourCountList, computeScores, SummaryScoresTable } from '../scoring/SummaryScores';
import { useAutosave } from '../lib/autosave/useAutosave';
import { SavedTextarea } from '../session/Field';

const FEEDBACK_PARTS: [keyof OverallFeedback, string][] = [
  ['strengths', 'Strengths'],
  ['growthAreas', 'Growth areas'],
  ['goals', 'Goals for the next session'],
];

export function FeedbackOverall({ feedback, onReflect }: { feedback: ReceivedFeedback; onReflect(text: string): Promise<void> }) {
  const { review } = feedback;
  const written = FEEDBACK_PARTS.filter(([key]) => review.feedback[key].trim() !== '');
  return (
    <div className="fb-overall">
      <section className="fb-card" aria-labelledby="fb-overall-title" data-testid="feedback-overall">
        <h2 id="fb-overall-title">Overall feedback</h2>
        {written.length === 0 ? (
          <p className="muted">Your supervisor wrote no overall feedback.</p>
        ) : (
          written.map(([key, label]) => (
            <div key={key} className="fb-overall-part" data-testid={`feedback-overall-${key}`}>
              <h3>{label}</h3>
              <p className="fb-prose">{review.feedback[key]}</p>
            </div>
          ))
        )}
      </section>
      <FeedbackScores feedback={feedback} />
      <section className="fb-card" aria-labelledby="fb-reflection-title">
        <h2 id="fb-reflection-title">Your reflection</h2>
        <p className="muted fb-card-intro">What you take from this session and its feedback. It goes to your supervisor with your replies.</p>
        <Reflection stored={feedback.reflection.text} save={onReflect} />
      </section>
    </div>
  );
}

function FeedbackScores({ feedback }: { feedback: ReceivedFeedback }) {
  const { scores, review, annotations, codebook } = feedback;
  const computed = computeScores(annotations, codebook.codes, review);
  const counts = 'error' in computed ? null : computed.counts;
  const rated = GLOBAL_RATINGS.some((g) => scores.globals[g] !== null);
  const coded = counts !== null && Object.values(counts).some((n) => n > 0);
  const anyScore = rated || coded || scores.reflectionToQuestion !== null || scores.complexReflectionShare !== null;
  return (
    <section className="fb-card" aria-labelledby="fb-scores-title" data-testid="feedback-scores">
      <h2 id="fb-scores-title">Scores</h2>
      {!anyScore ? (
        <p className="muted">Your supervisor did not score this session with MITI.</p>
      ) : (
        <>
          <p className="muted fb-card-intro">MITI 4.2.1 summary scores, as your supervisor’s Attune computed them, against the fair and good thresholds.</p>
          {/* The supervisor's own figures; the counts behind them are recounted from the points. */}
          {counts && <SummaryScoresTable computed={{ counts, scores }} />}
          {rated && (
            <table className="scores-table fb-globals" data-testid="feedback-globals">
              <caption className="fb-table-caption">Global ratings (1–5)</caption>
              <tbody>
                {GLOBAL_RATINGS.map((g) => (
                  <tr key={g}>
                    <th scope="row">{GLOBAL_RATING_LABELS[g]}</th>
                    <td className="align-end num">{scores.globals[g] ?? <span className="muted">Not rated</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {counts && coded && <BehaviourCountList counts={counts} />}
        </>
      )}
    </section>
  );
}

function Reflection({ stored, save }: { stored: string; save(text: string): Promise<void> }) {
  const text = useAutosave(stored, save);
  return (
    <SavedTextarea
      label="Reflection"
      text={text}
      className="input textarea fb-reflection-input"
      placeholder="What went well, what you want to work on, questions for supervision…"
      rows={6}
      maxLength={20000}
      testId="feedback-reflection"
    />
  );
}
