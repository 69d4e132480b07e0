/** The progress area's handlers (calls declared in shared/api/areas/progress.ts). */
import type { progressCalls } from '../../../shared/api/areas/progress';
import type { HandlerGroup } from '../handlers';

export const progressHandlers: HandlerGroup<keyof typeof progressCalls> = {};
