/**
 * The library's calls: session fields (trainee, cohort, client pseudonym, tags, consent, retention),
 * saved filters, status counts, the Retention screen and deletion with its log.
 */
import { z } from 'zod';
import { CONSENT_SCOPES, SESSION_STATUSES } from '../../domain/session';
import { isoDate, shortText } from '../schema-parts';

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
    tags: z.array(shortText('A tag', 60).trim().min(1, 'A tag cannot be empty.')).max(50, 'A session can carry at most 50 tags.').optional(),
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

export const libraryCalls = {
  // Owned by the library area; add calls here.
} satisfies Record<string, { input: z.ZodType; output: unknown }>;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface LibraryEvents {}
export const LIBRARY_EVENT_NAMES: readonly (keyof LibraryEvents)[] = [];
