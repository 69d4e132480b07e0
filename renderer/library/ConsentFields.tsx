/**
 * The client's consent and the retention date of a session. Consent is saved once it is whole — the
 * date it was given, its scope and who recorded it (your profile name unless you change it);
 * clearing the date removes it ("No consent on file"). The retention date offers quick choices
 * counted from the consent date.
 */
import { useState } from 'react';
import { CONSENT_SCOPES, CONSENT_SCOPE_LABELS, type Consent, type ConsentScope, type Session } from '../../shared/domain/session';
import { addYears, localIsoDate, retentionState } from '../../shared/library/library-filter';
import { api, errorMessage } from '../api/client';
import type { SaveStatus } from '../lib/autosave/text-saver';
import { useProfile } from '../profile/profile-store';
import { Field, SavedInput } from '../session/Field';
import { fieldMessage, useSessionField } from '../session/useSessionField';
import { AlertIcon } from '../ui/icons';

interface Draft {
  date: string;
  scope: ConsentScope | '';
  recordedBy: string;
}

const RETENTION_YEARS = [1, 3, 7] as const;

const complete = (d: Draft): Consent | null => (d.date && d.scope && d.recordedBy.trim() ? { date: d.date, scope: d.scope, recordedBy: d.recordedBy.trim() } : null);

export function ConsentFields({ session, onSaved }: { session: Session; onSaved(session: Session): void }) {
  const profile = useProfile();
  const [draft, setDraft] = useState<Draft>(() => session.consent ?? { date: '', scope: '', recordedBy: '' });
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const retainUntil = useSessionField(session.id, 'retainUntil', session.retainUntil ?? '', onSaved);
  const recordedBy = draft.recordedBy || (session.consent ? '' : (profile?.name ?? ''));

  const store = (consent: Consent | null) => {
    setStatus({ kind: 'saving' });
    api.invoke('sessions.update', { id: session.id, patch: { consent } }).then(
      (saved) => {
        setStatus({ kind: 'saved' });
        onSaved(saved);
      },
      (error: unknown) => setStatus({ kind: 'error', message: fieldMessage(errorMessage(error)) }),
    );
  };

  /** A change to one part: saved when the consent is whole, removed when the date is cleared. */
  const change = (patch: Partial<Draft>, now = true) => {
    const next = { ...draft, recordedBy, ...patch };
    setDraft(next);
    const consent = complete(next);
    if (next.date === '' && session.consent) store(null);
    else if (consent && now) store(consent);
    else if (!consent) setStatus({ kind: 'idle' });
  };

  const missing = !session.consent;
  const waiting = draft.date !== '' && !complete({ ...draft, recordedBy });
  const hint = waiting
    ? !draft.scope
      ? 'Choose the scope to record this consent.'
      : 'Say who recorded the consent.'
    : missing
      ? 'Enter the date consent was given to record it.'
      : undefined;
  const state = retentionState(session, localIsoDate());

  return (
    <fieldset className="consent-fields" data-testid="consent-fields">
      <legend className="consent-legend">
        Consent
        {missing && (
          <span className="consent-flag" data-testid="consent-missing">
            <AlertIcon size={13} /> No consent on file
          </span>
        )}
      </legend>
      <div className="field-pair">
        <Field label="Consent given on" status={status} hint={hint}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              type="date"
              className="input"
              value={draft.date}
              onChange={(e) => change({ date: e.target.value })}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              data-testid="consent-date"
            />
          )}
        </Field>
        <Field label="Scope" status={{ kind: 'idle' }}>
          {({ id }) => (
            <select id={id} className="select" value={draft.scope} onChange={(e) => change({ scope: e.target.value as ConsentScope | '' })} data-testid="consent-scope">
              {draft.scope === '' && <option value="">Choose…</option>}
              {CONSENT_SCOPES.map((s) => (
                <option key={s} value={s}>
                  {CONSENT_SCOPE_LABELS[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field label="Recorded by" status={{ kind: 'idle' }}>
        {({ id }) => (
          <input
            id={id}
            className="input"
            value={recordedBy}
            maxLength={200}
            autoComplete="off"
            onChange={(e) => change({ recordedBy: e.target.value }, false)}
            onBlur={() => {
              const consent = complete({ ...draft, recordedBy });
              if (consent && JSON.stringify(consent) !== JSON.stringify(session.consent)) store(consent);
            }}
            data-testid="consent-recorded-by"
          />
        )}
      </Field>
      <SavedInput
        label="Keep until (retention date)"
        text={retainUntil}
        type="date"
        min={session.consent?.date}
        hint={
          state === 'past' ? (
            <span className="retention-note is-past">Past its retention date: delete it from the Retention screen.</span>
          ) : state === 'due' ? (
            <span className="retention-note is-due">Due within 30 days.</span>
          ) : undefined
        }
        testId="retain-until"
      />
      <div className="retention-quick" role="group" aria-label="Set the retention date from the consent date">
        {RETENTION_YEARS.map((years) => (
          <button
            key={years}
            type="button"
            className="btn btn-secondary btn-small"
            disabled={!session.consent}
            title={session.consent ? undefined : 'Record the consent date first'}
            onClick={() => session.consent && retainUntil.commit(addYears(session.consent.date, years))}
          >
            +{years} {years === 1 ? 'year' : 'years'}
          </button>
        ))}
        <span className="retention-quick-note">from the consent date</span>
      </div>
    </fieldset>
  );
}
