/**
 * The library's filter, status counts, retention dates and tag rules as pure functions: the
 * Node side (status counts, the Retention screen) and the window (the filter bar) agree by using
 * the same code. Dates are ISO days (YYYY-MM-DD), compared as text.
 */
import { RETENTION_DUE_DAYS, type LibraryFilter, type StatusCounts } from '../domain/library';
import { SESSION_STATUSES, type Session } from '../domain/session';

/** The local calendar day of `now` as YYYY-MM-DD. */
export function localIsoDate(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function parseDay(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

/** `iso` moved by whole days. */
export function addDays(iso: string, days: number): string {
  const d = parseDay(iso);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** `iso` moved by whole years; 29 February becomes 28 February in a year without it. */
export function addYears(iso: string, years: number): string {
  const d = parseDay(iso);
  const month = d.getUTCMonth();
  d.setUTCFullYear(d.getUTCFullYear() + years);
  if (d.getUTCMonth() !== month) d.setUTCDate(0);
  return d.toISOString().slice(0, 10);
}

export type RetentionState = 'none' | 'past' | 'due' | 'later';

/** Whether the session's retention date has passed, comes within `days` days, or is further off. */
export function retentionState(session: Pick<Session, 'retainUntil'>, today: string, days = RETENTION_DUE_DAYS): RetentionState {
  const until = session.retainUntil;
  if (!until) return 'none';
  if (until < today) return 'past';
  return until <= addDays(today, days) ? 'due' : 'later';
}

export function hasConsent(session: Pick<Session, 'consent'>): boolean {
  return session.consent !== null;
}

/** Lower case without accents, for matching words typed in a filter. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

const same = (a: string, b: string): boolean => foldText(a.trim()) === foldText(b.trim());

/**
 * Tags as stored: trimmed, inner runs of spaces made one, empty ones dropped, and a tag that differs
 * from an earlier one only in case dropped (the first spelling wins). Order is kept.
 */
export function normaliseTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const tag = raw.trim().replace(/\s+/g, ' ');
    const key = tag.toLocaleLowerCase();
    if (!tag || seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out;
}

/** Every word of `text` appears in the session's title, people, cohort, client pseudonym or tags. */
function matchesText(session: Session, text: string): boolean {
  const words = foldText(text).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = foldText([session.title, session.trainee, session.supervisor, session.cohort, session.clientPseudonym, ...session.tags].join(' '));
  return words.every((w) => haystack.includes(w));
}

/** True when the session matches every part of the filter that is given. */
export function matchesFilter(session: Session, filter: LibraryFilter, today: string): boolean {
  if (filter.text && !matchesText(session, filter.text)) return false;
  if (filter.trainee !== undefined && !same(session.trainee, filter.trainee)) return false;
  if (filter.supervisor !== undefined && !same(session.supervisor, filter.supervisor)) return false;
  if (filter.cohort !== undefined && !same(session.cohort, filter.cohort)) return false;
  if (filter.client !== undefined && !same(session.clientPseudonym, filter.client)) return false;
  if (filter.status !== undefined && session.status !== filter.status) return false;
  if (filter.tag !== undefined) {
    const tag = filter.tag;
    if (!session.tags.some((t) => same(t, tag))) return false;
  }
  if (filter.recordedFrom || filter.recordedTo) {
    if (!session.recordedAt) return false;
    if (filter.recordedFrom && session.recordedAt < filter.recordedFrom) return false;
    if (filter.recordedTo && session.recordedAt > filter.recordedTo) return false;
  }
  if (filter.noConsent && hasConsent(session)) return false;
  if (filter.retentionDue) {
    const state = retentionState(session, today);
    if (state !== 'past' && state !== 'due') return false;
  }
  return true;
}

export function filterLibrary<S extends Session>(sessions: readonly S[], filter: LibraryFilter, today: string): S[] {
  return sessions.filter((s) => matchesFilter(s, filter, today));
}

/** The filter without its empty parts (so "no filter" is `{}` and saved filters stay small). */
export function compactFilter(filter: LibraryFilter): LibraryFilter {
  const out: LibraryFilter = {};
  for (const [key, value] of Object.entries(filter) as [keyof LibraryFilter, LibraryFilter[keyof LibraryFilter]][]) {
    if (value === undefined || value === false || value === '' || value === null) continue;
    if (typeof value === 'string' && value.trim() === '') continue;
    (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

export function isEmptyFilter(filter: LibraryFilter): boolean {
  return Object.keys(compactFilter(filter)).length === 0;
}

/** How many sessions have each status (every status present, zero when none). */
export function countByStatus(sessions: readonly Pick<Session, 'status'>[]): StatusCounts {
  const byStatus = Object.fromEntries(SESSION_STATUSES.map((s) => [s, 0])) as StatusCounts['byStatus'];
  for (const s of sessions) byStatus[s.status] += 1;
  return { total: sessions.length, byStatus };
}
