/**
 * A trainee's progress report as one self-contained HTML document, printed to PDF: who and when,
 * every progress chart as an image (the same SVG the screen shows, from chart-svg.ts), and the
 * values per session in a table. Inline CSS and data: images only, no script, and a
 * Content-Security-Policy that lets nothing else load. Every text is escaped.
 */
import { PROGRESS_MEASURES, type TraineeSeries } from '../domain/progress';
import { escapeHtml } from '../report/html-escape';
import { reportCss } from '../report/report-css';
import { longDate } from './chart-scale';
import { growthChart, lineChart, type ChartModel } from './chart-model';
import { chartDataUrl } from './chart-svg';
import { MEASURES } from './measures';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
const e = escapeHtml;

const EXTRA_CSS = `
.charts { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 14px 18px; margin-top: 8px; }
.chart { margin: 0; break-inside: avoid; page-break-inside: avoid; }
.chart img { display: block; width: 100%; height: auto; border: 1px solid var(--border); border-radius: 6px; }
.chart.wide { grid-column: 1 / -1; }
.values th, .values td { padding: 4px 6px; border-bottom: 1px solid var(--border); text-align: right; font-size: 11.5px; font-variant-numeric: tabular-nums; }
.values th:first-child, .values td:first-child, .values th:nth-child(2), .values td:nth-child(2) { text-align: left; }
.values thead th { color: var(--text-3); font-weight: 600; border-bottom: 1px solid var(--border-strong); vertical-align: bottom; }
.values tr { break-inside: avoid; page-break-inside: avoid; }
.values td:first-child { white-space: nowrap; }
`;

export interface ProgressReportOptions {
  /** ISO timestamp. */
  generatedAt: string;
  generatedBy: string;
}

function figure(model: ChartModel, wide = false): string {
  return `<figure class="chart${wide ? ' wide' : ''}"><img src="${chartDataUrl(model)}" alt="${e(model.summary)}" width="${model.width}" height="${model.height + 34}"></figure>`;
}

function valuesTable(series: TraineeSeries): string {
  const head = PROGRESS_MEASURES.map((m) => `<th scope="col">${e(MEASURES[m].label)}</th>`).join('');
  const rows = series.points
    .map((p) => {
      const cells = PROGRESS_MEASURES.map((m) => {
        const v = p.values[m];
        return `<td>${v === null ? '—' : e(MEASURES[m].format(v))}</td>`;
      }).join('');
      return `<tr><td>${e(longDate(p.date))}</td><td>${e(p.title)}</td>${cells}</tr>`;
    })
    .join('\n');
  return `<table class="values"><thead><tr><th scope="col">Date</th><th scope="col">Session</th>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

export function renderProgressReportHtml(series: TraineeSeries, options: ProgressReportOptions): string {
  const points = series.points;
  const first = points[0];
  const last = points.at(-1);
  const span = first && last ? (first.date === last.date ? longDate(first.date) : `${longDate(first.date)} – ${longDate(last.date)}`) : '—';
  const details: [string, string][] = [
    ['Cohort', series.cohorts.length ? series.cohorts.join(', ') : '—'],
    ['Sessions', String(points.length)],
    ['Period', span],
  ];
  const charts = PROGRESS_MEASURES.map((m) => figure(lineChart(m, points))).join('\n');
  const growth = figure(growthChart(points, series.growthCodes), true);
  const generated = options.generatedAt.slice(0, 10);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(`Progress — ${series.trainee}`)}</title>
<style>${reportCss('A4')}${EXTRA_CSS}</style>
</head>
<body>
<main class="page">
<header class="report-header">
<div class="eyebrow">Trainee progress report</div>
<h1>${e(series.trainee)}</h1>
<dl class="details">${details.map(([k, v]) => `<div><dt>${e(k)}</dt><dd>${e(v)}</dd></div>`).join('')}</dl>
<p class="generated">Generated ${e(longDate(generated))}${options.generatedBy ? ` by ${e(options.generatedBy)}` : ''} with Attune.</p>
<p class="confidential">Confidential: this report is about counseling sessions. Keep it as securely as the recordings.</p>
</header>
<section aria-labelledby="charts-h">
<h2 id="charts-h">Across sessions</h2>
<p class="note">One point per session, oldest on the left. Shaded: the MITI 4.2.1 fair and good ranges, where MITI sets them (the four global ratings use the thresholds of the technical and relational globals they make up). Rates per 10 minutes count the coded range when one is set.</p>
<div class="charts">
${charts}
${growth}
</div>
</section>
<section aria-labelledby="values-h">
<h2 id="values-h">Values per session</h2>
${valuesTable(series)}
</section>
</main>
</body>
</html>
`;
}
