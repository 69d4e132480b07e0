/**
 * The progress area's calls: the trainees, one trainee's measures across their sessions, the cohort
 * comparison, and the per-trainee progress report (PDF).
 */
import { z } from 'zod';
import type { CohortComparison, TraineeSeries, TraineeSummary } from '../../domain/progress';
import { call, empty, filePath, shortText } from '../schema-parts';

const trainee = shortText('The trainee name').trim().min(1, 'Choose a trainee.');

export const progressCalls = {
  /** Every trainee with sessions: name, cohorts, session count, latest session date. */
  'progress.trainees': call<TraineeSummary[]>()(empty()),
  /** One trainee's sessions, oldest first, with every measure (one call for the whole page). */
  'progress.series': call<TraineeSeries>()(z.object({ trainee }).strict()),
  /** Trainees compared on every measure (mean and latest); `cohort` null: everyone, '' the sessions without a cohort. */
  'progress.cohort': call<CohortComparison>()(z.object({ cohort: shortText('The cohort').trim().nullable() }).strict()),
  /** Where the trainee's progress report goes unless the user picks another place. */
  'progress.suggestReportPath': call<{ path: string; exists: boolean }>()(z.object({ trainee }).strict()),
  /** Writes the trainee's progress report as PDF to `outPath` (absolute). Refused with file_exists when the file is there and `overwrite` is false. */
  'progress.exportReport': call<{ path: string; bytes: number }>()(
    z.object({ trainee, outPath: filePath, overwrite: z.boolean().default(false) }).strict(),
  ),
} satisfies Record<string, { input: z.ZodType; output: unknown }>;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ProgressEvents {}
export const PROGRESS_EVENT_NAMES: readonly (keyof ProgressEvents)[] = [];
