/** The library area's new handlers (calls declared in shared/api/areas/library.ts): saved filters, status counts, retention, deletion. */
import type { libraryCalls } from '../../../shared/api/areas/library';
import type { HandlerGroup } from '../handlers';

export const libraryAreaHandlers: HandlerGroup<keyof typeof libraryCalls> = {
  'library.statusCounts': ({ filter }, { services }) => services.library.statusCounts(filter),
  'library.savedFilters': (_input, { services }) => services.library.savedFilters(),
  'library.saveFilter': ({ name, filter }, { services }) => {
    const saved = services.library.saveFilter(name, filter);
    services.events.emit('library.filtersChanged', {});
    return saved;
  },
  'library.deleteFilter': ({ id }, { services }) => {
    services.library.deleteFilter(id);
    services.events.emit('library.filtersChanged', {});
    return { deleted: true } as const;
  },
  'retention.overview': (_input, { services }) => services.retention.overview(),
  'retention.delete': async ({ ids }, { services }) => ({ outcomes: await services.retention.deleteMany(ids) }),
  'retention.log': (_input, { services }) => services.retention.log(),
};
