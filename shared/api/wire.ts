/** Messages exchanged over a transport (WebSocket frames, IPC payloads). */
import type { ApiErrorShape } from './errors';

export interface CallMessage {
  t: 'call';
  id: number;
  name: string;
  input: unknown;
}

export type ResultMessage =
  | { t: 'result'; id: number; ok: true; value: unknown }
  | { t: 'result'; id: number; ok: false; error: ApiErrorShape };

export interface EventMessage {
  t: 'event';
  name: string;
  payload: unknown;
}

/** What a call answers before it is framed: either a value or an error. */
export type CallResult = { ok: true; value: unknown } | { ok: false; error: ApiErrorShape };
