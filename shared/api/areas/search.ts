/** The search area's calls and events. */
import type { z } from 'zod';

export const searchCalls = {
  // Add calls here.
} satisfies Record<string, { input: z.ZodType; output: unknown }>;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SearchEvents {}
export const SEARCH_EVENT_NAMES: readonly (keyof SearchEvents)[] = [];
