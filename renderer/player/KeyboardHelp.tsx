/** The keyboard shortcuts, shown with "?" or the keyboard button, with the session codebook's code keys. */
import type { Code } from '../../shared/domain/annotation';
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
      [['Click'], 'Jump to a moment'],
      [['Drag'], 'Mark a span to annotate (drag the ruler to scrub)'],
    ],
  },
  {
    title: 'Annotating',
    keys: [
      [['Code key'], 'Mark what you just heard with that code (listed below)'],
      [['I'], 'Mark where a span starts'],
      [['O'], 'Mark where it ends, then choose its code'],
      [['Esc'], 'In a comment: save it and return to the recording'],
      [[MOD, 'Z'], 'Undo the last annotation change'],
      [[MOD, 'Y'], `Redo (also ${MOD}+Shift+Z)`],
      [['Delete'], 'In the annotation list: delete the selected one'],
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

interface KeyboardHelpProps {
  open: boolean;
  onClose(): void;
  /** The session codebook's enabled codes by key. */
  hotkeys?: ReadonlyMap<string, Code>;
}

export function KeyboardHelp({ open, onClose, hotkeys }: KeyboardHelpProps) {
  const codeKeys = hotkeys ? [...hotkeys.entries()] : [];
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
        {codeKeys.length > 0 && (
          <section className="shortcut-group shortcut-codes" aria-labelledby="shortcut-codes-title" data-testid="shortcut-codes">
            <h3 id="shortcut-codes-title">Code keys (this session’s codebook)</h3>
            <dl>
              {codeKeys.map(([key, code]) => (
                <div key={key} className="shortcut-row">
                  <dt>
                    <kbd>{key.toUpperCase()}</kbd>
                  </dt>
                  <dd>
                    <span className="code-swatch" style={{ background: code.color }} aria-hidden="true" /> {code.name}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        )}
      </div>
    </Modal>
  );
}
