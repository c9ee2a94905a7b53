// The same question gets the same answer at a seam: compiled gradients,
// Jacobians and Hessians of piecewise expressions agree with evaluate of the
// symbolic derivative everywhere, on the seams (points where a comparison's
// sides are equal: integers, 0, the comparison's own constant) and off them.
// Both undefined (NaN), or the same number to 1e-12 relative.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, call, mul, num, pow, sub, sym } from '../src/core/build.js';
import type { Expr } from '../src/core/expr.js';
import { compileGradient, compileHessian, compileJacobian } from '../src/compile/index.js';
import { derivative } from '../src/diff/derivative.js';
import { evaluate } from '../src/eval/evaluate.js';
import { toText } from '../src/print/text.js';

const VARS = ['x', 'y'] as const;
const x = sym('x');
const y = sym('y');

/** Both undefined, both the same infinity, or within 1e-12 relative (to 1 at least: a difference of rounding near 0). */
function same(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));
}

// Seams at small integers and halves, so the points below land on them.
const constant = fc.constantFrom(-1, 0, 1, 2, 0.5).map((c) => num(c * 2, 2));
const smooth = (sub1: fc.Arbitrary<Expr>): fc.Arbitrary<Expr> =>
  fc.oneof(
    fc.tuple(sub1, sub1).map(([a, b]) => add(a, b)),
    fc.tuple(sub1, sub1).map(([a, b]) => mul(a, b)),
    fc.tuple(sub1, sub1).map(([a, b]) => sub(a, b)),
    fc.tuple(sub1, fc.integer({ min: 2, max: 3 })).map(([a, n]) => pow(a, n)),
    fc.tuple(fc.constantFrom('sin', 'cos', 'exp', 'abs', 'relu', 'tanh'), sub1).map(([f, a]) => call(f, a)),
  );
const leaf: fc.Arbitrary<Expr> = fc.oneof(fc.constantFrom<Expr>(x, y, x, y), constant);
// The sides of a comparison: a variable against a constant or the other variable (seams decided exactly), or sums and products (checked where evaluated).
const side: fc.Arbitrary<Expr> = fc.oneof(
  { arbitrary: leaf, weight: 4 },
  { arbitrary: fc.tuple(leaf, leaf).map(([a, b]) => add(a, b)), weight: 1 },
  { arbitrary: fc.tuple(leaf, leaf).map(([a, b]) => mul(a, b)), weight: 1 },
  { arbitrary: leaf.map((a) => pow(a, 2)), weight: 1 },
);
const comparison = fc.tuple(fc.constantFrom('lt', 'le', 'eq', 'ne'), side, side).map(([c, a, b]) => call(c, a, b));
const condition = fc.oneof(
  { arbitrary: comparison, weight: 4 },
  { arbitrary: fc.tuple(fc.constantFrom('and', 'or'), comparison, comparison).map(([f, a, b]) => call(f, a, b)), weight: 2 },
  { arbitrary: fc.tuple(comparison, comparison).map(([a, b]) => call('not', call('and', a, b))), weight: 1 },
);

/** Piecewise expressions whose pieces are smooth (or themselves piecewise) expressions of x and y. */
const pieceArb: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr; value: Expr }>((tie) => ({
  value: fc.oneof({ arbitrary: leaf, weight: 3 }, { arbitrary: smooth(tie('value')), weight: 2 }, { arbitrary: tie('e'), weight: 1 }),
  e: fc.oneof(
    { arbitrary: fc.tuple(condition, tie('value'), tie('value')).map(([c, a, b]) => call('piecewise', c, a, b)), weight: 4 },
    { arbitrary: fc.tuple(condition, tie('value'), condition, tie('value'), tie('value')).map(([c, a, d, b, o]) => call('piecewise', c, a, d, b, o)), weight: 1 },
    { arbitrary: fc.tuple(condition, tie('value')).map(([c, a]) => call('piecewise', c, a)), weight: 1 },
    { arbitrary: fc.tuple(tie('e'), tie('value')).map(([p, v]) => mul(p, v)), weight: 1 },
    { arbitrary: fc.tuple(tie('e'), tie('value')).map(([p, v]) => add(p, v)), weight: 1 },
    { arbitrary: tie('e').map((p) => call('sin', p)), weight: 1 },
  ),
})).e.filter((e) => e.kind !== 'num');

// On the seams (the constants above, and x = y) most of the time, off them sometimes.
const coordinate = fc.oneof({ arbitrary: fc.constantFrom(-1, 0, 1, 2, 0.5, -0.5), weight: 4 }, { arbitrary: fc.double({ min: -3, max: 3, noNaN: true }), weight: 1 });
const point = fc.tuple(coordinate, coordinate);

/** The symbolic derivatives: first and second, built once per expression. */
function symbolic(e: Expr): { d: Expr[]; dd: Expr[][] } {
  const d = VARS.map((v) => derivative(e, v));
  const dd = d.map((di) => VARS.map((v) => derivative(di, v)));
  return { d, dd };
}

const describeAt = (e: Expr, at: readonly number[], what: string, got: number, want: number): string =>
  `${what} of ${toText(e)} at (${at.join(', ')}): compiled ${got}, symbolic ${want}`;

describe('compiled derivatives agree with the symbolic derivative on and off the seams', () => {
  it('property: compileGradient (both conventions) and compileJacobian', () => {
    let seams = 0;
    fc.assert(
      fc.property(pieceArb, fc.array(point, { minLength: 3, maxLength: 3 }), (e, points) => {
        const { d } = symbolic(e);
        const grad = compileGradient(e, [...VARS]);
        const gradArray = compileGradient(e, [...VARS], { args: 'array' });
        const jac = compileJacobian([e, mul(2, e)], [...VARS]);
        for (const at of points) {
          const scope = { x: at[0], y: at[1] };
          const want = d.map((di) => evaluate(di, scope));
          const out = new Float64Array(2);
          const value = grad(out, ...at);
          expect(same(value, evaluate(e, scope)), `value of ${toText(e)}`).toBe(true);
          const outArray = [0, 0];
          gradArray(outArray, Float64Array.from(at));
          const outJac = new Float64Array(4);
          jac(outJac, ...at);
          for (let k = 0; k < 2; k++) {
            expect(same(out[k]!, want[k]!), describeAt(e, at, `d/d${VARS[k]}`, out[k]!, want[k]!)).toBe(true);
            expect(same(outArray[k]!, want[k]!), describeAt(e, at, `d/d${VARS[k]} (array)`, outArray[k]!, want[k]!)).toBe(true);
            expect(same(outJac[k]!, want[k]!), describeAt(e, at, `jacobian d/d${VARS[k]}`, outJac[k]!, want[k]!)).toBe(true);
          }
          if (want.some(Number.isNaN)) seams++;
        }
      }),
      { numRuns: 300 },
    );
    expect(seams).toBeGreaterThan(50); // the points do land on seams where the derivative is undefined
  });

  it('property: compileHessian (both conventions) agrees with the symbolic second derivatives', () => {
    fc.assert(
      fc.property(pieceArb, fc.array(point, { minLength: 2, maxLength: 2 }), (e, points) => {
        const { dd } = symbolic(e);
        const hess = compileHessian(e, [...VARS]);
        const hessArray = compileHessian(e, [...VARS], { args: 'array' });
        for (const at of points) {
          const scope = { x: at[0], y: at[1] };
          const out = new Float64Array(4);
          hess(out, ...at);
          const outArray = new Float64Array(4);
          hessArray(outArray, at);
          for (let i = 0; i < 2; i++) {
            for (let j = i; j < 2; j++) {
              const want = evaluate(dd[i]![j]!, scope);
              const what = `d2/d${VARS[i]}d${VARS[j]}`;
              expect(same(out[i * 2 + j]!, want), describeAt(e, at, what, out[i * 2 + j]!, want)).toBe(true);
              expect(same(out[j * 2 + i]!, want), describeAt(e, at, `${what} (mirrored)`, out[j * 2 + i]!, want)).toBe(true);
              expect(same(outArray[i * 2 + j]!, want), describeAt(e, at, `${what} (array)`, outArray[i * 2 + j]!, want)).toBe(true);
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('seams by example', () => {
  const grad = (src: string, at: number[]): number[] => {
    const out = new Float64Array(2);
    compileGradient(src, ['x', 'y'])(out, ...at);
    return [...out];
  };
  const sym2 = (src: string, at: number[]): number[] => VARS.map((v) => evaluate(derivative(src, v), { x: at[0]!, y: at[1]! }));

  it.each([
    // a smooth join: the slope on the seam
    ['x > 0 ? x^2 : 0', [0, 1], [0, 0]],
    ['x >= 1 ? x^2 : 2*x - 1', [1, 0], [2, 0]],
    // a kink: undefined in x, and y does not see the seam
    ['x > 0 ? x*y : 0', [0, 1], [NaN, 0]],
    ['x > y ? x : y', [1, 1], [NaN, NaN]],
    // a removable point, and a jump
    ['x == 0 ? 0 : x', [0, 3], [1, 0]],
    ['x > 0 ? 1 : 0', [0, 3], [NaN, 0]],
    // off the seam, a piece that is undefined there is not evaluated into the gradient
    ['x > 0 ? sqrt(x) : 0', [-1, 0], [0, 0]],
    ['x > 0 ? log(x)*y : y', [-2, 1], [0, 1]],
  ])('%s at %j: compiled %j, as the symbolic derivative', (src, at, want) => {
    const plain = (vs: number[]): number[] => vs.map((v) => (v === 0 ? 0 : v)); // -0 is 0 here
    expect(plain(grad(src, at))).toEqual(want);
    expect(plain(sym2(src, at))).toEqual(want);
  });
});
