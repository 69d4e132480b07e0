/**
 * The Scores tab: MITI 4.2.1 summary scores computed live from the annotations, the codebook and the
 * coded range; the global ratings with cited evidence; the phases and the helping-interview
 * checklist; and the overall feedback. Every control saves at once.
 */
import { startTransition, useCallback, useId, useMemo, useOptimistic } from 'react';
import type { Annotation, Codebook } from '../../shared/domain/annotation';
import type { SessionReview } from '../../shared/domain/review';
import { AlertIcon } from '../ui/icons';
import { CodebookChoice, CodedRange } from './CodingSettings';
import { GlobalRatings } from './GlobalRatings';
import { OverallFeedback } from './OverallFeedback';
import { PhasesChecklist } from './PhasesChecklist';
import { BehaviourCountList, computeScores, SummaryScoresTable } from './SummaryScores';
import { inCodedRange } from './time-ranges';
import { applyReviewPatch } from './review-patch';
import type { ReviewPatch } from './useReview';

export interface ScoringPanelProps {
  sessionId: string;
  duration: number;
  review: SessionReview | null;
  updateReview(patch: ReviewPatch): Promise<void>;
  annotations: readonly Annotation[];
  codebook: Codebook | null;
  /** The playhead now (for "set from playhead" buttons). */
  currentTime(): number;
  /** Select and seek to an annotation (evidence links). */
  onShowAnnotation(annotationId: string): void;
}

/**
 * The review as it will be once the saves under way land: a tick or a rating shows at once (so the
 * control and screen readers agree with the click) and goes back, with the error said, if refused.
 */
function useOptimisticReview(review: SessionReview | null, updateReview: (patch: ReviewPatch) => Promise<void>) {
  const [shown, addPatch] = useOptimistic(review, (current: SessionReview | null, patch: ReviewPatch) => (current ? applyReviewPatch(current, patch) : current));
  const update = useCallback(
    (patch: ReviewPatch) =>
      new Promise<void>((resolve, reject) => {
        startTransition(async () => {
          addPatch(patch);
          try {
            await updateReview(patch);
            resolve();
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
      }),
    [addPatch, updateReview],
  );
  return [shown, update] as const;
}

export function ScoringPanel({ duration, review: stored, updateReview: save, annotations, codebook, currentTime, onShowAnnotation }: ScoringPanelProps) {
  const [review, updateReview] = useOptimisticReview(stored, save);
  const codes = useMemo(() => new Map((codebook?.codes ?? []).map((c) => [c.id, c])), [codebook]);
  const computed = useMemo(() => (review && codebook ? computeScores(annotations, codebook.codes, review) : null), [annotations, codebook, review]);
  const counted = review ? annotations.filter((a) => inCodedRange(a.start, review.codedRange)).length : 0;
  const idBase = useId();

  if (!review) {
    return (
      <div className="scoring scoring-loading" aria-busy="true" data-testid="scoring-panel">
        <span className="skeleton skeleton-row" />
        <span className="skeleton skeleton-row" />
        <span className="skeleton skeleton-row" />
        <span className="visually-hidden" role="status">
          Loading the scores…
        </span>
      </div>
    );
  }

  const h = (id: string) => `${idBase}-${id}`;
  return (
    <div className="scoring" data-testid="scoring-panel">
      <section className="panel scoring-section" aria-labelledby={h('summary')}>
        <header className="panel-header">
          <h2 id={h('summary')}>Summary scores</h2>
          <span className="panel-header-note">MITI 4.2.1 · updates as you code</span>
        </header>
        <div className="scoring-body">
          {computed === null ? (
            <p className="muted" role="status">
              Loading the codebook…
            </p>
          ) : 'error' in computed ? (
            <p className="inline-alert" role="alert">
              <AlertIcon /> The scores cannot be computed yet ({computed.error}).
            </p>
          ) : (
            <>
              <SummaryScoresTable computed={computed} />
              <BehaviourCountList counts={computed.counts} />
            </>
          )}
          <p className="scoring-note">
            {review.codedRange ? 'Coded range only' : 'Whole recording'}: {counted.toLocaleString()} of {annotations.length.toLocaleString()} annotation
            {annotations.length === 1 ? '' : 's'} counted. A code counts when the codebook maps it to a MITI behaviour.
          </p>
        </div>
      </section>

      <section className="panel scoring-section" aria-labelledby={h('coding')}>
        <header className="panel-header">
          <h2 id={h('coding')}>Coding</h2>
        </header>
        <div className="scoring-body scoring-stack">
          <CodebookChoice review={review} update={updateReview} />
          <CodedRange review={review} update={updateReview} duration={duration} currentTime={currentTime} counted={counted} total={annotations.length} />
        </div>
      </section>

      <section className="panel scoring-section" aria-labelledby={h('globals')}>
        <header className="panel-header">
          <h2 id={h('globals')}>Global ratings</h2>
          <span className="panel-header-note">1 low – 5 high</span>
        </header>
        <div className="scoring-body">
          <GlobalRatings review={review} update={updateReview} annotations={annotations} codes={codes} onShowAnnotation={onShowAnnotation} />
        </div>
      </section>

      <section className="panel scoring-section" aria-labelledby={h('phases')}>
        <header className="panel-header">
          <h2 id={h('phases')}>Phases and checklist</h2>
          <span className="panel-header-note">Times as m:ss or h:mm:ss</span>
        </header>
        <div className="scoring-body">
          <PhasesChecklist review={review} update={updateReview} duration={duration} currentTime={currentTime} />
        </div>
      </section>

      <section className="panel scoring-section" aria-labelledby={h('feedback')}>
        <header className="panel-header">
          <h2 id={h('feedback')}>Overall feedback</h2>
          <span className="panel-header-note">Saves as you type</span>
        </header>
        <div className="scoring-body scoring-stack">
          <OverallFeedback review={review} update={updateReview} />
        </div>
      </section>
    </div>
  );
}
