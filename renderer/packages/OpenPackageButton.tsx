/**
 * "Open feedback package…": the native open dialog where the shell has one, else a hidden file input
 * (`package-file-input`). Opens feedback packages (the trainee's side) and reply files (merged into
 * the supervisor's session) alike.
 */
import { useRef } from 'react';
import { useAppInfo } from '../app/app-info';
import { HiddenFileInput } from '../ui/HiddenFileInput';
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
        <HiddenFileInput ref={inputRef} accept={PACKAGE_ACCEPT} label="Open a feedback package or reply file" testId="package-file-input" onChoose={openPackageFiles} />
      )}
    </>
  );
}
