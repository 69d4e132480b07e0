/** Putting sessions in time order, and summing a trainee's sessions up for the cohort comparison. Pure. */
import { PROGRESS_MEASURES, type CohortTrainee, type MeasureValues, type ProgressPoint } from '../domain/progress';

/** Oldest first: by date (recording date, else import date), then by when they were added, then id. */
export function byTime<T extends { date: string; createdAt: string; id: string }>(a: T, b: T): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The ISO date a session is charted at: its recording date, else the day it was imported. */
export function sessionDate(recordedAt: string | null, createdAt: string): string {
  return recordedAt ?? createdAt.slice(0, 10);
}

function emptyValues(): MeasureValues {
  return Object.fromEntries(PROGRESS_MEASURES.map((m) => [m, null])) as MeasureValues;
}

/** One trainee's row: the mean of each measure over their sessions that have it, and the latest such value. Points in time order. */
export function summariseTrainee(trainee: string, points: readonly ProgressPoint[]): CohortTrainee {
  const mean = emptyValues();
  const latest = emptyValues();
  for (const m of PROGRESS_MEASURES) {
    let sum = 0;
    let n = 0;
    for (const p of points) {
      const v = p.values[m];
      if (v === null) continue;
      sum += v;
      n += 1;
      latest[m] = v;
    }
    mean[m] = n > 0 ? sum / n : null;
  }
  return { trainee, sessionCount: points.length, mean, latest, lastSessionDate: points.at(-1)?.date ?? '' };
}
