/**
 * Short anchors for the MITI 4.2.1 global ratings (paraphrased from the MITI 4.2.1 coding manual,
 * Moyers, Manuel & Ernst 2014), one line per point of the 1–5 scale.
 */
import type { GlobalRating } from '../../shared/domain/review';

export const RATING_QUESTIONS: Record<GlobalRating, string> = {
  cultivatingChangeTalk: 'How much does the counselor encourage the client’s own language in favour of change?',
  softeningSustainTalk: 'How much does the counselor avoid focusing on the client’s reasons against change?',
  partnership: 'How much does the counselor share power and treat the client’s expertise as central?',
  empathy: 'How much does the counselor try to understand the client’s perspective?',
};

export const RATING_ANCHORS: Record<GlobalRating, readonly [string, string, string, string, string]> = {
  cultivatingChangeTalk: [
    'No explicit attention to, or preference for, the client’s change talk.',
    'Sporadic attention to change talk; often misses chances to encourage it.',
    'Often attends to change talk, but misses some chances to encourage it.',
    'Consistently attends to change talk and makes efforts to encourage it.',
    'Marked, consistent effort to deepen and strengthen the client’s change talk.',
  ],
  softeningSustainTalk: [
    'Consistently draws out or deepens the client’s arguments for the status quo.',
    'Usually chooses to explore or focus on sustain talk.',
    'Prefers sustain talk, with some moves away from it.',
    'Typically avoids emphasising the client’s sustain talk.',
    'Marked, consistent effort to lessen the depth and momentum of sustain talk.',
  ],
  partnership: [
    'Takes the expert role for most of the session; collaboration is absent.',
    'Responds only superficially to chances to collaborate.',
    'Includes the client’s goals, ideas and values, but lukewarmly or erratically.',
    'Fosters collaboration and shared power; the client’s input shapes the session.',
    'Actively fosters power sharing; the client’s input substantially shapes the session.',
  ],
  empathy: [
    'Little or no attention to the client’s perspective.',
    'Sporadic efforts to understand; understanding may be inaccurate.',
    'Actively tries to understand the client’s perspective, with modest success.',
    'Repeated, accurate efforts to understand, mostly of what is said explicitly.',
    'Deep understanding, including what the client means but has not yet said.',
  ],
};
