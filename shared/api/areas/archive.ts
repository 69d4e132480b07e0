/** The archive area's calls and events. */
import type { z } from 'zod';

export const archiveCalls = {
  // Add calls here.
} satisfies Record<string, { input: z.ZodType; output: unknown }>;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ArchiveEvents {}
export const ARCHIVE_EVENT_NAMES: readonly (keyof ArchiveEvents)[] = [];
