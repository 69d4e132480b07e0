/** The native "Import recordings" dialog, used by the `dialog.openMedia` call and by File → Import…. */
import { dialog, type BrowserWindow, type OpenDialogOptions } from 'electron';
import { IMPORTABLE_EXTENSIONS } from '../../shared/domain/import';

export async function showOpenMediaDialog(parent: BrowserWindow | null): Promise<string[]> {
  const options: OpenDialogOptions = {
    title: 'Import recordings',
    buttonLabel: 'Import',
    properties: ['openFile', 'multiSelections'],
    filters: [
      { name: 'Recordings', extensions: [...IMPORTABLE_EXTENSIONS] },
      { name: 'All files', extensions: ['*'] },
    ],
  };
  const result = parent && !parent.isDestroyed() ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return result.canceled ? [] : result.filePaths;
}
