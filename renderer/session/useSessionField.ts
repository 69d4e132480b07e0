/** One session field that saves itself through sessions.update (see lib/autosave for how). */
import { useCallback } from 'react';
import type { SessionPatch, Session } from '../../shared/domain/session';
import { api, errorMessage } from '../api/client';
import { useAutosave, type Autosave } from '../lib/autosave/useAutosave';

export type EditableField = 'title' | 'trainee' | 'supervisor' | 'recordedAt' | 'notes' | 'status' | 'cohort' | 'clientPseudonym' | 'retainUntil';

/** Validation messages arrive as "patch.title: The title cannot be empty." (or "patch.consent.date: …"); the field already says which. */
export function fieldMessage(message: string): string {
  return message.replace(/^(?:patch\.)?[\w.]+:\s*/, '');
}

const describe = (error: unknown) => fieldMessage(errorMessage(error));

function toPatch(field: EditableField, value: string): SessionPatch {
  switch (field) {
    case 'recordedAt':
      return { recordedAt: value === '' ? null : value };
    case 'retainUntil':
      return { retainUntil: value === '' ? null : value };
    case 'status':
      return { status: value as Session['status'] };
    default:
      return { [field]: value };
  }
}

/** The field keeps what was typed even when the saved session comes back trimmed. */
export function useSessionField(sessionId: string, field: EditableField, initial: string, onSaved: (session: Session) => void): Autosave {
  const save = useCallback(
    (value: string) => api.invoke('sessions.update', { id: sessionId, patch: toPatch(field, value) }).then(onSaved),
    [sessionId, field, onSaved],
  );
  return useAutosave(initial, save, { describe, followStored: false });
}
