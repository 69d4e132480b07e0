/**
 * "Export…" for one session: the button (showing the progress of a running export) and its dialog.
 * Self-contained: mount it anywhere with the session.
 */
import { useState } from 'react';
import type { Session } from '../../shared/domain/session';
import { SpinnerIcon } from '../ui/icons';
import { ExportDialog } from './ExportDialog';
import { useExportRun } from './export-store';

export function ExportButton({ session }: { session: Session }) {
  const [open, setOpen] = useState(false);
  const run = useExportRun(session.id);
  const running = run !== null && (run.status === 'running' || run.status === 'starting');
  return (
    <>
      <button
        type="button"
        className="btn btn-secondary export-button"
        data-testid="export-button"
        aria-haspopup="dialog"
        title="Export a feedback report, the annotations or transcript, or a feedback package for the trainee"
        onClick={() => setOpen(true)}
      >
        {running ? (
          <>
            <SpinnerIcon size={14} /> Exporting… <span className="num">{run.percent}%</span>
          </>
        ) : (
          'Export…'
        )}
      </button>
      <ExportDialog open={open} session={session} onClose={() => setOpen(false)} />
    </>
  );
}
