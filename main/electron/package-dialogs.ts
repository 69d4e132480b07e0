/** The native dialogs of exports and feedback packages: "Save export" (`dialog.saveExport`) and "Open feedback package" (`dialog.openPackage`, File → Open feedback package…). */
import { dialog, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { EXPORT_EXTENSIONS, EXPORT_FORMAT_LABELS, type ExportFormat } from '../../shared/domain/export';
import { FEEDBACK_EXTENSION, REPLY_EXTENSION } from '../../shared/package/package-format';

const usable = (parent: BrowserWindow | null): parent is BrowserWindow => parent !== null && !parent.isDestroyed();

/** Answers the chosen path (the dialog itself asked before replacing a file), null when cancelled. */
export async function showSaveExportDialog(parent: BrowserWindow | null, defaultPath: string, format: ExportFormat): Promise<string | null> {
  const options: SaveDialogOptions = {
    title: 'Save export',
    buttonLabel: 'Save',
    defaultPath,
    filters: [{ name: EXPORT_FORMAT_LABELS[format], extensions: [EXPORT_EXTENSIONS[format]] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const result = usable(parent) ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}

/** Answers the chosen package or reply file, null when cancelled. */
export async function showOpenPackageDialog(parent: BrowserWindow | null): Promise<string | null> {
  const options: OpenDialogOptions = {
    title: 'Open feedback package',
    buttonLabel: 'Open',
    properties: ['openFile'],
    filters: [
      { name: 'Feedback packages and replies', extensions: [FEEDBACK_EXTENSION, REPLY_EXTENSION] },
      { name: 'All files', extensions: ['*'] },
    ],
  };
  const result = usable(parent) ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}
