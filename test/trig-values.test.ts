// Exact values of the circular functions at rational multiples of pi and of
// their inverses (src/simplify/trigValues.ts), against Math's floats at every
// such angle in [-5*pi, 5*pi]; poles are refused where built.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/eval/evaluate.js';
import { parse } from '../src/parse/parser.js';
import { toText } from '../src/print/text.js';
import { simplify } from '../src/simplify/simplify.js';

const FLOAT: Record<string, (x: number) => number> = {
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  cot: (x) => 1 / Math.tan(x),
  sec: (x) => 1 / Math.cos(x),
  csc: (x) => 1 / Math.sin(x),
};
const INVERSE: Record<string, (x: number) => number> = {
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  acot: (x) => (x === 0 ? Math.PI / 2 : Math.atan(1 / x)),
  asec: (x) => Math.acos(1 / x),
  acsc: (x) => Math.asin(1 / x),
};
const hasSymbolCall = (s: string): boolean => /\b(sin|cos|tan|cot|sec|csc|asin|acos|atan|acot|asec|acsc)\(/.test(s);

describe('circular functions at r*pi', () => {
  it('fold to their exact value at every angle k*pi/d, d in 1, 2, 3, 4, 6, |k*pi/d| <= 5*pi; a pole is refused', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(FLOAT)), fc.constantFrom(1, 2, 3, 4, 6), fc.integer({ min: -30, max: 30 }), (f, d, k) => {
        if (Math.abs(k / d) > 5) return;
        const src = `${f}(${k}*pi/${d})`;
        const x = (k * Math.PI) / d;
        const want = FLOAT[f]!(x);
        if (Math.abs(want) > 1e10) {
          expect(() => parse(src), src).toThrow(/has a pole there/);
          return;
        }
        const out = simplify(parse(src));
        expect(hasSymbolCall(toText(out)), `${src} -> ${toText(out)}`).toBe(false);
        expect(Math.abs(evaluate(out, {}) - want), `${src} -> ${toText(out)}`).toBeLessThan(1e-12 * Math.max(1, Math.abs(want)));
      }),
      { numRuns: 400 },
    );
  });

  it('the inverse functions at those values give the principal angle', () => {
    const values = ['0', '1/2', '-1/2', 'sqrt(2)/2', '-sqrt(2)/2', 'sqrt(3)/2', '-sqrt(3)/2', '1', '-1', 'sqrt(3)', '-sqrt(3)', 'sqrt(3)/3', '1/sqrt(3)', '2', '-2', 'sqrt(2)', '2/sqrt(3)'];
    let folded = 0;
    for (const f of Object.keys(INVERSE)) {
      for (const v of values) {
        const want = INVERSE[f]!(evaluate(parse(v), {}));
        if (!Number.isFinite(want)) continue;
        const out = simplify(parse(`${f}(${v})`));
        if (!hasSymbolCall(toText(out))) folded++;
        expect(Math.abs(evaluate(out, {}) - want), `${f}(${v}) -> ${toText(out)}`).toBeLessThan(1e-12);
      }
    }
    expect(folded).toBeGreaterThan(40);
  });

  it('in the form a person writes', () => {
    const table: Array<[string, string]> = [
      ['sin(pi/4)', 'sqrt(2)/2'],
      ['cos(2*pi/3)', '-1/2'],
      ['sin(pi/3)^2 - 1/4', '1/2'],
      ['tan(-5*pi/6)', 'sqrt(3)/3'],
      ['sec(pi/4)', 'sqrt(2)'],
      ['acos(0)', 'pi/2'],
      ['acos(-1/2)', '2*pi/3'],
      ['atan(1/sqrt(3))', 'pi/6'],
      ['acot(-1)', '-pi/4'],
      ['x*sin(pi/4) + cos(pi/4)', 'sqrt(2)*(x + 1)/2'],
      ['6/sqrt(3)', '2*sqrt(3)'],
      ['sqrt(1/8)', 'sqrt(2)/4'],
      ['2/sqrt(2)', 'sqrt(2)'],
    ];
    for (const [src, want] of table) expect(toText(simplify(parse(src))), src).toBe(want);
  });
});
