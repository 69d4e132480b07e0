/** The tabs above the session's right-hand column: the transcript, and the session's details. */
import type { KeyboardEvent } from 'react';

export type SidebarTab = 'transcript' | 'details';
const TABS: [SidebarTab, string][] = [
  ['transcript', 'Transcript'],
  ['details', 'Details'],
];

export function SidebarTabs({ tab, onTab, segmentCount }: { tab: SidebarTab; onTab(tab: SidebarTab): void; segmentCount: number | null }) {
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight' && e.key !== 'Home' && e.key !== 'End') return;
    e.preventDefault();
    e.stopPropagation();
    const i = TABS.findIndex(([t]) => t === tab);
    const next = e.key === 'Home' ? 0 : e.key === 'End' ? TABS.length - 1 : (i + (e.key === 'ArrowRight' ? 1 : -1) + TABS.length) % TABS.length;
    const [t] = TABS[next]!;
    onTab(t);
    requestAnimationFrame(() => document.getElementById(`tab-${t}`)?.focus());
  };
  return (
    <div className="tabs" role="tablist" aria-label="Session panels" onKeyDown={onKeyDown}>
      {TABS.map(([t, label]) => (
        <button
          key={t}
          id={`tab-${t}`}
          type="button"
          role="tab"
          className="tab"
          aria-selected={tab === t}
          aria-controls={`pane-${t}`}
          tabIndex={tab === t ? 0 : -1}
          onClick={() => onTab(t)}
        >
          {label}
          {t === 'transcript' && segmentCount !== null && segmentCount > 0 && <span className="tab-count num">{segmentCount.toLocaleString()}</span>}
        </button>
      ))}
    </div>
  );
}
