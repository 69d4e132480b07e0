/** The library area's new handlers (calls declared in shared/api/areas/library.ts): fields, saved filters, retention, deletion. */
import type { libraryCalls } from '../../../shared/api/areas/library';
import type { HandlerGroup } from '../handlers';

export const libraryAreaHandlers: HandlerGroup<keyof typeof libraryCalls> = {};
