// Random expressions from the shared arbitrary: the derivative against central
// differences at random points. A point is compared only where f, the finite
// difference and the derivative are finite and f is smooth at the scale of the
// step (decided from f alone); every other point is counted by reason, and the
// test asserts that most points really were compared.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Expr } from '../src/core/expr.js';
import { MathError } from '../src/core/rational.js';
import { derivative } from '../src/diff/derivative.js';
import { evaluate } from '../src/eval/evaluate.js';
import { toText } from '../src/print/text.js';
import { ALL_FUNCTIONS, exprArb } from '../src/testing/arbitraries.js';
import { centralDifference, judge, Tally, valueWithError } from './diff-helpers.js';

// Left out: floor, ceil and sign, piecewise constant with derivative exactly 0
// (tested in diff.test.ts), whose staircase a finite difference reads as a slope
// when the coordinates differ in scale by 1e8. (polygamma comes with an integer order.)
const FUNCTIONS = ALL_FUNCTIONS.filter((f) => !['floor', 'ceil', 'sign'].includes(f));
const VARS = ['x', 'y'];

/**
 * Coordinates: 0, small integers, moderate values, values near 0 down to 1e-3,
 * large ones up to 1e6. Not closer to 0: a float finite difference cannot see
 * a feature far below its step (with y = 1e-90 and x = 1e-118, 1 + x/y is 1 in
 * floats, while d/dy (1 + x/y) = 1e62 is the true derivative), so such points
 * would test the yardstick, not the derivative.
 */
const coordinate: fc.Arbitrary<number> = fc.oneof(
  { arbitrary: fc.integer({ min: -5, max: 5 }), weight: 3 },
  { arbitrary: fc.double({ min: -10, max: 10, noNaN: true }).filter((v) => v === 0 || Math.abs(v) >= 1e-3), weight: 4 },
  {
    arbitrary: fc
      .tuple(fc.integer({ min: -3, max: 5 }), fc.double({ min: 1, max: 10, noNaN: true }), fc.boolean())
      .map(([k, m, negative]) => (negative ? -1 : 1) * m * 10 ** k),
    weight: 3,
  },
);

const safeEval = (e: Expr, scope: Record<string, number>): number => {
  try {
    return evaluate(e, scope);
  } catch {
    return NaN; // e.g. a huge exact number; counted as non-finite
  }
};

const safeValueWithError = (e: Expr, scope: Record<string, number>): { value: number; error: number } => {
  try {
    return valueWithError(e, scope);
  } catch {
    return { value: NaN, error: 0 };
  }
};

describe('derivatives of random expressions against finite differences', () => {
  it('agree wherever both are finite and f is smooth; the rest is counted, not passed', () => {
    const tally = new Tally();
    const failures: string[] = [];
    const refused: string[] = [];
    fc.assert(
      fc.property(
        exprArb({ vars: VARS, functions: FUNCTIONS, maxDepth: 3 }),
        fc.tuple(coordinate, coordinate),
        (e, [px, py]) => {
          const scope: Record<string, number> = { x: px, y: py };
          const fx = safeEval(e, scope);
          for (const v of VARS) {
            let d: Expr;
            try {
              d = derivative(e, v);
            } catch (err) {
              // Refused only where a rule divides by an exact 0: log(u, 1), nthroot(u, 0); f has no value there either.
              if (!(err instanceof MathError)) throw err;
              refused.push(`d/d${v} ${toText(e)}: ${err.message}`);
              expect(Number.isFinite(fx), refused[refused.length - 1]).toBe(false);
              continue;
            }
            const f = (t: number): number => safeEval(e, { ...scope, [v]: t });
            const fd = centralDifference(f, scope[v]!);
            const exact = safeValueWithError(d, scope);
            const verdict = tally.add(judge(exact.value, fd, fx, 1e-5, exact.error));
            if (verdict === 'disagree') failures.push(`d/d${v} ${toText(e)} at ${JSON.stringify(scope)}`);
          }
        },
      ),
      { numRuns: 600 },
    );
    expect(failures, tally.toString()).toEqual([]);
    // Of 1200 comparisons, most must be real ones (points outside a random
    // expression's domain are common: log, sqrt and asin of random arguments).
    expect(tally.counts.agree, tally.toString()).toBeGreaterThanOrEqual(500);
    expect(tally.total + refused.length).toBe(1200);
    expect(refused.length, refused.join('\n')).toBeLessThan(30);
  });
});

describe('the finite-difference yardstick', () => {
  it('is not fooled by a step near a multiple of the period: cos at x = 627384.9298258345', () => {
    // FC_SEED=5: h = 62.74, and h/2 is 0.047 short of 10*pi, so f(x +- h) and f(x +- h/2) all
    // sit at nearly the phase of x: the plain estimates agreed with each other and gave
    // about 0, against -sin(x) = -0.52. Such a point is not smooth at the scale of the step.
    const x0 = 627384.9298258345;
    const fd = centralDifference(Math.cos, x0);
    expect(judge(-Math.sin(x0), fd, Math.cos(x0), 1e-5)).toBe('not-smooth');
    // near 0, the same function with a step of 1e-4 is compared, and agrees
    expect(judge(-Math.sin(0.7), centralDifference(Math.cos, 0.7), Math.cos(0.7), 1e-5)).toBe('agree');
    expect(judge(3 * 2.5e5 ** 2, centralDifference((t) => t ** 3, 2.5e5), 2.5e5 ** 3, 1e-5)).toBe('agree');
  });
});
