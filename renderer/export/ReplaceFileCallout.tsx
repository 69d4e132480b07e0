/** Asks before a save replaces a file that is already there; the Replace button takes the keyboard. */
import { useEffect, useRef } from 'react';
import { AlertIcon } from '../ui/icons';
import { baseName, folderOf } from './export-options';

interface ReplaceFileCalloutProps {
  /** Prefixes the heading's id. */
  ids: string;
  /** The full path of the file that would be replaced. */
  file: string;
  onReplace(): void;
  onKeep(): void;
  replaceTestId?: string;
}

export function ReplaceFileCallout({ ids, file, onReplace, onKeep, replaceTestId }: ReplaceFileCalloutProps) {
  const replaceRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    replaceRef.current?.focus();
  }, [file]);
  return (
    <div className="callout callout-warning export-replace" role="alertdialog" aria-labelledby={`${ids}-replace`}>
      <AlertIcon />
      <div>
        <strong id={`${ids}-replace`}>“{baseName(file)}” already exists. Replace it?</strong>
        <p>It is in {folderOf(file)}. Replacing it cannot be undone.</p>
        <div className="button-group">
          <button ref={replaceRef} type="button" className="btn btn-danger btn-small" data-testid={replaceTestId} onClick={onReplace}>
            Replace
          </button>
          <button type="button" className="btn btn-secondary btn-small" onClick={onKeep}>
            Keep it
          </button>
        </div>
      </div>
    </div>
  );
}
