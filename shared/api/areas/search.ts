/** The search area's calls and events: library-wide full-text search and what its filters offer. */
import { z } from 'zod';
import { SEARCH_MAX_LIMIT, SEARCH_QUERY_MAX, type SearchOptions, type SearchResults } from '../../domain/search';
import { call, empty, isoDate, shortText } from '../schema-parts';

/** A date filter; empty means none. */
const optionalDate = z.preprocess((v) => (v === '' ? undefined : v), isoDate.optional());

/** A search and its filters, as the app and `attune search` send it. Empty filters mean "any". */
export const searchRequestSchema = z
  .object({
    query: z.string({ message: 'Type something to search for.' }).max(SEARCH_QUERY_MAX, `A search can be at most ${SEARCH_QUERY_MAX} characters long; shorten it.`),
    trainee: shortText('The trainee name').trim().optional(),
    code: shortText('The code', 80).trim().optional(),
    from: optionalDate,
    to: optionalDate,
    speaker: shortText('The speaker', 80).trim().optional(),
    limit: z.number().int('The number of results is a whole number.').min(1, 'Ask for at least one result.').max(SEARCH_MAX_LIMIT, `Ask for at most ${SEARCH_MAX_LIMIT} results.`).optional(),
  })
  .strict()
  .refine((r) => !r.from || !r.to || r.from <= r.to, { message: 'The “from” date must not be after the “to” date.', path: ['to'] });

export const searchCalls = {
  /** The best hits (by relevance) for a search, and how many there are in all. */
  'search.query': call<SearchResults>()(searchRequestSchema),
  /** The trainees, codes and speaker names the filters can choose from. */
  'search.options': call<SearchOptions>()(empty()),
} satisfies Record<string, { input: z.ZodType; output: unknown }>;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SearchEvents {}
export const SEARCH_EVENT_NAMES: readonly (keyof SearchEvents)[] = [];
