/**
 * Trainee progress. `#/progress`: every trainee with sessions. `#/progress/<trainee>`: one chart per
 * measure across their sessions (small multiples, oldest left, MITI bands shaded), the growth-area
 * codes per session, and the progress report as PDF. A point opens its session.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { PROGRESS_MEASURES, type TraineeSeries, type TraineeSummary } from '../../shared/domain/progress';
import { longDate } from '../../shared/progress/chart-scale';
import { growthChart, lineChart } from '../../shared/progress/chart-model';
import { pluralise } from '../../shared/util/format';
import { api } from '../api/client';
import { cohortHref, libraryHref, progressHref } from '../app/router';
import { ArrowLeftIcon } from '../ui/icons';
import { ViewHeader } from '../ui/ViewHeader';
import { ViewMessage, ViewSkeleton } from '../ui/ViewMessage';
import { ChartCard } from './ChartCard';
import { pngFileName } from './chart-png';
import { ReportDialog } from './ReportDialog';
import { useProgressData } from './useProgressData';

export function ProgressView({ trainee }: { trainee: string | null }) {
  return trainee === null ? <TraineeList /> : <TraineeProgress key={trainee} trainee={trainee} />;
}

function useFocusHeading(ready: boolean) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (ready) ref.current?.focus({ preventScroll: true });
  }, [ready]);
  return ref;
}

function TraineeList() {
  const state = useProgressData('trainees', () => api.invoke('progress.trainees', {}));
  const headingRef = useFocusHeading(state.status === 'ready');
  if (state.status === 'loading') return <ViewSkeleton className="progress" status="Loading the trainees…" />;
  if (state.status === 'error') return <ViewMessage title="The trainees could not be shown" message={state.message} backToLibrary />;
  const trainees = state.data;
  return (
    <div className="progress">
      <header className="session-header progress-header">
        <div className="session-title">
          <h1 ref={headingRef} tabIndex={-1}>
            Trainee progress
          </h1>
          <p className="session-subtitle progress-subtitle">{pluralise(trainees.length, 'trainee', 'trainees')} with sessions in the library</p>
        </div>
        <div className="session-actions">
          <a className="btn btn-secondary" href={cohortHref()}>
            Compare trainees
          </a>
        </div>
      </header>
      {trainees.length === 0 ? (
        <div className="view-message">
          <h2>No trainees yet</h2>
          <p>Give sessions a trainee in their details, and their growth across sessions shows here.</p>
          <a className="btn btn-secondary" href={libraryHref}>
            <ArrowLeftIcon /> Go to the library
          </a>
        </div>
      ) : (
        <TraineeTable trainees={trainees} />
      )}
    </div>
  );
}

function TraineeTable({ trainees }: { trainees: TraineeSummary[] }) {
  return (
    <div className="progress-table-wrap">
      <table className="progress-table" data-testid="trainee-list">
        <thead>
          <tr>
            <th scope="col">Trainee</th>
            <th scope="col">Cohort</th>
            <th scope="col" className="num">
              Sessions
            </th>
            <th scope="col">Latest session</th>
          </tr>
        </thead>
        <tbody>
          {trainees.map((t) => (
            <tr key={t.name}>
              <th scope="row">
                <a href={progressHref(t.name)}>{t.name}</a>
              </th>
              <td>
                {t.cohorts.length === 0 ? (
                  <span className="muted">—</span>
                ) : (
                  t.cohorts.map((c, i) => (
                    <span key={c}>
                      {i > 0 && ', '}
                      <a href={cohortHref(c)}>{c}</a>
                    </span>
                  ))
                )}
              </td>
              <td className="num">{t.sessionCount}</td>
              <td>{longDate(t.lastSessionDate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TraineeProgress({ trainee }: { trainee: string }) {
  const state = useProgressData(`series:${trainee}`, () => api.invoke('progress.series', { trainee }));
  const headingRef = useFocusHeading(state.status === 'ready');
  const [reportOpen, setReportOpen] = useState(false);
  if (state.status === 'loading') return <ViewSkeleton className="progress" status={`Loading the progress of ${trainee}…`} />;
  if (state.status === 'error') {
    return <ViewMessage title={state.notFound ? 'No sessions of this trainee' : 'The progress could not be shown'} message={state.message} backToLibrary />;
  }
  const series = state.data;
  const first = series.points[0];
  const last = series.points.at(-1);
  return (
    <div className="progress">
      <ViewHeader
        headingRef={headingRef}
        title={series.trainee}
        back={{ href: progressHref(), label: 'Trainees' }}
        className="progress-header"
        subtitleClassName="progress-subtitle"
        subtitle={
          <>
            {pluralise(series.points.length, 'session', 'sessions')}
            {first && last && <> · {first.date === last.date ? longDate(first.date) : `${longDate(first.date)} – ${longDate(last.date)}`}</>}
            {series.cohorts.map((c) => (
              <span key={c}>
                {' · '}
                <a href={cohortHref(c)}>{c}</a>
              </span>
            ))}
          </>
        }
      >
        <div className="session-actions">
          <a className="btn btn-secondary" href={cohortHref(series.cohorts.length === 1 ? (series.cohorts[0] ?? null) : null)}>
            Compare with {series.cohorts.length === 1 ? 'cohort' : 'other trainees'}
          </a>
          <button type="button" className="btn btn-primary" onClick={() => setReportOpen(true)} data-testid="progress-report">
            Progress report (PDF)
          </button>
        </div>
      </ViewHeader>
      <ProgressCharts series={series} />
      <ReportDialog trainee={series.trainee} open={reportOpen} onClose={() => setReportOpen(false)} />
    </div>
  );
}

function ProgressCharts({ series }: { series: TraineeSeries }) {
  const models = useMemo(() => PROGRESS_MEASURES.map((m) => lineChart(m, series.points)), [series]);
  const growth = useMemo(() => growthChart(series.points, series.growthCodes), [series]);
  return (
    <div className="progress-body">
      <p className="progress-note">
        One point per session, oldest on the left; choose a point (or Tab to it and press Enter) to open that session. Shaded: the MITI 4.2.1 fair and good
        ranges where MITI sets them — the four global ratings use those of the technical and relational globals they make up.
      </p>
      <div className="progress-grid" data-testid="progress-charts" data-ready="true">
        {models.map((model) => (
          <ChartCard key={model.id} model={model} fileName={pngFileName(series.trainee, model.title)} />
        ))}
        <ChartCard model={growth} fileName={pngFileName(series.trainee, 'growth areas')} wide />
      </div>
    </div>
  );
}
