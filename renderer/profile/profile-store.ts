/** STUB (to be implemented by the profile helper): the local profile (author name, pre-roll). */
import type { Profile } from '../../shared/domain/annotation';

export function useProfile(): Profile | null {
  return null;
}
