// Derivative + simplify benchmark: leibniz against math.js on the corpus
// (bench/corpus.js), in one process, plus the scale cases of issues 3 and 4.
//
// What is measured, and why:
// - Time per derivative. leibniz's `derivative` simplifies its result, and
//   math.js's `derivative` simplifies by default, so both times include
//   simplification. Inputs are parsed before timing (parsing is not what is
//   compared). Three leibniz figures are reported:
//     cold   the first call on each item in this process (JIT cold, memo empty);
//     fresh  warm JIT but every call on NEW nodes: each repetition renames the
//            variables (x -> x_3), so no memo entry from an earlier call can be
//            hit. This is the headline figure and the speed ratio uses it;
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
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import * as math from 'mathjs';
import { CORPUS, ITEMS } from './corpus.js';
import { evaluate } from './evaluate.js';

const dist = (path) => new URL(`../dist/${path}`, import.meta.url).href;

const SPEED_TARGET = 50;
const COST_TARGET = 1.0;
const COST_GOAL = 0.94;

// ---------------------------------------------------------------- utilities

/** mulberry32: a small seeded generator, so every run checks the same points. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const now = () => performance.now();
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
const us = (ms) => (ms * 1000 < 10 ? (ms * 1000).toFixed(2) : ms * 1000 < 100 ? (ms * 1000).toFixed(1) : (ms * 1000).toFixed(0));
const fmtMs = (ms) => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : ms < 1000 ? `${ms.toFixed(ms < 10 ? 2 : 1)} ms` : `${(ms / 1000).toFixed(2)} s`);
const sum = (xs) => xs.reduce((a, b) => a + b, 0);

async function importOptional(path) {
  try {
    return await import(dist(path));
  } catch (e) {
    if (e?.code === 'ERR_MODULE_NOT_FOUND') return null;
    throw e;
  }
}

/** The leibniz modules the benchmark uses (from the BUILT library). */
async function loadLeibniz() {
  const parser = await import(dist('parse/parser.js'));
  const build = await import(dist('core/build.js'));
  const traverse = await import(dist('core/traverse.js'));
  const { cost } = await import(dist('simplify/cost.js'));
  const { toText } = await import(dist('print/text.js'));
  // Loading derivative/simplify parses their rule tables: timed on its own.
  const t0 = now();
  const diff = await importOptional('diff/derivative.js');
  const simp = await importOptional('simplify/simplify.js');
  const loadMs = now() - t0;
  let jacobian = null;
  for (const path of ['index.js', 'diff/jacobian.js', 'diff/gradient.js', 'diff/vector.js']) {
    const m = await importOptional(path).catch(() => null);
    if (m && typeof m.jacobian === 'function') {
      jacobian = m.jacobian;
      break;
    }
  }
  return {
    parse: parser.parse,
    build,
    postorder: traverse.postorder,
    freeSymbols: traverse.freeSymbols,
    cost,
    toText,
    derivative: diff?.derivative ?? null,
    simplify: simp?.simplify ?? null,
    jacobian,
    loadMs,
  };
}

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

  // Fresh inputs: every repetition renames the variables (done before timing).
  const fresh = (count, tagBase, list, rename) =>
    Array.from({ length: count }, (_, r) => {
      const tag = `${tagBase}${r}`;
      return { tag, inputs: list.map((it) => rename(it, tag)) };
    });
  const freshTimes = (reps_, list, call) => {
    const totals = new Float64Array(list.length);
    for (const { tag, inputs } of reps_) {
      inputs.forEach((input, i) => {
        totals[i] += timeCall(() => call(input, `${list[i].wrt}_${tag}`))[0];
      });
    }
    return Array.from(totals, (t) => t / reps_.length);
  };
  const leibRename = (it, tag) => renameLeibniz(L, it.lin, it.vars, tag);
  const mjRename = (it, tag) => renameMathjs(it.min, it.vars, tag);
  const leibDiff = (e, v) => L.derivative(e, v);
  const mjDiff = (n, v) => math.derivative(n, v);

  let leibFresh = null;
  let leibRepeat = null;
  if (L.derivative) {
    freshTimes(fresh(1, 'w', items, leibRename), items, leibDiff); // warm-up, not measured
    leibFresh = freshTimes(fresh(reps.leibniz, 'r', items, leibRename), items, leibDiff);
    leibRepeat = items.map((it) => {
      let t = 0;
      for (let r = 0; r < reps.leibniz; r++) t += timeCall(() => L.derivative(it.lin, it.wrt))[0];
      return t / reps.leibniz;
    });
  }
  freshTimes(fresh(1, 'w', mj, mjRename), mj, mjDiff); // warm-up, not measured
  const mjFresh = freshTimes(fresh(reps.mathjs, 'r', mj, mjRename), mj, mjDiff);

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
        freshMs: mjFresh[j],
        text: s,
        cost: parsed ? L.cost(parsed) : NaN,
        parseError,
        check: verdict((p) => mathjsValue(out, p)),
        // The re-parse must be the same function, or the cost is of something else.
        reparse: parsed ? verdict((p) => evaluate(parsed, p)) : 'unparsable',
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
    const checks = `${l ? l.check : '-'} / ${m ? m.check : r.why ? 'n/a' : '-'}${m && m.reparse !== 'ok' && m.reparse !== 'skip' ? ` (re-parse ${m.reparse})` : ''}`;
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

/** math.js on jobs in a worker thread, stopped at the cap. */
function mathjsCapped(jobs, capMs) {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./mathjs-worker.js', import.meta.url), { workerData: { jobs } });
    const timer = setTimeout(() => {
      worker.terminate();
      resolve({ capped: true });
    }, capMs);
    worker.once('message', (m) => {
      clearTimeout(timer);
      worker.terminate();
      resolve(m);
    });
    worker.once('error', (e) => {
      clearTimeout(timer);
      resolve({ error: String(e?.message ?? e) });
    });
  });
}

const describeMathjs = (r, capMs) =>
  r.capped ? `> ${fmtMs(capMs)} (stopped at the cap)` : r.error ? `fails: ${r.error}` : fmtMs(r.ms);

const nestedSin = (depth) => {
  let s = 'x';
  for (let i = 0; i < depth; i++) s = `sin(${s})`;
  return s;
};

/** A seeded random expression over x, y, z with at least `target` distinct nodes. */
function randomExpression(L, target, seed) {
  const random = rng(seed);
  const { add, mul, pow, sub, div, call, sym, num } = L.build;
  const leaves = [sym('x'), sym('y'), sym('z')];
  const pick = (xs) => xs[Math.floor(random() * xs.length)];
  const term = (depth) => {
    if (depth === 0 || random() < 0.15) return random() < 0.7 ? pick(leaves) : num(1 + Math.floor(random() * 9));
    const a = term(depth - 1);
    switch (Math.floor(random() * 9)) {
      case 0:
        return add(a, term(depth - 1));
      case 1:
        return sub(a, term(depth - 1));
      case 2:
        return mul(a, term(depth - 1));
      case 3:
        return div(a, add(term(depth - 1), num(2)));
      case 4:
        return pow(a, num(2 + Math.floor(random() * 3)));
      case 5:
        return call(pick(['sin', 'cos', 'exp']), a);
      case 6:
        return call('log', add(pow(a, num(2)), num(1)));
      case 7:
        return mul(num(1 + Math.floor(random() * 5)), a);
      default:
        return add(a, a); // invites like-term collection
    }
  };
  const terms = [];
  let e = num(0);
  while (L.postorder(e).length < target) {
    terms.push(term(6));
    e = add(...terms);
  }
  return e;
}

async function scale(L, capMs) {
  const out = [];
  const line = (label, leib, mj) => {
    out.push({ label, leib, mj });
    console.log(`  ${pad(label, 50)} leibniz ${pad(leib, 34)}${mj !== undefined ? ` math.js ${mj}` : ''}`);
  };
  const attempt = (fn) => {
    try {
      return fn();
    } catch (e) {
      return { error: `${e?.name ?? 'Error'}: ${e?.message ?? e}` };
    }
  };
  const nodes = (e) => L.postorder(e).length;

  console.log(`(first call on each input; math.js runs in a worker thread and is stopped at ${fmtMs(capMs)})`);
  if (!L.derivative) {
    console.log('  leibniz derivative not built: scale cases skipped.');
    return out;
  }

  // sin nested n deep: issue 3 says a widely used JS library needs > 60 s at 25 and overflows at 400.
  let mathjsCapped_ = false;
  for (const depth of [10, 15, 20, 25, 400, 10000]) {
    const src = nestedSin(depth);
    const input = attempt(() => L.parse(src));
    const r = input.error
      ? input
      : attempt(() => {
          const [ms, d] = timeCall(() => L.derivative(input, 'x'));
          return { ms, nodes: nodes(d) };
        });
    const leib = r.error ? `fails: ${r.error}` : `${fmtMs(r.ms)}, ${r.nodes} distinct nodes`;
    let mj;
    if (depth <= 400) {
      if (mathjsCapped_) mj = `> ${fmtMs(capMs)} (not run: a smaller depth already hit the cap)`;
      else {
        const m = await mathjsCapped([{ src, wrt: 'x' }], capMs);
        if (m.capped) mathjsCapped_ = true;
        mj = describeMathjs(m, capMs);
      }
    }
    line(`d/dx sin nested ${depth} deep`, leib, mj);
  }

  // 10,000-node inputs through simplify.
  if (L.simplify) {
    const wide = randomExpression(L, 10000, 7);
    const w = attempt(() => {
      const [ms, s] = timeCall(() => L.simplify(wide));
      return { ms, s };
    });
    line(
      `simplify: random sum, ${nodes(wide)} distinct nodes`,
      w.error ? `fails: ${w.error}` : `${fmtMs(w.ms)}, cost ${L.cost(wide)} -> ${L.cost(w.s)}`,
    );
    const { call, sym } = L.build;
    let deep = sym('x');
    for (let i = 0; i < 5000; i++) deep = call('exp', call('log', deep));
    const d = attempt(() => {
      const [ms, s] = timeCall(() => L.simplify(deep));
      return { ms, s };
    });
    line(
      `simplify: exp(log(...)) nested 5000 deep, ${nodes(deep)} nodes`,
      d.error ? `fails: ${d.error}` : `${fmtMs(d.ms)}, result ${nodes(d.s) > 20 ? `${nodes(d.s)} nodes` : L.toText(d.s)}`,
    );
  } else {
    console.log('  simplify not built: the 10,000-node simplify case is skipped.');
  }

  // The 12-link planar arm: x = sum_i l_i cos(q_1 + ... + q_i), y with sin.
  const links = 12;
  const angle = (i) => Array.from({ length: i }, (_, k) => `q${k + 1}`).join(' + ');
  const armX = Array.from({ length: links }, (_, i) => `l${i + 1}*cos(${angle(i + 1)})`).join(' + ');
  const armY = Array.from({ length: links }, (_, i) => `l${i + 1}*sin(${angle(i + 1)})`).join(' + ');
  const qs = Array.from({ length: links }, (_, i) => `q${i + 1}`);
  const arm = [L.parse(armX), L.parse(armY)];
  const jac = attempt(() => {
    const [ms, J] = timeCall(() =>
      L.jacobian ? L.jacobian(arm, qs) : arm.map((f) => qs.map((q) => L.derivative(f, q))),
    );
    return { ms, J };
  });
  const mjArm = await mathjsCapped(
    [armX, armY].flatMap((src) => qs.map((wrt) => ({ src, wrt }))),
    capMs,
  );
  line(
    `12-link arm Jacobian (2 x 12)${L.jacobian ? '' : ' via 24 derivative calls'}`,
    jac.error ? `fails: ${jac.error}` : `${fmtMs(jac.ms)}, cost ${sum(jac.J.flat().map(L.cost))}`,
    describeMathjs(mjArm, capMs),
  );

  // n-th derivative, n = 100,000.
  const nth = attempt(() => {
    const [ms, d] = timeCall(() => L.derivative(L.parse('sin(x)'), 'x', 100000));
    return { ms, d };
  });
  line('d^100000/dx^100000 sin(x)', nth.error ? `fails: ${nth.error}` : `${fmtMs(nth.ms)}, = ${L.toText(nth.d)}`);
  return out;
}

// -------------------------------------------------------------------- entry

/**
 * Runs the corpus and the scale cases, prints the report and returns the
 * figures. Options (or environment): quick (BENCH_QUICK=1) cuts repetitions;
 * capMs (BENCH_MATHJS_CAP_MS, default 10000) caps each math.js scale run.
 */
export async function run(options = {}) {
  const quick = options.quick ?? process.env.BENCH_QUICK === '1';
  const capMs = options.capMs ?? Number(process.env.BENCH_MATHJS_CAP_MS ?? 10000);
  const reps = quick ? { leibniz: 3, mathjs: 1 } : { leibniz: 20, mathjs: 3 };
  const L = await loadLeibniz();

  console.log('== Derivative + simplify: leibniz vs math.js ' + math.version + ' ==');
  console.log(`(repetitions: leibniz ${reps.leibniz}, math.js ${reps.mathjs}; Node ${process.version})`);
  const corpus = printCorpus(measureCorpus(L, reps), L);

  console.log('\n== Scale ==');
  const scaleRows = await scale(L, capMs);
  return { ...corpus, scale: scaleRows };
}

// Run directly: node bench/simplify.js
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
}
