/** Sorting and the quick filter of the session list. Pure, so it stays fast and testable with 1,000s of rows. */
import { SESSION_STATUSES, type Session } from '../../shared/domain/session';
import { matchesFilter } from '../../shared/library/library-filter';

export type SortKey = 'title' | 'trainee' | 'supervisor' | 'cohort' | 'client' | 'tags' | 'recordedAt' | 'duration' | 'status' | 'consent' | 'createdAt';
export type SortDirection = 'ascending' | 'descending';
export interface SortState {
  key: SortKey;
  direction: SortDirection;
}

/** First click on a column sorts the way people usually want that column. */
export const FIRST_DIRECTION: Record<SortKey, SortDirection> = {
  title: 'ascending',
  trainee: 'ascending',
  supervisor: 'ascending',
  cohort: 'ascending',
  client: 'ascending',
  tags: 'ascending',
  recordedAt: 'descending',
  duration: 'descending',
  status: 'ascending',
  consent: 'ascending',
  createdAt: 'descending',
};

export const DEFAULT_SORT: SortState = { key: 'createdAt', direction: 'descending' };

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const statusRank = new Map(SESSION_STATUSES.map((s, i) => [s, i]));
const byText = (get: (s: Session) => string) => (a: Session, b: Session) => collator.compare(get(a), get(b));

/** No consent first (what needs doing), then by scope. */
const consentRank = (s: Session): number => (s.consent === null ? 0 : { supervision: 1, teaching: 2, research: 3 }[s.consent.scope]);

function compareBy(key: SortKey): (a: Session, b: Session) => number {
  switch (key) {
    case 'title':
      return byText((s) => s.title);
    case 'trainee':
      return byText((s) => s.trainee);
    case 'supervisor':
      return byText((s) => s.supervisor);
    case 'cohort':
      return byText((s) => s.cohort);
    case 'client':
      return byText((s) => s.clientPseudonym);
    case 'tags':
      return byText((s) => s.tags.join(', '));
    case 'recordedAt':
      return (a, b) => (a.recordedAt ?? '').localeCompare(b.recordedAt ?? '');
    case 'duration':
      return (a, b) => a.media.duration - b.media.duration;
    case 'status':
      return (a, b) => (statusRank.get(a.status) ?? 0) - (statusRank.get(b.status) ?? 0);
    case 'consent':
      return (a, b) => consentRank(a) - consentRank(b);
    case 'createdAt':
      return (a, b) => a.createdAt.localeCompare(b.createdAt);
  }
}

/** Whether the sorted value is missing: those rows always go last, whichever way the column sorts. */
function emptyFor(key: SortKey): (s: Session) => boolean {
  switch (key) {
    case 'trainee':
      return (s) => s.trainee.trim() === '';
    case 'supervisor':
      return (s) => s.supervisor.trim() === '';
    case 'cohort':
      return (s) => s.cohort.trim() === '';
    case 'client':
      return (s) => s.clientPseudonym.trim() === '';
    case 'tags':
      return (s) => s.tags.length === 0;
    case 'recordedAt':
      return (s) => !s.recordedAt;
    default:
      return () => false;
  }
}

/** Sorted copy. Empty values (no trainee, no date) always go last; ties fall back to newest first. */
export function sortSessions(sessions: readonly Session[], sort: SortState): Session[] {
  const compare = compareBy(sort.key);
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const isEmpty = emptyFor(sort.key);
  return [...sessions].sort((a, b) => {
    const ea = isEmpty(a);
    const eb = isEmpty(b);
    if (ea !== eb) return ea ? 1 : -1;
    return sign * compare(a, b) || b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id);
  });
}

/** Matches every word of the query against the title, people, cohort, client pseudonym and tags, ignoring case and accents. */
export function filterSessions(sessions: readonly Session[], query: string): readonly Session[] {
  if (!query.trim()) return sessions;
  return sessions.filter((s) => matchesFilter(s, { text: query }, ''));
}
