/** The time ruler above the waveform: picks tick spacing for the zoom and draws only what is visible. */
import { formatRulerLabel } from '../../shared/util/format';

const STEPS = [0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200];
const MIN_LABEL_PX = 84;
const MIN_TICK_PX = 7;

export interface RulerSteps {
  major: number;
  minor: number;
}

export function pickRulerSteps(pxPerSec: number): RulerSteps {
  const major = STEPS.find((s) => s * pxPerSec >= MIN_LABEL_PX) ?? STEPS[STEPS.length - 1] ?? 3600;
  const minor =
    STEPS.find((s) => s <= major && s * pxPerSec >= MIN_TICK_PX && Math.abs(major / s - Math.round(major / s)) < 1e-6) ?? major;
  return { major, minor };
}

export interface RulerView {
  /** CSS pixels of the visible strip. */
  width: number;
  height: number;
  /** Pixels per second at the current zoom. */
  pxPerSec: number;
  /** Horizontal scroll offset in CSS pixels. */
  scroll: number;
  duration: number;
}

export interface RulerColors {
  text: string;
  tick: string;
  minorTick: string;
  baseline: string;
}

export function drawRuler(canvas: HTMLCanvasElement, view: RulerView, colors: RulerColors): void {
  const dpr = Math.max(1, window.devicePixelRatio || 1);
  const w = Math.max(1, Math.round(view.width * dpr));
  const h = Math.max(1, Math.round(view.height * dpr));
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, view.width, view.height);
  if (!(view.pxPerSec > 0) || !(view.duration > 0)) return;

  const { major, minor } = pickRulerSteps(view.pxPerSec);
  const ratio = Math.round(major / minor);
  const t0 = view.scroll / view.pxPerSec;
  const t1 = Math.min(view.duration, (view.scroll + view.width) / view.pxPerSec);
  const long = view.duration >= 3600;
  ctx.font = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
  ctx.textBaseline = 'top';
  ctx.lineWidth = 1;

  ctx.strokeStyle = colors.baseline;
  ctx.beginPath();
  ctx.moveTo(0, view.height - 0.5);
  ctx.lineTo(view.width, view.height - 0.5);
  ctx.stroke();

  const first = Math.max(0, Math.floor(t0 / minor));
  const last = Math.ceil(t1 / minor);
  const minorPath = new Path2D();
  const majorPath = new Path2D();
  ctx.fillStyle = colors.text;
  for (let k = first; k <= last; k++) {
    const t = k * minor;
    if (t > view.duration + 1e-6) break;
    const x = Math.round(t * view.pxPerSec - view.scroll) + 0.5;
    if (x < -MIN_LABEL_PX || x > view.width + 1) continue;
    if (k % ratio === 0) {
      majorPath.moveTo(x, view.height * 0.35);
      majorPath.lineTo(x, view.height);
      ctx.fillText(formatRulerLabel(t, major, long), x + 4, 3);
    } else {
      minorPath.moveTo(x, view.height * 0.7);
      minorPath.lineTo(x, view.height);
    }
  }
  ctx.strokeStyle = colors.minorTick;
  ctx.stroke(minorPath);
  ctx.strokeStyle = colors.tick;
  ctx.stroke(majorPath);
}
