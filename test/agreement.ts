// One property shape shared by the simplifier's tests: a rewrite of an expression of x has the
// expression's value at random x wherever the expression is defined (fixed seed).
import fc from 'fast-check';
import type { Expr } from '../src/core/expr.js';
import { toText } from '../src/print/text.js';
import { agreeAt } from '../src/testing/checkRule.js';
import { coordinateArb } from '../src/testing/arbitraries.js';

/**
 * Checks rewrite(e) against e at random x for numRuns expressions of arb (an input the builders
 * refuse, such as a division by an exact 0, is skipped) and returns how many points were compared
 * (where both are finite); a disagreement throws with both values and the point.
 */
export function agreesWhereDefined(arb: fc.Arbitrary<Expr>, rewrite: (e: Expr) => Expr, numRuns: number): number {
  let compared = 0;
  fc.assert(
    fc.property(arb, coordinateArb(), fc.integer(), (e, at, seed) => {
      let out: Expr;
      try {
        out = rewrite(e);
      } catch {
        return;
      }
      const v = agreeAt(e, out, { x: at }, { seed, tolerance: 1e-8 });
      if (v === 'skip') return;
      compared++;
      if (!v.ok) throw new Error(`${toText(e)} = ${v.l} but ${toText(out)} = ${v.r} at x = ${at}`);
    }),
    { numRuns },
  );
  return compared;
}
