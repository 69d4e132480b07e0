/** Small dialogs of the transcript panel: speaker names, speaker by channel, replacing a transcript. */
import { useId, useState } from 'react';
import { SPEAKER_ROLES, type SpeakerRole } from '../../shared/domain/transcript';
import { pluralise } from '../../shared/util/format';
import { FormFooter } from '../ui/FormFooter';
import { Modal } from '../ui/Modal';

export function SpeakersDialog({
  open,
  names,
  onClose,
  onRename,
}: {
  open: boolean;
  names: Record<SpeakerRole, string>;
  onClose(): void;
  onRename(role: SpeakerRole, name: string): Promise<boolean>;
}) {
  return (
    <Modal open={open} onClose={onClose} title="Speakers in this session" description="Names shown on this session's transcript. Keys 1, 2 and 3 set them on a focused segment.">
      {open && <SpeakersForm names={names} onClose={onClose} onRename={onRename} />}
    </Modal>
  );
}

function SpeakersForm({ names, onClose, onRename }: { names: Record<SpeakerRole, string>; onClose(): void; onRename(role: SpeakerRole, name: string): Promise<boolean> }) {
  const [draft, setDraft] = useState(names);
  const [busy, setBusy] = useState(false);
  const ids = useId();
  const changed = SPEAKER_ROLES.filter((r) => draft[r].trim() && draft[r].trim() !== names[r]);
  return (
    <form
      className="speakers-form"
      onSubmit={(e) => {
        e.preventDefault();
        void (async () => {
          setBusy(true);
          for (const role of changed) if (!(await onRename(role, draft[role].trim()))) break;
          setBusy(false);
          onClose();
        })();
      }}
    >
      {SPEAKER_ROLES.map((role, i) => (
        <div key={role} className="speaker-field">
          <label htmlFor={`${ids}-${role}`} className={`speaker-field-label spk-${role}`}>
            <span className="spk-dot" aria-hidden="true" />
            <kbd aria-hidden="true">{i + 1}</kbd>
            {role === 'counselor' ? 'Counselor role' : role === 'client' ? 'Client role' : 'Other'}
          </label>
          <input
            id={`${ids}-${role}`}
            className="input"
            value={draft[role]}
            maxLength={60}
            required
            autoComplete="off"
            onChange={(e) => setDraft({ ...draft, [role]: e.target.value })}
          />
        </div>
      ))}
      <FormFooter onCancel={onClose} submit="Save names" submitDisabled={busy || changed.length === 0} />
    </form>
  );
}

export function ChannelDialog({
  open,
  names,
  onClose,
  onApply,
}: {
  open: boolean;
  names: Record<SpeakerRole, string>;
  onClose(): void;
  onApply(leftIs: 'counselor' | 'client'): Promise<void>;
}) {
  const [leftIs, setLeftIs] = useState<'counselor' | 'client'>('counselor');
  const [busy, setBusy] = useState(false);
  const name = useId();
  return (
    <Modal
      open={open}
      onClose={onClose}
      title="Speaker by channel"
      description="Clinic systems often record each person on their own channel. Attune gives every segment the speaker of its louder channel; this replaces the speakers set so far."
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy}
            onClick={() => {
              setBusy(true);
              void onApply(leftIs).finally(() => {
                setBusy(false);
                onClose();
              });
            }}
          >
            Set speakers
          </button>
        </>
      }
    >
      <fieldset className="radio-list">
        <legend className="field-label">Who is on the left channel?</legend>
        {(['counselor', 'client'] as const).map((role) => (
          <label key={role} className="radio-row">
            <input type="radio" name={name} checked={leftIs === role} onChange={() => setLeftIs(role)} />
            <span>
              Left: <strong>{names[role]}</strong> · Right: {names[role === 'counselor' ? 'client' : 'counselor']}
            </span>
          </label>
        ))}
      </fieldset>
    </Modal>
  );
}

export function ReplaceDialog({ open, segmentCount, edits, onClose, onConfirm }: { open: boolean; segmentCount: number; edits: number; onClose(): void; onConfirm(): void }) {
  return (
    <Modal
      open={open}
      onClose={onClose}
      role="alertdialog"
      title="Replace the transcript?"
      description={
        <>
          Importing a file replaces the current transcript ({pluralise(segmentCount, 'segment', 'segments')}
          {edits > 0 ? `, ${pluralise(edits, 'correction', 'corrections')}` : ''}).
        </>
      }
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={onClose}>
            Keep the current one
          </button>
          <button type="button" className="btn btn-primary" onClick={onConfirm}>
            Choose a file…
          </button>
        </>
      }
    />
  );
}
