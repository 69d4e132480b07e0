/** The progress area's calls and events. */
import type { z } from 'zod';

export const progressCalls = {
  // Add calls here.
} satisfies Record<string, { input: z.ZodType; output: unknown }>;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ProgressEvents {}
export const PROGRESS_EVENT_NAMES: readonly (keyof ProgressEvents)[] = [];
