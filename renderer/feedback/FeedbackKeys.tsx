/** The keys of the Feedback view (playback only: nothing here edits), in the session view's help layout. */
import { Modal } from '../ui/Modal';

type Keys = [keys: string[], action: string][];

const GROUPS: { title: string; keys: Keys }[] = [
  {
    title: 'Playback',
    keys: [
      [['Space'], 'Play or pause'],
      [['K'], 'Pause'],
      [['L'], 'Play; press again to speed up (1× → 1.5× → 2×)'],
      [['J'], 'Back 10 seconds'],
      [['M'], 'Mute or unmute'],
    ],
  },
  {
    title: 'Moving around',
    keys: [
      [['←'], 'Back 5 seconds'],
      [['→'], 'Forward 5 seconds'],
      [['Shift', '←'], 'Back 1 second'],
      [['Shift', '→'], 'Forward 1 second'],
      [['Home'], 'Go to the start'],
      [['End'], 'Go to the end'],
    ],
  },
  {
    title: 'Waveform (whole recording)',
    keys: [
      [['+'], 'Zoom in'],
      [['−'], 'Zoom out'],
      [['0'], 'Show the whole recording'],
      [['Click'], 'Jump to a moment'],
    ],
  },
  { title: 'Help', keys: [[['?'], 'Show this list']] },
];

export function FeedbackKeys({ open, onClose }: { open: boolean; onClose(): void }) {
  return (
    <Modal open={open} onClose={onClose} title="Keyboard shortcuts" size="medium" description="Shortcuts work whenever the cursor is not in a text field." testId="keyboard-help">
      <div className="shortcut-groups">
        {GROUPS.map((group) => (
          <section key={group.title} className="shortcut-group">
            <h3>{group.title}</h3>
            <dl>
              {group.keys.map(([keys, action]) => (
                <div key={action} className="shortcut-row">
                  <dt>
                    {keys.map((k, i) => (
                      <span key={k}>
                        {i > 0 && <span className="shortcut-plus">+</span>}
                        <kbd>{k}</kbd>
                      </span>
                    ))}
                  </dt>
                  <dd>{action}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Modal>
  );
}
