/** The keyboard shortcuts, shown with "?" or the keyboard button. */
import { Modal } from '../ui/Modal';

const isMac = /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl';

const GROUPS: { title: string; keys: [string[], string][] }[] = [
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
    title: 'Waveform',
    keys: [
      [['+'], 'Zoom in'],
      [['−'], 'Zoom out'],
      [['0'], 'Show the whole recording'],
      [[MOD, 'wheel'], 'Zoom around the pointer'],
      [['Click', 'drag'], 'Jump or scrub to a moment'],
    ],
  },
  {
    title: 'Transcript (a segment focused)',
    keys: [
      [['Enter'], 'Play from this segment'],
      [['↑'], 'Previous segment (↓: next)'],
      [['E'], 'Edit the text (also F2 or double-click)'],
      [['1'], 'Speaker: counselor (2 client, 3 other)'],
      [['S'], 'Next speaker'],
      [['X'], 'Split at the playhead'],
      [['Shift', 'M'], 'Merge with the next segment'],
      [['Alt', 'Enter'], 'While editing: split at the caret'],
    ],
  },
  {
    title: 'Anywhere',
    keys: [
      [['?'], 'Show this list'],
      [[MOD, 'O'], 'Import recordings'],
      [['/'], 'Filter the library, or search the transcript'],
      [[MOD, 'F'], 'Search the transcript'],
    ],
  },
];

export function KeyboardHelp({ open, onClose }: { open: boolean; onClose(): void }) {
  return (
    <Modal
      open={open}
      onClose={onClose}
      title="Keyboard shortcuts"
      size="medium"
      description="Shortcuts work whenever the cursor is not in a text field."
      testId="keyboard-help"
    >
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
