/** Your profile: the name shown as the author of new annotations, and the pre-roll of one-key coding. Saves as you go. */
import { useState } from 'react';
import { DEFAULT_PRE_ROLL, type Profile } from '../../shared/domain/annotation';
import { SavedInput } from '../session/Field';
import { Modal } from '../ui/Modal';
import { AlertIcon } from '../ui/icons';
import { plainMessage } from '../scoring/useReview';
import { useAutosave } from '../lib/autosave/useAutosave';
import { updateProfile, useProfile } from './profile-store';

export function ProfileDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const profile = useProfile();
  return (
    <Modal
      open={open}
      onClose={onClose}
      title="Your profile"
      description="Kept on this computer. Changes save as you type."
      testId="profile-dialog"
      footer={
        <button type="button" className="btn btn-primary" onClick={onClose}>
          Done
        </button>
      }
    >
      {profile ? (
        <ProfileFields profile={profile} />
      ) : (
        <p className="muted" role="status">
          Loading your profile…
        </p>
      )}
    </Modal>
  );
}

function ProfileFields({ profile }: { profile: Profile }) {
  const name = useAutosave(profile.name, (value) => updateProfile({ name: value }), { describe: plainMessage });
  const preRoll = useAutosave(
    String(profile.preRoll),
    (value) => {
      const seconds = Number(value.replace(',', '.'));
      if (value.trim() === '' || !Number.isFinite(seconds)) return Promise.reject(new Error('The pre-roll is a number of seconds, from 0 to 30.'));
      return updateProfile({ preRoll: seconds });
    },
    { describe: plainMessage },
  );
  return (
    <div className="profile-fields">
      <SavedInput label="Your name" text={name} hint="Shown as the author of the annotations you make." type="text" maxLength={80} autoComplete="name" testId="profile-name" />
      <SavedInput
        label="Pre-roll for one-key coding (seconds)"
        text={preRoll}
        hint={`A code's key places the annotation this many seconds before the playhead, at what you just heard. 0 to 30; ${DEFAULT_PRE_ROLL} suits most reviews.`}
        className="input profile-preroll num"
        type="number"
        min={0}
        max={30}
        step={0.5}
        testId="profile-preroll"
      />
    </div>
  );
}

/** The top bar's button: your name (or a prompt to set it), opening the profile. */
export function ProfileButton() {
  const profile = useProfile();
  const [open, setOpen] = useState(false);
  const unnamed = profile !== null && profile.name.trim() === '';
  return (
    <>
      <button
        type="button"
        className="topbar-link topbar-profile"
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
        title="Your profile: name and one-key coding"
        data-testid="profile-button"
      >
        <PersonIcon />
        <span className="topbar-profile-name">{profile === null ? 'Profile' : unnamed ? 'Set your name' : profile.name}</span>
        {unnamed && <AlertIcon size={12} className="topbar-profile-alert" />}
      </button>
      <ProfileDialog open={open} onClose={() => setOpen(false)} />
    </>
  );
}

function PersonIcon() {
  return (
    <svg width={15} height={15} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <circle cx="12" cy="8" r="3.75" />
      <path d="M4.5 20a7.5 7.5 0 0 1 15 0" />
    </svg>
  );
}
