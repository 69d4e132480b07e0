/**
 * Draws one lane of a min/max waveform on a wavesurfer canvas: the maxima rise from the centre
 * line, the minima fall from it. Each device pixel column shows the extreme of the buckets it
 * covers, so nothing is averaged away at any zoom level.
 */
export type LaneRenderer = (channels: Array<Float32Array | number[]>, ctx: CanvasRenderingContext2D) => void;

export function laneRenderer(kind: 'max' | 'min', gain: number): LaneRenderer {
  return (channels, ctx) => {
    const data = channels[0];
    if (!data || data.length === 0) return;
    const { width, height } = ctx.canvas;
    if (width === 0 || height === 0) return;
    const mid = Math.round(height / 2);
    const half = height / 2 - 1;
    const perPixel = data.length / width;
    ctx.beginPath();
    for (let x = 0; x < width; x++) {
      const start = Math.floor(x * perPixel);
      const end = Math.min(data.length, Math.max(start + 1, Math.floor((x + 1) * perPixel)));
      let extreme = 0;
      if (kind === 'max') {
        for (let i = start; i < end; i++) {
          const v = data[i] ?? 0;
          if (v > extreme) extreme = v;
        }
        // At least one pixel: the centre line stays visible through silence.
        const h = Math.max(1, Math.round(Math.min(1, extreme * gain) * half));
        ctx.rect(x, mid - h, 1, h);
      } else {
        for (let i = start; i < end; i++) {
          const v = data[i] ?? 0;
          if (v < extreme) extreme = v;
        }
        const h = Math.round(Math.min(1, -extreme * gain) * half);
        if (h > 0) ctx.rect(x, mid, 1, h);
      }
    }
    ctx.fill();
  };
}

/** Display gain so quiet recordings are still readable: normalise to the loudest peak, at most ×4. */
export function displayGain(peak: number): number {
  if (!(peak > 0)) return 1;
  return Math.min(4, 0.95 / peak);
}
