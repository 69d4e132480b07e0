/** The session's editable record: every field saves itself as you go; there is no Save button. */
import { useMemo } from 'react';
import { SESSION_STATUSES, SESSION_STATUS_LABELS, type Session } from '../../shared/domain/session';
import { ConsentFields } from '../library/ConsentFields';
import { useLibrary } from '../library/library-store';
import { TagEditor } from '../library/TagEditor';
import { Field, SavedInput, SavedTextarea } from './Field';
import { useSessionField } from './useSessionField';

const collator = new Intl.Collator(undefined, { sensitivity: 'base' });

/** Values already used across the library, offered as suggestions (one spelling each). */
function inUse(values: Iterable<string>): string[] {
  const seen = new Map<string, string>();
  for (const v of values) if (v.trim() && !seen.has(v.toLocaleLowerCase())) seen.set(v.toLocaleLowerCase(), v.trim());
  return [...seen.values()].sort(collator.compare);
}

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
  const cohort = useSessionField(session.id, 'cohort', session.cohort, onSaved);
  const client = useSessionField(session.id, 'clientPseudonym', session.clientPseudonym, onSaved);
  const library = useLibrary().sessions;
  const cohorts = useMemo(() => inUse(library?.map((s) => s.cohort) ?? []), [library]);
  const tags = useMemo(() => inUse(library?.flatMap((s) => s.tags) ?? []), [library]);

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
        <div className="field-pair">
          <SavedInput label="Cohort or course" text={cohort} type="text" placeholder="e.g. MSW 2026 — Practicum I" autoComplete="off" list={`cohorts-${session.id}`} testId="cohort" />
          <SavedInput
            label="Client pseudonym — never a real name"
            text={client}
            type="text"
            placeholder="e.g. Client K"
            autoComplete="off"
            spellCheck={false}
            maxLength={80}
            testId="client-pseudonym"
          />
        </div>
        <datalist id={`cohorts-${session.id}`}>
          {cohorts.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        <TagEditor key={`tags-${session.id}`} session={session} onSaved={onSaved} suggestions={tags} />
        <ConsentFields key={`consent-${session.id}`} session={session} onSaved={onSaved} />
        <SavedTextarea
          label="Notes"
          text={notes}
          fieldClassName="field-grow"
          className="input textarea"
          placeholder="Context for the review: goals, anything to listen for…"
        />
      </div>
    </section>
  );
}
