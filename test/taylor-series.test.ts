// Taylor polynomials by series arithmetic (src/diff/series.ts) against the
// definition: the k-th coefficient is the k-th derivative at the point over k!,
// each derivative from `derivative` (repeated differentiation, independent of
// the series code), compared exactly where both are numbers and by value where
// the point makes them symbolic constants.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Budget } from '../src/core/budget.js';
import { add, call, mul, num, pow, sym } from '../src/core/build.js';
import type { Expr } from '../src/core/expr.js';
import { MathError } from '../src/core/rational.js';
import { derivative } from '../src/diff/derivative.js';
import { taylor } from '../src/diff/multivariate.js';
import { taylorSeries } from '../src/diff/series.js';
import { substitute } from '../src/diff/substitute.js';
import { evaluate } from '../src/eval/evaluate.js';
import { toText } from '../src/print/text.js';
import { parse } from '../src/parse/parser.js';

const x = sym('x');
// Smooth pieces with a recurrence: the series route takes them (or falls back, which is also checked).
const smooth: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(x),
    fc.integer({ min: -3, max: 3 }).map((n) => num(n)),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => add(a, b)),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => mul(a, b)),
    fc.tuple(tie('e'), fc.integer({ min: 0, max: 3 })).map(([a, n]) => pow(a, n)),
    fc.tuple(tie('e'), fc.constantFrom(-1, -2, 1 / 2, -1 / 2, 1 / 3)).map(([a, r]) => pow(add(a, 3), num(r === 1 / 3 ? 1n : BigInt(Math.round(r * 2)), r === 1 / 3 ? 3n : 2n))),
    fc.tuple(fc.constantFrom('sin', 'cos', 'exp', 'atan', 'sinh', 'cosh', 'tanh'), tie('e')).map(([f, a]) => call(f, a)),
    tie('e').map((a) => call('log', add(pow(a, 2), 1))),
    tie('e').map((a) => call('tan', mul(num(1, 4), call('sin', a)))),
    tie('e').map((a) => call('asin', mul(num(1, 2), call('cos', a)))),
    tie('e').map((a) => pow(2, a)),
  ),
})).e;

/** The coefficients by repeated differentiation at the point, as numbers. */
function byDerivatives(e: Expr, at: Expr, n: number): number[] {
  const out: number[] = [];
  let d = e;
  let f = 1;
  for (let k = 0; k <= n; k++) {
    if (k > 0) {
      d = derivative(d, 'x');
      f *= k;
    }
    out.push(evaluate(substitute(d, { x: at }), {}) / f);
  }
  return out;
}

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-8 * Math.max(1, Math.abs(a), Math.abs(b));

describe('Taylor coefficients by series arithmetic', () => {
  it('equal f^(k)(a)/k! computed by repeated differentiation (random smooth expressions, a = 0 and 1/2)', () => {
    let compared = 0;
    fc.assert(
      fc.property(smooth, fc.constantFrom(num(0), num(1, 2)), fc.integer({ min: 0, max: 5 }), (e, at, n) => {
        let want: number[];
        try {
          want = byDerivatives(e, at, n);
        } catch (err) {
          if (err instanceof MathError) return; // undefined at the point: taylor says so too (below)
          throw err;
        }
        if (!want.every(Number.isFinite)) return;
        const series = taylorSeries(e, 'x', at, n, new Budget('test'), (c) => c);
        if (series === undefined) return;
        compared++;
        const got = series.map((c) => evaluate(c, {}));
        for (let k = 0; k <= n; k++) if (!close(got[k]!, want[k]!)) throw new Error(`coefficient ${k}: ${got[k]} by series, ${want[k]} by derivatives`);
      }),
      { numRuns: 300 },
    );
    expect(compared).toBeGreaterThan(150);
  });

  it('taylor gives the same polynomial as before on numbers, and is exact at high order', () => {
    expect(toText(taylor('tan(x)', 'x', 0, 7))).toBe('17*x^7/315 + 2*x^5/15 + x^3/3 + x');
    expect(toText(taylor('exp(-x^2/2)', 'x', 0, 6))).toBe('x^4/8 - x^6/48 - x^2/2 + 1');
    expect(toText(taylor('sqrt(x)', 'x', 4, 3))).toBe('(x - 4)^3/512 - (x - 4)^2/64 + (x - 4)/4 + 2');
    // exp(sin(x)) = 1 + x + x^2/2 - x^4/8 - x^5/15 - x^6/240 + ... (the exponential generating function of OEIS A002017)
    expect(taylor('exp(sin(x))', 'x', 0, 6)).toBe(parse('1 + x + x^2/2 - x^4/8 - x^5/15 - x^6/240'));
  });

  it('order 50 of exp(sin(x)) is a few thousand coefficient steps (repeated differentiation ran out of its 10 s)', () => {
    const meter = new Budget('test', Infinity, Infinity);
    const s = taylorSeries(parse('exp(sin(x))'), 'x', num(0), 50, meter, (c) => c)!;
    expect(s).toHaveLength(51);
    expect(meter.spent).toBeLessThan(20_000);
    // The coefficient of x^50 against its value from the exponential formula, in floats: 50! c_50 = A002017(50).
    // Independent check: the series satisfies w' = cos(x) w, i.e. (k+1) w_(k+1) = sum_j cos_j w_(k-j).
    const w = s.map((c) => evaluate(c, {}));
    const cos = (j: number): number => (j % 2 === 1 ? 0 : (j % 4 === 0 ? 1 : -1) / factorial(j));
    for (let k = 0; k < 50; k++) {
      let r = 0;
      for (let j = 0; j <= k; j++) r += cos(j) * w[k - j]!;
      expect(close((k + 1) * w[k + 1]!, r)).toBe(true);
    }
  });

  it('falls back to repeated differentiation where the series route does not apply', () => {
    expect(toText(taylor('abs(x)', 'x', 1, 2))).toBe('x');
    expect(toText(taylor('x^x', 'x', 1, 3))).toBe('(x - 1)^3/2 + (x - 1)^2 + x');
    expect(() => taylor('log(x)', 'x', 0, 2)).toThrow(/undefined there/);
    expect(toText(taylor('cbrt(x)', 'x', -8, 2))).toBe('(x + 8)^2/288 + (x + 8)/12 - 2');
  });
});

function factorial(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return f;
}
