/**
 * Electron entry point (bundled to dist/electron/main.js, package.json "main").
 * One instance per library folder; the library is `defaultDataDir()` (ATTUNE_DATA_DIR honoured).
 * Chromium's own profile (caches, local storage) lives inside the library folder too, so nothing
 * about the recordings is written elsewhere, and two libraries can be open side by side.
 */
import path from 'node:path';
import { app, dialog, Menu, session, shell, type BrowserWindow } from 'electron';
import { dispatch } from '../api/dispatch';
import { appRoot, rendererDir } from '../app-root';
import { defaultDataDir } from '../services/data-paths';
import { openServices, type Services } from '../services/services';
import { registerAppProtocol } from './app-protocol';
import { electronPdfRenderer } from './print-to-pdf';
import { utilityWorkerLauncher } from './utility-worker-launcher';
import { electronCallContext, registerIpcAdapter, type IpcAdapter } from './ipc-adapter';
import { showOpenMediaDialog } from './media-dialog';
import { registerMediaProtocol } from './media-protocol';
import { buildAppMenu } from './menu';
import { registerPrivilegedSchemes } from './schemes';
import { createMainWindow, hardenSession, hardenWebContents } from './window';

const dataDir = defaultDataDir();

// --- Before ready ---------------------------------------------------------------------------
app.enableSandbox();
app.setName('Attune');
if (process.platform === 'win32') app.setAppUserModelId('org.attune.app');
app.setPath('userData', path.join(dataDir, 'electron'));
registerPrivilegedSchemes();
app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

let mainWindow: BrowserWindow | null = null;
let services: Services | null = null;
let ipc: IpcAdapter | null = null;

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function focusMainWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function openWindow(): void {
  mainWindow = createMainWindow({
    preloadPath: path.join(__dirname, 'preload.js'),
    devTools: !app.isPackaged,
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

function closeServices(): void {
  ipc?.dispose();
  ipc = null;
  const open = services;
  services = null;
  try {
    open?.close();
  } catch (error) {
    console.error('[attune] closing the library failed:', error);
  }
}

async function start(): Promise<void> {
  try {
    // Transcription workers run as utility processes (packaged apps cannot fork themselves as Node).
    // Reports print with Electron's own Chromium; exported files are shown by the shell.
    services = openServices(dataDir, {
      workerLauncher: utilityWorkerLauncher,
      pdfRenderer: electronPdfRenderer,
      revealer: async (file) => {
        shell.showItemInFolder(file);
        return true;
      },
    });
  } catch (error) {
    dialog.showErrorBox(
      'Attune could not open its library',
      `${errorText(error)}\n\nLibrary folder: ${dataDir}\n\nIf another program is using this folder, close it and start Attune again.`,
    );
    app.exit(1);
    return;
  }
  const version = appRoot().version;
  hardenSession(session.defaultSession, { allowDevTools: !app.isPackaged });
  registerAppProtocol(rendererDir());
  registerMediaProtocol(services.paths);

  const getWindow = (): BrowserWindow | null => mainWindow;
  const ctx = electronCallContext(services, version, getWindow);
  ipc = registerIpcAdapter(ctx, getWindow);

  Menu.setApplicationMenu(
    buildAppMenu({
      isPackaged: app.isPackaged,
      importRecordings: () => {
        void (async () => {
          const paths = await showOpenMediaDialog(mainWindow);
          if (paths.length === 0) return;
          // The same validated call the page makes; progress reaches the page as import events.
          const result = await dispatch('import.paths', { paths }, ctx);
          if (!result.ok) dialog.showErrorBox('Attune could not import these files', result.error.message);
        })().catch((error: unknown) => console.error('[attune] import from the menu failed:', error));
      },
      // The page runs the flow (the native open dialog, a passphrase prompt when the file is locked, then the Feedback view).
      openFeedbackPackage: () => {
        if (!mainWindow) openWindow();
        focusMainWindow();
        services?.events.emit('menu.command', { command: 'open-package' });
      },
      showAbout: () => {
        const options = {
          type: 'info' as const,
          title: 'About Attune',
          message: `Attune ${version}`,
          detail:
            'Offline clinical supervision: review session recordings, annotate, score and give feedback.\n' +
            'Everything stays on this computer.\n\n' +
            `Library: ${dataDir}\nElectron ${process.versions.electron ?? ''}, Chromium ${process.versions.chrome ?? ''}`,
        };
        void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
      },
    }),
  );

  openWindow();
}

// --- Lifecycle ------------------------------------------------------------------------------
if (!app.requestSingleInstanceLock()) {
  // This library is already open in another Attune window: that instance comes to the front.
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  app.on('activate', () => {
    // macOS: clicking the Dock icon with no window open shows the window again.
    if (services && !mainWindow) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', closeServices);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('[attune] could not start:', error);
      dialog.showErrorBox('Attune could not start', errorText(error));
      closeServices();
      app.exit(1);
    });
}
