/**
 * Runs in the window's isolated preload world (sandboxed: only `electron`'s renderer modules).
 * Exposes exactly `window.attuneBridge` = { call, onEvent, pathForFile } (shared/api/bridge.ts
 * `PreloadBridge`). No ipcRenderer, no event objects, no other channel reaches the page.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { PreloadBridge } from '../../shared/api/bridge';
import type { CallResult } from '../../shared/api/wire';
import { CALL_CHANNEL, EVENT_CHANNEL } from './channels';

type EventListener = (name: string, payload: unknown) => void;

function failed(message: string): CallResult {
  return { ok: false, error: { code: 'invalid_input', message } };
}

const bridge: PreloadBridge = {
  call(name: string, input: unknown): Promise<CallResult> {
    if (typeof name !== 'string') return Promise.resolve(failed('A request needs a name.'));
    return (ipcRenderer.invoke(CALL_CHANNEL, name, input) as Promise<CallResult>).catch(() =>
      // invoke() rejects when the input cannot be copied to the main process (a function, a DOM node…).
      failed('This request could not be sent to Attune’s background service.'),
    );
  },

  onEvent(listener: EventListener): () => void {
    if (typeof listener !== 'function') throw new TypeError('attuneBridge.onEvent needs a function.');
    const forward = (_event: IpcRendererEvent, name: unknown, payload: unknown): void => {
      if (typeof name === 'string') listener(name, payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },

  /** The file-system path of a dropped or chosen File; '' for a File made in JavaScript. */
  pathForFile(file: object): string {
    try {
      return webUtils.getPathForFile(file as File);
    } catch {
      return '';
    }
  },
};

contextBridge.exposeInMainWorld('attuneBridge', bridge);
