/** File names from titles: "Session 3 — Dana" → "session-3-dana". */
import { kebabCase } from '../../../shared/codebook/codebook-file';

/** The kebab-case of a name for a file name, or `fallback` when nothing of it is left (a title of only symbols). */
export function fileSlug(name: string, fallback: string): string {
  // kebabCase answers "code" for an empty result; a leading word tells that case apart.
  const slug = kebabCase(`x ${name}`).replace(/^x-?/, '');
  return slug || fallback;
}
