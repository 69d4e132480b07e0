/**
 * Saved filters: a menu of the named filters stored in the library (choosing one applies it), a
 * button to save the current filter under a name, and one to delete the saved filter now applied.
 */
import { useState } from 'react';
import type { LibraryFilter, SavedFilter } from '../../shared/domain/library';
import { compactFilter } from '../../shared/library/library-filter';
import { errorMessage } from '../api/client';
import { Modal } from '../ui/Modal';
import { AlertIcon, TrashIcon } from '../ui/icons';
import { showError, showNotice } from '../ui/toasts';
import { deleteFilter, saveFilter, useSavedFilters } from './saved-filters-store';

/** Filters compare by their non-empty parts, in a fixed key order. */
export function sameFilter(a: LibraryFilter, b: LibraryFilter): boolean {
  const key = (f: LibraryFilter) => JSON.stringify(Object.entries(compactFilter(f)).sort(([x], [y]) => x.localeCompare(y)));
  return key(a) === key(b);
}

interface SavedFiltersProps {
  current: LibraryFilter;
  onApply(filter: LibraryFilter): void;
  canSave: boolean;
}

export function SavedFilters({ current, onApply, canSave }: SavedFiltersProps) {
  const saved = useSavedFilters();
  const applied: SavedFilter | undefined = saved?.find((f) => sameFilter(f.filter, current));
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = () => {
    setBusy(true);
    saveFilter(name, current).then(
      (f) => {
        setBusy(false);
        setNaming(false);
        showNotice(`Saved the filter “${f.name}”.`);
      },
      (e: unknown) => {
        setBusy(false);
        setError(errorMessage(e).replace(/^name:\s*/, ''));
      },
    );
  };

  return (
    <>
      <label className="filter-choice">
        <span className="filter-label">Saved filters</span>
        <select
          className="select select-compact"
          value={applied?.id ?? ''}
          onChange={(e) => {
            const f = saved?.find((x) => x.id === e.target.value);
            if (f) onApply(f.filter);
          }}
          disabled={!saved || saved.length === 0}
          data-testid="saved-filters"
        >
          <option value="">{saved && saved.length > 0 ? (applied ? '' : 'Choose a saved filter…') : 'None saved yet'}</option>
          {saved?.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="btn btn-secondary btn-small"
        disabled={!canSave}
        title={canSave ? undefined : 'Choose something to filter by first'}
        onClick={() => {
          setName(applied?.name ?? '');
          setError(null);
          setNaming(true);
        }}
      >
        Save filter…
      </button>
      {applied && (
        <button
          type="button"
          className="btn btn-quiet btn-small btn-danger-quiet"
          onClick={() =>
            deleteFilter(applied.id).then(
              () => showNotice(`Deleted the saved filter “${applied.name}”. The list stays filtered until you clear it.`),
              (e: unknown) => showError(errorMessage(e)),
            )
          }
          aria-label={`Delete the saved filter “${applied.name}”`}
        >
          <TrashIcon size={13} /> Delete saved filter
        </button>
      )}
      <Modal
        open={naming}
        onClose={() => !busy && setNaming(false)}
        title="Save this filter"
        testId="save-filter-dialog"
        description={<p>Give the filter a name to find it again in the Saved filters menu. A saved filter with the same name is replaced.</p>}
        footer={
          <>
            <button type="button" className="btn btn-secondary" onClick={() => setNaming(false)} disabled={busy}>
              Cancel
            </button>
            <button type="submit" form="save-filter-form" className="btn btn-primary" disabled={busy || !name.trim()}>
              Save filter
            </button>
          </>
        }
      >
        <form
          id="save-filter-form"
          className="field"
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) submit();
          }}
        >
          <label htmlFor="save-filter-name" className="field-label">
            Name
          </label>
          <input
            id="save-filter-name"
            className="input"
            value={name}
            maxLength={80}
            autoFocus
            autoComplete="off"
            onChange={(e) => setName(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'save-filter-error' : undefined}
          />
          {error && (
            <p id="save-filter-error" className="field-error" role="alert">
              <AlertIcon size={13} /> {error}
            </p>
          )}
        </form>
      </Modal>
    </>
  );
}
