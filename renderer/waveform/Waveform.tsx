/**
 * The waveform timeline: wavesurfer.js drawing our stored peaks, following the page's own media
 * element (it never fetches or decodes the recording), with a time ruler, the session's phases,
 * hover readout, zoom (Ctrl/⌘+wheel, +/- keys, buttons), the annotations as regions and, for long
 * recordings, a minimap.
 *
 * Pointer: a click on the waveform seeks; a drag on the waveform marks a span to annotate; the
 * ruler and the minimap seek on click and scrub on drag.
 */
import { useCallback, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, type PointerEvent, type ReactNode, type Ref } from 'react';
import WaveSurfer from 'wavesurfer.js';
import type { GenericPlugin } from 'wavesurfer.js/dist/base-plugin.js';
import HoverPlugin from 'wavesurfer.js/dist/plugins/hover.esm.js';
import type { Annotation, Code } from '../../shared/domain/annotation';
import type { SessionReview } from '../../shared/domain/review';
import { formatClock, formatClockPrecise } from '../../shared/util/format';
import { PhaseBand } from '../scoring/PhaseBand';
import { FitIcon, ZoomInIcon, ZoomOutIcon } from '../ui/icons';
import { AnnotationRegions, type RegionCallbacks } from './annotation-regions';
import { displayGain, laneRenderer } from './lanes';
import { Minimap } from './Minimap';
import { fitLanes, type WaveLanes } from './peaks';
import { drawRuler, type RulerColors } from './ruler';

export interface WaveformHandle {
  zoomIn(): void;
  zoomOut(): void;
  fit(): void;
  /** Puts keyboard focus on the waveform (so the playback keys work again). */
  focus(): void;
  /** Removes a dragged-out span that is no longer waiting for its code. */
  clearDraft(): void;
  /** Where a stretch of the recording is on screen (clipped to the visible waveform). */
  rangeRect(start: number, end: number): DOMRect | null;
}

/** The annotations drawn on the waveform. */
export interface WaveformAnnotations {
  items: readonly Annotation[];
  codes: ReadonlyMap<string, Code>;
  selectedId: string | null;
  /** The in-point marked with I, waiting for O. */
  inPoint: number | null;
  callbacks: RegionCallbacks;
}

interface WaveformProps {
  ref?: Ref<WaveformHandle>;
  media: HTMLMediaElement;
  lanes: WaveLanes;
  /** Seconds, as measured by the importer. */
  duration: number;
  /** Height of one channel row in CSS pixels. */
  rowHeight: number;
  showMinimap: boolean;
  /** Names for the channel rows, e.g. ["Left", "Right"]. */
  channelNames: string[];
  /** Position to report to assistive tech; updated when playback settles, not every frame. */
  settledTime: number;
  onSeek(time: number): void;
  annotations?: WaveformAnnotations;
  /** The session's phases, drawn as a thin band between the ruler and the waveform. */
  phases?: SessionReview['phases'] | null;
  /** Shown at the start of the toolbar. */
  toolbarStart?: ReactNode;
}

/** Pixels per second at the deepest zoom: 4 px per 10 ms bucket. */
const MAX_PX_PER_SEC = 400;
const ZOOM_STEP = 1.5;
const RULER_HEIGHT = 22;

/** The media's own duration once known (wavesurfer maps time with it), else the importer's measure. */
function timelineOf(media: HTMLMediaElement, fallback: number): number {
  return Number.isFinite(media.duration) && media.duration > 0 ? media.duration : fallback;
}

function cssVar(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

export function Waveform({ ref, media, lanes, duration, rowHeight, showMinimap, channelNames, settledTime, onSeek, annotations, phases = null, toolbarStart }: WaveformProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const layerRef = useRef<AnnotationRegions | null>(null);
  const callbacksRef = useRef<RegionCallbacks | null>(annotations?.callbacks ?? null);
  useEffect(() => {
    callbacksRef.current = annotations?.callbacks ?? null;
  });
  const rulerRef = useRef<HTMLCanvasElement>(null);
  const wsRef = useRef<WaveSurfer | null>(null);
  const frameRef = useRef(0);
  /** Effective zoom in px/s; 0 means "fit the whole recording". */
  const zoomRef = useRef(0);
  const [readyFor, setReadyFor] = useState<{ lanes: WaveLanes; media: HTMLMediaElement } | null>(null);
  const [zoom, setZoom] = useState<{ px: number; fitPx: number }>({ px: 0, fitPx: 0 });
  const ready = readyFor !== null && readyFor.lanes === lanes && readyFor.media === media;
  const rowHeightRef = useRef(rowHeight);

  /** One wavesurfer "channel" per lane: maxima drawn up, minima overlaid and drawn down. */
  const gain = useMemo(() => displayGain(lanes.peak), [lanes]);
  const splitFor = useMemo(() => {
    const up = laneRenderer('max', gain);
    const down = laneRenderer('min', gain);
    return (height: number) => lanes.lanes.map((_, i) => ({ overlay: i % 2 === 1, height, renderFunction: i % 2 === 0 ? up : down }));
  }, [lanes, gain]);
  /** The stretch the zoomed waveform shows (null when it shows everything), and the timeline length. */
  const [view, setView] = useState<{ start: number; end: number } | null>(null);
  const [timelineState, setTimelineState] = useState(0);

  /** The ruler's colours, read from the stylesheet once (not on every frame of a scroll). */
  const rulerColorsRef = useRef<RulerColors | null>(null);
  const paintRuler = useCallback(() => {
    cancelAnimationFrame(frameRef.current);
    frameRef.current = requestAnimationFrame(() => {
      const ws = wsRef.current;
      const canvas = rulerRef.current;
      if (!ws || !canvas) return;
      const width = canvas.clientWidth;
      const total = ws.getWrapper().scrollWidth || width;
      const timeline = ws.getDuration() || duration;
      const colors = (rulerColorsRef.current ??= {
        text: cssVar('--ruler-text', '#4a5261'),
        tick: cssVar('--ruler-tick', '#7d8696'),
        minorTick: cssVar('--ruler-minor', '#c3c9d3'),
        baseline: cssVar('--ruler-baseline', '#d5dae1'),
      });
      drawRuler(canvas, { width, height: RULER_HEIGHT, pxPerSec: total / timeline, scroll: ws.getScroll(), duration: timeline }, colors);
    });
  }, [duration]);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const colors = {
      waveColor: cssVar('--wave', '#8a9bb5'),
      progressColor: cssVar('--wave-progress', '#2b5cb8'),
      cursorColor: cssVar('--wave-cursor', '#c2410c'),
    };
    const plugins: GenericPlugin[] = [
      HoverPlugin.create({
        lineColor: cssVar('--wave-hover', '#1d2430'),
        lineWidth: 1,
        labelBackground: cssVar('--wave-hover', '#1d2430'),
        labelColor: '#ffffff',
        labelSize: 11,
        formatTimeCallback: formatClockPrecise,
      }),
    ];
    let timeline = timelineOf(media, duration);
    const ws = WaveSurfer.create({
      container: host,
      media,
      peaks: fitLanes(lanes, timeline),
      duration: timeline,
      height: rowHeightRef.current,
      splitChannels: splitFor(rowHeightRef.current),
      ...colors,
      cursorWidth: 2,
      minPxPerSec: 0,
      fillParent: true,
      interact: true,
      // A drag on the waveform marks a span (see annotation-regions.ts); the ruler and minimap scrub.
      dragToSeek: false,
      autoScroll: true,
      autoCenter: true,
      plugins,
    });
    wsRef.current = ws;
    zoomRef.current = 0;
    const layer = new AnnotationRegions(ws, {
      onSelect: (id, open) => callbacksRef.current?.onSelect(id, open),
      onChange: (id, start, end) => callbacksRef.current?.onChange(id, start, end) ?? Promise.resolve(false),
      onDraft: (range, anchor) => callbacksRef.current?.onDraft(range, anchor),
    });
    layerRef.current = layer;

    // Metadata usually lands after the first paint. If the media's timeline differs from the
    // decoded audio's, re-fit the peaks — when the window is idle, so opening stays quick (at the
    // whole-recording view the difference is a fraction of a pixel anyway).
    let refit = 0;
    const onDuration = () => {
      const next = timelineOf(media, duration);
      // Within a few 10 ms buckets the drawing is already right; only a real difference is re-fitted.
      if (Math.abs(next - timeline) < 0.03 || refit) return;
      refit = requestIdleCallback(
        () => {
          refit = 0;
          const now = timelineOf(media, duration);
          if (Math.abs(now - timeline) < 0.03 || !ws.getDecodedData()) return;
          timeline = now;
          // Same source URL, so the media element is left alone; only the drawing is rebuilt.
          ws.load(media.currentSrc || media.src, fitLanes(lanes, timeline), timeline).catch(() => undefined);
          setZoom((z) => ({ ...z, fitPx: ws.getWidth() / timeline }));
          setTimelineState(timeline);
        },
        { timeout: 1500 },
      );
    };
    media.addEventListener('durationchange', onDuration);
    media.addEventListener('loadedmetadata', onDuration);

    const offs = [
      ws.on('ready', () => {
        // Mark the DOM at once (benchmarks and tests wait for it); React state follows.
        host.dataset.ready = 'true';
        setReadyFor({ lanes, media });
        setTimelineState(timeline);
        setZoom({ px: 0, fitPx: ws.getWidth() / timeline });
        paintRuler();
        onDuration();
      }),
      ws.on('scroll', (start, end) => {
        paintRuler();
        setView(zoomRef.current > 0 ? { start, end } : null);
      }),
      ws.on('zoom', paintRuler),
      ws.on('redraw', paintRuler),
      ws.on('resize', () => {
        paintRuler();
        setZoom((z) => ({ ...z, fitPx: ws.getWidth() / timeline }));
      }),
    ];
    const resize = new ResizeObserver(paintRuler);
    resize.observe(host);
    return () => {
      if (refit) cancelIdleCallback(refit);
      media.removeEventListener('durationchange', onDuration);
      media.removeEventListener('loadedmetadata', onDuration);
      resize.disconnect();
      for (const off of offs) off();
      cancelAnimationFrame(frameRef.current);
      layer.destroy();
      if (layerRef.current === layer) layerRef.current = null;
      ws.destroy();
      if (wsRef.current === ws) wsRef.current = null;
    };
  }, [media, lanes, duration, paintRuler, splitFor]);

  // A new row height (the window was resized) re-renders in place instead of rebuilding.
  useEffect(() => {
    rowHeightRef.current = rowHeight;
    const ws = wsRef.current;
    if (!ws || ws.options.height === rowHeight) return;
    ws.setOptions({ height: rowHeight, splitChannels: splitFor(rowHeight) });
  }, [rowHeight, splitFor]);

  /** Zooms to `px` px/s keeping the time under `anchorX` (px from the view's left edge) in place. */
  const applyZoom = useCallback(
    (px: number, anchorX?: number) => {
      const ws = wsRef.current;
      if (!ws || !ws.getDecodedData()) return;
      const width = ws.getWidth();
      const timeline = ws.getDuration() || duration;
      if (width <= 0 || !(timeline > 0)) return;
      const fitPx = width / timeline;
      const nowPx = zoomRef.current > 0 ? zoomRef.current : fitPx;
      const target = Math.min(MAX_PX_PER_SEC, Math.max(fitPx, px));
      // Anchor on the playhead when it is in view, else on the middle of the view.
      let anchor = anchorX;
      if (anchor === undefined) {
        const playheadX = media.currentTime * nowPx - ws.getScroll();
        anchor = playheadX >= 0 && playheadX <= width ? playheadX : width / 2;
      }
      const anchorTime = (ws.getScroll() + anchor) / nowPx;
      if (target <= fitPx * 1.001) {
        zoomRef.current = 0;
        ws.zoom(0);
        setView(null);
      } else {
        zoomRef.current = target;
        ws.zoom(target);
        ws.setScroll(Math.max(0, anchorTime * target - anchor));
      }
      setZoom({ px: zoomRef.current, fitPx });
    },
    [duration, media],
  );

  /** The zoom in px/s right now, fit included. */
  const currentPx = useCallback(() => {
    const ws = wsRef.current;
    if (zoomRef.current > 0 || !ws) return zoomRef.current;
    return ws.getWidth() / (ws.getDuration() || duration);
  }, [duration]);

  useImperativeHandle(
    ref,
    () => ({
      zoomIn: () => applyZoom(currentPx() * ZOOM_STEP),
      zoomOut: () => applyZoom(currentPx() / ZOOM_STEP),
      fit: () => applyZoom(0),
      focus: () => hostRef.current?.focus({ preventScroll: true }),
      clearDraft: () => layerRef.current?.clearDraft(),
      rangeRect: (start, end) => {
        const ws = wsRef.current;
        const host = hostRef.current;
        if (!ws || !host) return null;
        const timeline = ws.getDuration() || duration;
        const wrapper = ws.getWrapper().getBoundingClientRect();
        const view = host.getBoundingClientRect();
        const left = Math.max(view.left, Math.min(view.right, wrapper.left + (start / timeline) * wrapper.width));
        const right = Math.max(left, Math.min(view.right, wrapper.left + (end / timeline) * wrapper.width));
        return new DOMRect(left, view.top, right - left, view.height);
      },
    }),
    [applyZoom, currentPx, duration],
  );

  // The annotations layer follows the list, the selection and the in-point (diffed by id inside),
  // in the same commit as the rest of the page, so a new annotation's region and its row are
  // painted in the same frame.
  const items = annotations?.items;
  const codes = annotations?.codes;
  const selectedId = annotations?.selectedId ?? null;
  const inPoint = annotations?.inPoint ?? null;
  useLayoutEffect(() => {
    if (readyFor && items && codes) layerRef.current?.sync(items, codes);
  }, [readyFor, items, codes]);
  useLayoutEffect(() => {
    const layer = layerRef.current;
    if (!readyFor || !layer) return;
    layer.select(selectedId);
    if (selectedId) layer.reveal(selectedId);
  }, [readyFor, selectedId]);
  useLayoutEffect(() => {
    if (readyFor) layerRef.current?.setInPoint(inPoint);
  }, [readyFor, inPoint]);

  // Ctrl/⌘ + wheel zooms around the pointer; a plain vertical wheel pans when zoomed in.
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const onWheel = (event: WheelEvent) => {
      const ws = wsRef.current;
      if (!ws) return;
      const unit = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? 400 : 1;
      if (event.ctrlKey || event.metaKey) {
        event.preventDefault();
        const rect = host.getBoundingClientRect();
        applyZoom(currentPx() * Math.exp((-event.deltaY * unit) / 300), event.clientX - rect.left);
      } else if (zoomRef.current > 0 && Math.abs(event.deltaY) > Math.abs(event.deltaX)) {
        event.preventDefault();
        ws.setScroll(ws.getScroll() + event.deltaY * unit);
      }
    };
    host.addEventListener('wheel', onWheel, { passive: false });
    return () => host.removeEventListener('wheel', onWheel);
  }, [applyZoom, currentPx]);

  // The ruler seeks on click and scrubs while dragged.
  const rulerTime = (event: PointerEvent<HTMLCanvasElement>): number | null => {
    const ws = wsRef.current;
    if (!ws) return null;
    const rect = event.currentTarget.getBoundingClientRect();
    const total = ws.getWrapper().scrollWidth || rect.width;
    const timeline = ws.getDuration() || duration;
    const time = ((event.clientX - rect.left + ws.getScroll()) / total) * timeline;
    return Math.max(0, Math.min(timeline, time));
  };
  const onRulerDown = (event: PointerEvent<HTMLCanvasElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    const time = rulerTime(event);
    if (time !== null) onSeek(time);
  };
  const onRulerMove = (event: PointerEvent<HTMLCanvasElement>) => {
    if (!event.currentTarget.hasPointerCapture(event.pointerId)) return;
    const time = rulerTime(event);
    if (time !== null) onSeek(time);
  };

  const zoomFactor = zoom.px > 0 && zoom.fitPx > 0 ? zoom.px / zoom.fitPx : 1;
  const atMax = zoom.fitPx > 0 && (zoom.px || zoom.fitPx) >= MAX_PX_PER_SEC * 0.999;
  const rows = lanes.channels;

  return (
    <div className="waveform">
      <div className="waveform-toolbar">
        {toolbarStart && <div className="waveform-toolbar-start">{toolbarStart}</div>}
        <span className="waveform-zoom-label" aria-live="polite">
          {zoom.px > 0 ? `Zoom ${zoomFactor < 10 ? zoomFactor.toFixed(1) : Math.round(zoomFactor)}×` : 'Whole recording'}
        </span>
        <div className="button-group" role="group" aria-label="Waveform zoom">
          <button type="button" className="btn btn-icon btn-quiet" onClick={() => applyZoom((zoom.px || zoom.fitPx) / ZOOM_STEP)} disabled={!ready || zoom.px === 0} aria-label="Zoom out" title="Zoom out (−)">
            <ZoomOutIcon />
          </button>
          <button type="button" className="btn btn-icon btn-quiet" onClick={() => applyZoom(0)} disabled={!ready || zoom.px === 0} aria-label="Show whole recording" title="Show whole recording (0)">
            <FitIcon />
          </button>
          <button type="button" className="btn btn-icon btn-quiet" onClick={() => applyZoom((zoom.px || zoom.fitPx) * ZOOM_STEP)} disabled={!ready || atMax} aria-label="Zoom in" title="Zoom in (+)">
            <ZoomInIcon />
          </button>
        </div>
      </div>
      <canvas
        ref={rulerRef}
        className="waveform-ruler"
        style={{ height: RULER_HEIGHT }}
        onPointerDown={onRulerDown}
        onPointerMove={onRulerMove}
        aria-hidden="true"
      />
      <PhaseBand phases={phases} duration={timelineState || duration} view={view} onSeek={onSeek} />
      <div
        ref={hostRef}
        className="waveform-host"
        data-testid="waveform"
        data-ready={ready ? 'true' : 'false'}
        data-channels={rows}
        role="slider"
        tabIndex={0}
        aria-label="Playback position"
        aria-valuemin={0}
        aria-valuemax={Math.round(duration)}
        aria-valuenow={Math.round(settledTime)}
        aria-valuetext={`${formatClock(settledTime)} of ${formatClock(duration)}`}
        aria-keyshortcuts="ArrowLeft ArrowRight Shift+ArrowLeft Shift+ArrowRight Home End"
        style={{ minHeight: rowHeight * rows }}
      >
        {rows > 1 && (
          <div className="waveform-channel-labels" aria-hidden="true">
            {channelNames.slice(0, rows).map((name) => (
              <span key={name} style={{ height: rowHeight }}>
                {name}
              </span>
            ))}
          </div>
        )}
      </div>
      {showMinimap && ready && (
        <Minimap lanes={lanes} gain={gain} timeline={timelineState || duration} media={media} visible={view} onSeek={onSeek} />
      )}
    </div>
  );
}
