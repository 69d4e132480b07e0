/**
 * One chart as a card: its title, the SVG from the shared renderer (the same one the PNG and the PDF
 * use), a data table instead of the chart on request, and "PNG". Each point is a focusable link:
 * a click, Enter or Space opens its session (or, in the cohort view, the trainee's progress).
 */
import { useMemo, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { ChartModel } from '../../shared/progress/chart-model';
import { chartSvg } from '../../shared/progress/chart-svg';
import { navigate, progressHref, sessionHref } from '../app/router';
import { errorMessage } from '../api/client';
import { showError } from '../ui/toasts';
import { downloadChartPng } from './chart-png';

interface ChartCardProps {
  model: ChartModel;
  /** The PNG file name (with .png). */
  fileName: string;
  wide?: boolean;
}

function targetHref(target: EventTarget | null): string | null {
  const el = target instanceof Element ? target.closest('[data-session-id], [data-trainee]') : null;
  if (!el) return null;
  const sessionId = el.getAttribute('data-session-id');
  if (sessionId) return sessionHref(sessionId);
  const trainee = el.getAttribute('data-trainee');
  return trainee ? progressHref(trainee) : null;
}

export function ChartCard({ model, fileName, wide = false }: ChartCardProps) {
  const [asTable, setAsTable] = useState(false);
  const [saving, setSaving] = useState(false);
  const svg = useMemo(() => chartSvg(model, { interactive: true }), [model]);
  const titleId = `chart-${model.id}-title`;

  const onClick = (e: MouseEvent) => {
    const href = targetHref(e.target);
    if (href) navigate(href);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    const href = targetHref(e.target);
    if (!href) return;
    e.preventDefault();
    navigate(href);
  };
  const savePng = async () => {
    setSaving(true);
    try {
      await downloadChartPng(model, fileName);
    } catch (error) {
      showError(errorMessage(error), 'The chart could not be saved as a picture');
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className={`chart-card${wide ? ' chart-card-wide' : ''}`} aria-labelledby={titleId} data-testid="chart-card" data-chart={model.id}>
      <header className="chart-card-head">
        <div className="chart-card-titles">
          <h2 id={titleId} className="chart-card-title">
            {model.title}
          </h2>
          <p className="chart-card-hint">{model.hint}</p>
        </div>
        <div className="chart-card-tools">
          <button type="button" className="btn btn-quiet btn-small" aria-pressed={asTable} onClick={() => setAsTable((t) => !t)} aria-label={`Show ${model.title} as a table`}>
            Table
          </button>
          <button type="button" className="btn btn-quiet btn-small" onClick={() => void savePng()} disabled={saving} aria-label={`Save ${model.title} as a PNG picture`}>
            PNG
          </button>
        </div>
      </header>
      {asTable ? (
        <div className="chart-table-wrap">
          <table className="chart-table">
            <caption className="visually-hidden">{model.summary}</caption>
            <thead>
              <tr>
                {model.columns.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {model.rows.map((row) => (
                <tr key={row.key}>
                  {row.cells.map((cell, i) =>
                    i === (model.kind === 'cohort' ? 0 : 1) ? (
                      <th key={i} scope="row">
                        <a href={model.kind === 'cohort' ? progressHref(row.key) : sessionHref(row.key)}>{cell}</a>
                      </th>
                    ) : (
                      <td key={i}>{cell}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        // The points inside are links (role="link", tabindex 0); this wrapper only routes their clicks and keys.
        <div className="chart-figure" onClick={onClick} onKeyDown={onKeyDown} dangerouslySetInnerHTML={{ __html: svg }} />
      )}
    </section>
  );
}
