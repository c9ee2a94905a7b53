// Rational functions with numeric roots among their coefficients (src/simplify/rational/rules.ts):
// sqrt(2)^2 read as 2 (reduceNumericRoots, rational/root.ts), so (1 - sqrt(2)*x)^2 + 1 meets
// 2*(x^2 - sqrt(2)*x + 1) and partial fractions with root coefficients cancel.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, mul, num, pow, sym } from '../src/core/build.js';
import { toText } from '../src/print/text.js';
import { simplify } from '../src/simplify/simplify.js';
import { agreesWhereDefined } from './agreement.js';

const x = sym('x');

describe('numeric roots as coefficients', () => {
  it('reduce to numbers at their index (Rubi: Hearn 50 and 189, Jeffrey 8)', () => {
    const zeros = [
      'sqrt(2)*(sqrt(2) - 2*x)/(4*(x*(x - sqrt(2)) + 1)) + (sqrt(2)*x - 1)/((1 - sqrt(2)*x)^2 + 1)',
      '1/(x - sqrt(3)) + 1/(x + sqrt(3)) - 2*x/(x^2 - 3)',
    ];
    for (const z of zeros) expect(toText(simplify(z)), z).toBe('0');
    expect(toText(simplify('sqrt(2)*(4 + 3*sqrt(2))/(cos(x)^2*(3 + 2*sqrt(2)) + 3 + 2*sqrt(2))'))).toBe('2/(cos(x)^2 + 1)');
  });

  // Sums of c/(a*x + b) and c*x^k with a, b, c in {small integers, sqrt(2), sqrt(3), cbrt(2)} and
  // their products: the simplified form has the input's value wherever the input is defined.
  const root = fc.constantFrom(num(1), num(-2), pow(num(2), num(1n, 2n)), pow(num(3), num(1n, 2n)), pow(num(2), num(1n, 3n)), num(3, 2));
  const coef = fc.tuple(root, root).map(([a, b]) => mul(a, b));
  const term = fc.oneof(
    fc.tuple(coef, coef, coef).map(([a, b, c]) => mul(c, pow(add(mul(a, x), b), -1))),
    fc.tuple(coef, coef, coef).map(([a, b, c]) => mul(c, pow(add(mul(a, x), b), 2))),
    fc.tuple(coef, fc.integer({ min: 0, max: 3 })).map(([c, k]) => mul(c, pow(x, k))),
  );
  const sum = fc.array(term, { minLength: 2, maxLength: 4 }).map((ts) => add(...ts));

  it('keep the value wherever the input is defined (fixed seed; a planted wrong power of the radicand is caught)', () => {
    expect(agreesWhereDefined(sum, simplify, 300)).toBeGreaterThan(200);
  });
});
