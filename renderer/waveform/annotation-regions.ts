/**
 * The annotations layer on the waveform: a moment is a thin marker, a span a translucent band in
 * its code's colour, each with a small code-name label where there is room.
 *
 * Why not the regions plugin for these: it checks each region's visibility in its own callback,
 * reading layout right after the previous one changed the DOM, so adding or zooming 5,000 regions
 * costs one full layout per region (tens of seconds); and each of its regions is absolutely
 * positioned, so thousands of them make every repaint and hit test of the page slow. Here every
 * change is one batch: regions are diffed by id (a change to one annotation touches one element),
 * placed in percent of the timeline (zooming moves nothing), only those in view are in the DOM
 * (attached and detached together, once per frame), and they are stacked as items of one grid cell
 * rather than positioned, so they share one paint layer. The plugin still provides the drag on the
 * waveform that marks a new span.
 *
 * Pointer behaviour: a band's body lets clicks and drags through to the waveform (click seeks, drag
 * marks a new span); a region is moved by dragging its label (a moment's label or tab) and a band
 * resized by its edges. Clicking a label selects the annotation; double-clicking opens its comment.
 * The elements carry `part="region <id>"` (spans) or `part="marker <id>"` (moments), as the plugin's
 * own regions do, plus data-testid="annotation-region" and data-annotation-id.
 */
import type WaveSurfer from 'wavesurfer.js';
import RegionsPlugin, { type Region } from 'wavesurfer.js/dist/plugins/regions.esm.js';
import type { Annotation, Code } from '../../shared/domain/annotation';
import { tint, withAlpha } from '../annotations/annotation-text';
import { estimateLabelWidth, labelLanes, type LabelBox } from './label-lanes';

export interface RegionCallbacks {
  /** A label was clicked (`open`: double-clicked, so open its comment too). */
  onSelect(id: string, open: boolean): void;
  /** A region was moved or resized; answers false when the change was not stored (the region goes back). */
  onChange(id: string, start: number, end: number | null): Promise<boolean>;
  /** A span was dragged out on the waveform; `anchor` is where it is on screen. */
  onDraft(range: { start: number; end: number }, anchor: DOMRect): void;
}

interface Entry {
  annotation: Annotation;
  code: Code | undefined;
  el: HTMLElement;
  label: HTMLElement;
  /** Label row; -1: no room, the label is a small tab. */
  lane: number;
  /** A span's width in px at the current zoom (its label is shortened to fit); null for a moment. */
  room: number | null;
  /** Being dragged: stays in the DOM and ignores updates until dropped. */
  dragging: boolean;
}

type DragMode = 'move' | 'start' | 'end';

interface Geometry {
  /** The whole (zoomed) timeline's width. */
  total: number;
  /** The visible width. */
  width: number;
  scroll: number;
  height: number;
}

const DRAFT_ID = 'annotation-draft';
/** Shortest span a drag or a resize makes, in seconds. */
const MIN_SPAN = 0.2;
/** Pixels the pointer must travel before a press on the waveform becomes a drag (else it is a click that seeks). */
const DRAG_THRESHOLD = 5;
/** Pixels before a press on a label becomes a move. */
const MOVE_THRESHOLD = 3;
const LANE_HEIGHT = 17;
/** Spans narrower than this (px) offer their edges for resizing only when selected. */
const NARROW_SPAN = 16;
/** Average pixels between regions below which they are drawn as short unlabelled ticks. */
const DENSE_SPACING = 6;
const FALLBACK_COLOR = '#64748b';
/**
 * Many regions are shared out, by time, among up to this many stacked full-size cells, each laid
 * out and painted on its own: adding, moving or selecting one region lays out and repaints its
 * cell, not all 5,000. A few hundred share one cell (more cells would only add painting work).
 */
const BUCKETS = 64;
const ONE_BUCKET_UP_TO = 256;

/**
 * Styles for the layer, which lives in wavesurfer's shadow root (the page's stylesheets cannot
 * reach in). Colours come from the page's CSS variables, which do inherit into it.
 */
const SHADOW_CSS = `
.annot-layer {
  position: absolute; inset: 0; z-index: 5; pointer-events: none; contain: strict;
  display: grid; grid-template: 100% / 100%;
}
.annot-bucket {
  grid-area: 1 / 1; display: grid; grid-template: 100% / 100%; contain: strict; pointer-events: none;
}
.annot-bucket.has-selected { z-index: 3; }
.annot { grid-area: 1 / 1; justify-self: start; box-sizing: border-box; min-width: 0; height: 100%; pointer-events: none; }
.annot-span {
  display: grid; grid-template: 100% / 8px minmax(0, 1fr) 8px;
  background-color: var(--annot-fill); box-shadow: inset 0 3px 0 var(--annot);
}
.annot-span.is-selected { background-color: var(--annot-fill-strong); box-shadow: inset 0 3px 0 var(--annot), inset 0 0 0 1.5px var(--annot); z-index: 3; }
.annot-moment { width: 0; border-left: 2px solid var(--annot); }
.annot-moment.is-selected { border-left-width: 3px; z-index: 3; }
.annot-label {
  display: block; box-sizing: border-box; width: max-content; height: 15px; margin-top: calc(var(--lane, 0) * ${LANE_HEIGHT}px + 4px); padding: 0 5px 0 4px;
  font: 600 10.5px/15px var(--font, system-ui, sans-serif); color: var(--text, #1b2230); white-space: nowrap;
  background: var(--annot-tint); border-radius: 0 3px 3px 0; box-shadow: 0 0 0 1px rgba(255, 255, 255, 0.75);
  pointer-events: auto; cursor: grab; user-select: none; touch-action: none;
}
.annot-span .annot-label { grid-area: 1 / 1 / 2 / 4; align-self: start; }
.annot-label.is-collapsed { width: 6px; padding: 0; margin-top: 4px; background: var(--annot); }
.annot.is-selected .annot-label { background: var(--annot-tint-strong); box-shadow: inset 3px 0 0 var(--annot), 0 0 0 1.5px var(--annot), 0 1px 4px rgba(16, 24, 40, 0.3); padding-left: 6px; }
.annot.is-selected .annot-label.is-collapsed { width: max-content; padding: 0 5px 0 4px; }
.annot.is-dragging .annot-label { cursor: grabbing; }
.annot-handle { display: block; height: 100%; pointer-events: auto; cursor: ew-resize; touch-action: none; }
.annot-handle-start { grid-area: 1 / 1; margin-left: -4px; border-left: 4px solid transparent; }
.annot-handle-end { grid-area: 1 / 3; margin-right: -4px; border-right: 4px solid transparent; justify-self: end; width: 8px; }
.annot-span:hover .annot-handle-start, .annot-span.is-selected .annot-handle-start, .annot-span.is-dragging .annot-handle-start { border-left-color: transparent; box-shadow: inset 2px 0 0 var(--annot); }
.annot-span:hover .annot-handle-end, .annot-span.is-selected .annot-handle-end, .annot-span.is-dragging .annot-handle-end { box-shadow: inset -2px 0 0 var(--annot); }
.annot-layer.is-dense .annot:not(.is-selected) { height: 14px; align-self: start; }
.annot-layer.is-dense .annot-moment:not(.is-selected) { border-left-width: 1px; border-left-color: var(--annot-line); }
.annot-layer.is-dense .annot-span:not(.is-selected) { height: 5px; background-color: var(--annot-line); box-shadow: none; }
.annot-layer.is-dense .annot:not(.is-selected) .annot-label, .annot-layer.is-dense .annot:not(.is-selected) .annot-handle { display: none; }
.annot-span.is-narrow:not(.is-selected) .annot-handle { display: none; }
.annot-in { width: 0; border-left: 2px dashed var(--accent, #2553b0); z-index: 4; }
.annot-in .annot-label { color: #fff; background: var(--accent, #2553b0); pointer-events: none; }
.annot-draft { background-color: rgba(37, 83, 176, 0.16) !important; box-shadow: inset 0 0 0 1px rgba(37, 83, 176, 0.7); pointer-events: none !important; border-radius: 0 !important; }
`;

function round(t: number): number {
  return Math.round(t * 1000) / 1000;
}

export class AnnotationRegions {
  private readonly regions: InstanceType<typeof RegionsPlugin>;
  private readonly entries = new Map<string, Entry>();
  private readonly layer: HTMLElement;
  /** Created as first needed, in time order in the DOM. */
  private readonly buckets: (HTMLElement | undefined)[] = [];
  /** The bucket raised above the others because it holds the selected region. */
  private raised: HTMLElement | null = null;
  private readonly style: HTMLStyleElement;
  private selectedId: string | null = null;
  private draft: Region | null = null;
  private inPoint: HTMLElement | null = null;
  private frame = 0;
  private needsLabels = false;
  /** The stretch (seconds) whose regions are in the DOM; null: recompute. */
  private attached: { from: number; to: number } | null = null;
  private suppressClick = false;
  private readonly offs: (() => void)[] = [];
  /**
   * The waveform's geometry in px, read from the DOM once and then kept from wavesurfer's events:
   * reading it after React or this layer changed the DOM would force a layout of the whole page
   * (on each new annotation, select and reveal); null: read it again.
   */
  private geometry: Geometry | null = null;

  constructor(
    private readonly ws: WaveSurfer,
    private readonly callbacks: RegionCallbacks,
  ) {
    const wrapper = ws.getWrapper();
    this.style = document.createElement('style');
    this.style.textContent = SHADOW_CSS;
    const root = wrapper.getRootNode();
    (root instanceof ShadowRoot ? root : document.head).appendChild(this.style);
    this.layer = document.createElement('div');
    this.layer.className = 'annot-layer';
    wrapper.appendChild(this.layer);
    this.layer.addEventListener('pointerdown', this.onPointerDown);
    this.layer.addEventListener('click', this.onClick);
    this.layer.addEventListener('dblclick', this.onDoubleClick);

    // The plugin only draws the span being dragged out on the waveform.
    this.regions = ws.registerPlugin(RegionsPlugin.create());
    this.offs.push(
      this.regions.enableDragSelection({ id: DRAFT_ID, color: 'rgba(37, 83, 176, 0.16)', drag: false, resize: false, minLength: MIN_SPAN }, DRAG_THRESHOLD),
      this.regions.on('region-initialized', (region) => {
        if (region.id !== DRAFT_ID) return;
        // A new drag replaces any span still waiting for its code.
        if (this.draft && this.draft !== region) this.draft.remove();
        this.draft = region;
        region.element?.classList.add('annot-draft');
      }),
      this.regions.on('region-created', (region) => {
        if (region !== this.draft || !region.element) return;
        const anchor = region.element.isConnected ? region.element.getBoundingClientRect() : wrapper.getBoundingClientRect();
        callbacks.onDraft({ start: round(region.start), end: round(region.end) }, anchor);
      }),
      ws.on('scroll', (_start, _end, left) => {
        if (this.geometry) this.geometry.scroll = left;
        this.schedule(false);
      }),
      ws.on('zoom', () => {
        this.geometry = null;
        this.schedule(true);
      }),
      ws.on('resize', () => {
        this.geometry = null;
        this.schedule(true);
      }),
      ws.on('redraw', () => {
        this.geometry = null;
      }),
      ws.on('ready', () => {
        this.geometry = null;
        // The timeline may have been re-measured: re-place everything.
        for (const entry of this.entries.values()) this.place(entry);
        this.schedule(true);
      }),
    );
  }

  /** Brings the regions in line with `annotations`: adds, updates and removes only what differs. */
  sync(annotations: readonly Annotation[], codes: ReadonlyMap<string, Code>): void {
    const seen = new Set<string>();
    let changed = false;
    for (const a of annotations) {
      seen.add(a.id);
      const code = codes.get(a.codeId);
      const entry = this.entries.get(a.id);
      if (!entry) {
        this.add(a, code);
        changed = true;
      } else if (entry.annotation !== a || entry.code !== code) {
        entry.annotation = a;
        entry.code = code;
        if (!entry.dragging) {
          this.paint(entry);
          this.place(entry);
          // Moved in time: into the bucket of its new start.
          const home = this.bucketOf(a);
          if (entry.el.parentNode && entry.el.parentNode !== home) home.appendChild(entry.el);
        }
        changed = true;
      }
    }
    for (const [id, entry] of this.entries) {
      if (seen.has(id)) continue;
      entry.el.remove();
      this.entries.delete(id);
      changed = true;
    }
    // At once rather than at the next frame: a new annotation's region shows in the same paint as its row.
    if (changed) this.flush(true);
  }

  select(id: string | null): void {
    if (id === this.selectedId) return;
    const previous = this.selectedId ? this.entries.get(this.selectedId) : undefined;
    this.selectedId = id;
    const next = id ? this.entries.get(id) : undefined;
    if (previous) {
      previous.el.classList.remove('is-selected');
      this.renderLabel(previous);
    }
    if (next) {
      next.el.classList.add('is-selected');
      this.renderLabel(next);
    }
    this.raiseSelected();
  }

  /** The bucket a region belongs in, by its start. */
  private bucketOf(a: Annotation): HTMLElement {
    const duration = this.ws.getDuration();
    const i = duration > 0 && this.entries.size > ONE_BUCKET_UP_TO ? Math.floor((a.start / duration) * BUCKETS) : 0;
    return this.bucket(Math.max(0, Math.min(BUCKETS - 1, i)));
  }

  private bucket(i: number): HTMLElement {
    let bucket = this.buckets[i];
    if (!bucket) {
      bucket = document.createElement('div');
      bucket.className = 'annot-bucket';
      this.buckets[i] = bucket;
      const next = this.buckets.slice(i + 1).find((b) => b !== undefined) ?? null;
      this.layer.insertBefore(bucket, next);
    }
    return bucket;
  }

  /** The selected region's bucket goes above the others (as the selected region does within it). */
  private raiseSelected(): void {
    const parent = this.selectedId ? this.entries.get(this.selectedId)?.el.parentElement ?? null : null;
    if (parent === this.raised) return;
    this.raised?.classList.remove('has-selected');
    this.raised = parent;
    parent?.classList.add('has-selected');
  }

  /** Scrolls a zoomed waveform so the annotation is in view. */
  reveal(id: string): void {
    const entry = this.entries.get(id);
    const duration = this.ws.getDuration();
    if (!entry || !(duration > 0)) return;
    const geometry = this.measure();
    const { total, width, scroll } = geometry;
    if (total <= width + 1) return;
    const px = total / duration;
    const from = entry.annotation.start * px;
    const to = (entry.annotation.end ?? entry.annotation.start) * px;
    if (from >= scroll + 8 && to <= scroll + width - 8) return;
    const next = Math.max(0, Math.min(total - width, from - width / 3));
    this.ws.setScroll(next);
    geometry.scroll = next;
  }

  /** The geometry, read from the DOM only when not known (see `geometry`). */
  private measure(): Geometry {
    if (!this.geometry) {
      const wrapper = this.ws.getWrapper();
      const width = this.ws.getWidth();
      this.geometry = { total: wrapper.scrollWidth || width, width, scroll: this.ws.getScroll(), height: wrapper.clientHeight };
    }
    return this.geometry;
  }

  /** The in-point marked with I, waiting for O (null clears it). */
  setInPoint(time: number | null): void {
    const duration = this.ws.getDuration();
    if (time === null || !(duration > 0)) {
      this.inPoint?.remove();
      this.inPoint = null;
      return;
    }
    if (!this.inPoint) {
      const el = document.createElement('div');
      el.className = 'annot annot-in';
      el.setAttribute('data-testid', 'annotation-in-marker');
      const label = document.createElement('span');
      label.className = 'annot-label';
      label.textContent = 'In';
      el.appendChild(label);
      this.layer.appendChild(el);
      this.inPoint = el;
    }
    this.inPoint.style.marginLeft = `calc(${(time / duration) * 100}% - 1px)`;
  }

  /** Removes the dragged-out span that was waiting for a code. */
  clearDraft(): void {
    this.draft?.remove();
    this.draft = null;
  }

  destroy(): void {
    cancelAnimationFrame(this.frame);
    for (const off of this.offs) off();
    this.offs.length = 0;
    this.layer.removeEventListener('pointerdown', this.onPointerDown);
    this.layer.removeEventListener('click', this.onClick);
    this.layer.removeEventListener('dblclick', this.onDoubleClick);
    this.layer.remove();
    this.style.remove();
    this.entries.clear();
    this.regions.destroy();
  }

  // ----- elements

  private add(a: Annotation, code: Code | undefined): void {
    const el = document.createElement('div');
    el.setAttribute('data-testid', 'annotation-region');
    el.setAttribute('data-annotation-id', a.id);
    const label = document.createElement('span');
    label.className = 'annot-label';
    label.setAttribute('aria-hidden', 'true');
    el.appendChild(label);
    const entry: Entry = { annotation: a, code, el, label, lane: 0, room: null, dragging: false };
    this.entries.set(a.id, entry);
    this.paint(entry);
    this.place(entry);
    if (a.id === this.selectedId) el.classList.add('is-selected');
  }

  /** Colour, label text and kind (moment or span); adds or removes the resize edges. */
  private paint(entry: Entry): void {
    const { el, annotation: a } = entry;
    const color = entry.code?.color ?? FALLBACK_COLOR;
    const moment = a.end === null;
    el.className = `annot ${moment ? 'annot-moment' : 'annot-span'}${a.id === this.selectedId ? ' is-selected' : ''}${entry.dragging ? ' is-dragging' : ''}`;
    el.setAttribute('part', `${moment ? 'marker' : 'region'} ${a.id}`);
    el.setAttribute('data-kind', moment ? 'moment' : 'span');
    el.style.setProperty('--annot', color);
    el.style.setProperty('--annot-fill', withAlpha(color, 0.16));
    el.style.setProperty('--annot-fill-strong', withAlpha(color, 0.28));
    el.style.setProperty('--annot-faint', withAlpha(color, 0.07));
    el.style.setProperty('--annot-line', withAlpha(color, 0.7));
    el.style.setProperty('--annot-tint', tint(color, 0.82));
    el.style.setProperty('--annot-tint-strong', tint(color, 0.55));
    el.title = entry.code?.name ?? a.codeId;
    this.renderLabel(entry);
    const handles = el.querySelectorAll('.annot-handle');
    if (moment && handles.length > 0) handles.forEach((h) => h.remove());
    if (!moment && handles.length === 0) {
      for (const side of ['start', 'end'] as const) {
        const handle = document.createElement('span');
        handle.className = `annot-handle annot-handle-${side}`;
        handle.setAttribute('aria-hidden', 'true');
        el.appendChild(handle);
      }
    }
  }

  /** Position in percent of the timeline, so zooming needs no update. */
  private place(entry: Entry, start = entry.annotation.start, end = entry.annotation.end): void {
    const duration = this.ws.getDuration();
    if (!(duration > 0)) return;
    const left = (start / duration) * 100;
    // A percentage margin is a percentage of the layer's width: the whole (zoomed) timeline.
    entry.el.style.marginLeft = end === null ? `calc(${left}% - 1px)` : `${left}%`;
    entry.el.style.width = end === null ? '' : `${(Math.max(0, end - start) / duration) * 100}%`;
  }

  // ----- what is in the DOM, and where the labels go (one batch per frame)

  private schedule(labels: boolean): void {
    this.needsLabels ||= labels;
    // Anything but a plain scroll (zoom, resize, new regions) re-decides what is in the DOM.
    if (labels) this.attached = null;
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.update();
    });
  }

  /** What `schedule` does at the next frame, now (and anything already scheduled with it). */
  private flush(labels: boolean): void {
    this.needsLabels ||= labels;
    if (labels) this.attached = null;
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.update();
  }

  private update(): void {
    this.attachVisible();
    if (this.needsLabels) {
      this.needsLabels = false;
      this.layoutLabels();
    }
  }

  /** Only regions in (or near) view are in the DOM; attached and detached in one go. */
  private attachVisible(): void {
    const duration = this.ws.getDuration();
    if (!(duration > 0)) return;
    const { total, width, scroll } = this.measure();
    let from = 0;
    let to = duration;
    if (total > width + 1) {
      const px = total / duration;
      // Scrolling within the attached stretch changes nothing; past a quarter screen from its edge,
      // a screen's width either side of the view is attached in one go.
      const held = this.attached;
      if (held && held.from <= (scroll - width / 4) / px && held.to >= (scroll + width * 1.25) / px) return;
      from = (scroll - width) / px;
      to = (scroll + 2 * width) / px;
    }
    this.attached = { from, to };
    const fragments = new Map<HTMLElement, DocumentFragment>();
    for (const entry of this.entries.values()) {
      const a = entry.annotation;
      const visible = entry.dragging || (a.start <= to && (a.end ?? a.start) >= from);
      const attached = entry.el.parentNode !== null;
      if (visible && !attached) {
        const home = this.bucketOf(a);
        let fragment = fragments.get(home);
        if (!fragment) fragments.set(home, (fragment = document.createDocumentFragment()));
        fragment.appendChild(entry.el);
      } else if (!visible && attached) entry.el.remove();
    }
    for (const [bucket, fragment] of fragments) bucket.appendChild(fragment);
    this.raiseSelected();
  }

  /** Places every label in a row where it does not collide; labels without room collapse to a tab. */
  private layoutLabels(): void {
    const duration = this.ws.getDuration();
    if (!(duration > 0)) return;
    const { total, width, scroll, height } = this.measure();
    const px = total / duration;
    // Closer than a few pixels apart on average, regions are drawn as a strip of short ticks along
    // the top, without labels: the waveform stays readable, and zooming in brings them back.
    const viewFrom = scroll / px;
    const viewTo = viewFrom + width / px;
    let inView = 0;
    for (const { annotation: a } of this.entries.values()) if (a.start <= viewTo && (a.end ?? a.start) >= viewFrom) inView++;
    const dense = width > 0 && inView > width / DENSE_SPACING;
    this.layer.classList.toggle('is-dense', dense);
    // Dense, no label shows but the selected one's (which takes the first row): nothing to place.
    if (dense) return;
    // Up to three rows of labels on a tall waveform, fewer on a short one (beside a video).
    const rows = height >= 160 ? 3 : height >= 80 ? 2 : 1;
    const boxes: LabelBox[] = [];
    for (const [id, { annotation: a, code }] of this.entries) {
      boxes.push({ id, x: a.start * px, width: estimateLabelWidth(code?.name ?? a.codeId), spanWidth: a.end === null ? null : (a.end - a.start) * px });
    }
    const lanes = labelLanes(boxes, rows);
    for (const [id, entry] of this.entries) {
      const lane = lanes.get(id) ?? -1;
      const a = entry.annotation;
      const room = a.end === null ? null : Math.floor((a.end - a.start) * px);
      if (lane === entry.lane && room === entry.room) continue;
      entry.lane = lane;
      entry.room = room;
      this.renderLabel(entry);
    }
  }

  /** The label's row and text: the code's name, shortened to fit a span, or a small tab where there is no room (the selected one always shows its name). */
  private renderLabel(entry: Entry): void {
    const name = entry.code?.name ?? entry.annotation.codeId;
    const selected = entry.annotation.id === this.selectedId;
    let text = name;
    if (!selected && entry.lane < 0) text = '';
    else if (!selected && entry.room !== null) {
      const chars = Math.floor((entry.room - 12) / 6.2);
      text = chars >= name.length ? name : chars >= 4 ? `${name.slice(0, chars - 1).trimEnd()}…` : '';
    }
    const label = entry.label;
    // A span a few pixels wide would be all edges: its edges only take the pointer once selected (or zoomed in).
    entry.el.classList.toggle('is-narrow', entry.room !== null && entry.room < NARROW_SPAN);
    if (label.textContent !== text) label.textContent = text;
    label.classList.toggle('is-collapsed', text === '');
    const lane = String(Math.max(0, entry.lane));
    if (label.style.getPropertyValue('--lane') !== lane) label.style.setProperty('--lane', lane);
  }

  // ----- pointer: select, move, resize

  private entryOf(target: EventTarget | null): Entry | undefined {
    if (!(target instanceof Element)) return undefined;
    const id = target.closest('[data-annotation-id]')?.getAttribute('data-annotation-id');
    return id ? this.entries.get(id) : undefined;
  }

  private readonly onClick = (event: MouseEvent) => {
    const entry = this.entryOf(event.target);
    if (!entry) return;
    // A click on a label or an edge is ours: it must not also seek the waveform underneath.
    event.stopPropagation();
    if (this.suppressClick) return;
    this.callbacks.onSelect(entry.annotation.id, false);
  };

  private readonly onDoubleClick = (event: MouseEvent) => {
    const entry = this.entryOf(event.target);
    if (!entry) return;
    event.stopPropagation();
    this.callbacks.onSelect(entry.annotation.id, true);
  };

  private readonly onPointerDown = (event: PointerEvent) => {
    if (event.button !== 0) return;
    const target = event.target as HTMLElement;
    const entry = this.entryOf(target);
    if (!entry) return;
    const mode: DragMode | null = target.classList.contains('annot-handle-start')
      ? 'start'
      : target.classList.contains('annot-handle-end')
        ? 'end'
        : target.classList.contains('annot-label')
          ? 'move'
          : null;
    if (!mode) return;
    this.drag(entry, mode, target, event);
  };

  private drag(entry: Entry, mode: DragMode, target: HTMLElement, down: PointerEvent): void {
    const duration = this.ws.getDuration();
    if (!(duration > 0)) return;
    const original = entry.annotation;
    const length = original.end === null ? 0 : original.end - original.start;
    const startX = down.clientX;
    const startScroll = this.ws.getScroll();
    const px = (this.ws.getWrapper().scrollWidth || this.ws.getWidth()) / duration;
    let moved = false;
    let start = original.start;
    let end = original.end;
    target.setPointerCapture(down.pointerId);

    const onMove = (event: PointerEvent) => {
      // Ours, not the waveform's: the drag-to-mark-a-span handler skips handled moves.
      event.preventDefault();
      const dx = event.clientX - startX + (this.ws.getScroll() - startScroll);
      if (!moved && Math.abs(dx) < MOVE_THRESHOLD) return;
      if (!moved) {
        moved = true;
        entry.dragging = true;
        entry.el.classList.add('is-dragging');
      }
      const dt = dx / px;
      if (mode === 'move') {
        start = Math.max(0, Math.min(duration - length, original.start + dt));
        end = original.end === null ? null : start + length;
      } else if (mode === 'start' && original.end !== null) {
        start = Math.max(0, Math.min(original.end - MIN_SPAN, original.start + dt));
      } else if (mode === 'end' && original.end !== null) {
        end = Math.min(duration, Math.max(original.start + MIN_SPAN, original.end + dt));
      }
      this.place(entry, start, end);
    };
    const onUp = (event: PointerEvent) => {
      target.removeEventListener('pointermove', onMove);
      target.removeEventListener('pointerup', onUp);
      target.removeEventListener('pointercancel', onUp);
      if (target.hasPointerCapture(event.pointerId)) target.releasePointerCapture(event.pointerId);
      if (!moved) return;
      entry.dragging = false;
      entry.el.classList.remove('is-dragging');
      // The click that ends a drag is not a selection click.
      this.suppressClick = true;
      setTimeout(() => (this.suppressClick = false), 0);
      const changed = event.type === 'pointerup' && (round(start) !== original.start || (end === null ? null : round(end)) !== original.end);
      if (!changed) {
        this.place(entry);
        return;
      }
      void this.callbacks.onChange(original.id, round(start), end === null ? null : round(end)).then((stored) => {
        // Not stored: put the region back where the annotation still is.
        if (!stored && this.entries.get(original.id) === entry) this.place(entry);
      });
      this.schedule(true);
    };
    target.addEventListener('pointermove', onMove);
    target.addEventListener('pointerup', onUp);
    target.addEventListener('pointercancel', onUp);
  }
}
