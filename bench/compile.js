// Compiled-function benchmark (issue 5), on the BUILT library (dist/).
//
// 1. Value: leibniz's compiled function against the same function written by
//    hand in JavaScript (target: within 1.5x) and against math.js
//    `compile(src).evaluate(scope)`, on a corpus of a dozen functions.
// 2. Gradient: the cost of value + gradient from compileGradient relative to
//    the compiled value alone, for n = 10, 100, 1000 variables (target: at most
//    4x at n = 100, the cheap-gradient principle), on a sum of squares of
//    random linear forms, a small neural-network loss and the n-dimensional
//    Rosenbrock function.
//
// How it is timed: each measured function gets its own driver loop built with
// `new Function`, so every call site is monomorphic and the JIT treats
// leibniz's function and the hand-written one alike (it may inline either).
// Inputs cycle through precomputed random points, so no call is loop-invariant.
// A figure is the best of several batches of about 40 ms each, in ns per call,
// timed in CPU time of this process (process.cpuUsage), which other processes on
// a busy machine disturb much less than wall time.
import * as math from 'mathjs';
import { rng } from './scale-cases.js';

const dist = (path) => new URL(`../dist/${path}`, import.meta.url).href;

// ---------------------------------------------------------------- utilities

// rng: the seeded mulberry32 of the scale cases, so every run uses the same points and forms.

const now = () => performance.now();
/** CPU time of this process, in ms. */
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
const fmtNs = (ns) => (ns < 10 ? ns.toFixed(2) : ns < 100 ? ns.toFixed(1) : ns.toFixed(0));
const fmtX = (r) => (r < 10 ? r.toFixed(2) : r.toFixed(1));
let sink = 0; // results are accumulated here so no call is dead code

/**
 * ns per call of `body` (which performs `perBatch` calls and returns a number):
 * calibrated to ~40 ms batches, best of `batches`.
 */
export function measure(body, perBatch, batches = 5) {
  let reps = 1;
  for (;;) {
    const t = cpu();
    for (let r = 0; r < reps; r++) sink += body();
    const ms = cpu() - t;
    if (ms > 40 || reps > 1e7) break;
    reps = Math.max(reps * 2, Math.ceil((reps * 45) / Math.max(ms, 0.5)));
  }
  let best = Infinity;
  for (let b = 0; b < batches; b++) {
    const t = cpu();
    for (let r = 0; r < reps; r++) sink += body();
    best = Math.min(best, cpu() - t);
  }
  return (best * 1e6) / (reps * perBatch);
}

/** A driver summing f over all points (columns xs[k][i]); a fresh function per use, so its call site is monomorphic. */
function valueDriver(arity) {
  const args = Array.from({ length: arity }, (_, k) => `c${k}[i]`).join(', ');
  const cols = Array.from({ length: arity }, (_, k) => `const c${k} = xs[${k}];`).join('\n');
  return new Function('f', 'xs', 'n', `${cols}\nlet s = 0;\nfor (let i = 0; i < n; i++) s += f(${args});\nreturn s;`);
}

// ------------------------------------------------------------ value corpus

/**
 * name, leibniz source (also math.js's, unless `mathjs` is given), variables,
 * the hand-written JavaScript a person would write, and the sampling box.
 */
const CORPUS = [
  {
    name: 'cubic polynomial',
    src: '3*x^3 - 2*x^2 + x - 7',
    vars: ['x'],
    hand: (x) => 3 * x * x * x - 2 * x * x + x - 7,
  },
  {
    name: 'Gaussian density',
    src: 'exp(-(x - m)^2 / (2*s^2)) / (s*sqrt(2*pi))',
    vars: ['m', 's', 'x'],
    hand: (m, s, x) => Math.exp(-((x - m) * (x - m)) / (2 * s * s)) / (s * Math.sqrt(2 * Math.PI)),
    box: { s: [0.5, 2] },
  },
  {
    name: 'logistic loss',
    src: 'log(1 + exp(-y*(w*x + b)))',
    vars: ['b', 'w', 'x', 'y'],
    hand: (b, w, x, y) => Math.log(1 + Math.exp(-y * (w * x + b))),
  },
  {
    name: 'sigmoid',
    src: '1/(1 + exp(-x))',
    vars: ['x'],
    hand: (x) => 1 / (1 + Math.exp(-x)),
  },
  {
    name: 'Rosenbrock 2-D',
    src: '(1 - x)^2 + 100*(y - x^2)^2',
    vars: ['x', 'y'],
    hand: (x, y) => (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x),
  },
  {
    name: 'distance',
    src: 'sqrt((x1 - x2)^2 + (y1 - y2)^2)',
    vars: ['x1', 'x2', 'y1', 'y2'],
    hand: (x1, x2, y1, y2) => Math.sqrt((x1 - x2) * (x1 - x2) + (y1 - y2) * (y1 - y2)),
  },
  {
    name: 'unit vector component',
    src: 'x/sqrt(x^2 + y^2 + z^2)',
    vars: ['x', 'y', 'z'],
    hand: (x, y, z) => x / Math.sqrt(x * x + y * y + z * z),
  },
  {
    name: 'trigonometric mix',
    src: 'sin(x)*cos(y) + tan(x*y)/3',
    vars: ['x', 'y'],
    hand: (x, y) => Math.sin(x) * Math.cos(y) + Math.tan(x * y) / 3,
  },
  {
    name: 'rational function',
    src: '(x^2 + 1)/(x^4 + x^2 + 1)',
    vars: ['x'],
    hand: (x) => {
      const x2 = x * x;
      return (x2 + 1) / (x2 * x2 + x2 + 1);
    },
  },
  {
    name: 'Planck spectrum',
    src: 'x^3/(exp(x) - 1)',
    vars: ['x'],
    hand: (x) => (x * x * x) / (Math.exp(x) - 1),
    box: { x: [0.1, 5] },
  },
  {
    name: 'Lennard-Jones',
    src: '4*ep*((s/r)^12 - (s/r)^6)',
    vars: ['ep', 'r', 's'],
    hand: (ep, r, s) => {
      const q = s / r;
      const q6 = q * q * q * q * q * q;
      return 4 * ep * (q6 * q6 - q6);
    },
    box: { r: [0.9, 2], s: [0.9, 1.1] },
  },
  {
    name: 'polar angle and radius',
    src: 'atan2(y, x)*sqrt(x^2 + y^2)',
    vars: ['x', 'y'],
    hand: (x, y) => Math.atan2(y, x) * Math.sqrt(x * x + y * y),
  },
  {
    name: 'option price (erf)',
    src: 's*(1 + erf((log(s/k) + (r + v^2/2)*t)/(v*sqrt(2*t))))/2',
    vars: ['k', 'r', 's', 't', 'v'],
    // the hand-written version needs an erf too: it calls the same runtime erf leibniz uses
    hand: null,
    box: { k: [80, 120], r: [0, 0.05], s: [80, 120], t: [0.1, 2], v: [0.1, 0.5] },
  },
];

const N_POINTS = 1024;

function columns(entry, random) {
  return entry.vars.map((v) => {
    const [lo, hi] = entry.box?.[v] ?? [0.2, 2];
    const col = new Float64Array(N_POINTS);
    for (let i = 0; i < N_POINTS; i++) col[i] = lo + (hi - lo) * random();
    return col;
  });
}

async function valueBenchmark(L) {
  const random = rng(20261127);
  const rows = [];
  for (const entry of CORPUS) L.compile(entry.src, entry.vars); // warm up the compiler, so compile times are not JIT start-up
  for (const entry of CORPUS) {
    const xs = columns(entry, random);
    const t0 = now();
    const f = L.compile(entry.src, entry.vars);
    const compileMs = now() - t0;
    const hand = entry.hand ?? handWithRuntime(entry, L);
    // Agreement: the largest relative difference over the points.
    let maxRel = 0;
    for (let i = 0; i < N_POINTS; i++) {
      const args = xs.map((c) => c[i]);
      const a = f(...args);
      const b = hand(...args);
      maxRel = Math.max(maxRel, Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300));
    }
    const dF = valueDriver(entry.vars.length);
    const dH = valueDriver(entry.vars.length);
    // Alternate, and keep the best of two rounds each, so a noisy moment hurts neither side.
    let tC = Infinity;
    let tH = Infinity;
    for (let round = 0; round < 2; round++) {
      tC = Math.min(tC, measure(() => dF(f, xs, N_POINTS), N_POINTS));
      tH = Math.min(tH, measure(() => dH(hand, xs, N_POINTS), N_POINTS));
    }
    // math.js: compile once, evaluate with a scope object per call (its documented way).
    let tMath = NaN;
    if (entry.mathjs !== false) {
      const code = math.compile(entry.src);
      const scope = {};
      const M = 128;
      tMath = measure(() => {
        let s = 0;
        for (let i = 0; i < M; i++) {
          for (let k = 0; k < entry.vars.length; k++) scope[entry.vars[k]] = xs[k][i];
          s += code.evaluate(scope);
        }
        return s;
      }, M, 3);
    }
    rows.push({ name: entry.name, compileMs, compiled: tC, hand: tH, mathjs: tMath, maxRel });
  }
  return rows;
}

/** The option-price formula by hand, with leibniz's runtime erf (JavaScript has none). */
function handWithRuntime(entry, L) {
  const erf = L.runtime.erf;
  return (k, r, s, t, v) => (s * (1 + erf((Math.log(s / k) + (r + (v * v) / 2) * t) / (v * Math.sqrt(2 * t))))) / 2;
}

function printValue(rows) {
  console.log('Value: ns per call (lower is better); ratios over leibniz compiled');
  console.log(
    `${pad('function', 24)}${lpad('leibniz', 9)}${lpad('by hand', 9)}${lpad('ratio', 8)}${lpad('math.js', 10)}${lpad('ratio', 8)}${lpad('max rel diff', 14)}${lpad('compile', 10)}`,
  );
  for (const r of rows) {
    console.log(
      `${pad(r.name, 24)}${lpad(fmtNs(r.compiled), 9)}${lpad(fmtNs(r.hand), 9)}${lpad(fmtX(r.compiled / r.hand), 8)}` +
        `${lpad(Number.isNaN(r.mathjs) ? '-' : fmtNs(r.mathjs), 10)}${lpad(Number.isNaN(r.mathjs) ? '-' : `${fmtX(r.mathjs / r.compiled)}x`, 8)}` +
        `${lpad(r.maxRel.toExponential(1), 14)}${lpad(`${r.compileMs.toFixed(2)} ms`, 10)}`,
    );
  }
  const geo = (xs) => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
  const vsHand = geo(rows.map((r) => r.compiled / r.hand));
  const worst = Math.max(...rows.map((r) => r.compiled / r.hand));
  const vsMath = geo(rows.filter((r) => !Number.isNaN(r.mathjs)).map((r) => r.mathjs / r.compiled));
  console.log(
    `leibniz / hand-written: geometric mean ${fmtX(vsHand)}, worst ${fmtX(worst)} (target <= 1.5); ` +
      `math.js is ${fmtX(vsMath)}x slower (geometric mean)`,
  );
  return { vsHandGeoMean: vsHand, vsHandWorst: worst, mathjsSlowerGeoMean: vsMath };
}

// --------------------------------------------------------- gradient ratio

/** f(x) = sum over 10 forms of (a_i . x - b_i)^2, with small integer coefficients. */
function linearForms(B, n, random) {
  const xs = Array.from({ length: n }, (_, j) => B.sym(`x${j}`));
  const forms = [];
  for (let i = 0; i < 10; i++) {
    const terms = xs.map((x) => B.mul(B.num(Math.floor(random() * 19) - 9), x));
    forms.push(B.pow(B.add(...terms, B.num(Math.floor(random() * 19) - 9)), 2));
  }
  return { e: B.add(...forms), vars: xs.map((s) => s.name) };
}

/** n-dimensional Rosenbrock: sum of 100 (x[i+1] - x[i]^2)^2 + (1 - x[i])^2. */
function rosenbrock(B, n) {
  const xs = Array.from({ length: n }, (_, j) => B.sym(`x${j}`));
  const terms = [];
  for (let i = 0; i + 1 < n; i++) {
    terms.push(B.mul(100, B.pow(B.sub(xs[i + 1], B.pow(xs[i], 2)), 2)), B.pow(B.sub(1, xs[i]), 2));
  }
  return { e: B.add(...terms), vars: xs.map((s) => s.name) };
}

/**
 * Squared-error loss of a one-hidden-layer tanh network (3 inputs, h hidden
 * units, 1 output) on 4 fixed samples; the variables are the 5h + 1 weights.
 */
function networkLoss(B, h, random) {
  const d = 3;
  const W = Array.from({ length: h }, (_, j) => Array.from({ length: d }, (_, i) => B.sym(`W${j}_${i}`)));
  const b = Array.from({ length: h }, (_, j) => B.sym(`b${j}`));
  const v = Array.from({ length: h }, (_, j) => B.sym(`v${j}`));
  const c = B.sym('c');
  const q = () => B.num(Math.floor(random() * 17) - 8, 4); // inputs and targets: quarters in [-2, 2]
  const terms = [];
  for (let k = 0; k < 4; k++) {
    const x = Array.from({ length: d }, q);
    const hidden = W.map((row, j) => B.mul(v[j], B.call('tanh', B.add(...row.map((w, i) => B.mul(w, x[i])), b[j]))));
    terms.push(B.pow(B.sub(B.add(...hidden, c), q()), 2));
  }
  const vars = [...W.flat(), ...b, ...v, c].map((s) => s.name);
  return { e: B.add(...terms), vars };
}

/** Drivers for f(...args) and g(out, ...args), cycling through P points. */
const valueCall = () => new Function('f', 'pts', 'R', 'let s = 0;\nfor (let r = 0; r < R; r++) s += f(...pts[r & 15]);\nreturn s;');
const gradCall = () =>
  new Function('g', 'out', 'pts', 'R', 'let s = 0;\nfor (let r = 0; r < R; r++) s += g(out, ...pts[r & 15]) + out[r % out.length];\nreturn s;');

async function gradientBenchmark(L) {
  const random = rng(7);
  const cases = [];
  for (const n of [10, 100, 1000]) {
    cases.push({ family: 'sum of squares of 10 linear forms', n, ...linearForms(L.build, n, random) });
    const h = Math.round((n - 1) / 5);
    cases.push({ family: 'tanh network loss (3-h-1, 4 samples)', n, ...networkLoss(L.build, h, random) });
    cases.push({ family: 'Rosenbrock', n, ...rosenbrock(L.build, n) });
  }
  const rows = [];
  for (const c of cases) {
    const t0 = now();
    const f = L.compile(c.e, c.vars);
    const t1 = now();
    const g = L.compileGradient(c.e, c.vars);
    const t2 = now();
    const nv = c.vars.length;
    const pts = Array.from({ length: 16 }, () => Array.from({ length: nv }, () => random() * 2 - 1));
    const out = new Float64Array(nv);
    // The gradient's value must be the compiled value.
    if (g(out, ...pts[0]) !== f(...pts[0])) throw new Error(`${c.family} n=${nv}: gradient value differs from the value`);
    const R = 64;
    const dv = valueCall();
    const dg = gradCall();
    const tValue = measure(() => dv(f, pts, R), R);
    const tGrad = measure(() => dg(g, out, pts, R), R);
    rows.push({
      family: c.family,
      n: nv,
      nodes: L.dagSize(c.e),
      value: tValue,
      grad: tGrad,
      ratio: tGrad / tValue,
      compileMs: t1 - t0,
      gradCompileMs: t2 - t1,
    });
  }
  return rows;
}

function printGradient(rows) {
  console.log('\nGradient: ns per call; ratio = (value + gradient) / value (cheap-gradient target: <= 4 at n = 100)');
  console.log(
    `${pad('function', 38)}${lpad('n', 6)}${lpad('nodes', 8)}${lpad('value', 10)}${lpad('value+grad', 12)}${lpad('ratio', 8)}${lpad('compile f / grad', 20)}`,
  );
  for (const r of rows) {
    console.log(
      `${pad(r.family, 38)}${lpad(r.n, 6)}${lpad(r.nodes, 8)}${lpad(fmtNs(r.value), 10)}${lpad(fmtNs(r.grad), 12)}${lpad(fmtX(r.ratio), 8)}` +
        `${lpad(`${r.compileMs.toFixed(1)} / ${r.gradCompileMs.toFixed(1)} ms`, 20)}`,
    );
  }
  const at100 = rows.filter((r) => r.n >= 100 && r.n < 1000);
  const worst100 = Math.max(...at100.map((r) => r.ratio));
  console.log(`worst ratio at n ~ 100: ${fmtX(worst100)} (target <= 4)`);
  return { worstRatioAt100: worst100 };
}

// ------------------------------------------------------------------- entry

async function loadLeibniz() {
  const compiler = await import(dist('compile/index.js'));
  const build = await import(dist('core/build.js'));
  const { dagSize } = await import(dist('core/traverse.js'));
  const { runtime } = await import(dist('eval/runtime.js'));
  return { ...compiler, build, dagSize, runtime };
}

export async function run() {
  const L = await loadLeibniz();
  const valueRows = await valueBenchmark(L);
  const value = printValue(valueRows);
  const gradRows = await gradientBenchmark(L);
  const gradient = printGradient(gradRows);
  if (sink === 0.123456789) console.log(''); // keep results observable
  return { value, gradient, valueRows, gradRows };
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
