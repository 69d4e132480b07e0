/**
 * The library's calls: session fields (trainee, cohort, client pseudonym, tags, consent, retention),
 * saved filters, status counts, the Retention screen and deletion with its log.
 */
import { z } from 'zod';
import type { DeletionLogEntry, DeletionOutcome, RetentionOverview, SavedFilter, StatusCounts } from '../../domain/library';
import { MAX_TAGS } from '../../domain/library';
import { CONSENT_SCOPES, SESSION_STATUSES } from '../../domain/session';
import { call, empty, id, isoDate, shortText } from '../schema-parts';

export const sessionPatchSchema = z
  .object({
    title: shortText('The title').trim().min(1, 'The title cannot be empty.').optional(),
    trainee: shortText('The trainee name').trim().optional(),
    supervisor: shortText('The supervisor name').trim().optional(),
    recordedAt: isoDate.nullable().optional(),
    notes: z.string().max(20000, 'Notes are too long (at most 20,000 characters).').optional(),
    status: z.enum(SESSION_STATUSES).optional(),
    cohort: shortText('The cohort or course').trim().optional(),
    clientPseudonym: shortText('The client pseudonym', 80).trim().optional(),
    tags: z.array(shortText('A tag', 60).trim().min(1, 'A tag cannot be empty.')).max(MAX_TAGS, `A session can carry at most ${MAX_TAGS} tags.`).optional(),
    consent: z
      .object({
        date: isoDate,
        scope: z.enum(CONSENT_SCOPES, { message: 'The consent scope must be supervision only, teaching or research.' }),
        recordedBy: shortText('The name of who recorded consent').trim().min(1, 'Say who recorded the consent.'),
      })
      .strict()
      .nullable()
      .optional(),
    retainUntil: isoDate.nullable().optional(),
  })
  .strict();

const filterText = (label: string) => shortText(label, 200).trim().min(1, `${label} cannot be empty in a filter.`).optional();

/** A library filter (shared/domain/library.ts LibraryFilter), as the filter bar makes it or a saved filter holds it. */
export const libraryFilterSchema = z
  .object({
    text: shortText('The filter text', 200).optional(),
    trainee: filterText('The trainee'),
    supervisor: filterText('The supervisor'),
    cohort: filterText('The cohort'),
    client: filterText('The client pseudonym'),
    status: z.enum(SESSION_STATUSES, { message: 'Unknown status.' }).optional(),
    tag: filterText('The tag'),
    recordedFrom: isoDate.optional(),
    recordedTo: isoDate.optional(),
    noConsent: z.boolean().optional(),
    retentionDue: z.boolean().optional(),
  })
  .strict()
  .refine((f) => !f.recordedFrom || !f.recordedTo || f.recordedFrom <= f.recordedTo, {
    message: 'The “from” date must not be after the “to” date.',
    path: ['recordedTo'],
  });

const filterId = z.string().trim().min(1, 'A saved filter id is required.').max(100);
const sessionIds = z.array(id).min(1, 'Choose at least one session.').max(1000, 'Delete at most 1,000 sessions at once.');

export const libraryCalls = {
  /** How many sessions have each status, among those matching `filter` (its status part is ignored). */
  'library.statusCounts': call<StatusCounts>()(z.object({ filter: libraryFilterSchema.default({}) }).strict()),
  'library.savedFilters': call<SavedFilter[]>()(empty()),
  /** Saves a filter under a name; a filter already saved under that name (any case) is replaced. */
  'library.saveFilter': call<SavedFilter>()(
    z.object({ name: shortText('A filter name', 80).trim().min(1, 'Give the filter a name.'), filter: libraryFilterSchema }).strict(),
  ),
  'library.deleteFilter': call<{ deleted: true }>()(z.object({ id: filterId }).strict()),
  /** The Retention screen's lists, for this computer's date. */
  'retention.overview': call<RetentionOverview>()(empty()),
  /**
   * Deletes sessions for good, one after another: rows, recording (overwritten first), caches; one
   * log entry each. Refused as a whole when an id is unknown or a backup, restore or archive job
   * runs; after that, one outcome per id (a failure stops the rest, which are not tried).
   */
  'retention.delete': call<{ outcomes: DeletionOutcome[] }>()(z.object({ ids: sessionIds }).strict()),
  /** The deletion log, newest first. */
  'retention.log': call<DeletionLogEntry[]>()(empty()),
} satisfies Record<string, { input: z.ZodType; output: unknown }>;

export interface LibraryEvents {
  /** A saved filter was added, replaced or removed. */
  'library.filtersChanged': Record<string, never>;
}
export const LIBRARY_EVENT_NAMES: readonly (keyof LibraryEvents)[] = ['library.filtersChanged'];
