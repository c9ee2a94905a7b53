// The stable primitives (log1p, expm1, softplus, sigmoid, logsigmoid,
// logsumexp): values over the whole real line against independent values.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, compileGradient, compileHessian, moduleSource } from '../src/compile/index.js';
import { stableForms } from '../src/compile/stable.js';
import { add, call } from '../src/core/build.js';
import type { Expr } from '../src/core/expr.js';
import { dagSize } from '../src/core/traverse.js';
import { toText } from '../src/print/text.js';
import { ratToNumber } from '../src/core/rational.js';
import { derivative } from '../src/diff/derivative.js';
import { evaluate } from '../src/eval/evaluate.js';
import { preciseBounds, preciseValue, rationalOf } from '../src/eval/precise.js';
import { L } from '../src/eval/runtime.js';
import { parse } from '../src/parse/parser.js';

describe('stable primitives: values where the naive forms overflow or cancel', () => {
  it('softplus(t) = log(1 + e^t): t far out on both sides', () => {
    expect(L.softplus(800)).toBe(800);
    expect(L.softplus(0)).toBe(Math.LN2);
    // e^-700 (1 - e^-700/2 + ...): the correction is far below an ulp
    expect(L.softplus(-700)).toBe(Math.exp(-700));
    expect(L.softplus(-800)).toBe(0); // e^-800 underflows: the true value is below the least double
    expect(L.softplus(Infinity)).toBe(Infinity);
    expect(L.softplus(-Infinity)).toBe(0);
    expect(L.softplus(NaN)).toBeNaN();
  });

  it('sigmoid and logsigmoid far out on both sides', () => {
    expect(L.sigmoid(0)).toBe(0.5);
    expect(L.sigmoid(800)).toBe(1);
    expect(L.sigmoid(-700)).toBe(Math.exp(-700));
    expect(L.sigmoid(-Infinity)).toBe(0);
    expect(L.sigmoid(NaN)).toBeNaN();
    expect(L.logsigmoid(-800)).toBe(-800);
    expect(L.logsigmoid(700)).toBe(-Math.exp(-700));
    expect(L.logsigmoid(0)).toBe(-Math.LN2);
  });

  it('logsumexp shifts by the largest argument', () => {
    expect(L.logsumexp(1000, 0, 0)).toBe(1000);
    expect(L.logsumexp(-1000, -1000)).toBe(-1000 + Math.LN2);
    expect(L.logsumexp(3)).toBe(3);
    expect(L.logsumexp(-Infinity, -Infinity)).toBe(-Infinity);
    expect(L.logsumexp(-Infinity, 2)).toBe(2);
    expect(L.logsumexp(Infinity, 2)).toBe(Infinity);
    expect(L.logsumexp(Infinity, -Infinity)).toBe(Infinity);
    expect(L.logsumexp(NaN, Infinity)).toBeNaN();
    // log(1 + 2e-20) = 2e-20 (to an ulp), not 0 after a rounded log(1 + ...)
    expect(L.logsumexp(0, Math.log(1e-20), Math.log(1e-20))).toBeCloseTo(2e-20, 30);
  });

  it('evaluate knows them by name', () => {
    expect(evaluate(parse('log1p(x)'), { x: 1e-17 })).toBe(1e-17);
    expect(evaluate(parse('expm1(x)'), { x: 1e-17 })).toBe(1e-17);
    expect(evaluate(parse('logsumexp(a, b, c)'), { a: 1000, b: 0, c: 0 })).toBe(1000);
  });
});

// ---------------------------------------------------------------------------
// The compiler's stable forms. The reference is the expression AS WRITTEN (the
// naive, unstable form) and its symbolic derivative, evaluated at the same
// doubles by src/eval/precise.ts's certified interval arithmetic, raising the
// precision until the interval's two ends round to one double: that double is
// the true value, correctly rounded. Wherever it is finite, the compiled value
// and gradient must be finite and within TOL of it, relatively (absolutely
// 2^-1022 * TOL below the normal range, where doubles themselves lose bits).

/** The stated accuracy: 1e-12 relative error for inputs |t| <= 1e3. The shifts (b - a) round at 2e3 * 2^-53 = 2.2e-13. */
const TOL = 1e-12;
const TINY = 2 ** -1022;

/** The correctly rounded true value of e at the point, or undefined where precise evaluation cannot tell (or e is undefined there). */
function truth(e: Expr, point: Readonly<Record<string, number>>): number | undefined {
  const scope = Object.fromEntries(Object.entries(point).map(([k, v]) => [k, rationalOf(v)]));
  for (const bits of [128, 512, 2048, 4096]) {
    const r = preciseValue(e, scope, bits);
    if (r.kind === 'undefined') return undefined;
    if (r.kind === 'unknown') {
      if (r.final) return undefined;
      continue;
    }
    const [lo, hi] = preciseBounds(r);
    const a = ratToNumber(lo);
    if (a === ratToNumber(hi)) return a;
  }
  return undefined;
}

const close = (got: number, want: number): boolean => Math.abs(got - want) <= TOL * Math.max(Math.abs(want), TINY);

/** Doubles over the whole range the property states: |t| from 1e-20 to 1e3 on a log scale, 0, and the overflow edges. */
const wide = fc.oneof(
  fc.tuple(fc.boolean(), fc.double({ min: -20, max: 3, noNaN: true })).map(([s, k]) => (s ? -1 : 1) * 10 ** k),
  fc.double({ min: -1000, max: 1000, noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, 1e-17, -1e-17, 1, -1, 30, -30, 36.7, -36.7, 709, 710, -745, -746, 800, -800, 1000, -1000),
);

interface Case {
  readonly src: string;
  readonly vars: readonly string[];
  readonly arg?: fc.Arbitrary<number>;
}

const CASES: readonly Case[] = [
  { src: '-a + log(exp(a) + exp(b) + exp(c))', vars: ['a', 'b', 'c'] }, // softmax cross-entropy, label a
  { src: '-log(exp(b)/(exp(a) + exp(b) + exp(c)))', vars: ['a', 'b', 'c'] }, // the same as -log(softmax), label b
  { src: 'exp(a)/(exp(a) + exp(b) + exp(c))', vars: ['a', 'b', 'c'] }, // a softmax probability
  { src: 'log(exp(a) + exp(b))', vars: ['a', 'b'] },
  { src: 'log(1 + exp(t))', vars: ['t'] },
  { src: 'log(1 + exp(t)) - t', vars: ['t'] },
  { src: '1/(1 + exp(-t))', vars: ['t'] },
  { src: 'exp(t)/(1 + exp(t))', vars: ['t'] },
  { src: 'log(1/(1 + exp(-t)))', vars: ['t'] }, // log sigmoid
  { src: 'log(1 + x)', vars: ['x'], arg: wide.filter((x) => x > -1) },
  { src: 'exp(x) - 1', vars: ['x'] },
  { src: '1 - exp(x)', vars: ['x'] },
];

describe('compiled code is stable: value and gradient within 1e-12 of the true value wherever it is a finite double', () => {
  for (const c of CASES) {
    it(c.src, () => {
      const e = parse(c.src);
      const d = c.vars.map((v) => derivative(e, v));
      const f = compile(e, c.vars);
      const g = compileGradient(e, c.vars);
      const out = new Float64Array(c.vars.length);
      let checked = 0;
      fc.assert(
        fc.property(fc.tuple(...c.vars.map(() => c.arg ?? wide)), (xs) => {
          const point = Object.fromEntries(c.vars.map((v, i) => [v, xs[i]!]));
          const want = truth(e, point);
          const value = f(...xs);
          const gv = g(out, ...xs);
          if (want !== undefined && Number.isFinite(want)) {
            checked++;
            expect(close(value, want), `value ${value}, true ${want}`).toBe(true);
            expect(close(gv, want), `grad's value ${gv}, true ${want}`).toBe(true);
          }
          d.forEach((di, i) => {
            const w = truth(di, point);
            if (w === undefined || !Number.isFinite(w)) return;
            expect(close(out[i]!, w), `d/d${c.vars[i]} ${out[i]}, true ${w}`).toBe(true);
          });
        }),
        { numRuns: 100 },
      );
      expect(checked).toBeGreaterThan(50); // the true value was known at most points
    });
  }
});

describe('the issue\'s examples, and what the stable forms leave alone', () => {
  it('softmax cross-entropy at logits (1000, 0, 0): value log(1 + 2e^-1000) and gradient (-2e^-1000, e^-1000, e^-1000), all below the least double', () => {
    const ce = '-a + log(exp(a) + exp(b) + exp(c))';
    const g = compileGradient(ce, ['a', 'b', 'c']);
    const out = new Float64Array(3);
    expect(g(out, 1000, 0, 0)).toBe(0);
    expect([...out].map((x) => x + 0)).toEqual([0, 0, 0]); // -0 for a: the true value is negative
    expect(compile(ce, ['a', 'b', 'c'])(1000, 0, 0)).toBe(0);
    // the gradient is softmax - onehot: at (0, 1000, 0) it is (-1 + ~0, 1 - ~0, ~0)
    expect(g(out, 0, 1000, 0)).toBe(1000);
    expect([...out]).toEqual([-1, 1, 0]);
    // at (30, 0, 0) the value log1p(2e^-30) = 1.8716e-13 keeps its digits (-a + logsumexp(a, b, c) would keep two)
    expect(Math.abs(g(out, 30, 0, 0) / Math.log1p(2 * Math.exp(-30)) - 1)).toBeLessThan(1e-14);
    expect(Math.abs(out[0]! / (-2 * Math.exp(-30) / (1 + 2 * Math.exp(-30))) - 1)).toBeLessThan(1e-14);
    // written as it is, the same formula overflows: { exact: true } compiles what evaluate computes
    expect(compile(ce, ['a', 'b', 'c'], { exact: true })(1000, 0, 0)).toBe(Infinity); // -1000 + log(Infinity)
  });

  it('log(1 + exp(t)) at 800 is 800, log(1 + x) at 1e-17 is 1e-17, exp(x) - 1 at 1e-17 is 1e-17', () => {
    expect(compile('log(1 + exp(t))')(800)).toBe(800);
    expect(compile('log(1 + x)')(1e-17)).toBe(1e-17);
    expect(compile('exp(x) - 1')(1e-17)).toBe(1e-17);
    const out = new Float64Array(1);
    expect(compileGradient('log(1 + exp(t))')(out, 800)).toBe(800);
    expect(out[0]).toBe(1);
    compileGradient('log(1 + exp(t))')(out, -800);
    expect(out[0]).toBe(0); // e^-800: below the least double
  });

  it('the Hessian of softmax cross-entropy at (1000, 0, 0) is finite: diag(p) - p p^T, p = (1, e^-1000, e^-1000)', () => {
    const h = compileHessian('-a + log(exp(a) + exp(b) + exp(c))', ['a', 'b', 'c']);
    const out = new Float64Array(9);
    expect(h(out, 1000, 0, 0)).toBe(0);
    expect([...out].map((x) => x + 0)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0]);
    h(out, 0, 0, 0); // p = (1/3, 1/3, 1/3): 2/9 on the diagonal, -1/9 off it
    out.forEach((x, k) => expect(x).toBeCloseTo(k % 4 === 0 ? 2 / 9 : -1 / 9, 15));
  });

  it('rewrites in the compiled code only: the expression and what it prints are unchanged', () => {
    const e = parse('log(1 + exp(t)) + log(1 + x)');
    const before = toText(e);
    const src = moduleSource(e);
    expect(toText(e)).toBe(before);
    expect(src).toContain('L.softplus');
    expect(src).toContain('Math.log1p');
    expect(stableForms(e)).toBe(parse('softplus(t) + log1p(x)'));
  });

  it('leaves other forms alone', () => {
    for (const s of ['log(2 + x)', 'log(x)', 'exp(x) - 2', 'x/(1 + x*exp(x))', 'exp(x)*y', '1/(exp(x) - exp(y))', 'log(exp(x) - 1)^2']) {
      const e = parse(s);
      if (s === 'log(exp(x) - 1)^2') expect(stableForms(e)).toBe(parse('log(expm1(x))^2'));
      else expect(stableForms(e), s).toBe(e);
    }
  });

  it('is linear: one pass over the shared graph, no recursion on depth', () => {
    let e: Expr = parse('x');
    for (let i = 0; i < 10_000; i++) e = call('log', add(1, call('exp', e)));
    const s = stableForms(e);
    expect(dagSize(s)).toBeLessThanOrEqual(dagSize(e));
    expect(compile(e, ['x'])(800)).toBe(800); // softplus(...softplus(800)...); as written: Infinity
  });
});

describe('the primitives against their definitions, evaluated with certified intervals', () => {
  const EPS = 2 ** -52;
  // |got - true| <= 4 ulps of the true value (or of the least normal double below it)
  const ulps = (got: number, want: number): number => Math.abs(got - want) / (EPS * Math.max(Math.abs(want), TINY));
  const UNARY: ReadonlyArray<[string, (t: number) => number, fc.Arbitrary<number>]> = [
    ['log(1 + t)', Math.log1p, wide.filter((t) => t > -1)],
    ['exp(t) - 1', Math.expm1, wide],
    ['log(1 + exp(t))', L.softplus, wide],
    ['1/(1 + exp(-t))', L.sigmoid, wide],
    ['-log(1 + exp(-t))', L.logsigmoid, wide],
  ];
  for (const [def, f, arb] of UNARY) {
    it(`${f.name || def} is within 4 ulps of ${def} over the whole line`, () => {
      const e = parse(def);
      fc.assert(
        fc.property(arb, (t) => {
          const want = truth(e, { t });
          if (want === undefined || !Number.isFinite(want)) return;
          expect(ulps(f(t), want), `at ${t}: ${f(t)}, true ${want}`).toBeLessThanOrEqual(4);
        }),
        { numRuns: 300 },
      );
    });
  }

  it('logsumexp is within 4 ulps of log(sum of e^x) plus what rounding its arguments by an ulp may change (sum |x_i| softmax_i)', () => {
    const names = ['a', 'b', 'c', 'd'];
    fc.assert(
      fc.property(fc.array(wide, { minLength: 1, maxLength: 4 }), (xs) => {
        const vars = names.slice(0, xs.length);
        const e = parse(`log(${vars.map((v) => `exp(${v})`).join(' + ')})`);
        const want = truth(e, Object.fromEntries(vars.map((v, i) => [v, xs[i]!])));
        if (want === undefined || !Number.isFinite(want)) return;
        const got = L.logsumexp(...xs);
        const m = Math.max(...xs);
        const cond = xs.reduce((s, x) => s + Math.abs(x) * Math.exp(x - m), 0) / xs.reduce((s, x) => s + Math.exp(x - m), 0);
        expect(Math.abs(got - want), `at ${xs}: ${got}, true ${want}`).toBeLessThanOrEqual(4 * EPS * (Math.max(Math.abs(want), TINY) + cond));
      }),
      { numRuns: 300 },
    );
  });

  it('precise evaluation knows them (so verify can decide them), and exp(0) = 1 at a substituted 0', () => {
    const at = (s: string, t: number): number | undefined => truth(parse(s), { t });
    expect(at('exp(t)', 0)).toBe(1);
    expect(at('log1p(t)', 1e-17)).toBe(1e-17);
    expect(at('expm1(t)', 1e-17)).toBe(1e-17);
    expect(at('softplus(t)', 800)).toBe(800);
    expect(at('sigmoid(t)', 0)).toBe(0.5);
    expect(at('logsigmoid(t)', -800)).toBe(-800);
    expect(at('logsumexp(t, 0, 0)', 1000)).toBe(1000);
    expect(at('logsumexp(t, t)', -1000)).toBe(-1000 + Math.LN2);
  });
});
