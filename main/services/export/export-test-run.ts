/** Test support: start an export through the service and wait for its outcome, collecting its progress events. */
import type { EventMap } from '../../../shared/api/contract';
import type { ExportOutcome } from '../../../shared/domain/export';
import type { Services } from '../services';
import type { ExportRequest } from './export-service';

export interface ExportRun {
  jobId: string;
  outcome: ExportOutcome;
  progress: EventMap['export.progress'][];
}

/** Resolves with the outcome of the job `start` begins (start is called while listening, so no event is missed). */
export async function waitForExport(services: Services, start: () => { jobId: string }): Promise<ExportRun> {
  const progress: EventMap['export.progress'][] = [];
  const finished = new Map<string, ExportOutcome>();
  let wake: (() => void) | null = null;
  const stop = services.events.subscribe((name, payload) => {
    if (name === 'export.progress') progress.push(payload as EventMap['export.progress']);
    if (name === 'export.finished') {
      const f = payload as EventMap['export.finished'];
      finished.set(f.jobId, f.outcome);
      wake?.();
    }
  });
  try {
    const { jobId } = start();
    while (!finished.has(jobId)) await new Promise<void>((resolve) => (wake = resolve));
    return { jobId, outcome: finished.get(jobId) as ExportOutcome, progress: progress.filter((p) => p.jobId === jobId) };
  } finally {
    stop();
  }
}

export function runExport(services: Services, request: Omit<ExportRequest, 'overwrite'> & { overwrite?: boolean }): Promise<ExportRun> {
  return waitForExport(services, () => services.exports.start({ overwrite: false, ...request }));
}
