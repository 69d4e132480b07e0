/** The hidden file input behind an "Import…" or "Open…" button: the button clicks it through `ref`. */
import type { Ref } from 'react';

interface HiddenFileInputProps {
  ref: Ref<HTMLInputElement>;
  accept: string;
  /** What choosing a file does, for screen readers. */
  label: string;
  multiple?: boolean;
  testId?: string;
  onChoose(files: File[]): void;
}

export function HiddenFileInput({ ref, accept, label, multiple, testId, onChoose }: HiddenFileInputProps) {
  return (
    <input
      ref={ref}
      type="file"
      accept={accept}
      multiple={multiple}
      hidden
      aria-label={label}
      data-testid={testId}
      onChange={(event) => {
        const files = Array.from(event.currentTarget.files ?? []);
        // Clear it so choosing the same file again still counts as a change.
        event.currentTarget.value = '';
        if (files.length > 0) onChoose(files);
      }}
    />
  );
}
