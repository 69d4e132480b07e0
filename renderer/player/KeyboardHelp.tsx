/** The keyboard shortcuts, shown with "?" or the keyboard button, with the session codebook's code keys when given. */
import type { Code } from '../../shared/domain/annotation';
import { Modal } from '../ui/Modal';
import { SESSION_SHORTCUTS, type ShortcutGroup } from './shortcuts';

interface KeyboardHelpProps {
  open: boolean;
  onClose(): void;
  /** The tables to show: the session view's unless told. */
  groups?: readonly ShortcutGroup[];
  /** The session codebook's enabled codes by key. */
  hotkeys?: ReadonlyMap<string, Code>;
}

export function KeyboardHelp({ open, onClose, groups = SESSION_SHORTCUTS, hotkeys }: KeyboardHelpProps) {
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
        {groups.map((group) => (
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
