/** The local profile. A change emits `profile.changed` with the new profile. */
import type { HandlerGroup } from '../handlers';

export const profileHandlers: HandlerGroup<'profile.get' | 'profile.update'> = {
  'profile.get': (_input, { services }) => services.profile.get(),
  'profile.update': (patch, { services }) => {
    const profile = services.profile.update(patch);
    services.events.emit('profile.changed', profile);
    return profile;
  },
};
