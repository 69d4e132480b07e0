/** The keyboard shortcut tables: the session view's, and the Feedback view's (playback only: nothing there edits). */

const isMac = /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl';

export interface ShortcutGroup {
  title: string;
  keys: [keys: string[], action: string][];
}

const PLAYBACK: ShortcutGroup = {
  title: 'Playback',
  keys: [
    [['Space'], 'Play or pause'],
    [['K'], 'Pause'],
    [['L'], 'Play; press again to speed up (1× → 1.5× → 2×)'],
    [['J'], 'Back 10 seconds'],
    [['M'], 'Mute or unmute'],
  ],
};

const MOVING_AROUND: ShortcutGroup = {
  title: 'Moving around',
  keys: [
    [['←'], 'Back 5 seconds'],
    [['→'], 'Forward 5 seconds'],
    [['Shift', '←'], 'Back 1 second'],
    [['Shift', '→'], 'Forward 1 second'],
    [['Home'], 'Go to the start'],
    [['End'], 'Go to the end'],
  ],
};

export const SESSION_SHORTCUTS: readonly ShortcutGroup[] = [
  PLAYBACK,
  MOVING_AROUND,
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

export const PLAYBACK_SHORTCUTS: readonly ShortcutGroup[] = [
  PLAYBACK,
  MOVING_AROUND,
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
