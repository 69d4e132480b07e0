/**
 * The report's stylesheet, inlined in the document: the app's calm palette (renderer/styles/tokens.css)
 * for screen and print. A centred column on screen; on paper, page margins, no split annotation
 * blocks or table rows, and headings kept with what follows. System fonts only: nothing is loaded.
 */

export type ReportPageSize = 'A4' | 'Letter';

export function reportCss(pageSize: ReportPageSize): string {
  return `
@page { size: ${pageSize}; margin: 16mm 15mm 18mm 15mm; }
:root {
  --text: #1b2230; --text-2: #465063; --text-3: #5f6878;
  --border: #dde1e7; --border-strong: #c5ccd6;
  --surface-muted: #f8f9fb; --surface-sunken: #eef0f3;
  --accent: #2553b0; --accent-soft: #e7eefb; --accent-softer: #f2f6fd;
  --success: #157a3a; --success-soft: #e6f4ec;
  --warning: #8f5104; --warning-soft: #fdf3e3;
  --danger: #b42318; --danger-soft: #fdeceb;
  --violet: #6d3fc0; --violet-soft: #f1ecfb;
  color-scheme: light;
}
* { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
html { background: #f3f4f6; }
body {
  margin: 0; color: var(--text); background: #f3f4f6;
  font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', 'Liberation Sans', Arial, sans-serif;
  font-size: 14px; line-height: 1.5;
}
.page { max-width: 860px; margin: 24px auto; padding: 40px 48px; background: #fff; border: 1px solid var(--border); border-radius: 10px; box-shadow: 0 2px 6px rgba(16,24,40,.08); }
h1, h2, h3 { line-height: 1.25; margin: 0; color: var(--text); }
h1 { font-size: 24px; font-weight: 650; letter-spacing: -0.01em; }
h2 { font-size: 16px; font-weight: 650; margin: 28px 0 10px; padding-bottom: 5px; border-bottom: 1.5px solid var(--text); break-after: avoid; page-break-after: avoid; }
h3 { font-size: 13px; font-weight: 650; margin: 14px 0 6px; break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 6px; }
.muted { color: var(--text-3); }
.num, .time { font-variant-numeric: tabular-nums; }
.time { font-family: ui-monospace, 'SF Mono', Menlo, Consolas, 'DejaVu Sans Mono', 'Liberation Mono', monospace; font-size: 0.92em; }
.prose { white-space: pre-wrap; overflow-wrap: anywhere; }
.note { font-size: 12.5px; color: var(--text-2); margin: 6px 0 0; }

/* Header */
.report-header { border-bottom: 1px solid var(--border); padding-bottom: 16px; margin-bottom: 4px; }
.eyebrow { font-size: 11.5px; font-weight: 650; letter-spacing: 0.08em; text-transform: uppercase; color: var(--accent); margin-bottom: 4px; }
.details { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 8px 20px; margin: 14px 0 0; }
.details div { min-width: 0; }
.details dt { font-size: 11.5px; color: var(--text-3); }
.details dd { margin: 0; font-weight: 550; overflow-wrap: anywhere; }
.details dd.missing { font-weight: 400; color: var(--text-3); font-style: italic; }
.generated { margin-top: 12px; font-size: 12px; color: var(--text-3); }
.confidential { margin-top: 4px; font-size: 11.5px; color: var(--text-3); }

/* Scores */
table { width: 100%; border-collapse: collapse; }
.scores th, .scores td { padding: 6px 8px; border-bottom: 1px solid var(--border); text-align: left; vertical-align: top; }
.scores thead th { font-size: 11.5px; font-weight: 600; color: var(--text-3); border-bottom: 1px solid var(--border-strong); }
.scores tr { break-inside: avoid; page-break-inside: avoid; }
.scores tbody th { font-weight: 400; }
.scores .label { display: block; font-weight: 600; }
.scores .hint { display: block; font-size: 11.5px; color: var(--text-3); }
.scores .why { display: block; font-size: 11.5px; color: var(--warning); }
.scores .end { text-align: right; white-space: nowrap; }
.scores .value { font-weight: 650; }
.scores tr.global-first th, .scores tr.global-first td { border-top: 1.5px solid var(--border-strong); }
.mark { display: inline-flex; align-items: center; gap: 4px; padding: 1px 8px 1px 6px; border-radius: 999px; font-size: 12px; font-weight: 600; white-space: nowrap; }
.mark svg { width: 12px; height: 12px; flex: none; }
.mark-good { color: var(--success); background: var(--success-soft); }
.mark-fair { color: var(--warning); background: var(--warning-soft); }
.mark-below { color: var(--danger); background: var(--danger-soft); }
.mark-none { color: var(--text-3); font-weight: 400; padding-left: 0; }
.counts { display: flex; flex-wrap: wrap; gap: 4px 14px; margin: 10px 0 0; padding: 0; list-style: none; font-size: 12px; color: var(--text-2); }
.counts b { font-variant-numeric: tabular-nums; color: var(--text); }
.counts .zero { color: var(--text-3); }

/* Timeline */
.timeline-figure { margin: 0; break-inside: avoid; page-break-inside: avoid; }
.timeline { display: block; width: 100%; height: auto; }
.timeline .tl-label { font-size: 10px; fill: var(--text-2); font-weight: 600; }
.timeline .tl-muted { font-size: 10px; fill: var(--text-3); font-style: italic; }
.timeline .tl-phase { font-size: 10px; font-weight: 600; }
.timeline .tl-tick { font-size: 9.5px; fill: var(--text-3); font-variant-numeric: tabular-nums; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 16px; margin: 10px 0 0; padding: 0; list-style: none; font-size: 12px; }
.legend li { display: inline-flex; align-items: center; gap: 6px; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; flex: none; }
.legend .legend-kind, .legend .count { color: var(--text-3); font-size: 11.5px; }

/* Annotations */
.annotation { break-inside: avoid; page-break-inside: avoid; border: 1px solid var(--border); border-left: 4px solid var(--code, #64748b); border-radius: 6px; padding: 10px 14px 10px 12px; margin: 0 0 10px; }
.annotation-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 10px; }
.annotation-head .number { color: var(--text-3); font-size: 12px; min-width: 1.8em; }
.annotation-head .time { font-weight: 600; }
.annotation-head .code { font-weight: 650; }
.annotation-head .author { margin-left: auto; font-size: 12px; color: var(--text-3); }
.kind { display: inline-block; font-size: 11px; font-weight: 600; padding: 0 7px; border-radius: 999px; }
.kind-strength { color: var(--success); background: var(--success-soft); }
.kind-growth { color: var(--warning); background: var(--warning-soft); }
.kind-client { color: var(--violet); background: var(--violet-soft); }
.kind-neutral { color: var(--text-2); background: var(--surface-sunken); }
.comment { margin: 6px 0 0; }
.comment.empty { color: var(--text-3); font-style: italic; }
.transcript { margin: 8px 0 0; padding: 6px 10px; background: var(--surface-muted); border-radius: 4px; font-size: 13px; color: var(--text-2); }
.transcript p { margin: 0 0 2px; }
.transcript .speaker { font-weight: 650; color: var(--text); }
.transcript .empty { font-style: italic; color: var(--text-3); }
.compare { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; margin: 8px 0 0; }
.compare > div { padding: 6px 10px; border-radius: 4px; font-size: 13px; }
.compare .said { background: var(--surface-muted); color: var(--text-2); }
.compare .could { background: var(--accent-softer); border: 1px solid var(--accent-soft); }
.compare h4 { margin: 0 0 3px; font-size: 12px; font-weight: 650; color: var(--text-3); }
.compare .could h4 { color: var(--accent); }
.compare p { margin: 0 0 2px; }
.compare .speaker { font-weight: 650; color: var(--text); }
.cited { margin: 6px 0 0; font-size: 12px; color: var(--text-3); }
a { color: var(--accent); text-decoration: none; }

/* Evidence, feedback, checklist */
.evidence { margin: 0; padding: 0; list-style: none; }
.evidence > li { break-inside: avoid; page-break-inside: avoid; padding: 6px 0; border-bottom: 1px solid var(--border); display: grid; grid-template-columns: 200px 70px 1fr; gap: 10px; }
.evidence .rating { font-weight: 650; font-variant-numeric: tabular-nums; }
.evidence .cites { margin: 0; padding: 0; list-style: none; font-size: 13px; }
.feedback-block { break-inside: avoid; page-break-inside: avoid; margin: 0 0 12px; }
.feedback-block h3 { margin-top: 0; }
.feedback-block .prose { padding: 8px 12px; background: var(--surface-muted); border-radius: 4px; }
.checklist-count { margin: 0 0 10px; }
.checklist { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 16px; }
.checklist-section, .evidence-section { break-inside: avoid; page-break-inside: avoid; }
.checklist section { break-inside: avoid; page-break-inside: avoid; }
.checklist h3 { margin-top: 0; }
.checklist h3 .time { font-weight: 400; color: var(--text-3); }
.checklist ul { margin: 0; padding: 0; list-style: none; }
.checklist li { display: flex; gap: 7px; align-items: flex-start; font-size: 13px; margin: 0 0 5px; }
.checklist li.not-done { color: var(--text-3); }
.tick { flex: none; width: 14px; height: 14px; margin-top: 2px; }
.report-footer { margin-top: 28px; padding-top: 8px; border-top: 1px solid var(--border); font-size: 11.5px; color: var(--text-3); }

@media print {
  html, body { background: #fff; }
  body { font-size: 10pt; }
  .page { max-width: none; margin: 0; padding: 0; border: 0; border-radius: 0; box-shadow: none; }
  h1 { font-size: 18pt; }
  h2 { font-size: 12.5pt; margin-top: 18pt; }
  .transcript, .compare > div { font-size: 9.5pt; }
  a { color: inherit; }
}
@media screen and (max-width: 700px) {
  .page { margin: 0; padding: 20px; border-radius: 0; }
  .details, .checklist { grid-template-columns: 1fr 1fr; }
  .compare { grid-template-columns: 1fr; }
  .evidence > li { grid-template-columns: 1fr; gap: 2px; }
}
`;
}
