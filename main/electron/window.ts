/**
 * The one Attune window and the rules every web page in this app lives under:
 * - the renderer is sandboxed and context-isolated, with no Node.js and no <webview>;
 * - it may only show `app://attune/…`: navigations elsewhere and new windows are refused, and the only
 *   downloads are files the page made itself (annotation and codebook exports), saved where the user says;
 * - no permission (camera, microphone, notifications, clipboard reads, …) is ever granted;
 * - no request may leave the computer: anything but our two schemes is cancelled (offline by design).
 */
import { BrowserWindow, type Session, type WebContents } from 'electron';
import { APP_START_URL, isAppUrl, isMediaUrl } from './schemes';

export interface SessionPolicyOptions {
  /** Development only: let DevTools load its own pages. */
  allowDevTools: boolean;
}

/** Which requests the page may make. Everything else (http, https, ws, file, ftp, …) is cancelled. */
export function isAllowedRequest(url: string, options: SessionPolicyOptions): boolean {
  if (isAppUrl(url) || isMediaUrl(url)) return true;
  // In-memory content the page made itself; never touches the network.
  if (url.startsWith('blob:app://attune/') || url.startsWith('data:')) return true;
  if (options.allowDevTools && (url.startsWith('devtools://') || url.startsWith('chrome-devtools://'))) return true;
  return false;
}

function describeForLog(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return url.slice(0, 40);
  }
}

/** Applies the permission and network policy to a session (the default session is the window's). */
export function hardenSession(ses: Session, options: SessionPolicyOptions): void {
  // Only full screen (the video's own button); camera, microphone, notifications, clipboard… are refused.
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(permission === 'fullscreen'));
  ses.setPermissionCheckHandler((_contents, permission) => permission === 'fullscreen');
  ses.setDevicePermissionHandler(() => false);
  ses.setDisplayMediaRequestHandler((_request, callback) => callback(null));
  // The spell checker would download dictionaries from a Google server.
  ses.setSpellCheckerEnabled(false);
  ses.on('will-download', (event, item) => {
    // A file the page built in memory (an export) is saved where the user chooses; nothing else downloads.
    if (item?.getURL().startsWith('blob:app://attune/')) {
      item.setSaveDialogOptions({ title: 'Save the export', defaultPath: item.getFilename() });
      return;
    }
    event.preventDefault();
  });
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url, options);
    if (!allowed) console.warn(`[attune] blocked a request to ${describeForLog(details.url)} (Attune works offline)`);
    callback({ cancel: !allowed });
  });
}

/** Where a page of this app may navigate: our pages, and DevTools' own (web pages cannot navigate there). */
function mayNavigateTo(url: string): boolean {
  return isAppUrl(url) || url.startsWith('devtools://');
}

/** Navigation and window rules for any web contents the app creates. Registered via app 'web-contents-created'. */
export function hardenWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-frame-navigate', (event) => {
    if (!mayNavigateTo(event.url)) event.preventDefault();
  });
  contents.on('will-navigate', (event) => {
    if (!mayNavigateTo(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!mayNavigateTo(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export interface MainWindowOptions {
  preloadPath: string;
  devTools: boolean;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    title: 'Attune',
    width: 1360,
    height: 880,
    minWidth: 900,
    minHeight: 600,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools: options.devTools,
    },
  });
  win.once('ready-to-show', () => win.show());
  // Should the first paint never come (a broken build), show the window anyway rather than nothing.
  setTimeout(() => {
    if (!win.isDestroyed() && !win.isVisible()) win.show();
  }, 5000);

  // If the page's process dies (out of memory, a GPU fault), reload it — but not in a loop.
  const recentCrashes: number[] = [];
  win.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit' || win.isDestroyed()) return;
    const now = Date.now();
    recentCrashes.push(now);
    while (recentCrashes.length > 0 && (recentCrashes[0] ?? now) < now - 60_000) recentCrashes.shift();
    if (recentCrashes.length > 3) {
      console.error(`[attune] the window's page keeps stopping (${details.reason}); not reloading it again.`);
      return;
    }
    console.error(`[attune] the window's page stopped (${details.reason}); reloading it.`);
    void win.loadURL(APP_START_URL);
  });
  void win.loadURL(APP_START_URL);
  return win;
}
