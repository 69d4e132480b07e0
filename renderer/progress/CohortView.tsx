/**
 * The cohort comparison: `#/cohort` every trainee, `#/cohort/<cohort>` the trainees of one cohort (only
 * that cohort's sessions count). One dot chart per measure: a row per trainee, the mean over their
 * sessions as a dot and their latest session as a ring, the MITI bands shaded. A row opens the
 * trainee's progress.
 */
import { useEffect, useId, useMemo, useRef, type RefObject } from 'react';
import { PROGRESS_MEASURES, type CohortComparison } from '../../shared/domain/progress';
import { cohortChart } from '../../shared/progress/chart-model';
import { pluralise } from '../../shared/util/format';
import { api } from '../api/client';
import { cohortHref, navigate, progressHref } from '../app/router';
import { ViewHeader } from '../ui/ViewHeader';
import { ViewMessage, ViewSkeleton } from '../ui/ViewMessage';
import { ChartCard } from './ChartCard';
import { pngFileName } from './chart-png';
import { useProgressData } from './useProgressData';

export function CohortView({ cohort }: { cohort: string | null }) {
  const state = useProgressData(`cohort:${cohort ?? ''}:${cohort === null}`, () => api.invoke('progress.cohort', { cohort }));
  const headingRef = useRef<HTMLHeadingElement>(null);
  const ready = state.status === 'ready';
  useEffect(() => {
    if (ready) headingRef.current?.focus({ preventScroll: true });
  }, [ready, cohort]);
  if (state.status === 'loading') return <ViewSkeleton className="progress" status="Loading the comparison…" />;
  if (state.status === 'error') {
    return <ViewMessage title={state.notFound ? 'Nobody in this cohort' : 'The comparison could not be shown'} message={state.message} backToLibrary />;
  }
  return <Comparison data={state.data} headingRef={headingRef} />;
}

function Comparison({ data, headingRef }: { data: CohortComparison; headingRef: RefObject<HTMLHeadingElement | null> }) {
  const pickerId = useId();
  const models = useMemo(() => PROGRESS_MEASURES.map((m) => cohortChart(m, data.trainees)), [data]);
  const named = data.cohorts.filter((c) => c !== '');
  const title = data.cohort === null ? 'All trainees' : data.cohort === '' ? 'No cohort' : data.cohort;
  return (
    <div className="progress">
      <ViewHeader
        headingRef={headingRef}
        title={title}
        back={{ href: progressHref(), label: 'Trainees' }}
        className="progress-header"
        subtitleClassName="progress-subtitle"
        subtitle={`${pluralise(data.trainees.length, 'trainee', 'trainees')} compared · dot: mean over their sessions · ring: their latest session`}
      >
        <div className="session-actions">
          <label className="field-label progress-picker-label" htmlFor={pickerId}>
            Cohort
          </label>
          <select id={pickerId} className="select select-compact" value={data.cohort ?? ''} onChange={(e) => navigate(cohortHref(e.target.value === '' ? null : e.target.value))} data-testid="cohort-picker">
            <option value="">All trainees</option>
            {named.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
      </ViewHeader>
      <div className="progress-body">
        <div className="progress-grid" data-testid="cohort-charts">
          {models.map((model) => (
            <ChartCard key={model.id} model={model} fileName={pngFileName(title, model.title)} />
          ))}
        </div>
      </div>
    </div>
  );
}
