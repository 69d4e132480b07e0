/** The four MITI 4.2.1 global ratings, 1–5, each a radio group with its anchors and the annotations cited as evidence. */
import { useId, useState } from 'react';
import type { Annotation, Code } from '../../shared/domain/annotation';
import { GLOBAL_RATINGS, GLOBAL_RATING_LABELS, type GlobalRating, type SessionReview } from '../../shared/domain/review';
import { EvidencePicker } from './EvidencePicker';
import { RATING_ANCHORS, RATING_QUESTIONS } from './rating-anchors';
import type { ReviewPatch } from './useReview';

interface GlobalRatingsProps {
  review: SessionReview;
  update(patch: ReviewPatch): Promise<void>;
  annotations: readonly Annotation[];
  codes: ReadonlyMap<string, Code>;
  onShowAnnotation(annotationId: string): void;
}

export function GlobalRatings({ review, update, annotations, codes, onShowAnnotation }: GlobalRatingsProps) {
  return (
    <div className="ratings">
      {GLOBAL_RATINGS.map((g) => (
        <RatingGroup
          key={g}
          rating={g}
          value={review.globals[g]}
          evidence={review.evidence[g]}
          update={update}
          annotations={annotations}
          codes={codes}
          onShowAnnotation={onShowAnnotation}
        />
      ))}
    </div>
  );
}

interface RatingGroupProps {
  rating: GlobalRating;
  value: number | null;
  evidence: readonly string[];
  update(patch: ReviewPatch): Promise<void>;
  annotations: readonly Annotation[];
  codes: ReadonlyMap<string, Code>;
  onShowAnnotation(annotationId: string): void;
}

function RatingGroup({ rating, value, evidence, update, annotations, codes, onShowAnnotation }: RatingGroupProps) {
  const name = useId();
  const label = GLOBAL_RATING_LABELS[rating];
  const anchors = RATING_ANCHORS[rating];
  // The anchor shown under the scale: the point under the pointer or focus, else the chosen one.
  const [hover, setHover] = useState<number | null>(null);
  const shownPoint = hover ?? value;
  const set = (next: number | null) => update({ globals: { [rating]: next } }).catch(() => undefined);
  return (
    <fieldset
      className="rating"
      data-testid={`rating-${rating}`}
      onKeyDown={(e) => {
        // Arrow keys move between the points; the review's seek keys must not take them.
        if (e.key.startsWith('Arrow')) e.stopPropagation();
      }}
    >
      <legend className="rating-head">
        <span className="rating-legend">{label}</span>
        <span className="rating-value num" aria-hidden="true">
          {value === null ? 'Not rated' : `${value} / 5`}
        </span>
      </legend>
      <p className="rating-question">{RATING_QUESTIONS[rating]}</p>
      <div className="rating-row">
        <div className="rating-scale" onPointerLeave={() => setHover(null)}>
          {anchors.map((anchor, i) => {
            const point = i + 1;
            return (
              <label key={point} className="rating-point" title={anchor} onPointerEnter={() => setHover(point)}>
                <input
                  type="radio"
                  name={name}
                  value={point}
                  checked={value === point}
                  onChange={() => void set(point)}
                  onFocus={() => setHover(point)}
                  onBlur={() => setHover(null)}
                />
                <span className="rating-point-face" aria-hidden="true">
                  {point}
                </span>
                <span className="visually-hidden">
                  {point}: {anchor}
                </span>
              </label>
            );
          })}
        </div>
        <button type="button" className="btn btn-small btn-quiet" onClick={() => void set(null)} disabled={value === null} aria-label={`Clear the ${label} rating`}>
          Clear
        </button>
      </div>
      <p className={`rating-anchor ${shownPoint === null ? 'is-empty' : ''}`} aria-hidden="true">
        {shownPoint === null ? null : (
          <>
            <strong className="num">{shownPoint}</strong> {anchors[shownPoint - 1]}
          </>
        )}
      </p>
      <EvidencePicker
        ratingLabel={label}
        cited={evidence}
        annotations={annotations}
        codes={codes}
        onChange={(ids) => update({ evidence: { [rating]: ids } })}
        onShow={onShowAnnotation}
      />
    </fieldset>
  );
}
