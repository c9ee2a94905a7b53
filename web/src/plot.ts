// The plot: f, f' and a claimed derivative on [x0, x1], drawn on a canvas.
// The page asks the worker for samples whenever the view changes; drag to pan,
// the wheel to zoom, and with the canvas focused the arrow keys pan, + and -
// zoom, 0 resets.
import type { Samples } from './protocol.js';

export interface View {
  x0: number;
  x1: number;
}

export const DEFAULT_VIEW: View = { x0: -5, x1: 5 };

const COLORS = { f: '#1f5fbf', df: '#c2410c', claimed: '#15803d', bad: '#dc2626', grid: '#e5e7eb', axis: '#6b7280', text: '#374151' };

/** A y range that shows the curves' bulk, not a pole's spike. */
function yRange(series: readonly (readonly number[])[]): [number, number] {
  const ys = series.flat().filter(Number.isFinite).sort((a, b) => a - b);
  if (ys.length === 0) return [-1, 1];
  const lo = ys[Math.floor(ys.length * 0.02)]!;
  const hi = ys[Math.min(ys.length - 1, Math.ceil(ys.length * 0.98))]!;
  if (hi - lo < 1e-12) return [lo - 1, hi + 1];
  const pad = (hi - lo) * 0.08;
  return [lo - pad, hi + pad];
}

/** Round grid steps: 1, 2 or 5 times a power of ten. */
function step(span: number, target: number): number {
  const raw = span / target;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
}

const label = (v: number): string => String(Number(v.toPrecision(4)));

export function draw(canvas: HTMLCanvasElement, view: View, s: Samples | null): void {
  const dpr = window.devicePixelRatio || 1;
  const w = canvas.clientWidth;
  const h = canvas.clientHeight;
  if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
  }
  const g = canvas.getContext('2d')!;
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, w, h);
  const series = s ? [s.f, s.df, ...(s.claimed ? [s.claimed] : [])] : [];
  const [y0, y1] = yRange(series);
  const px = (x: number): number => ((x - view.x0) / (view.x1 - view.x0)) * w;
  const py = (y: number): number => h - ((y - y0) / (y1 - y0)) * h;
  // grid and axes
  g.font = '11px system-ui, sans-serif';
  g.lineWidth = 1;
  const sx = step(view.x1 - view.x0, w / 90);
  const sy = step(y1 - y0, h / 60);
  g.strokeStyle = COLORS.grid;
  g.fillStyle = COLORS.text;
  for (let x = Math.ceil(view.x0 / sx) * sx; x <= view.x1; x += sx) {
    g.beginPath();
    g.moveTo(px(x), 0);
    g.lineTo(px(x), h);
    g.stroke();
    g.fillText(label(x), px(x) + 2, h - 4);
  }
  for (let y = Math.ceil(y0 / sy) * sy; y <= y1; y += sy) {
    g.beginPath();
    g.moveTo(0, py(y));
    g.lineTo(w, py(y));
    g.stroke();
    g.fillText(label(y), 2, py(y) - 2);
  }
  g.strokeStyle = COLORS.axis;
  if (view.x0 < 0 && view.x1 > 0) {
    g.beginPath();
    g.moveTo(px(0), 0);
    g.lineTo(px(0), h);
    g.stroke();
  }
  if (y0 < 0 && y1 > 0) {
    g.beginPath();
    g.moveTo(0, py(0));
    g.lineTo(w, py(0));
    g.stroke();
  }
  if (!s) return;
  const curve = (ys: readonly number[], color: string, dash: number[]): void => {
    g.strokeStyle = color;
    g.lineWidth = 2;
    g.setLineDash(dash);
    g.beginPath();
    let pen = false;
    const span = y1 - y0;
    for (let i = 0; i < s.xs.length; i++) {
      const y = ys[i]!;
      // lift the pen at gaps and at jumps far off the view (poles)
      if (!Number.isFinite(y) || y > y1 + 4 * span || y < y0 - 4 * span) {
        pen = false;
        continue;
      }
      if (pen) g.lineTo(px(s.xs[i]!), py(y));
      else g.moveTo(px(s.xs[i]!), py(y));
      pen = true;
    }
    g.stroke();
    g.setLineDash([]);
  };
  curve(s.f, COLORS.f, []);
  curve(s.df, COLORS.df, []);
  if (s.claimed) curve(s.claimed, COLORS.claimed, [6, 4]);
  g.strokeStyle = COLORS.bad;
  g.lineWidth = 2;
  // at most about 60 marks, evenly spread, so a claim wrong everywhere stays readable
  const every = Math.max(1, Math.ceil(s.bad.length / 60));
  for (const [j, i] of s.bad.entries()) {
    if (j % every !== 0) continue;
    const y = Number.isFinite(s.claimed![i]!) ? s.claimed![i]! : s.df[i]!;
    if (!Number.isFinite(y)) continue;
    g.beginPath();
    g.arc(px(s.xs[i]!), py(Math.min(y1, Math.max(y0, y))), 3.5, 0, 2 * Math.PI);
    g.stroke();
  }
}

/** Wires pan and zoom; `changed` is called with the new view. */
export function interact(canvas: HTMLCanvasElement, get: () => View, changed: (v: View) => void): void {
  const zoom = (factor: number, at: number): void => {
    const v = get();
    const x = v.x0 + (v.x1 - v.x0) * at;
    const span = Math.min(1e6, Math.max(1e-6, (v.x1 - v.x0) * factor));
    changed({ x0: x - span * at, x1: x - span * at + span });
  };
  const pan = (fraction: number): void => {
    const v = get();
    const d = (v.x1 - v.x0) * fraction;
    changed({ x0: v.x0 + d, x1: v.x1 + d });
  };
  let dragging: { x: number; view: View } | null = null;
  canvas.addEventListener('pointerdown', (e) => {
    dragging = { x: e.clientX, view: get() };
    canvas.setPointerCapture(e.pointerId);
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!dragging) return;
    const v = dragging.view;
    const d = ((e.clientX - dragging.x) / canvas.clientWidth) * (v.x1 - v.x0);
    changed({ x0: v.x0 - d, x1: v.x1 - d });
  });
  canvas.addEventListener('pointerup', () => (dragging = null));
  canvas.addEventListener('pointercancel', () => (dragging = null));
  canvas.addEventListener(
    'wheel',
    (e) => {
      e.preventDefault();
      const r = canvas.getBoundingClientRect();
      zoom(e.deltaY > 0 ? 1.2 : 1 / 1.2, (e.clientX - r.left) / r.width);
    },
    { passive: false },
  );
  canvas.addEventListener('keydown', (e) => {
    const k = e.key;
    if (k === 'ArrowLeft') pan(-0.1);
    else if (k === 'ArrowRight') pan(0.1);
    else if (k === '+' || k === '=') zoom(1 / 1.25, 0.5);
    else if (k === '-' || k === '_') zoom(1.25, 0.5);
    else if (k === '0') changed({ ...DEFAULT_VIEW });
    else return;
    e.preventDefault();
  });
}

export const zoomBy = (v: View, factor: number): View => {
  const mid = (v.x0 + v.x1) / 2;
  const half = Math.min(5e5, Math.max(5e-7, ((v.x1 - v.x0) / 2) * factor));
  return { x0: mid - half, x1: mid + half };
};
