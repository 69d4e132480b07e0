/** The search area's handlers (calls declared in shared/api/areas/search.ts). */
import type { searchCalls } from '../../../shared/api/areas/search';
import type { HandlerGroup } from '../handlers';

export const searchHandlers: HandlerGroup<keyof typeof searchCalls> = {
  'search.query': (request, { services }) => services.search.search(request),
  'search.options': (_input, { services }) => services.search.options(),
};
