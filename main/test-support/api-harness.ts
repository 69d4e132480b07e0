/** Test helpers for calls through `dispatch` and for the plain-words errors services throw. */
import { expect } from 'vitest';
import type { EventMap, EventName } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import { dispatch } from '../api/dispatch';
import type { CallContext } from '../api/handlers';
import type { Services } from '../services/services';

/** Asserts that `fn` throws an ApiError with this code and message (exact text, or a pattern). */
export function expectApiError(fn: () => unknown, code: ApiError['code'], message: string | RegExp): void {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ApiError);
  expect((thrown as ApiError).code).toBe(code);
  if (typeof message === 'string') expect((thrown as ApiError).message).toBe(message);
  else expect((thrown as ApiError).message).toMatch(message);
}

export interface DispatchHarness {
  ctx: CallContext;
  /** Every event emitted since the harness was made, in order. */
  events: [EventName, EventMap[EventName]][];
  /** Calls through dispatch and answers the value; a refusal fails the test with its code and message. */
  ok<T>(name: Parameters<typeof dispatch>[0], input: unknown): Promise<T>;
}

export function dispatchHarness(services: Services): DispatchHarness {
  const ctx: CallContext = { services, shell: 'browser', version: 't', mediaBase: 'http://x' };
  const events: [EventName, EventMap[EventName]][] = [];
  services.events.subscribe((name, payload) => events.push([name, payload]));
  return {
    ctx,
    events,
    async ok<T>(name: Parameters<typeof dispatch>[0], input: unknown): Promise<T> {
      const res = await dispatch(name, input, ctx);
      if (!res.ok) throw new Error(`${String(name)}: ${res.error.code}: ${res.error.message}`);
      return res.value as T;
    },
  };
}
