/** Where exports go unless the user picks another place: the export folder (a setting) and a file name from the session title. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EXPORT_EXTENSIONS, type ExportFormat } from '../../../shared/domain/export';
import { fileSlug } from '../annotations/file-slug';

/** The setting holding the export folder (an absolute path). */
export const EXPORT_FOLDER_KEY = 'export.folder';
export const EXPORT_FOLDER_NAME = 'Attune exports';

/** `~/Documents/Attune exports` when there is a Documents folder, else `~/Attune exports`. */
export function defaultExportFolder(home = os.homedir()): string {
  const documents = path.join(home, 'Documents');
  return fs.statSync(documents, { throwIfNoEntry: false })?.isDirectory() ? path.join(documents, EXPORT_FOLDER_NAME) : path.join(home, EXPORT_FOLDER_NAME);
}

/** The export folder: the setting when it holds an absolute path, else the default. */
export function exportFolder(setting: string | null, home?: string): string {
  return setting && path.isAbsolute(setting) ? path.resolve(setting) : defaultExportFolder(home);
}

/** `session-3-dana.pdf`; `.transcript`/`.annotations` mark the formats that hold only part of a session. */
export function exportFileName(title: string, format: ExportFormat): string {
  const part = format === 'vtt' || format === 'srt' || format === 'txt' || format === 'docx' ? '.transcript' : format === 'csv' || format === 'json' ? '.annotations' : '';
  return `${fileSlug(title, 'session')}${part}.${EXPORT_EXTENSIONS[format]}`;
}
