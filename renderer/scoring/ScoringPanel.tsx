/** STUB (to be implemented by the scoring helper): the Scores tab. */
import type { Annotation, Codebook } from '../../shared/domain/annotation';
import type { SessionReview } from '../../shared/domain/review';
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

export function ScoringPanel(props: ScoringPanelProps) {
  void props;
  return null;
}
