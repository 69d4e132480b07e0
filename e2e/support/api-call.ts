/** One call of the app's API over a second WebSocket from the page (same origin), as another window would make it. */
import type { Page } from '@playwright/test';

export function apiCall(page: Page, name: string, input: unknown): Promise<unknown> {
  return page.evaluate(
    ({ name, input }) =>
      new Promise((resolve, reject) => {
        const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/api`);
        ws.onopen = () => ws.send(JSON.stringify({ t: 'call', id: 1, name, input }));
        ws.onmessage = (e) => {
          const msg = JSON.parse(String(e.data)) as { t: string; id?: number; ok?: boolean; value?: unknown; error?: { message: string } };
          if (msg.t !== 'result' || msg.id !== 1) return;
          ws.close();
          if (msg.ok) resolve(msg.value);
          else reject(new Error(msg.error?.message));
        };
        ws.onerror = () => reject(new Error('the API socket failed'));
      }),
    { name, input },
  );
}
