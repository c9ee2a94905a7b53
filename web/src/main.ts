// The playground page: reads the controls, asks the worker (worker.ts, which
// runs leibniz) for the answers, and shows them. The state lives in the URL's
// hash (#f=...&wrt=x), so a link shows the same thing.
import workerCode from 'leibniz-playground:worker';
import { DEFAULT_VIEW, draw, interact, zoomBy, type View } from './plot.js';
import type { Analysis, AnalyzeRequest, Part, Request, Response, Samples, Shown } from './protocol.js';

/** How long the worker may take before the page stops it and says so. */
const PATIENCE_MS = 15_000;
const SAMPLES = 600;

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const input = $<HTMLInputElement>('f');
const wrtSel = $<HTMLSelectElement>('wrt');
const orderSel = $<HTMLSelectElement>('order');
const claimedIn = $<HTMLInputElement>('claimed');
const taylorAt = $<HTMLInputElement>('taylor-at');
const taylorOrder = $<HTMLSelectElement>('taylor-order');
const canvas = $<HTMLCanvasElement>('plot');
const busy = $('busy');

let view: View = { ...DEFAULT_VIEW };
let samples: Samples | null = null;
let analysis: Analysis | null = null;
const current = new Map<string, Shown>(); // what the copy buttons copy

// ---- the worker, with a watchdog ------------------------------------------

let worker: Worker;
let nextId = 1;
let latestAnalyze = 0;
let latestSample = 0;
const pending = new Map<number, number>(); // id -> watchdog timer

function startWorker(): void {
  // From a Blob, so the page also works opened from disk (file:// pages may not load workers by URL).
  worker = new Worker(URL.createObjectURL(new Blob([workerCode], { type: 'text/javascript' })));
  worker.onmessage = (ev: MessageEvent<Response>) => receive(ev.data);
}

let analyzeSince = 0; // when the unanswered analysis was sent (0: none)

function restartWorker(): void {
  for (const t of pending.values()) clearTimeout(t);
  pending.clear();
  worker.terminate();
  startWorker();
}

function send(req: Omit<AnalyzeRequest, 'id'> | { kind: 'sample'; x0: number; x1: number; n: number }): number {
  // A new question while the worker is still busy with an old one: drop the old one.
  if (req.kind === 'analyze' && analyzeSince > 0 && performance.now() - analyzeSince > 300) restartWorker();
  const id = nextId++;
  if (req.kind === 'analyze') analyzeSince = performance.now();
  if (req.kind === 'analyze') latestAnalyze = id;
  else latestSample = id;
  pending.set(
    id,
    window.setTimeout(() => {
      // leibniz bounds its own work, but a page must never wait forever.
      restartWorker();
      analyzeSince = 0;
      busy.textContent = '';
      if (id === latestAnalyze || req.kind === 'analyze') showStopped();
    }, PATIENCE_MS),
  );
  worker.postMessage({ ...req, id } as Request);
  if (req.kind === 'analyze') busy.textContent = 'working…';
  return id;
}

function receive(res: Response): void {
  clearTimeout(pending.get(res.id));
  pending.delete(res.id);
  if (!res.ok) {
    if (res.id === latestAnalyze) {
      analyzeSince = 0;
      showFailure(res.error);
    }
    return;
  }
  if (res.analysis && res.id === latestAnalyze) {
    busy.textContent = '';
    analyzeSince = 0;
    analysis = res.analysis;
    show(res.analysis);
    requestSamples();
  }
  if (res.samples && res.id === latestSample) {
    samples = res.samples;
    redraw();
  }
}

// ---- state <-> URL -----------------------------------------------------------

function readHash(): void {
  const h = new URLSearchParams(location.hash.slice(1));
  const get = (k: string): string | null => h.get(k);
  if (get('f') !== null) input.value = get('f')!;
  const wrt = get('wrt');
  if (wrt) setOptions([wrt], wrt);
  const order = get('order');
  if (order && /^[1-5]$/.test(order)) orderSel.value = order;
  claimedIn.value = get('claimed') ?? '';
  if (get('at') !== null) taylorAt.value = get('at')!;
  const n = get('n');
  if (n && [...taylorOrder.options].some((o) => o.value === n)) taylorOrder.value = n;
}

function writeHash(): void {
  const h = new URLSearchParams();
  h.set('f', input.value);
  h.set('wrt', wrtSel.value);
  if (orderSel.value !== '1') h.set('order', orderSel.value);
  if (claimedIn.value.trim() !== '') h.set('claimed', claimedIn.value);
  if (taylorAt.value !== '0') h.set('at', taylorAt.value);
  if (taylorOrder.value !== '4') h.set('n', taylorOrder.value);
  // encodeURIComponent, so a formula's + and & survive
  const hash = '#' + [...h].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  if (hash !== location.hash) history.replaceState(null, '', hash);
}

function setOptions(vars: readonly string[], chosen: string): void {
  const names = vars.length > 0 ? vars : [chosen];
  if ([...wrtSel.options].map((o) => o.value).join() !== names.join()) {
    wrtSel.replaceChildren(...names.map((v) => new Option(v, v)));
  }
  wrtSel.value = names.includes(chosen) ? chosen : names[0]!;
}

// ---- asking ------------------------------------------------------------------

let timer = 0;
function changed(delay = 120): void {
  clearTimeout(timer);
  timer = window.setTimeout(() => {
    writeHash();
    send({
      kind: 'analyze',
      f: input.value,
      wrt: wrtSel.value,
      order: Number(orderSel.value),
      claimed: claimedIn.value,
      taylorAt: taylorAt.value,
      taylorOrder: Number(taylorOrder.value),
    });
  }, delay);
}

let sampleQueued = false;
function requestSamples(): void {
  if (sampleQueued) return;
  sampleQueued = true;
  requestAnimationFrame(() => {
    sampleQueued = false;
    send({ kind: 'sample', x0: view.x0, x1: view.x1, n: SAMPLES });
  });
}

function setView(v: View): void {
  view = v;
  requestSamples();
  redraw();
}

// ---- showing -----------------------------------------------------------------

function showResult(key: string, part: Part<Shown> | undefined): void {
  const box = document.querySelector<HTMLElement>(`.result[data-key="${key}"]`)!;
  const math = box.querySelector<HTMLElement>('.math')!;
  const err = box.querySelector<HTMLElement>('.error')!;
  const latex = box.querySelector<HTMLElement>('.latex');
  const text = box.querySelector<HTMLElement>('.text');
  const buttons = box.querySelectorAll<HTMLButtonElement>('button');
  if (part?.ok) {
    current.set(key, part.value);
    math.innerHTML = part.value.html;
    if (latex) latex.textContent = part.value.latex;
    if (text) text.textContent = part.value.text;
    err.hidden = true;
    buttons.forEach((b) => (b.disabled = false));
  } else {
    current.delete(key);
    math.replaceChildren();
    if (latex) latex.textContent = '';
    if (text) text.textContent = '';
    err.textContent = part ? part.error : '';
    err.hidden = !part;
    buttons.forEach((b) => (b.disabled = true));
  }
}

const KEYS = ['derivative', 'gradient', 'hessian', 'jacobian', 'taylor', 'simplified'] as const;

function show(a: Analysis): void {
  const fMath = $('f-math');
  const fErr = $('f-error');
  if (a.parseError) {
    input.setAttribute('aria-invalid', 'true');
    fErr.textContent = a.parseError.message;
    fErr.hidden = false;
    fMath.replaceChildren();
    // keep the last good answers below, greyed, until the input parses again
    $('results').classList.add('stale');
    return;
  }
  $('results').classList.remove('stale');
  input.removeAttribute('aria-invalid');
  fErr.hidden = true;
  fMath.innerHTML = a.input!.html;
  setOptions(a.vars, a.wrt);
  const k = Number(orderSel.value);
  $('h-derivative').textContent = k === 1 ? `Derivative with respect to ${a.wrt}` : `Derivative of order ${k} with respect to ${a.wrt}`;
  for (const key of KEYS) showResult(key, a[key]);
  // the check table
  const tbody = document.querySelector('#check tbody')!;
  const summary = $('check-summary');
  if (a.check?.ok) {
    const c = a.check.value;
    summary.textContent = `${c.pass ? 'PASS' : 'FAIL'}: ${c.rows.filter((r) => r.pass).length} of ${c.rows.length} agree within ${c.tolerance}${c.skipped ? `; ${c.skipped} points skipped (not finite)` : ''}.`;
    summary.className = c.pass ? 'pass' : 'fail';
    tbody.replaceChildren(
      ...c.rows.map((r) => {
        const tr = document.createElement('tr');
        for (const cell of [r.at, fmt(r.numerical), fmt(r.analytic), r.relError.toExponential(2), r.pass ? 'ok' : 'BAD']) {
          const td = document.createElement('td');
          td.textContent = cell;
          tr.append(td);
        }
        if (!r.pass) tr.className = 'fail';
        return tr;
      }),
    );
  } else {
    summary.textContent = a.check ? a.check.error : '';
    summary.className = 'fail';
    tbody.replaceChildren();
  }
  // the simplifier's trace
  const ol = $('trace');
  if (a.trace?.ok) {
    ol.replaceChildren(
      ...a.trace.value.map((s) => {
        const li = document.createElement('li');
        const name = document.createElement('strong');
        name.textContent = s.rule;
        const code = document.createElement('code');
        code.textContent = `${s.before}  →  ${s.after}`;
        li.append(name, ': ', code);
        return li;
      }),
    );
    if (a.trace.value.length === 0) ol.innerHTML = "<li>No rewrite rule fired: the chain rule's result, in the core's canonical form, was already simplest.</li>";
  } else ol.replaceChildren();
  // the claimed derivative
  const verdict = $('claimed-verdict');
  if (!a.claimed) verdict.replaceChildren();
  else if (a.claimed.ok) {
    verdict.innerHTML = a.claimed.value.shown.html;
    const p = document.createElement('p');
    p.textContent = `Your derivative is ${a.claimed.value.verdict}.`;
    p.className = a.claimed.value.verdict.startsWith('correct') ? 'pass' : 'fail';
    verdict.append(p);
  } else {
    const pre = document.createElement('pre');
    pre.className = 'error';
    pre.textContent = a.claimed.error;
    verdict.replaceChildren(pre);
  }
  const others = Object.entries(a.fixed);
  $('plot-note').textContent = others.length ? `(along ${a.wrt}, with ${others.map(([v, x]) => `${v} = ${x}`).join(', ')})` : '';
}

function showFailure(error: string): void {
  busy.textContent = '';
  const fErr = $('f-error');
  fErr.textContent = error;
  fErr.hidden = false;
}

function showStopped(): void {
  showFailure(`Stopped: leibniz worked on this input for more than ${PATIENCE_MS / 1000} s. Try a lower order or a smaller formula.`);
  $('results').classList.add('stale');
}

const fmt = (x: number): string => (Number.isFinite(x) ? String(Number(x.toPrecision(8))) : String(x));

function redraw(): void {
  draw(canvas, view, samples);
  $('plot-range').textContent = `${analysis?.wrt ?? 'x'} from ${+view.x0.toPrecision(4)} to ${+view.x1.toPrecision(4)}`;
  const bad = samples?.bad.length ?? 0;
  canvas.setAttribute(
    'aria-label',
    `Plot of f and its derivative for ${analysis?.wrt ?? 'x'} from ${+view.x0.toPrecision(4)} to ${+view.x1.toPrecision(4)}` +
      (samples?.claimed ? `; your derivative disagrees at ${bad} of ${samples.xs.length} points` : '') +
      '. With the plot focused, the arrow keys pan, plus and minus zoom, 0 resets.',
  );
}

async function copy(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
  $('copied').textContent = 'Copied.';
  setTimeout(() => ($('copied').textContent = ''), 1500);
}

// ---- wiring ------------------------------------------------------------------

startWorker();
readHash();
input.addEventListener('input', () => changed());
claimedIn.addEventListener('input', () => changed());
taylorAt.addEventListener('input', () => changed(250));
for (const el of [wrtSel, orderSel, taylorOrder]) el.addEventListener('change', () => changed(0));
window.addEventListener('hashchange', () => {
  readHash();
  changed(0);
});
document.addEventListener('click', (e) => {
  const b = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-copy]');
  if (!b) return;
  const key = b.closest<HTMLElement>('.result')!.dataset.key!;
  const value = current.get(key);
  if (value) void copy(b.dataset.copy === 'latex' ? value.latex : value.text);
});
interact(canvas, () => view, setView);
$('zoom-in').addEventListener('click', () => setView(zoomBy(view, 1 / 1.5)));
$('zoom-out').addEventListener('click', () => setView(zoomBy(view, 1.5)));
$('zoom-reset').addEventListener('click', () => setView({ ...DEFAULT_VIEW }));
new ResizeObserver(() => redraw()).observe(canvas);
setView(view);
changed(0);
