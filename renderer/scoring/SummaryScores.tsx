/**
 * The MITI 4.2.1 summary scores, computed live from the behaviour annotations in the coded range and
 * the global ratings, each against its fair and good thresholds; and the behaviour counts behind them.
 */
import type { ReactNode } from 'react';
import { MITI_BEHAVIOURS, MITI_BEHAVIOUR_LABELS, type Annotation, type Code, type MitiBehaviour } from '../../shared/domain/annotation';
import type { Band, SessionReview, SummaryScores as Scores } from '../../shared/domain/review';
import { countBehaviours, summaryScores, type BehaviourCounts } from '../../shared/scoring/miti-metrics';
import { bandOf, MITI_THRESHOLDS, type ThresholdMetric } from '../../shared/scoring/thresholds';
import { AlertIcon, CheckIcon } from '../ui/icons';

/** MITI 4.2.1's own short names for the behaviour codes. */
const BEHAVIOUR_ABBREVIATIONS: Record<MitiBehaviour, string> = {
  'giving-information': 'GI',
  persuade: 'Persuade',
  'persuade-with-permission': 'PwP',
  question: 'Q',
  'simple-reflection': 'SR',
  'complex-reflection': 'CR',
  affirm: 'AF',
  'seeking-collaboration': 'Seek',
  'emphasizing-autonomy': 'Emphasize',
  confront: 'Confront',
};

export const BAND_LABELS: Record<Band, string> = { good: 'Good', fair: 'Fair', below: 'Below fair' };

export function BandMark({ band }: { band: Band }) {
  return (
    <span className={`band band-${band}`}>
      {band === 'good' ? <CheckIcon size={12} /> : band === 'fair' ? <FairIcon /> : <AlertIcon size={12} />}
      {BAND_LABELS[band]}
    </span>
  );
}

function FairIcon() {
  return (
    <svg width={12} height={12} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="8.5" fill="none" stroke="currentColor" strokeWidth="2.5" />
      <path d="M12 3.5a8.5 8.5 0 0 1 0 17z" fill="currentColor" />
    </svg>
  );
}

const ratio = (v: number) => v.toFixed(2);
const percent = (v: number) => `${Math.round(v * 100)} %`;
const mean = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));

interface Row {
  key: string;
  label: string;
  hint: string;
  value: number | null;
  format: (v: number) => string;
  metric: ThresholdMetric | null;
  /** Why there is no value yet. */
  missing: string;
}

export interface ComputedScores {
  counts: BehaviourCounts;
  scores: Scores;
}

/** Counts and scores, or the reason they cannot be computed. */
export function computeScores(annotations: readonly Annotation[], codes: readonly Code[], review: SessionReview): ComputedScores | { error: string } {
  try {
    const counts = countBehaviours(annotations, codes, review.codedRange);
    return { counts, scores: summaryScores(counts, review.globals) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

function rowsOf({ counts, scores }: ComputedScores): Row[] {
  const reflections = counts['simple-reflection'] + counts['complex-reflection'];
  return [
    {
      key: 'reflectionToQuestion',
      label: 'Reflection : question',
      hint: '(SR + CR) ÷ Q',
      value: scores.reflectionToQuestion,
      format: ratio,
      metric: 'reflectionToQuestion',
      missing: reflections > 0 ? 'No questions coded, so there is no ratio.' : 'No questions coded yet.',
    },
    {
      key: 'complexReflectionShare',
      label: 'Complex reflections',
      hint: 'CR ÷ (SR + CR)',
      value: scores.complexReflectionShare,
      format: percent,
      metric: 'complexReflectionShare',
      missing: 'No reflections coded yet.',
    },
    {
      key: 'technicalGlobal',
      label: 'Technical global',
      hint: 'mean of Cultivating Change Talk and Softening Sustain Talk',
      value: scores.technicalGlobal,
      format: mean,
      metric: 'technicalGlobal',
      missing: 'Rate Cultivating Change Talk and Softening Sustain Talk.',
    },
    {
      key: 'relationalGlobal',
      label: 'Relational global',
      hint: 'mean of Partnership and Empathy',
      value: scores.relationalGlobal,
      format: mean,
      metric: 'relationalGlobal',
      missing: 'Rate Partnership and Empathy.',
    },
    {
      key: 'miAdherent',
      label: 'MI-adherent',
      hint: 'AF + Seek + Emphasize · more is better',
      value: scores.miAdherent,
      format: String,
      metric: null,
      missing: '',
    },
    {
      key: 'miNonAdherent',
      label: 'MI-non-adherent',
      hint: 'Persuade + Confront · fewer is better',
      value: scores.miNonAdherent,
      format: String,
      metric: null,
      missing: '',
    },
  ];
}

function thresholdText(metric: ThresholdMetric | null, which: 'fair' | 'good', format: (v: number) => string): ReactNode {
  if (!metric) return <span className="muted">–</span>;
  return <>≥ {format(MITI_THRESHOLDS[metric][which])}</>;
}

export function SummaryScoresTable({ computed }: { computed: ComputedScores }) {
  const rows = rowsOf(computed);
  return (
    <table className="scores-table" data-testid="summary-scores">
      <thead>
        <tr>
          <th scope="col">Measure</th>
          <th scope="col" className="align-end">
            Score
          </th>
          <th scope="col" className="align-end">
            Fair
          </th>
          <th scope="col" className="align-end">
            Good
          </th>
          <th scope="col">Standing</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const band = row.metric ? bandOf(row.metric, row.value) : null;
          return (
            <tr key={row.key} data-testid={`score-${row.key}`}>
              <th scope="row">
                <span className="score-label">{row.label}</span>
                <span className="score-hint">{row.hint}</span>
                {row.value === null && <span className="score-missing">{row.missing}</span>}
              </th>
              <td className="align-end num score-value">{row.value === null ? <span aria-label="not computed">—</span> : row.format(row.value)}</td>
              <td className="align-end num score-threshold">{thresholdText(row.metric, 'fair', row.format)}</td>
              <td className="align-end num score-threshold">{thresholdText(row.metric, 'good', row.format)}</td>
              <td className="score-standing">
                {row.value === null ? (
                  <span className="score-none">Not yet</span>
                ) : band ? (
                  <BandMark band={band} />
                ) : (
                  <span className="score-none" title="MITI 4.2.1 sets no threshold for this count">
                    No threshold
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function BehaviourCountList({ counts }: { counts: BehaviourCounts }) {
  return (
    <dl className="behaviour-counts" aria-label="Behaviour counts">
      {MITI_BEHAVIOURS.map((b) => (
        <div key={b} className={`behaviour-count ${counts[b] === 0 ? 'is-zero' : ''}`} data-testid={`count-${b}`}>
          <dt title={MITI_BEHAVIOUR_LABELS[b]}>
            <span aria-hidden="true">{BEHAVIOUR_ABBREVIATIONS[b]}</span>
            <span className="visually-hidden">{MITI_BEHAVIOUR_LABELS[b]}</span>
          </dt>
          <dd className="num">{counts[b]}</dd>
        </div>
      ))}
    </dl>
  );
}
