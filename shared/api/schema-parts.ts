/** Building blocks of the API contract: the call declarer and the schemas several areas share. */
import { z } from 'zod';

/** Declares a call: `call<Output>()(inputSchema)`. The output type is compile-time only. */
export function call<O>() {
  return <I extends z.ZodType>(input: I): { input: I; output: O } => ({ input, output: undefined as O });
}
export const empty = () => z.object({}).strict();

export const id = z.string().trim().min(1, 'A session id is required.').max(100);
export const shortText = (label: string, max = 200) => z.string().max(max, `${label} is too long (at most ${max} characters).`);
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Use a date like 2026-03-14.', abort: true })
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'That date does not exist.');
export const seconds = (label: string) =>
  z.number({ message: `${label} must be a number of seconds.` }).finite(`${label} must be a number of seconds.`).nonnegative(`${label} cannot be before the start of the recording.`);
/** A file or folder path on this computer. */
export const filePath = z.string().trim().min(1, 'A path is required.').max(4096, 'That path is too long.');
