/** The progress area's handlers (calls declared in shared/api/areas/progress.ts). */
import type { progressCalls } from '../../../shared/api/areas/progress';
import type { HandlerGroup } from '../handlers';

export const progressHandlers: HandlerGroup<keyof typeof progressCalls> = {
  'progress.trainees': (_input, { services }) => services.progress.trainees(),
  'progress.series': ({ trainee }, { services }) => services.progress.series(trainee),
  'progress.cohort': ({ cohort }, { services }) => services.progress.cohort(cohort),
  'progress.suggestReportPath': ({ trainee }, { services }) => services.progressReports.suggestPath(trainee),
  'progress.exportReport': ({ trainee, outPath, overwrite }, { services }) => services.progressReports.exportPdf(trainee, outPath, overwrite),
};
