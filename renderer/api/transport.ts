/** How calls and events travel: Electron's preload bridge, or the browser-mode WebSocket. */
import type { PreloadBridge } from '../../shared/api/bridge';
import type { CallResult, EventMessage, ResultMessage } from '../../shared/api/wire';

export interface Transport {
  call(name: string, input: unknown): Promise<CallResult>;
  onEvent(listener: (name: string, payload: unknown) => void): () => void;
}


declare global {
  interface Window {
    attuneBridge?: PreloadBridge;
  }
}

/** A WebSocket transport that reconnects and re-sends nothing: calls in flight when it drops fail plainly. */
export function webSocketTransport(url: string): Transport {
  let socket: WebSocket | null = null;
  let opening: Promise<WebSocket> | null = null;
  let nextId = 1;
  const pending = new Map<number, (result: CallResult) => void>();
  const listeners = new Set<(name: string, payload: unknown) => void>();

  const connect = (): Promise<WebSocket> => {
    if (socket && socket.readyState === WebSocket.OPEN) return Promise.resolve(socket);
    if (opening) return opening;
    opening = new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.onopen = () => {
        socket = ws;
        opening = null;
        resolve(ws);
      };
      ws.onerror = () => {
        opening = null;
        reject(new Error('Attune’s background service is not answering. Is it still running?'));
      };
      ws.onclose = () => {
        socket = null;
        for (const [, settle] of pending) {
          settle({ ok: false, error: { code: 'unavailable', message: 'The connection to Attune’s background service was lost. Reload the page.' } });
        }
        pending.clear();
      };
      ws.onmessage = (event: MessageEvent<string>) => {
        const message = JSON.parse(event.data) as ResultMessage | EventMessage;
        if (message.t === 'result') {
          const settle = pending.get(message.id);
          pending.delete(message.id);
          settle?.(message.ok ? { ok: true, value: message.value } : { ok: false, error: message.error });
        } else if (message.t === 'event') {
          for (const l of listeners) l(message.name, message.payload);
        }
      };
    });
    return opening;
  };

  return {
    async call(name, input) {
      let ws: WebSocket;
      try {
        ws = await connect();
      } catch (error) {
        return { ok: false, error: { code: 'unavailable', message: (error as Error).message } };
      }
      const id = nextId++;
      return new Promise<CallResult>((resolve) => {
        pending.set(id, resolve);
        ws.send(JSON.stringify({ t: 'call', id, name, input }));
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      void connect().catch(() => undefined);
      return () => listeners.delete(listener);
    },
  };
}
