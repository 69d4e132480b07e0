/** The one typed `api` object the renderer talks to. It never knows which shell it runs in. */
import type { AttuneApi, CallInput, CallName, CallOutput, EventMap, EventName } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import { webSocketTransport, type Transport } from './transport';

function createApi(transport: Transport): AttuneApi {
  return {
    async invoke<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> {
      const result = await transport.call(name, input);
      if (!result.ok) throw new ApiError(result.error.code, result.error.message);
      return result.value as CallOutput<K>;
    },
    on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
      return transport.onEvent((name, payload) => {
        if (name === event) listener(payload as EventMap[E]);
      });
    },
  };
}

function defaultTransport(): Transport {
  if (window.attuneBridge) return window.attuneBridge;
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return webSocketTransport(`${scheme}://${location.host}/api`);
}

export const api: AttuneApi = createApi(defaultTransport());

/** The plain-words message of any error, for the UI. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
