/**
 * One way to choose recordings for the whole window: the native dialog where the shell has one,
 * else a hidden file input. Also handles Ctrl/⌘+O.
 */
import { createContext, useCallback, useContext, useEffect, useRef, type ReactNode } from 'react';
import { api, errorMessage } from '../api/client';
import { useAppInfo } from '../app/app-info';
import { isTextEntry, modalIsOpen } from '../lib/keyboard';
import { showError } from '../ui/toasts';
import { openPackageFiles, openPackagePath } from '../packages/package-open-store';
import { isPackageFileName } from '../packages/package-transport';
import { HiddenFileInput } from '../ui/HiddenFileInput';
import { ACCEPT_ATTRIBUTE, importFiles, importPaths } from './import-queue';

const ChooseContext = createContext<() => void>(() => undefined);

export function useChooseImport(): () => void {
  return useContext(ChooseContext);
}

export function ImportChooser({ children }: { children: ReactNode }) {
  const info = useAppInfo();
  const inputRef = useRef<HTMLInputElement>(null);
  const native = info?.nativeDialogs === true;

  const choose = useCallback(() => {
    if (native) {
      api.invoke('dialog.openMedia', {}).then(
        ({ paths }) => {
          // A feedback package or reply file chosen here is opened, not imported as a recording.
          for (const p of paths.filter((p) => isPackageFileName(p))) openPackagePath(p);
          const recordings = paths.filter((p) => !isPackageFileName(p));
          if (recordings.length > 0) importPaths(recordings);
        },
        (error: unknown) => showError(errorMessage(error), 'The file dialog could not be opened'),
      );
      return;
    }
    inputRef.current?.click();
  }, [native]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'o') {
        if (modalIsOpen() || isTextEntry(event.target)) return;
        event.preventDefault();
        choose();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [choose]);

  return (
    <ChooseContext value={choose}>
      {children}
      {!native && (
        <HiddenFileInput
          ref={inputRef}
          accept={ACCEPT_ATTRIBUTE}
          label="Import recordings"
          multiple
          onChoose={(files) => {
            const packages = files.filter((f) => isPackageFileName(f.name));
            const recordings = files.filter((f) => !isPackageFileName(f.name));
            if (packages.length > 0) openPackageFiles(packages);
            if (recordings.length > 0) importFiles(recordings);
          }}
        />
      )}
    </ChooseContext>
  );
}
