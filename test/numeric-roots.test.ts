// Numeric roots as the builders write them (core/build.ts numericRoot): the
// value is Math.pow's, and every numeric power left has an integer radicand
// free of q-th powers and an exponent strictly between -1 and 1.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { num, pow } from '../src/core/build.js';
import type { Expr } from '../src/core/expr.js';
import { postorder } from '../src/core/traverse.js';
import { evaluate } from '../src/eval/evaluate.js';
import { parse } from '../src/parse/parser.js';
import { toText } from '../src/print/text.js';

/** Does some k > 1 have k^q dividing n? (trial division, independent of the library's rootFactor) */
function hasPower(n: bigint, q: bigint): boolean {
  for (let k = 2n; k ** q <= n; k++) if (n % k ** q === 0n) return true;
  return false;
}

function numericPowers(e: Expr): Array<{ base: bigint; bq: bigint; p: bigint; q: bigint }> {
  const out = [];
  for (const n of postorder(e)) if (n.kind === 'pow' && n.base.kind === 'num' && n.exp.kind === 'num') out.push({ base: n.base.value.p, bq: n.base.value.q, p: n.exp.value.p, q: n.exp.value.q });
  return out;
}

describe('numeric roots where built', () => {
  it('keep the value and leave only integer radicands free of q-th powers, exponents in (-1, 1)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: -9, max: 9 }), fc.integer({ min: 2, max: 6 }), (a, d, p, q) => {
        const b = num(a, d);
        const e = pow(b, num(p, q));
        const want = Math.pow(a / d, p / q);
        expect(Math.abs(evaluate(e, {}) - want), toText(e)).toBeLessThanOrEqual(1e-12 * want);
        for (const r of numericPowers(e)) {
          expect(r.bq, toText(e)).toBe(1n);
          expect(hasPower(r.base, r.q), toText(e)).toBe(false);
          expect(r.p > -r.q && r.p < r.q, toText(e)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('in the form a person writes', () => {
    const table: Array<[string, string]> = [
      ['sqrt(8)', '2*sqrt(2)'],
      ['cbrt(16)', '2*cbrt(2)'],
      ['sqrt(1/8)', 'sqrt(2)/4'],
      ['2^(3/2)', '2*sqrt(2)'],
      ['8^(3/2)', '16*sqrt(2)'],
      ['4^(1/4)', 'sqrt(2)'],
      ['sqrt(50)*x', '5*sqrt(2)*x'],
      // a reciprocal root stays one: x/sqrt(2), 1/sqrt(2*pi) are what people write
      ['x/sqrt(2)', 'x/sqrt(2)'],
      ['1/sqrt(8)', '1/(2*sqrt(2))'],
      ['(1/8)^(-1/2)', '2*sqrt(2)'],
      ['(2/3)^(1/2)', 'sqrt(6)/3'],
    ];
    for (const [src, want] of table) expect(toText(parse(src)), src).toBe(want);
  });
});
