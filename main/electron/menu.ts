/** The application menu: File (Import…, Open feedback package…, Quit), Edit (text editing shortcuts), View, Help. */
import { Menu, type MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  /** Developer builds only: Toggle Developer Tools. */
  isPackaged: boolean;
  importRecordings(): void;
  /** File → Open feedback package…: the page runs its open flow (passphrase prompt, then the Feedback view). */
  openFeedbackPackage(): void;
  showAbout(): void;
}

export function buildAppMenu(actions: MenuActions): Menu {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];
  if (isMac) template.push({ role: 'appMenu' });
  template.push({
    label: 'File',
    submenu: [
      { label: 'Import…', accelerator: 'CmdOrCtrl+O', click: () => actions.importRecordings() },
      { label: 'Open feedback package…', accelerator: 'CmdOrCtrl+Shift+O', click: () => actions.openFeedbackPackage() },
      { type: 'separator' },
      isMac ? { role: 'close' } : { role: 'quit', label: 'Quit Attune' },
    ],
  });
  // Without an Edit menu, copy/paste shortcuts do not work in text fields on macOS.
  template.push({ role: 'editMenu' });
  template.push({
    label: 'View',
    submenu: [
      { role: 'reload' },
      ...(actions.isPackaged ? [] : ([{ role: 'toggleDevTools' }] satisfies MenuItemConstructorOptions[])),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  });
  template.push({
    role: 'help',
    submenu: [{ label: 'About Attune', click: () => actions.showAbout() }],
  });
  return Menu.buildFromTemplate(template);
}
