/**
 * A session's tags: chips with a remove button each, and a box where Enter or a comma adds the tag
 * typed (Backspace in the empty box removes the last one). Every change saves at once.
 */
import { useState, type KeyboardEvent } from 'react';
import { MAX_TAGS } from '../../shared/domain/library';
import type { Session } from '../../shared/domain/session';
import { normaliseTags } from '../../shared/library/library-filter';
import { api, errorMessage } from '../api/client';
import type { SaveStatus } from '../lib/autosave/text-saver';
import { Field } from '../session/Field';
import { fieldMessage } from '../session/useSessionField';
import { CloseIcon } from '../ui/icons';

interface TagEditorProps {
  session: Session;
  onSaved(session: Session): void;
  /** Tags in use elsewhere in the library, offered as the box's suggestions. */
  suggestions?: readonly string[];
}

export function TagEditor({ session, onSaved, suggestions = [] }: TagEditorProps) {
  const [tags, setTags] = useState<readonly string[]>(session.tags);
  const [draft, setDraft] = useState('');
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const listId = `tag-suggestions-${session.id}`;

  const save = (next: readonly string[]) => {
    const normal = normaliseTags(next);
    if (normal.length > MAX_TAGS) {
      setStatus({ kind: 'error', message: `A session can carry at most ${MAX_TAGS} tags.` });
      return;
    }
    const previous = tags;
    setTags(normal);
    setStatus({ kind: 'saving' });
    api.invoke('sessions.update', { id: session.id, patch: { tags: normal } }).then(
      (saved) => {
        setTags(saved.tags);
        setStatus({ kind: 'saved' });
        onSaved(saved);
      },
      (error: unknown) => {
        setTags(previous);
        setStatus({ kind: 'error', message: fieldMessage(errorMessage(error)) });
      },
    );
  };

  const add = (): boolean => {
    const parts = draft.split(',').map((t) => t.trim()).filter(Boolean);
    if (parts.length === 0) return false;
    setDraft('');
    save([...tags, ...parts]);
    return true;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === ',') {
      if (draft.trim()) {
        event.preventDefault();
        add();
      } else if (event.key === ',') event.preventDefault();
    } else if (event.key === 'Backspace' && draft === '' && tags.length > 0) {
      event.preventDefault();
      save(tags.slice(0, -1));
    }
  };

  const known = new Set(tags.map((t) => t.toLocaleLowerCase()));
  return (
    <Field label="Tags" status={status} hint="Enter or a comma adds a tag; Backspace in the empty box removes the last.">
      {({ id, describedBy, invalid }) => (
        <div className="tag-editor">
          <ul className="tag-list" aria-label="Tags on this session">
            {tags.map((t) => (
              <li key={t} className="tag-chip tag-chip-editable">
                <span>{t}</span>
                <button type="button" className="tag-remove" onClick={() => save(tags.filter((x) => x !== t))} aria-label={`Remove tag ${t}`}>
                  <CloseIcon size={11} />
                </button>
              </li>
            ))}
          </ul>
          <input
            id={id}
            className="input tag-input"
            value={draft}
            placeholder={tags.length === 0 ? 'Add a tag, e.g. sustain talk' : 'Add a tag'}
            maxLength={60}
            autoComplete="off"
            list={listId}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={onKeyDown}
            onBlur={() => void add()}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            data-testid="tag-input"
          />
          <datalist id={listId}>
            {suggestions
              .filter((s) => !known.has(s.toLocaleLowerCase()))
              .map((s) => (
                <option key={s} value={s} />
              ))}
          </datalist>
        </div>
      )}
    </Field>
  );
}
