/**
 * The formats other modules render: the feedback report (one HTML template, also printed to PDF)
 * and the feedback package. Loaded only when such an export runs.
 */
import { renderReportHtml } from '../../../shared/report/report-html';
import { exportFeedbackPackage } from './package/feedback-package';
import { htmlToPdf } from './pdf/html-to-pdf';

export { exportFeedbackPackage, htmlToPdf, renderReportHtml };
