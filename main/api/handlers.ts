/**
 * The handler table: one function per call in shared/api/contract.ts, grouped by area in
 * main/api/handlers/. Inputs arrive already validated (main/api/dispatch.ts); handlers return plain
 * data or throw ApiError.
 */
import type { AppInfo, CallName, CallOutput, ParsedInput } from '../../shared/api/contract';
import type { ExportFormat } from '../../shared/domain/export';
import type { Services } from '../services/services';
import { exportHandlers } from './handlers/export-handlers';
import { libraryHandlers } from './handlers/library-handlers';
import { modelHandlers } from './handlers/model-handlers';
import { transcriptHandlers } from './handlers/transcript-handlers';
import { transcriptionHandlers } from './handlers/transcription-handlers';
import { profileHandlers } from './handlers/profile-handlers';
import { codebookHandlers } from './handlers/codebook-handlers';
import { annotationHandlers } from './handlers/annotation-handlers';
import { reviewHandlers } from './handlers/review-handlers';
import { packageHandlers } from './handlers/package-handlers';
import { dialogHandlers } from './handlers/dialog-handlers';
import { libraryAreaHandlers } from './handlers/library-area-handlers';
import { searchHandlers } from './handlers/search-handlers';
import { progressHandlers } from './handlers/progress-handlers';
import { archiveHandlers } from './handlers/archive-handlers';

export interface CallContext {
  services: Services;
  shell: AppInfo['shell'];
  version: string;
  mediaBase: string;
  /** The native open dialog, where the shell has one. */
  openMediaDialog?: () => Promise<string[]>;
  /** The native save dialog for an export (Electron): the chosen path, null when cancelled. */
  saveExportDialog?: (defaultPath: string, format: ExportFormat) => Promise<string | null>;
  /** The native open dialog for a feedback package or reply file (Electron): the chosen path, null when cancelled. */
  openPackageDialog?: () => Promise<string | null>;
}

export type Handlers = {
  [K in CallName]: (input: ParsedInput<K>, ctx: CallContext) => CallOutput<K> | Promise<CallOutput<K>>;
};

/** The handlers of some of the calls. */
export type HandlerGroup<K extends CallName> = Pick<Handlers, K>;

export const handlers: Handlers = {
  ...exportHandlers,
  ...libraryHandlers,
  ...transcriptHandlers,
  ...transcriptionHandlers,
  ...modelHandlers,
  ...profileHandlers,
  ...codebookHandlers,
  ...annotationHandlers,
  ...reviewHandlers,
  ...packageHandlers,
  ...dialogHandlers,
  ...libraryAreaHandlers,
  ...searchHandlers,
  ...progressHandlers,
  ...archiveHandlers,
};
