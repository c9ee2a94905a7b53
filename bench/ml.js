// Machine-learning losses (issue 14), on the BUILT library (dist/): compiled
// value + gradient from compileGradient(e, vars, { args: 'array' }) against
// the same loss and gradient written by hand in JavaScript (stable, the way a
// careful person writes them: max-shifted logsumexp, softplus by log1p), in the
// same run, ns per call and the ratio leibniz / hand-written.
//   1. softmax cross-entropy over K = 10 logits (label 0): -z0 + log(sum e^zi),
//      which leibniz's compiler turns into logsumexp(0, z1 - z0, ...) by itself;
//   2. a 2-4-1 tanh network with the logistic loss log(1 + e^(-y*out)) over 4
//      samples (17 weights), the loss written naively as well.
// Before timing, the two must agree (value and gradient, 1e-12 relative) at
// the timed points, including logits far out (1000) where the naive formula overflows.
import { measure } from './compile.js';
import { rng } from './scale-cases.js';

const dist = (path) => new URL(`../dist/${path}`, import.meta.url).href;
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
let sink = 0;

// ------------------------------------------------------------ the losses

const K = 10;
const ceVars = Array.from({ length: K }, (_, i) => `z${i}`);
const ceSource = `-z0 + log(${ceVars.map((v) => `exp(${v})`).join(' + ')})`;

/** Hand-written: the value, and out = softmax(z) - onehot(0). */
function ceHand(out, z) {
  let m = -Infinity;
  for (let i = 0; i < K; i++) if (z[i] > m) m = z[i];
  let s = 0;
  for (let i = 0; i < K; i++) {
    const e = Math.exp(z[i] - m);
    out[i] = e;
    s += e;
  }
  for (let i = 0; i < K; i++) out[i] /= s;
  out[0] -= 1;
  return m + Math.log(s) - z[0];
}

const H = 4;
const D = 2;
const SAMPLES = [
  { x: [0.5, -1], y: 1 },
  { x: [-0.25, 0.75], y: -1 },
  { x: [1.5, 0.5], y: 1 },
  { x: [-1, -0.5], y: -1 },
];
// variables: W{j}_{i} (H x D), b{j}, v{j}, c; in this order in the array
const mlpVars = [
  ...Array.from({ length: H * D }, (_, k) => `W${Math.floor(k / D)}_${k % D}`),
  ...Array.from({ length: H }, (_, j) => `b${j}`),
  ...Array.from({ length: H }, (_, j) => `v${j}`),
  'c',
];
const num = (x) => (x < 0 ? `(${x})` : `${x}`);
const mlpSource = SAMPLES.map(({ x, y }) => {
  const out = Array.from({ length: H }, (_, j) => `v${j}*tanh(${x.map((xi, i) => `W${j}_${i}*${num(xi)}`).join(' + ')} + b${j})`).join(' + ');
  return `log(1 + exp(${num(-y)}*(${out} + c)))`;
}).join(' + ');

const softplus = (t) => Math.max(t, 0) + Math.log1p(Math.exp(-Math.abs(t)));
const sigmoid = (t) => {
  const z = Math.exp(-Math.abs(t));
  return t >= 0 ? 1 / (1 + z) : z / (1 + z);
};

/** Hand-written forward and backward pass of the MLP loss. */
function mlpHand(out, w) {
  const B = H * D;
  const V = B + H;
  const C = V + H;
  out.fill(0);
  const t = [0, 0, 0, 0];
  let loss = 0;
  for (let k = 0; k < SAMPLES.length; k++) {
    const { x, y } = SAMPLES[k];
    let o = w[C];
    for (let j = 0; j < H; j++) {
      t[j] = Math.tanh(w[j * D] * x[0] + w[j * D + 1] * x[1] + w[B + j]);
      o += w[V + j] * t[j];
    }
    const m = -y * o;
    loss += softplus(m);
    const g = -y * sigmoid(m);
    out[C] += g;
    for (let j = 0; j < H; j++) {
      out[V + j] += g * t[j];
      const ga = g * w[V + j] * (1 - t[j] * t[j]);
      out[j * D] += ga * x[0];
      out[j * D + 1] += ga * x[1];
      out[B + j] += ga;
    }
  }
  return loss;
}

// ------------------------------------------------------------ measuring

const driver = () => new Function('g', 'out', 'pts', 'R', 'let s = 0;\nfor (let r = 0; r < R; r++) s += g(out, pts[r & 15]) + out[r % out.length];\nreturn s;');

function agree(name, g, hand, pts, n) {
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const rel = (x, y) => Math.abs(x - y) / Math.max(Math.abs(y), 1e-300);
  for (const p of pts) {
    const va = g(a, p);
    const vb = hand(b, p);
    let worst = rel(va, vb);
    for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), 1e-12));
    if (!(worst <= 1e-12) || !Number.isFinite(va)) throw new Error(`${name}: leibniz and the hand-written code disagree at ${[...p]} (${worst})`);
  }
}

export async function run() {
  const { compileGradient } = await import(dist('compile/index.js'));
  const random = rng(14);
  const cases = [
    {
      name: `softmax cross-entropy, ${K} logits`,
      vars: ceVars,
      source: ceSource,
      hand: ceHand,
      // logits in [-5, 5], two of the 16 points far out (one logit 1000: the naive formula is Infinity there)
      points: Array.from({ length: 16 }, (_, k) => Float64Array.from({ length: K }, (_, i) => (k < 2 && i === k ? 1000 : random() * 10 - 5))),
    },
    {
      name: `MLP ${D}-${H}-1 tanh, logistic loss, ${SAMPLES.length} samples`,
      vars: mlpVars,
      source: mlpSource,
      hand: mlpHand,
      points: Array.from({ length: 16 }, () => Float64Array.from({ length: mlpVars.length }, () => random() * 2 - 1)),
    },
  ];
  const rows = [];
  for (const c of cases) {
    const g = compileGradient(c.source, c.vars, { args: 'array' });
    const n = c.vars.length;
    agree(c.name, g, c.hand, c.points, n);
    const out = new Float64Array(n);
    const R = 64;
    const dl = driver();
    const dh = driver();
    const tL = measure(() => dl(g, out, c.points, R), R);
    const tH = measure(() => dh(c.hand, out, c.points, R), R);
    rows.push({ name: c.name, n, leibniz: tL, hand: tH, ratio: tL / tH });
  }
  console.log('value + gradient, ns per call (CPU time, best of 5 batches); ratio = leibniz / hand-written JS');
  console.log(`${pad('loss', 48)}${lpad('n', 4)}${lpad('leibniz', 10)}${lpad('by hand', 10)}${lpad('ratio', 8)}`);
  for (const r of rows) {
    console.log(`${pad(r.name, 48)}${lpad(r.n, 4)}${lpad(r.leibniz.toFixed(0), 10)}${lpad(r.hand.toFixed(0), 10)}${lpad(r.ratio.toFixed(2), 8)}`);
  }
  if (sink === 0.123456789) console.log('');
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
