/** Validates a call at the boundary, runs its handler, and turns any failure into a plain-words error. */
import type { z } from 'zod';
import { calls, isCallName, type CallName } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import type { CallResult } from '../../shared/api/wire';
import { handlers as defaultHandlers, type CallContext, type Handlers } from './handlers';

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      return `${where}${issue.message}`;
    })
    .join(' ');
}

export async function dispatch(
  name: unknown,
  input: unknown,
  ctx: CallContext,
  handlers: Handlers = defaultHandlers,
): Promise<CallResult> {
  if (!isCallName(name)) {
    return { ok: false, error: { code: 'invalid_input', message: `Attune does not know the request "${String(name).slice(0, 60)}".` } };
  }
  const parsed = calls[name].input.safeParse(input ?? {});
  if (!parsed.success) {
    return { ok: false, error: { code: 'invalid_input', message: describeIssues(parsed.error) } };
  }
  try {
    const handler = handlers[name] as (input: unknown, ctx: CallContext) => unknown;
    const value = await handler(parsed.data, ctx);
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: toErrorShape(name, error) };
  }
}

export function toErrorShape(name: CallName | string, error: unknown): { code: ApiError['code']; message: string } {
  if (error instanceof ApiError) return error.toJSON();
  console.error(`[api] ${name} failed:`, error);
  return { code: 'internal', message: 'Something went wrong inside Attune. Your data is unchanged; please try again.' };
}
