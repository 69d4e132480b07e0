/** The session's editable record: every field saves itself as you go; there is no Save button. */
import { SESSION_STATUSES, SESSION_STATUS_LABELS, type Session } from '../../shared/domain/session';
import { Field } from './Field';
import { useAutosave } from './useAutosave';

interface MetadataPanelProps {
  session: Session;
  onSaved(session: Session): void;
}

export function MetadataPanel({ session, onSaved }: MetadataPanelProps) {
  const title = useAutosave(session.id, 'title', session.title, onSaved);
  const trainee = useAutosave(session.id, 'trainee', session.trainee, onSaved);
  const supervisor = useAutosave(session.id, 'supervisor', session.supervisor, onSaved);
  const recordedAt = useAutosave(session.id, 'recordedAt', session.recordedAt ?? '', onSaved);
  const status = useAutosave(session.id, 'status', session.status, onSaved);
  const notes = useAutosave(session.id, 'notes', session.notes, onSaved);

  return (
    <section className="panel metadata" aria-labelledby="metadata-heading">
      <header className="panel-header">
        <h2 id="metadata-heading">Session record</h2>
        <span className="panel-header-note">Changes save automatically</span>
      </header>
      <div className="panel-body metadata-fields">
        <Field label="Title" status={title.status}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              className="input"
              type="text"
              value={title.value}
              onChange={(e) => title.change(e.target.value)}
              onBlur={title.flush}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              maxLength={400}
              autoComplete="off"
              spellCheck
            />
          )}
        </Field>
        <div className="field-pair">
          <Field label="Trainee" status={trainee.status}>
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                className="input"
                type="text"
                value={trainee.value}
                onChange={(e) => trainee.change(e.target.value)}
                onBlur={trainee.flush}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                placeholder="Who led the session"
                autoComplete="off"
              />
            )}
          </Field>
          <Field label="Supervisor" status={supervisor.status}>
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                className="input"
                type="text"
                value={supervisor.value}
                onChange={(e) => supervisor.change(e.target.value)}
                onBlur={supervisor.flush}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                placeholder="Who reviews it"
                autoComplete="off"
              />
            )}
          </Field>
        </div>
        <div className="field-pair">
          <Field label="Recorded on" status={recordedAt.status}>
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                className="input"
                type="date"
                value={recordedAt.value}
                onChange={(e) => recordedAt.change(e.target.value)}
                onBlur={recordedAt.flush}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
              />
            )}
          </Field>
          <Field label="Status" status={status.status}>
            {({ id, describedBy, invalid }) => (
              <select
                id={id}
                className="select"
                value={status.value}
                onChange={(e) => status.commit(e.target.value)}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
              >
                {SESSION_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {SESSION_STATUS_LABELS[s]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field label="Notes" status={notes.status} className="field-grow">
          {({ id, describedBy, invalid }) => (
            <textarea
              id={id}
              className="input textarea"
              value={notes.value}
              onChange={(e) => notes.change(e.target.value)}
              onBlur={notes.flush}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              placeholder="Context for the review: consent, goals, anything to listen for…"
              spellCheck
            />
          )}
        </Field>
      </div>
    </section>
  );
}
