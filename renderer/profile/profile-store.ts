/**
 * The local profile (who is annotating, the pre-roll of one-key coding): loaded on first use, kept
 * fresh by `profile.changed`, and replaced by the answer of our own edits.
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { CallInput } from '../../shared/api/contract';
import type { Profile } from '../../shared/domain/annotation';
import { api } from '../api/client';
import { Observable } from '../lib/store';

export type ProfilePatch = CallInput<'profile.update'>;

const profile = new Observable<Profile | null>(null);
let started = false;
let listening = false;
let generation = 0;

function load(): void {
  const mine = ++generation;
  api.invoke('profile.get', {}).then(
    (value) => {
      if (mine === generation) profile.set(value);
    },
    () => {
      // Not fatal: the profile dialog says so, and the next `profile.changed` or edit fills it in.
      if (mine === generation) started = false;
    },
  );
}

/** Starts (once) loading the profile and listening for changes made in other windows. */
export function ensureProfileLoaded(): void {
  if (started) return;
  started = true;
  if (!listening) {
    listening = true;
    api.on('profile.changed', (value) => {
      generation++;
      profile.set(value);
    });
  }
  load();
}

/** The profile as last known (not a hook: safe in event handlers, e.g. for the author of a new annotation). */
export function currentProfile(): Profile | null {
  return profile.get();
}

/** Saves at once; resolves with the stored profile, rejects with the API's message. */
export async function updateProfile(patch: ProfilePatch): Promise<Profile> {
  const value = await api.invoke('profile.update', patch);
  generation++;
  profile.set(value);
  return value;
}

/** The local profile, or null while loading. */
export function useProfile(): Profile | null {
  useEffect(() => ensureProfileLoaded(), []);
  return useSyncExternalStore(profile.subscribe, profile.get);
}
