// One property shape shared by the simplifier's tests: rewrites of an expression of x have the
// expression's value at random x wherever the expression is defined (fixed seed).
import fc from 'fast-check';
import type { Expr } from '../src/core/expr.js';
import { toText } from '../src/print/text.js';
import { agreeAt } from '../src/testing/checkRule.js';
import { coordinateArb } from '../src/testing/arbitraries.js';

/**
 * Each form (null: does not apply) equals the node at random x wherever the node is defined, for
 * numRuns nodes of arb; how many forms were made, and how many compared at a point where both are
 * finite. A disagreement throws with both values and the point.
 */
export function exactOn(arb: fc.Arbitrary<Expr>, forms: ReadonlyArray<(e: Expr) => Expr | null>, numRuns: number): { folded: number; compared: number } {
  let folded = 0;
  let compared = 0;
  fc.assert(
    fc.property(arb, coordinateArb(), fc.integer(), (e, at, seed) => {
      for (const out of forms.map((f) => f(e))) {
        if (!out) continue;
        folded++;
        const v = agreeAt(e, out, { x: at }, { seed, tolerance: 1e-8 });
        if (v === 'skip') continue;
        compared++;
        if (!v.ok) throw new Error(`${toText(e)} = ${v.l} but ${toText(out)} = ${v.r} at x = ${at}`);
      }
    }),
    { numRuns },
  );
  return { folded, compared };
}

/** exactOn for one rewrite (an input it refuses, such as a division by an exact 0, is skipped): how many compared. */
export function agreesWhereDefined(arb: fc.Arbitrary<Expr>, rewrite: (e: Expr) => Expr, numRuns: number): number {
  const orNull = (e: Expr): Expr | null => {
    try {
      return rewrite(e);
    } catch {
      return null;
    }
  };
  return exactOn(arb, [orNull], numRuns).compared;
}
