/** The archive area's handlers (calls declared in shared/api/areas/archive.ts). */
import type { archiveCalls } from '../../../shared/api/areas/archive';
import type { HandlerGroup } from '../handlers';

export const archiveHandlers: HandlerGroup<keyof typeof archiveCalls> = {};
