/**
 * "Open feedback package…": the native open dialog where the shell has one, else a hidden file input
 * (`package-file-input`). Opens feedback packages (the trainee's side) and reply files (merged into
 * the supervisor's session) alike.
 */
import { useRef } from 'react';
import { useAppInfo } from '../app/app-info';
import { choosePackageNatively, openPackageFiles } from './package-open-store';
import { PACKAGE_ACCEPT } from './package-transport';

export function OpenPackageButton({ className = 'btn btn-secondary' }: { className?: string }) {
  const info = useAppInfo();
  const inputRef = useRef<HTMLInputElement>(null);
  const native = info?.nativeDialogs === true;
  return (
    <>
      <button
        type="button"
        className={className}
        data-testid="open-package-button"
        title="Open a feedback package from your supervisor, or a reply file from your trainee"
        onClick={() => (native ? void choosePackageNatively() : inputRef.current?.click())}
      >
        Open feedback package…
      </button>
      {!native && (
        <input
          ref={inputRef}
          type="file"
          accept={PACKAGE_ACCEPT}
          aria-label="Open a feedback package or reply file"
          hidden
          data-testid="package-file-input"
          onChange={(event) => {
            const files = Array.from(event.currentTarget.files ?? []);
            // Clear it so choosing the same file again still counts as a change.
            event.currentTarget.value = '';
            if (files.length > 0) openPackageFiles(files);
          }}
        />
      )}
    </>
  );
}
