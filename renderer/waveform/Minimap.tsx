/**
 * An overview of the whole recording under the zoomable waveform: the envelope, how far playback
 * has got, and which stretch the waveform above is showing. Click or drag to move the playhead.
 * Drawn once from the lanes (a single pass), so even a 2-hour recording costs a few milliseconds.
 */
import { useEffect, useRef } from 'react';
import type { WaveLanes } from './peaks';
import { followPlayhead } from '../player/follow-playhead';

interface MinimapProps {
  lanes: WaveLanes;
  gain: number;
  /** Seconds covered by the lanes' timeline (the media's duration once known). */
  timeline: number;
  media: HTMLMediaElement;
  /** The stretch the main waveform shows, in seconds; null when it shows everything. */
  visible: { start: number; end: number } | null;
  onSeek(time: number): void;
}

const ROW = 16;

function drawEnvelope(canvas: HTMLCanvasElement, lanes: WaveLanes, gain: number, timeline: number, color: string): void {
  const dpr = Math.max(1, window.devicePixelRatio || 1);
  const cssWidth = canvas.clientWidth;
  const rows = lanes.channels;
  const cssHeight = ROW * 2;
  canvas.width = Math.max(1, Math.round(cssWidth * dpr));
  canvas.height = Math.round(cssHeight * dpr);
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = color;
  const width = canvas.width;
  const rowHeight = canvas.height / rows;
  // Buckets past the end of the lanes (a timeline longer than the audio) are silence.
  const bucketsPerPixel = (timeline * lanes.bucketsPerSecond) / width;
  ctx.beginPath();
  for (let r = 0; r < rows; r++) {
    const max = lanes.lanes[2 * r];
    const min = lanes.lanes[2 * r + 1];
    if (!max || !min) continue;
    const mid = r * rowHeight + rowHeight / 2;
    const half = rowHeight / 2 - 0.5;
    const n = max.length;
    for (let x = 0; x < width; x++) {
      const start = Math.floor(x * bucketsPerPixel);
      const end = Math.min(n, Math.max(start + 1, Math.floor((x + 1) * bucketsPerPixel)));
      let hi = 0;
      let lo = 0;
      for (let i = start; i < end; i++) {
        const a = max[i] as number;
        const b = min[i] as number;
        if (a > hi) hi = a;
        if (b < lo) lo = b;
      }
      const top = Math.max(0.5, Math.min(1, hi * gain) * half);
      const bottom = Math.min(1, -lo * gain) * half;
      ctx.rect(x, mid - top, 1, top + bottom);
    }
  }
  ctx.fill();
}

export function Minimap({ lanes, gain, timeline, media, visible: view, onSeek }: MinimapProps) {
  const baseRef = useRef<HTMLCanvasElement>(null);
  const playedRef = useRef<HTMLCanvasElement>(null);
  const cursorRef = useRef<HTMLDivElement>(null);

  // Envelope: drawn on mount and whenever the strip's width changes.
  useEffect(() => {
    const base = baseRef.current;
    const played = playedRef.current;
    if (!base || !played) return;
    const css = getComputedStyle(document.documentElement);
    const paint = () => {
      drawEnvelope(base, lanes, gain, timeline, css.getPropertyValue('--minimap-wave').trim() || '#a9b5c7');
      // The played copy is the same shape in the progress colour.
      played.width = base.width;
      played.height = base.height;
      const ctx = played.getContext('2d');
      if (!ctx) return;
      ctx.drawImage(base, 0, 0);
      ctx.globalCompositeOperation = 'source-in';
      ctx.fillStyle = css.getPropertyValue('--minimap-progress').trim() || '#6a88c6';
      ctx.fillRect(0, 0, played.width, played.height);
      ctx.globalCompositeOperation = 'source-over';
    };
    paint();
    let width = base.clientWidth;
    const observer = new ResizeObserver(() => {
      if (base.clientWidth !== width) {
        width = base.clientWidth;
        paint();
      }
    });
    observer.observe(base);
    return () => observer.disconnect();
  }, [lanes, gain, timeline]);

  // Progress: follows the media element directly, every frame while playing.
  useEffect(() => {
    const update = () => {
      const fraction = timeline > 0 ? Math.max(0, Math.min(1, media.currentTime / timeline)) : 0;
      if (playedRef.current) playedRef.current.style.clipPath = `inset(0 ${(1 - fraction) * 100}% 0 0)`;
      if (cursorRef.current) cursorRef.current.style.left = `${fraction * 100}%`;
    };
    update();
    return followPlayhead(media, update);
  }, [media, timeline]);

  const seekAt = (clientX: number, target: HTMLElement) => {
    const rect = target.getBoundingClientRect();
    const fraction = rect.width > 0 ? Math.max(0, Math.min(1, (clientX - rect.left) / rect.width)) : 0;
    onSeek(fraction * timeline);
  };

  return (
    <div
      className="minimap"
      aria-hidden="true"
      data-testid="minimap"
      onPointerDown={(event) => {
        event.currentTarget.setPointerCapture(event.pointerId);
        seekAt(event.clientX, event.currentTarget);
      }}
      onPointerMove={(event) => {
        if (event.currentTarget.hasPointerCapture(event.pointerId)) seekAt(event.clientX, event.currentTarget);
      }}
    >
      <canvas ref={baseRef} className="minimap-canvas" style={{ height: ROW * 2 }} />
      <canvas ref={playedRef} className="minimap-canvas minimap-played" style={{ height: ROW * 2 }} />
      {view && timeline > 0 && (
        <div
          className="minimap-window"
          style={{ left: `${(view.start / timeline) * 100}%`, width: `${Math.max(0.4, ((view.end - view.start) / timeline) * 100)}%` }}
        />
      )}
      <div ref={cursorRef} className="minimap-cursor" />
    </div>
  );
}
