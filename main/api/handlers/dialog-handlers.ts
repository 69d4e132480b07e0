/**
 * The desktop shell's native save and open dialogs for exports and feedback packages. Browser mode
 * has none: there the page shows a path field (exports) or a file input (packages) instead.
 */
import { ApiError } from '../../../shared/api/errors';
import type { HandlerGroup } from '../handlers';

export const dialogHandlers: HandlerGroup<'dialog.saveExport' | 'dialog.openPackage'> = {
  'dialog.saveExport': async ({ defaultPath, format }, ctx) => {
    if (!ctx.saveExportDialog) throw new ApiError('unavailable', 'This window cannot show a save dialog; type the path to save to instead.');
    return { path: await ctx.saveExportDialog(defaultPath, format) };
  },
  'dialog.openPackage': async (_input, ctx) => {
    if (!ctx.openPackageDialog) throw new ApiError('unavailable', 'This window cannot show a file dialog; use the Open button or drag the file in.');
    return { path: await ctx.openPackageDialog() };
  },
};
