/** The tabs above the session's right-hand column: the transcript, the annotations, the scores and the session's details. */
import type { KeyboardEvent } from 'react';

export type SidebarTab = 'transcript' | 'annotations' | 'scores' | 'details';
export const SIDEBAR_TABS: readonly SidebarTab[] = ['transcript', 'annotations', 'scores', 'details'];
const TABS: [SidebarTab, string][] = [
  ['transcript', 'Transcript'],
  ['annotations', 'Annotations'],
  ['scores', 'Scores'],
  ['details', 'Details'],
];

export function isSidebarTab(value: unknown): value is SidebarTab {
  return typeof value === 'string' && (SIDEBAR_TABS as readonly string[]).includes(value);
}

interface SidebarTabsProps {
  tab: SidebarTab;
  onTab(tab: SidebarTab): void;
  segmentCount: number | null;
  annotationCount: number | null;
}

export function SidebarTabs({ tab, onTab, segmentCount, annotationCount }: SidebarTabsProps) {
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
  const counts: Partial<Record<SidebarTab, number | null>> = { transcript: segmentCount, annotations: annotationCount };
  return (
    <div className="tabs" role="tablist" aria-label="Session panels" onKeyDown={onKeyDown}>
      {TABS.map(([t, label]) => {
        const count = counts[t];
        return (
          <button
            key={t}
            id={`tab-${t}`}
            type="button"
            role="tab"
            className="tab"
            aria-selected={tab === t}
            aria-controls={`pane-${t}`}
            tabIndex={tab === t ? 0 : -1}
            data-testid={t === 'annotations' ? 'annotations-tab' : undefined}
            onClick={() => onTab(t)}
          >
            {label}
            {count !== null && count !== undefined && (count > 0 || t === 'annotations') && <span className="tab-count num">{count.toLocaleString()}</span>}
          </button>
        );
      })}
    </div>
  );
}
