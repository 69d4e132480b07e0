/** Each export format written to a (temp) file from a session bundle. */
import fs from 'node:fs/promises';
import { ApiError } from '../../../shared/api/errors';
import type { ExportFormat, PackageOptions, SessionBundle } from '../../../shared/domain/export';
import { transcriptToDocx } from '../../../shared/export/docx';
import { sessionToEaf } from '../../../shared/export/eaf';
import { transcriptFile } from '../../../shared/export/transcript-files';
import type { Services } from '../services';
import type { PdfRenderer } from './pdf/html-to-pdf';
import type * as ReportFormats from './report-formats';

export type { PdfRenderer };

export type ExportProgress = (percent: number, stage: string) => void;

export interface FormatContext {
  services: Services;
  bundle: SessionBundle;
  packageOptions: PackageOptions;
  /** Null: the default (headless Chromium). */
  pdfRenderer: PdfRenderer | null;
  signal: AbortSignal;
  progress: ExportProgress;
}

/** What each format's progress says while it is written. */
export const WRITING_STAGE: Record<ExportFormat, string> = {
  pdf: 'Rendering the report',
  html: 'Writing the report',
  csv: 'Writing the annotations',
  json: 'Writing the annotations, scores and feedback',
  vtt: 'Writing the transcript',
  srt: 'Writing the transcript',
  txt: 'Writing the transcript',
  docx: 'Writing the transcript',
  eaf: 'Writing the transcript and annotations',
  package: 'Building the feedback package',
};

type ReportModule = typeof ReportFormats;

async function reportModule(what: string): Promise<ReportModule> {
  try {
    return await import('./report-formats');
  } catch (error) {
    console.error('[attune:export] the report module is missing:', error);
    throw new ApiError('unavailable', `${what} is not available in this version of Attune.`);
  }
}

/** Writes this export's own temp file (not there yet; the caller flushes it and moves it into place). */
const writeNewFile = (file: string, content: string | Uint8Array): Promise<void> => fs.writeFile(file, content, { flag: 'wx' });

/** Writes `format` to `file` (a new file; the caller moves it into place). */
export async function writeFormat(format: ExportFormat, file: string, ctx: FormatContext): Promise<void> {
  const { bundle } = ctx;
  switch (format) {
    case 'vtt':
    case 'srt':
    case 'txt':
      return writeNewFile(file, transcriptFile(bundle.transcript, format));
    case 'docx':
      return writeNewFile(file, transcriptToDocx(bundle));
    case 'eaf':
      return writeNewFile(file, sessionToEaf(bundle, { mediaFileName: bundle.session.media.originalName }));
    case 'csv':
    case 'json':
      return writeNewFile(file, ctx.services.annotations.export(bundle.session.id, format).content);
    case 'html': {
      const report = await reportModule('The HTML report');
      return writeNewFile(file, report.renderReportHtml(bundle));
    }
    case 'pdf': {
      const report = await reportModule('The PDF report');
      const html = report.renderReportHtml(bundle);
      ctx.progress(30, 'Printing the report to PDF');
      if (ctx.pdfRenderer) return ctx.pdfRenderer(html, file, ctx.signal);
      return report.htmlToPdf(html, file, { signal: ctx.signal });
    }
    case 'package': {
      const report = await reportModule('The feedback package');
      // `file` is this export's own temp file (not there yet): the package may write it as it likes.
      await report.exportFeedbackPackage(ctx.services, bundle, file, ctx.packageOptions, { signal: ctx.signal, progress: ctx.progress, overwrite: true });
      return;
    }
  }
}
