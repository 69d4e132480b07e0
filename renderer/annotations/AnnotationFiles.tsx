/**
 * Annotation files in and out of the Annotations tab: import a CSV or JSON file (all or nothing; a
 * refusal names the line), export the session's annotations as CSV or JSON.
 */
import { useId, useRef, useState } from 'react';
import { api, errorMessage } from '../api/client';
import { downloadText } from '../lib/download';
import { HiddenFileInput } from '../ui/HiddenFileInput';
import { ImportIcon } from '../ui/icons';
import { showError, showNotice } from '../ui/toasts';

export function AnnotationFiles({ sessionId, count }: { sessionId: string; count: number }) {
  const fileRef = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const problemId = useId();

  const importFile = async (file: File) => {
    setBusy(true);
    setProblem(null);
    try {
      const content = await file.text();
      const { imported } = await api.invoke('annotations.import', { sessionId, fileName: file.name, content });
      showNotice(`Imported ${imported.length === 1 ? '1 annotation' : `${imported.length.toLocaleString()} annotations`} from “${file.name}”.`);
    } catch (error) {
      setProblem(`“${file.name}” was not imported, and nothing was added. ${errorMessage(error)}`);
    } finally {
      setBusy(false);
    }
  };

  const exportAs = (format: 'csv' | 'json') => {
    setProblem(null);
    api.invoke('annotations.export', { sessionId, format }).then(
      ({ fileName, content }) => downloadText(fileName, content, format === 'csv' ? 'text/csv' : 'application/json'),
      (error: unknown) => showError(errorMessage(error), 'The annotations were not exported'),
    );
  };

  return (
    <div className="annot-files">
      <div className="annot-files-buttons" role="group" aria-label="Annotation files">
        <button type="button" className="btn btn-small btn-quiet" onClick={() => fileRef.current?.click()} disabled={busy} aria-describedby={problem ? problemId : undefined}>
          <ImportIcon size={14} /> {busy ? 'Importing…' : 'Import…'}
        </button>
        <button type="button" className="btn btn-small btn-quiet" onClick={() => exportAs('csv')} disabled={count === 0} title="Export as CSV (opens in a spreadsheet)">
          Export CSV
        </button>
        <button type="button" className="btn btn-small btn-quiet" onClick={() => exportAs('json')} disabled={count === 0} title="Export as JSON, with the scores and feedback">
          Export JSON
        </button>
      </div>
      <HiddenFileInput
        ref={fileRef}
        accept=".csv,.json,text/csv,application/json"
        label="Import annotations from a CSV or JSON file"
        testId="annotation-file-input"
        onChoose={([file]) => file && void importFile(file)}
      />
      {problem && (
        <p id={problemId} className="inline-alert annot-files-problem" role="alert" data-testid="annotation-file-problem">
          {problem}
          <button type="button" className="btn btn-small btn-quiet" onClick={() => setProblem(null)}>
            Dismiss
          </button>
        </p>
      )}
    </div>
  );
}
