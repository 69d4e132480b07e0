/**
 * Files dragged anywhere onto the window: recordings are imported, feedback packages and reply files
 * opened (renderer/packages/); while dragging, an overlay says so. Also mounts what opening a package
 * shows (its passphrase prompt and status), so drops, the Open button and the menu share it.
 */
import { useEffect, useState } from 'react';
import { openPackageFiles } from '../packages/package-open-store';
import { isPackageFileName } from '../packages/package-transport';
import { PackageOpenHost } from '../packages/PackageOpenHost';
import { ImportIcon } from '../ui/icons';
import { showError } from '../ui/toasts';
import { importFiles, SUPPORTED_FORMATS_TEXT } from './import-queue';

function carriesFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

export function DropOverlay() {
  const [active, setActive] = useState(false);

  useEffect(() => {
    let depth = 0;
    const onEnter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth++;
      setActive(true);
    };
    const onOver = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setActive(false);
    };
    const onDrop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setActive(false);
      const items = Array.from(event.dataTransfer?.items ?? []);
      const folders = items.filter((item) => item.webkitGetAsEntry?.()?.isDirectory).length;
      if (folders > 0) {
        showError(
          folders === 1 ? 'A folder cannot be imported as a recording. Open the folder and drag the recordings themselves.' : 'Folders cannot be imported as recordings. Open them and drag the recordings themselves.',
          'Nothing imported from the folder',
        );
      }
      const files = Array.from(event.dataTransfer?.files ?? []).filter((_, i) => !items[i]?.webkitGetAsEntry?.()?.isDirectory);
      const packages = files.filter((f) => isPackageFileName(f.name));
      const recordings = files.filter((f) => !isPackageFileName(f.name));
      if (packages.length > 0) openPackageFiles(packages);
      if (recordings.length > 0) importFiles(recordings);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, []);

  return (
    <>
      {active && (
        <div className="drop-overlay" data-testid="drop-overlay">
          <div className="drop-target">
            <ImportIcon size={36} />
            <p className="drop-title">Drop recordings to import them</p>
            <p className="drop-hint">
              {SUPPORTED_FORMATS_TEXT} files. Attune keeps its own copy on this computer. Feedback packages and reply files are opened.
            </p>
          </div>
        </div>
      )}
      <PackageOpenHost />
    </>
  );
}
