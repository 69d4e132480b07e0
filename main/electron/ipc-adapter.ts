/**
 * Carries the typed API (shared/api/contract.ts) over Electron IPC: `attune:call` runs a call
 * through dispatch() and answers its CallResult; services' events go to the window as
 * `attune:event`. A call is served only when it comes from the main frame of Attune's own window
 * showing `app://attune/…`; anything else (another window, an iframe, a page that navigated away)
 * gets a 'forbidden' result without reaching a handler.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { dispatch } from '../api/dispatch';
import type { CallContext } from '../api/handlers';
import type { CallResult } from '../../shared/api/wire';
import type { Services } from '../services/services';
import { CALL_CHANNEL, EVENT_CHANNEL } from './channels';
import { showOpenMediaDialog } from './media-dialog';
import { showOpenPackageDialog, showSaveExportDialog } from './package-dialogs';
import { MEDIA_BASE, isAppUrl } from './schemes';

export const FORBIDDEN_RESULT: CallResult = {
  ok: false,
  error: { code: 'forbidden', message: 'This request did not come from the Attune window, so it was refused.' },
};

/** The CallContext of the desktop shell. `getWindow` is read at call time (the window may be re-created on macOS). */
export function electronCallContext(services: Services, version: string, getWindow: () => BrowserWindow | null): CallContext {
  return {
    services,
    shell: 'electron',
    version,
    mediaBase: MEDIA_BASE,
    openMediaDialog: () => showOpenMediaDialog(getWindow()),
    saveExportDialog: (defaultPath, format) => showSaveExportDialog(getWindow(), defaultPath, format),
    openPackageDialog: () => showOpenPackageDialog(getWindow()),
  };
}

/** True only for the main frame of `win`, currently showing one of our pages. */
export function isTrustedSender(event: IpcMainInvokeEvent, win: BrowserWindow | null): boolean {
  if (!win || win.isDestroyed()) return false;
  const contents = win.webContents;
  if (contents.isDestroyed() || event.sender !== contents) return false;
  const frame = event.senderFrame;
  if (!frame || frame.detached) return false;
  const main = contents.mainFrame;
  // Distinct WebFrameMain objects for one frame share processId and routingId.
  if (frame.parent !== null || frame.processId !== main.processId || frame.routingId !== main.routingId) return false;
  return isAppUrl(frame.url);
}

export interface IpcAdapter {
  dispose(): void;
}

export function registerIpcAdapter(ctx: CallContext, getWindow: () => BrowserWindow | null): IpcAdapter {
  ipcMain.handle(CALL_CHANNEL, async (event, name: unknown, input: unknown): Promise<CallResult> => {
    if (!isTrustedSender(event, getWindow())) {
      console.warn(`[attune] refused a call from ${event.senderFrame?.origin ?? 'an unknown frame'}`);
      return FORBIDDEN_RESULT;
    }
    return dispatch(name, input, ctx);
  });

  const unsubscribe = ctx.services.events.subscribe((name, payload) => {
    const win = getWindow();
    if (!win || win.isDestroyed() || win.webContents.isDestroyed()) return;
    // Events are for our page only; never for whatever else the frame might show.
    if (!isAppUrl(win.webContents.mainFrame.url)) return;
    win.webContents.send(EVENT_CHANNEL, name, payload);
  });

  return {
    dispose() {
      unsubscribe();
      ipcMain.removeHandler(CALL_CHANNEL);
    },
  };
}
