/**
 * The feedback report as one self-contained HTML document: the HTML export, and the source the PDF
 * is printed from (Electron's printToPDF or headless Chromium). Inline CSS and SVG only, no script,
 * and a Content-Security-Policy that lets nothing load. Every text from the bundle is escaped.
 */
import type { SessionBundle } from '../domain/export';
import type { Band } from '../domain/review';
import { escapeHtml } from './html-escape';
import { reportCss, type ReportPageSize } from './report-css';
import { buildReportModel, type AnnotationEntry, type ReportModel, type ScoreRow, type TranscriptLine } from './report-model';
import { renderTimelineSvg } from './report-timeline-svg';

export interface ReportOptions {
  /** Paper size for printing; A4 unless told. */
  pageSize?: ReportPageSize;
}

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const e = escapeHtml;

const ICONS: Record<Band | 'done' | 'not-done', string> = {
  good: '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M5 12.5l4.5 4.5L19 7.5" fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/></svg>',
  fair: '<svg viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="8.5" fill="none" stroke="currentColor" stroke-width="2.5"/><path d="M12 3.5a8.5 8.5 0 0 1 0 17z" fill="currentColor"/></svg>',
  below:
    '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 3.5L22 20.5H2z" fill="none" stroke="currentColor" stroke-width="2.4" stroke-linejoin="round"/><path d="M12 10v4.5" stroke="currentColor" stroke-width="2.4" stroke-linecap="round"/><circle cx="12" cy="17.3" r="1.3" fill="currentColor"/></svg>',
  done: '<svg class="tick" viewBox="0 0 16 16" aria-hidden="true"><rect x="0.75" y="0.75" width="14.5" height="14.5" rx="3" fill="#157a3a" stroke="#157a3a" stroke-width="1.5"/><path d="M4 8.3l2.7 2.7L12 5.5" fill="none" stroke="#fff" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/></svg>',
  'not-done': '<svg class="tick" viewBox="0 0 16 16" aria-hidden="true"><rect x="0.75" y="0.75" width="14.5" height="14.5" rx="3" fill="#fff" stroke="#9aa3b1" stroke-width="1.5"/></svg>',
};

/** Text that may span several lines, or a muted placeholder when empty. */
function prose(text: string, empty: string, className = 'prose'): string {
  return text === '' ? `<p class="muted"><em>${e(empty)}</em></p>` : `<p class="${className}">${e(text)}</p>`;
}

function headerHtml(model: ReportModel): string {
  const details = model.details
    .map((d) => `<div><dt>${e(d.label)}</dt><dd${d.missing ? ' class="missing"' : ''}>${e(d.value)}</dd></div>`)
    .join('');
  return `<header class="report-header">
<div class="eyebrow">Supervision feedback report</div>
<h1>${e(model.title)}</h1>
<dl class="details">${details}</dl>
<p class="generated">Generated ${e(model.generated)} with Attune.</p>
<p class="confidential">Confidential: this report is about a counseling session. Keep it as securely as the recording.</p>
</header>`;
}

function markHtml(row: ScoreRow): string {
  if (row.band) return `<span class="mark mark-${row.band}">${ICONS[row.band]}${e(row.standing)}</span>`;
  return `<span class="mark mark-none">${e(row.standing)}</span>`;
}

function scoresHtml(model: ReportModel): string {
  const rows = model.scores
    .map((row, i) => {
      const firstGlobal = i > 0 && row.group === 'global' && model.scores[i - 1]?.group !== 'global';
      return `<tr${firstGlobal ? ' class="global-first"' : ''}>
<th scope="row"><span class="label">${e(row.label)}</span><span class="hint">${e(row.hint)}</span>${row.value === null ? `<span class="why">${e(row.missing)}</span>` : ''}</th>
<td class="end num value">${row.value === null ? '—' : e(row.value)}</td>
<td class="end num">${row.fair === null ? '<span class="muted">–</span>' : e(row.fair)}</td>
<td class="end num">${row.good === null ? '<span class="muted">–</span>' : e(row.good)}</td>
<td>${markHtml(row)}</td>
</tr>`;
    })
    .join('\n');
  const counts = model.counts.map((c) => `<li${c.count === 0 ? ' class="zero"' : ''}>${e(c.label)} <b>${c.count}</b></li>`).join('');
  return `<section aria-labelledby="scores-h">
<h2 id="scores-h">Scores (MITI 4.2.1)</h2>
<table class="scores">
<thead><tr><th scope="col">Measure</th><th scope="col" class="end">Score</th><th scope="col" class="end">Fair</th><th scope="col" class="end">Good</th><th scope="col">Standing</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<ul class="counts" aria-label="Behaviour counts">${counts}</ul>
<p class="note">${e(model.codedRange)} Fair and good are the MITI 4.2.1 thresholds; counts and the four global ratings have none.</p>
</section>`;
}

function timelineHtml(model: ReportModel): string {
  const legend =
    model.legend.length === 0
      ? '<p class="note">No annotations yet.</p>'
      : `<ul class="legend" aria-label="Codes used">${model.legend
          .map(
            (l) =>
              `<li><span class="swatch" style="background:${l.colour}"></span><span>${e(l.name)}</span> <span class="legend-kind">${e(l.kindLabel)}</span> <span class="count">× ${l.count}</span></li>`,
          )
          .join('')}</ul>`;
  return `<section aria-labelledby="timeline-h">
<h2 id="timeline-h">Timeline</h2>
<figure class="timeline-figure">
${renderTimelineSvg(model.timeline)}
</figure>
${legend}
${model.hasCodedRange ? '<p class="note">The shaded stretch between dashed lines is the coded range.</p>' : ''}
</section>`;
}

function linesHtml(lines: readonly TranscriptLine[]): string {
  return lines.map((l) => `<p>${l.speaker ? `<span class="speaker">${e(l.speaker)}:</span> ` : ''}${e(l.text)}</p>`).join('');
}

function annotationHtml(a: AnnotationEntry, hasTranscript: boolean): string {
  const noLines = `<p class="empty">${hasTranscript ? 'No transcript line at this moment.' : 'There is no transcript for this session.'}</p>`;
  const transcript =
    a.modelResponse === null
      ? a.lines.length > 0 || hasTranscript
        ? `<div class="transcript" aria-label="Transcript">${a.lines.length > 0 ? linesHtml(a.lines) : noLines}</div>`
        : ''
      : `<div class="compare">
<div class="said"><h4>What was said</h4>${a.lines.length > 0 ? linesHtml(a.lines) : noLines}</div>
<div class="could"><h4>What could have been said</h4>${a.modelResponse === '' ? '<p class="muted"><em>Not written.</em></p>' : `<p class="prose">${e(a.modelResponse)}</p>`}</div>
</div>`;
  const cited =
    a.citedFor.length > 0 ? `<p class="cited">Cited as evidence for ${e(a.citedFor.join(', '))}.</p>` : '';
  return `<article class="annotation" id="${a.anchor}" style="--code:${a.colour}">
<div class="annotation-head"><span class="number">${a.number}.</span><span class="time">${e(a.time)}</span><span class="code"><span class="swatch" style="background:${a.colour}"></span> ${e(a.codeName)}</span><span class="kind kind-${a.kind}">${e(a.kindLabel)}</span>${a.author ? `<span class="author">${e(a.author)}</span>` : ''}</div>
${a.comment === '' ? '<p class="comment empty">No comment.</p>' : `<p class="comment prose">${e(a.comment)}</p>`}
${transcript}
${cited}
</article>`;
}

function annotationsHtml(model: ReportModel): string {
  const body =
    model.annotations.length === 0
      ? '<p class="muted">There are no annotations on this session.</p>'
      : model.annotations.map((a) => annotationHtml(a, model.hasTranscript)).join('\n');
  return `<section aria-labelledby="annotations-h">
<h2 id="annotations-h">Annotations in time order</h2>
${body}
</section>`;
}

function evidenceHtml(model: ReportModel): string {
  const items = model.evidence
    .map((g) => {
      const cites =
        g.cites.length === 0
          ? '<span class="muted">No annotations cited.</span>'
          : `<ul class="cites">${g.cites.map((c) => `<li><a href="#${c.anchor}"><span class="time">${e(c.time)}</span> ${e(c.codeName)}</a></li>`).join('')}</ul>`;
      return `<li><span class="label"><strong>${e(g.label)}</strong></span><span class="rating">${e(g.rating)}</span><div>${cites}</div></li>`;
    })
    .join('\n');
  return `<section class="evidence-section" aria-labelledby="evidence-h">
<h2 id="evidence-h">Global ratings and their evidence</h2>
<ul class="evidence">
${items}
</ul>
</section>`;
}

function feedbackHtml(model: ReportModel): string {
  const blocks = model.feedback
    .map((f) => `<div class="feedback-block"><h3>${e(f.label)}</h3>${prose(f.text, 'Nothing written.')}</div>`)
    .join('\n');
  return `<section aria-labelledby="feedback-h">
<h2 id="feedback-h">Overall feedback</h2>
${blocks}
</section>`;
}

function checklistHtml(model: ReportModel): string {
  const total = model.checklist.reduce((n, g) => n + g.items.length, 0);
  const groups = model.checklist
    .map(
      (g) => `<section><h3>${e(g.label)}${g.range ? ` <span class="time">${e(g.range)}</span>` : ''}</h3><ul>${g.items
        .map(
          (i) =>
            `<li class="${i.done ? 'done' : 'not-done'}">${i.done ? ICONS.done : ICONS['not-done']}<span>${e(i.label)}<span class="visually-hidden">${i.done ? ' (done)' : ' (not done)'}</span></span></li>`,
        )
        .join('')}</ul></section>`,
    )
    .join('\n');
  return `<section class="checklist-section" aria-labelledby="checklist-h">
<h2 id="checklist-h">Phases checklist</h2>
<p class="note checklist-count">${model.checklistDone} of ${total} ticked.</p>
<div class="checklist">
${groups}
</div>
</section>`;
}

/** The whole report as one HTML document (UTF-8). */
export function renderReportHtml(bundle: SessionBundle, options: ReportOptions = {}): string {
  const model = buildReportModel(bundle);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="Attune">
<title>Feedback report: ${e(model.title)}</title>
<style>${reportCss(options.pageSize ?? 'A4')}
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
</style>
</head>
<body>
<main class="page">
${headerHtml(model)}
${scoresHtml(model)}
${timelineHtml(model)}
${annotationsHtml(model)}
${evidenceHtml(model)}
${feedbackHtml(model)}
${checklistHtml(model)}
<footer class="report-footer">Feedback report for “${e(model.title)}” · generated ${e(model.generated)}</footer>
</main>
</body>
</html>
`;
}
