// Derivative + simplify benchmark: leibniz against math.js on the corpus
// (bench/corpus.js), in one process, plus the scale cases of issues 3 and 4.
//
// What is measured, and why:
// - Time per derivative. leibniz's `derivative` simplifies its result, and
//   math.js's `derivative` simplifies by default, so both times include
//   simplification. Inputs are parsed before timing (parsing is not what is
//   compared). Three leibniz figures are reported:
//     cold   the first call on each item in this process (JIT cold, memo empty);
//     fresh  warm JIT (after whole warm-up passes over the corpus, as many for
//            both libraries) but every call on NEW nodes: each repetition
//            renames the variables (x -> x_r3), so no memo entry from an earlier call can be
//            hit. This is the headline figure and the speed ratio uses it;
//            leibniz and math.js are timed item by item, so a change in the
//            machine's load falls on both alike (the load average is printed);
//     repeat the same inputs again: hash-consing memoises by node id, so this is
//            what an application that asks twice pays (part of the design, but
//            not what the ratio is based on).
//   math.js gets the same cold and fresh passes (it keeps no memo, so repeat
//   would equal fresh).
// - Output cost: leibniz's own cost function (src/simplify/cost.ts) on both
//   results; math.js's result is read with leibniz's `parse(result.toString())`.
// - Correctness: both results are evaluated at seeded random points of the
//   entry's domain box and compared with a Richardson-extrapolated central
//   difference of the input. math.js's result is evaluated by math.js itself
//   (what its users get); the leibniz re-parse of it is checked to give the
//   same value, so the cost is measured on the same function.
import { availableParallelism, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import * as math from 'mathjs';
import { CORPUS, ITEMS } from './corpus.js';
import { evaluate } from './evaluate.js';
import { loadLeibniz } from './leibniz.js';
import { armSources, nestedSin, rng } from './scale-cases.js';

const SPEED_TARGET = 50;
const COST_TARGET = 1.0;
const COST_GOAL = 0.94;

// ---------------------------------------------------------------- utilities

const now = () => performance.now();
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
const us = (ms) => (ms * 1000 < 10 ? (ms * 1000).toFixed(2) : ms * 1000 < 100 ? (ms * 1000).toFixed(1) : (ms * 1000).toFixed(0));
const fmtMs = (ms) => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : ms < 1000 ? `${ms.toFixed(ms < 10 ? 2 : 1)} ms` : `${(ms / 1000).toFixed(2)} s`);
const sum = (xs) => xs.reduce((a, b) => a + b, 0);

/** Renames the free variables of a leibniz expression: x -> x_<tag> (new nodes, so no memo hit). */
function renameLeibniz(L, e, vars, tag) {
  const memo = new Map();
  for (const n of L.postorder(e)) {
    let out;
    if (n.kind === 'sym') out = vars.has(n.name) ? L.build.sym(`${n.name}_${tag}`) : n;
    else if (n.kind === 'num') out = n;
    else {
      const kids = n.kind === 'pow' ? [n.base, n.exp] : n.args;
      out = L.build.rebuild(n, kids.map((k) => memo.get(k.id)));
    }
    memo.set(n.id, out);
  }
  return memo.get(e.id);
}

const renameMathjs = (node, vars, tag) =>
  node.transform((n) => (n.isSymbolNode && vars.has(n.name) ? new math.SymbolNode(`${n.name}_${tag}`) : n));

/** math.js output as leibniz text: the one function name the two spell differently. */
const mathjsToLeibnizSource = (s) => s.replace(/\bnthRoot\(/g, 'nthroot(');

// ------------------------------------------------------------ agreement check

const POINTS = 3;

function samplePoints(entry, vars, random) {
  const pts = [];
  for (let i = 0; i < POINTS; i++) {
    const scope = {};
    for (const v of vars) {
      const [lo, hi] = entry.at?.[v] ?? [0.5, 1.5];
      scope[v] = lo + (hi - lo) * random();
    }
    pts.push(scope);
  }
  return pts;
}

/** d f / d wrt at the point by Richardson-extrapolated central differences (error O(h^4)). */
function finiteDifference(f, scope, wrt) {
  const x = scope[wrt];
  const h = 1e-3 * Math.max(1, Math.abs(x));
  const at = (v) => f({ ...scope, [wrt]: v });
  const d = (s) => (at(x + s) - at(x - s)) / (2 * s);
  return (4 * d(h / 2) - d(h)) / 3;
}

const agrees = (a, ref, f0) =>
  Number.isFinite(a) && Math.abs(a - ref) <= 1e-6 * Math.max(Math.abs(ref), 1e-3 * Math.abs(f0), 1e-12);

/** 'ok' when two evaluations of (what should be) one function agree at every point where the second is finite. */
function sameFunction(points, a, b) {
  const bad = points.filter((p) => Number.isFinite(b(p)) && !agrees(a(p), b(p), 0)).length;
  return bad === 0 ? 'ok' : `DIFFERENT(${bad}/${points.length})`;
}

const mathjsValue = (node, scope) => {
  try {
    const v = node.evaluate({ ...scope });
    return typeof v === 'number' ? v : NaN; // complex or other: not a real answer
  } catch {
    return NaN;
  }
};

// ---------------------------------------------------------------- the corpus

function prepare(L) {
  return ITEMS.map((item) => {
    const lin = L.parse(item.entry.src);
    const vars = new Set(L.freeSymbols(lin));
    return {
      ...item,
      vars,
      comparable: item.entry.mathjs !== false,
      lin,
      min: math.parse(item.entry.src),
    };
  });
}

function timeCall(fn) {
  const t = now();
  const r = fn();
  return [now() - t, r];
}

/** One pass over the items; returns per-item times (ms) and the results. */
function pass(items, call) {
  return items.map((it) => timeCall(() => call(it)));
}

function measureCorpus(L, reps) {
  const items = prepare(L);
  const mj = items.filter((it) => it.comparable);

  // Cold: the first call of each in this process.
  const leibCold = L.derivative ? pass(items, (it) => L.derivative(it.lin, it.wrt)) : null;
  const mjCold = pass(mj, (it) => math.derivative(it.min, it.wrt));

  // Fresh inputs: repetition r renames the variables (x -> x_r<r>), done before timing.
  const copies = (count, make) => Array.from({ length: count }, (_, r) => make(`r${r}`));
  const leibInputs = items.map((it) =>
    L.derivative ? copies(reps.leibniz, (tag) => renameLeibniz(L, it.lin, it.vars, tag)) : [],
  );
  const mjInputs = items.map((it) =>
    it.comparable ? copies(reps.mathjs, (tag) => renameMathjs(it.min, it.vars, tag)) : [],
  );
  // Warm-up (not measured): whole passes over the corpus on fresh copies, the
  // same number for both libraries. One call per item is not enough to warm a
  // JIT: V8 optimises a function only after many calls, and leibniz's time per
  // pass keeps falling for several passes (math.js's for about two).
  for (let w = 0; w < reps.warmup; w++) {
    for (const it of items) {
      if (L.derivative) L.derivative(renameLeibniz(L, it.lin, it.vars, `w${w}`), `${it.wrt}_w${w}`);
      if (it.comparable) math.derivative(renameMathjs(it.min, it.vars, `w${w}`), `${it.wrt}_w${w}`);
    }
  }
  // Both libraries item by item, so a change in machine load falls on both alike.
  const mean = (inputs, wrt, call) =>
    sum(inputs.map((input, r) => timeCall(() => call(input, `${wrt}_r${r}`))[0])) / inputs.length;
  const leibFresh = [];
  const leibRepeat = [];
  const mjFresh = [];
  items.forEach((it, i) => {
    if (L.derivative) {
      leibFresh[i] = mean(leibInputs[i], it.wrt, (e, v) => L.derivative(e, v));
      let t = 0;
      for (let r = 0; r < reps.leibniz; r++) t += timeCall(() => L.derivative(it.lin, it.wrt))[0];
      leibRepeat[i] = t / reps.leibniz;
    }
    if (it.comparable) mjFresh[i] = mean(mjInputs[i], it.wrt, (n, v) => math.derivative(n, v));
  });

  // Results, costs and the agreement check.
  const random = rng(20240611);
  const mjIndex = new Map(mj.map((it, i) => [it.key, i]));
  return items.map((it, i) => {
    const row = { key: it.key, name: it.entry.name, wrt: it.wrt, comparable: it.comparable, why: it.entry.why };
    const f = (scope) => evaluate(it.lin, scope);
    const points = samplePoints(it.entry, [...it.vars], random);
    const refs = points.map((p) => ({ f0: f(p), ref: finiteDifference(f, p, it.wrt) }));
    const verdict = (valueAt) => {
      let bad = 0;
      let checked = 0;
      points.forEach((p, k) => {
        const { f0, ref } = refs[k];
        if (!Number.isFinite(f0) || !Number.isFinite(ref)) return;
        checked++;
        if (!agrees(valueAt(p), ref, f0)) bad++;
      });
      return checked === 0 ? 'skip' : bad === 0 ? 'ok' : `WRONG(${bad}/${checked})`;
    };
    if (L.derivative) {
      const out = leibCold[i][1];
      row.leibniz = {
        coldMs: leibCold[i][0],
        freshMs: leibFresh[i],
        repeatMs: leibRepeat[i],
        text: L.toText(out),
        cost: L.cost(out),
        check: verdict((p) => evaluate(out, p)),
      };
    }
    const j = mjIndex.get(it.key);
    if (j !== undefined) {
      const out = mjCold[j][1];
      const s = out.toString();
      let parsed = null;
      let parseError = null;
      try {
        parsed = L.parse(mathjsToLeibnizSource(s));
      } catch (e) {
        parseError = e.message;
      }
      row.mathjs = {
        coldMs: mjCold[j][0],
        freshMs: mjFresh[i],
        text: s,
        cost: parsed ? L.cost(parsed) : NaN,
        parseError,
        check: verdict((p) => mathjsValue(out, p)),
        // The re-parse must be the same function, or the cost is of something else.
        reparse: parsed ? sameFunction(points, (p) => evaluate(parsed, p), (p) => mathjsValue(out, p)) : 'unparsable',
      };
    }
    return row;
  });
}

function printCorpus(rows, L) {
  const cmp = rows.filter((r) => r.comparable);
  console.log(
    `Corpus: ${CORPUS.length} expressions, ${rows.length} derivatives (${cmp.length} compared with math.js; ` +
      `${rows.length - cmp.length} leibniz-only).`,
  );
  console.log('Times are per derivative, derivative + simplify, in µs; "fresh" = warm JIT, new nodes each call.\n');
  const W = 44;
  console.log(
    `${pad('expression  d/dvar', W)}${lpad('leibniz', 9)}${lpad('math.js', 10)}${lpad('speed', 8)}` +
      `${lpad('costL', 7)}${lpad('costM', 7)}  check L / M`,
  );
  for (const r of rows) {
    const l = r.leibniz;
    const m = r.mathjs;
    const speed = l && m ? `${(m.freshMs / l.freshMs).toFixed(0)}x` : '';
    const flag = l && m && l.cost > m.cost ? ' <' : '';
    const checks = `${l ? l.check : '-'} / ${m ? m.check : r.why ? 'n/a' : '-'}${m && m.reparse !== 'ok' ? ` (leibniz re-parse of the math.js result: ${m.reparse})` : ''}`;
    console.log(
      `${pad(r.key.length > W - 1 ? `${r.key.slice(0, W - 2)}…` : r.key, W)}${lpad(l ? us(l.freshMs) : '-', 9)}` +
        `${lpad(m ? us(m.freshMs) : 'n/a', 10)}${lpad(speed, 8)}${lpad(l ? l.cost : '-', 7)}` +
        `${lpad(m ? (Number.isNaN(m.cost) ? '?' : m.cost) : 'n/a', 7)}${flag.padEnd(2)} ${checks}`,
    );
  }

  const both = cmp.filter((r) => (r.leibniz || !L.derivative) && r.mathjs && !Number.isNaN(r.mathjs.cost));
  const totals = {
    items: both.length,
    leibnizColdMs: sum(both.map((r) => r.leibniz?.coldMs ?? 0)),
    leibnizFreshMs: sum(both.map((r) => r.leibniz?.freshMs ?? 0)),
    leibnizRepeatMs: sum(both.map((r) => r.leibniz?.repeatMs ?? 0)),
    mathjsColdMs: sum(both.map((r) => r.mathjs.coldMs)),
    mathjsFreshMs: sum(both.map((r) => r.mathjs.freshMs)),
    leibnizCost: sum(both.map((r) => r.leibniz?.cost ?? 0)),
    mathjsCost: sum(both.map((r) => r.mathjs.cost)),
  };
  console.log('');
  if (!L.derivative) {
    console.log('leibniz: dist/diff/derivative.js is not built yet; math.js side only.');
    console.log(`math.js total (fresh): ${fmtMs(totals.mathjsFreshMs)}, cold: ${fmtMs(totals.mathjsColdMs)}, cost ${totals.mathjsCost}`);
    return { totals, rows };
  }
  totals.speedFresh = totals.mathjsFreshMs / totals.leibnizFreshMs;
  totals.speedCold = totals.mathjsColdMs / totals.leibnizColdMs;
  totals.costRatio = totals.leibnizCost / totals.mathjsCost;
  const n = both.length;
  console.log(`Totals over the ${n} derivatives both libraries handle:`);
  console.log(
    `  time, fresh inputs (headline)  leibniz ${fmtMs(totals.leibnizFreshMs)} (${us(totals.leibnizFreshMs / n)} µs each)` +
      `   math.js ${fmtMs(totals.mathjsFreshMs)} (${us(totals.mathjsFreshMs / n)} µs each)` +
      `   speed ratio ${totals.speedFresh.toFixed(0)}x  (target >= ${SPEED_TARGET}x: ${totals.speedFresh >= SPEED_TARGET ? 'met' : 'NOT met'})`,
  );
  console.log(
    `  time, cold first pass          leibniz ${fmtMs(totals.leibnizColdMs)}   math.js ${fmtMs(totals.mathjsColdMs)}` +
      `   speed ratio ${totals.speedCold.toFixed(0)}x`,
  );
  console.log(
    `  time, repeated input (memo)    leibniz ${fmtMs(totals.leibnizRepeatMs)} (${us(totals.leibnizRepeatMs / n)} µs each)`,
  );
  console.log(
    `  output cost                    leibniz ${totals.leibnizCost}   math.js ${totals.mathjsCost}` +
      `   ratio ${totals.costRatio.toFixed(3)}  (target <= ${COST_TARGET}: ${totals.costRatio <= COST_TARGET ? 'met' : 'NOT met'};` +
      ` goal <= ${COST_GOAL}: ${totals.costRatio <= COST_GOAL ? 'met' : 'not met'})`,
  );
  const only = rows.filter((r) => !r.comparable && r.leibniz);
  if (only.length > 0) {
    console.log(
      `  leibniz-only items (${only.map((r) => r.key).join(', ')}): ${fmtMs(sum(only.map((r) => r.leibniz.freshMs)))}, cost ${sum(only.map((r) => r.leibniz.cost))}`,
    );
  }
  console.log(`  library load (derivative + simplify modules, rule tables parsed): ${fmtMs(L.loadMs)}`);

  const wins = both.filter((r) => r.leibniz.cost < r.mathjs.cost).length;
  const ties = both.filter((r) => r.leibniz.cost === r.mathjs.cost).length;
  const worse = both.filter((r) => r.leibniz.cost > r.mathjs.cost);
  console.log(`\nCost per item: leibniz smaller on ${wins}, equal on ${ties}, larger on ${worse.length}.`);
  if (worse.length > 0) {
    console.log('Items where leibniz costs more than math.js (leibniz form | math.js form):');
    for (const r of worse) {
      console.log(`  ${r.key}: ${r.leibniz.cost} vs ${r.mathjs.cost}`);
      console.log(`      leibniz  ${r.leibniz.text}`);
      console.log(`      math.js  ${r.mathjs.text}`);
    }
  }
  const wrong = rows.filter((r) => (r.leibniz && r.leibniz.check.startsWith('WRONG')) || (r.mathjs && r.mathjs.check.startsWith('WRONG')));
  if (wrong.length > 0) {
    console.log('\nWrong answers (disagree with a central difference at a sampled point):');
    for (const r of wrong) {
      if (r.leibniz?.check.startsWith('WRONG')) console.log(`  leibniz  ${r.key}: ${r.leibniz.text}`);
      if (r.mathjs?.check.startsWith('WRONG')) console.log(`  math.js  ${r.key}: ${r.mathjs.text}`);
    }
  }
  const unparsable = rows.filter((r) => r.mathjs?.parseError);
  for (const r of unparsable) console.log(`  math.js output not readable by leibniz (${r.key}): ${r.mathjs.text}: ${r.mathjs.parseError}`);
  return { totals, rows };
}

// -------------------------------------------------------------- scale cases

/** One scale case in a worker thread, stopped at the cap (counted from when its input is built). */
function capped(lib, name, params, capMs) {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./scale-worker.js', import.meta.url), { workerData: { lib, name, params } });
    let timer;
    const finish = (result) => {
      clearTimeout(timer);
      worker.terminate();
      resolve(result);
    };
    worker.on('message', (m) => {
      if (m.ready) timer = setTimeout(() => finish({ capped: true }), capMs);
      else finish(m);
    });
    worker.once('error', (e) => finish({ error: String(e?.message ?? e) }));
  });
}

const describe = (r, capMs) =>
  r.skipped
    ? `> ${fmtMs(capMs)} (not run: a smaller input was already over the cap)`
    : r.capped
    ? `> ${fmtMs(capMs)} (stopped at the cap)`
    : r.error
      ? `fails: ${r.error}`
      : `${fmtMs(r.ms)}${r.info ? `, ${r.info}` : ''}`;

async function scale(L, caps) {
  const rows = [];
  const line = (label, leib, mj) => {
    rows.push({ label, leibniz: leib, mathjs: mj ?? null });
    const l = describe(leib, caps.leibniz);
    console.log(`  ${pad(label, 44)} leibniz ${l}${mj ? `\n  ${pad('', 44)} math.js ${describe(mj, caps.mathjs)}` : ''}`);
  };
  console.log(
    `(each case in its own worker thread: JIT warmed on a small input, then the first call on the case's input, timed;\n` +
      ` stopped at ${fmtMs(caps.leibniz)} for leibniz, ${fmtMs(caps.mathjs)} for math.js)`,
  );
  if (!L.derivative) {
    console.log('  leibniz derivative not built: scale cases skipped.');
    return rows;
  }

  // sin nested n deep. Issue 3: a widely used JS library needs > 60 s at 25 deep and overflows at 400.
  let mathjsOverCap = false;
  for (const depth of [10, 15, 20, 25, 400, 10000]) {
    const leib = await capped('leibniz', 'nestedSin', { depth }, caps.leibniz);
    let mj = null;
    if (depth <= 400) {
      // 400 always runs: its parser is expected to overflow the stack before any time is spent.
      if (mathjsOverCap && depth < 400) mj = { capped: true, skipped: true };
      else {
        mj = await capped('mathjs', 'derivatives', { jobs: [{ src: nestedSin(depth), wrt: 'x' }] }, caps.mathjs);
        if (mj.capped) mathjsOverCap = true;
      }
    }
    line(`d/dx sin nested ${depth} deep`, leib, mj);
  }

  // 10,000-node inputs through simplify (issue 4: under a second).
  if (L.simplify) {
    // A size ladder shows how the time grows; sizes past the first one over the cap are not run.
    let over = false;
    for (const target of [1000, 2500, 10000]) {
      const r = over ? { capped: true, skipped: true } : await capped('leibniz', 'simplifyRandom', { target, seed: 7 }, caps.leibniz);
      over ||= Boolean(r.capped);
      line(`simplify a random ${target.toLocaleString('en-US')}-node sum`, r);
    }
    line('simplify exp(log(...)) nested 5,000 deep', await capped('leibniz', 'simplifyExpLog', { depth: 5000 }, caps.leibniz));
  } else {
    console.log('  simplify not built: the simplify cases are skipped.');
  }

  // The 12-link planar arm's Jacobian (issue 3: well under 100 ms).
  const { x, y, qs } = armSources(12);
  line(
    'Jacobian of a 12-link arm (2 x 12)',
    await capped('leibniz', 'arm', { links: 12 }, caps.leibniz),
    await capped('mathjs', 'derivatives', { jobs: [x, y].flatMap((src) => qs.map((wrt) => ({ src, wrt }))) }, caps.mathjs),
  );

  // n-th derivative for large n (issue 3: sin(x) back, well under a second).
  line('d^100000/dx^100000 sin(x)', await capped('leibniz', 'nth', { src: 'sin(x)', n: 100000 }, caps.leibniz));
  return rows;
}

// -------------------------------------------------------------------- entry

/**
 * Runs the corpus and the scale cases, prints the report and returns the
 * figures. Options (or environment): quick (BENCH_QUICK=1) cuts repetitions;
 * warmup (BENCH_WARMUP, default 5; 1 in quick mode) sets the warm-up passes;
 * mathjsCapMs (BENCH_MATHJS_CAP_MS, default 10000) and leibnizCapMs
 * (BENCH_LEIBNIZ_CAP_MS, default 30000) stop each scale case.
 */
export async function run(options = {}) {
  const quick = options.quick ?? process.env.BENCH_QUICK === '1';
  const caps = {
    mathjs: options.mathjsCapMs ?? Number(process.env.BENCH_MATHJS_CAP_MS ?? 10000),
    leibniz: options.leibnizCapMs ?? Number(process.env.BENCH_LEIBNIZ_CAP_MS ?? 30000),
  };
  const warmup = options.warmup ?? Number(process.env.BENCH_WARMUP ?? (quick ? 1 : 5));
  const reps = quick ? { leibniz: 3, mathjs: 1, warmup } : { leibniz: 20, mathjs: 3, warmup };
  const L = await loadLeibniz();

  console.log('== Derivative + simplify: leibniz vs math.js ' + math.version + ' ==');
  console.log(
    `(repetitions: leibniz ${reps.leibniz}, math.js ${reps.mathjs}, after ${reps.warmup} warm-up pass${reps.warmup === 1 ? '' : 'es'} over the corpus for each; Node ${process.version})`,
  );
  const load = loadavg()[0];
  const cores = availableParallelism();
  console.log(
    `(load average ${load.toFixed(1)} on ${cores} cores${load > cores ? ': the machine is busy, so wall times are inflated and noisy; ratios are measured item by item to share the load' : ''})`,
  );
  const corpus = printCorpus(measureCorpus(L, reps), L);

  console.log('\n== Scale ==');
  const scaleRows = await scale(L, caps);
  return { ...corpus, scale: scaleRows };
}

// Run directly: node bench/simplify.js
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
}
