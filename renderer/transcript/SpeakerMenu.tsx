/** The speaker chip's menu: Counselor / Client / Other / none, with arrow keys, Enter and Escape. */
import { useEffect, useLayoutEffect, useRef } from 'react';
import { SPEAKER_ROLES, type SpeakerRole } from '../../shared/domain/transcript';
import { CheckIcon } from '../ui/icons';

interface SpeakerMenuProps {
  anchor: HTMLElement;
  current: SpeakerRole | null;
  names: Record<SpeakerRole, string>;
  onChoose(role: SpeakerRole | null): void;
  onClose(): void;
}

const ITEMS: (SpeakerRole | null)[] = [...SPEAKER_ROLES, null];

export function SpeakerMenu({ anchor, current, names, onChoose, onClose }: SpeakerMenuProps) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const r = anchor.getBoundingClientRect();
    const height = el.offsetHeight;
    const top = r.bottom + 4 + height > window.innerHeight ? Math.max(4, r.top - 4 - height) : r.bottom + 4;
    el.style.left = `${Math.max(4, Math.min(r.left, window.innerWidth - el.offsetWidth - 4))}px`;
    el.style.top = `${top}px`;
    el.style.visibility = 'visible';
  }, [anchor]);

  useEffect(() => {
    const items = ref.current?.querySelectorAll<HTMLElement>('[role=menuitemradio]');
    const start = Math.max(0, ITEMS.indexOf(current));
    items?.[start]?.focus();
    const onDown = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', onDown, true);
    return () => document.removeEventListener('pointerdown', onDown, true);
  }, [current, onClose]);

  const move = (delta: number) => {
    const items = Array.from(ref.current?.querySelectorAll<HTMLElement>('[role=menuitemradio]') ?? []);
    const i = items.indexOf(document.activeElement as HTMLElement);
    items[(i + delta + items.length) % items.length]?.focus();
  };

  return (
    <div
      ref={ref}
      className="menu"
      role="menu"
      aria-label="Speaker"
      style={{ visibility: 'hidden' }}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'ArrowDown') {
          e.preventDefault();
          move(1);
        } else if (e.key === 'ArrowUp') {
          e.preventDefault();
          move(-1);
        } else if (e.key === 'Escape' || e.key === 'Tab') {
          e.preventDefault();
          onClose();
        } else if (['1', '2', '3'].includes(e.key)) {
          e.preventDefault();
          onChoose(SPEAKER_ROLES[Number(e.key) - 1]!);
          onClose();
        }
      }}
    >
      {ITEMS.map((role, i) => (
        <button
          key={role ?? 'none'}
          type="button"
          role="menuitemradio"
          aria-checked={role === current}
          className={`menu-item ${role ? `spk-${role}` : ''}`}
          tabIndex={-1}
          onClick={() => {
            onChoose(role);
            onClose();
          }}
        >
          <span className="menu-check">{role === current && <CheckIcon size={14} />}</span>
          {role && <span className="spk-dot" aria-hidden="true" />}
          <span className="menu-label">{role ? names[role] : 'No speaker'}</span>
          {role && <kbd aria-hidden="true">{i + 1}</kbd>}
        </button>
      ))}
    </div>
  );
}
