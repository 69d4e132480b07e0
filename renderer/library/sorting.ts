/** Sorting and filtering of the session list. Pure, so it stays fast and testable with 1,000s of rows. */
import { SESSION_STATUSES, type Session } from '../../shared/domain/session';

export type SortKey = 'title' | 'trainee' | 'recordedAt' | 'duration' | 'status' | 'kind' | 'createdAt';
export type SortDirection = 'ascending' | 'descending';
export interface SortState {
  key: SortKey;
  direction: SortDirection;
}

/** First click on a column sorts the way people usually want that column. */
export const FIRST_DIRECTION: Record<SortKey, SortDirection> = {
  title: 'ascending',
  trainee: 'ascending',
  recordedAt: 'descending',
  duration: 'descending',
  status: 'ascending',
  kind: 'ascending',
  createdAt: 'descending',
};

export const DEFAULT_SORT: SortState = { key: 'createdAt', direction: 'descending' };

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const statusRank = new Map(SESSION_STATUSES.map((s, i) => [s, i]));

function compareBy(key: SortKey): (a: Session, b: Session) => number {
  switch (key) {
    case 'title':
      return (a, b) => collator.compare(a.title, b.title);
    case 'trainee':
      return (a, b) => collator.compare(a.trainee, b.trainee);
    case 'recordedAt':
      return (a, b) => (a.recordedAt ?? '').localeCompare(b.recordedAt ?? '');
    case 'duration':
      return (a, b) => a.media.duration - b.media.duration;
    case 'status':
      return (a, b) => (statusRank.get(a.status) ?? 0) - (statusRank.get(b.status) ?? 0);
    case 'kind':
      return (a, b) => Number(a.media.hasVideo) - Number(b.media.hasVideo);
    case 'createdAt':
      return (a, b) => a.createdAt.localeCompare(b.createdAt);
  }
}

/** Sorted copy. Empty values (no trainee, no date) always go last; ties fall back to newest first. */
export function sortSessions(sessions: readonly Session[], sort: SortState): Session[] {
  const compare = compareBy(sort.key);
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const isEmpty = (s: Session): boolean => (sort.key === 'trainee' ? s.trainee.trim() === '' : sort.key === 'recordedAt' ? !s.recordedAt : false);
  return [...sessions].sort((a, b) => {
    const ea = isEmpty(a);
    const eb = isEmpty(b);
    if (ea !== eb) return ea ? 1 : -1;
    return sign * compare(a, b) || b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id);
  });
}

/** Matches every word of the query against the title or trainee, ignoring case and accents. */
export function filterSessions(sessions: readonly Session[], query: string): readonly Session[] {
  const words = normalise(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return sessions;
  return sessions.filter((s) => {
    const haystack = normalise(`${s.title} ${s.trainee}`);
    return words.every((w) => haystack.includes(w));
  });
}

function normalise(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}
