/** The session's editable record: every field saves itself as you go; there is no Save button. */
import { SESSION_STATUSES, SESSION_STATUS_LABELS, type Session } from '../../shared/domain/session';
import { Field, SavedInput, SavedTextarea } from './Field';
import { useSessionField } from './useSessionField';

interface MetadataPanelProps {
  session: Session;
  onSaved(session: Session): void;
}

export function MetadataPanel({ session, onSaved }: MetadataPanelProps) {
  const title = useSessionField(session.id, 'title', session.title, onSaved);
  const trainee = useSessionField(session.id, 'trainee', session.trainee, onSaved);
  const supervisor = useSessionField(session.id, 'supervisor', session.supervisor, onSaved);
  const recordedAt = useSessionField(session.id, 'recordedAt', session.recordedAt ?? '', onSaved);
  const status = useSessionField(session.id, 'status', session.status, onSaved);
  const notes = useSessionField(session.id, 'notes', session.notes, onSaved);

  return (
    <section className="panel metadata" aria-labelledby="metadata-heading">
      <header className="panel-header">
        <h2 id="metadata-heading">Session record</h2>
        <span className="panel-header-note">Changes save automatically</span>
      </header>
      <div className="panel-body metadata-fields">
        <SavedInput label="Title" text={title} type="text" maxLength={400} autoComplete="off" spellCheck />
        <div className="field-pair">
          <SavedInput label="Trainee" text={trainee} type="text" placeholder="Who led the session" autoComplete="off" />
          <SavedInput label="Supervisor" text={supervisor} type="text" placeholder="Who reviews it" autoComplete="off" />
        </div>
        <div className="field-pair">
          <SavedInput label="Recorded on" text={recordedAt} type="date" />
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
        <SavedTextarea
          label="Notes"
          text={notes}
          fieldClassName="field-grow"
          className="input textarea"
          placeholder="Context for the review: consent, goals, anything to listen for…"
        />
      </div>
    </section>
  );
}
