/**
 * The per-trainee progress report as PDF: the report HTML (shared/progress/progress-report-html.ts)
 * printed by the same PDF renderer as the feedback report (Electron's printToPDF, else headless
 * Chromium, a separate process, so the event loop stays free), written into place atomically.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import { renderProgressReportHtml } from '../../../shared/progress/progress-report-html';
import { fileSlug } from '../annotations/file-slug';
import { EXPORT_FOLDER_KEY, exportFolder } from '../export/export-paths';
import { htmlToPdf, type PdfRenderer } from '../export/pdf/html-to-pdf';
import { checkTarget, writeAtomically } from '../files/atomic-write';
import type { Settings } from '../models/settings';
import type { ProfileStore } from '../profile/profile-store';
import type { ProgressStore } from './progress-store';

export interface ProgressReportDeps {
  store: ProgressStore;
  settings: Settings;
  profile: ProfileStore;
  /** Electron passes printToPDF; null or absent: headless Chromium. */
  pdfRenderer?: PdfRenderer | null;
}

export class ProgressReports {
  /** Files being written now (one report per file at a time). */
  private readonly writing = new Set<string>();

  constructor(private readonly deps: ProgressReportDeps) {}

  /** `<export folder>/<trainee>-progress.pdf`, and whether a file is there already. */
  suggestPath(trainee: string): { path: string; exists: boolean } {
    const file = path.join(this.folder(), `${fileSlug(trainee, 'trainee')}-progress.pdf`);
    return { path: file, exists: fs.existsSync(file) };
  }

  /** Writes the trainee's progress report to `outPath` (absolute; refused with file_exists when a file is there and not `overwrite`). */
  async exportPdf(trainee: string, outPath: string, overwrite: boolean, signal?: AbortSignal): Promise<{ path: string; bytes: number }> {
    if (!path.isAbsolute(outPath)) throw new ApiError('invalid_input', 'Choose a full path to save the report to, like /home/you/Documents/report.pdf.');
    if (path.extname(outPath).toLowerCase() !== '.pdf') throw new ApiError('invalid_input', 'The report is a PDF: end the file name with .pdf.');
    const series = await this.deps.store.series(trainee);
    const isExportFolder = path.resolve(path.dirname(outPath)) === this.folder();
    const target = checkTarget(outPath, overwrite, isExportFolder);
    if (this.writing.has(target.file)) throw new ApiError('file_exists', `Attune is already saving “${target.name}” in ${target.folder}.`);
    this.writing.add(target.file);
    try {
      const html = renderProgressReportHtml(series, { generatedAt: new Date().toISOString(), generatedBy: this.deps.profile.get().name });
      const render = this.deps.pdfRenderer ?? ((h: string, file: string, s?: AbortSignal) => htmlToPdf(h, file, { signal: s }));
      const bytes = await writeAtomically(target, (temp) => render(html, temp, signal), signal);
      return { path: target.file, bytes };
    } finally {
      this.writing.delete(target.file);
    }
  }

  private folder(): string {
    return exportFolder(this.deps.settings.get(EXPORT_FOLDER_KEY));
  }
}
