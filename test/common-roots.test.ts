// Roots of one base with several indices read as powers of one root (src/simplify/rational/read.ts,
// withCommonRoots): x^(1/4), cbrt(x), x^(1/6) and x itself as powers of x^(1/12), so that sums of
// them cancel. The simplified form equals the input wherever the input is defined.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, mul, num, pow, sym } from '../src/core/build.js';
import { toText } from '../src/print/text.js';
import { simplify } from '../src/simplify/simplify.js';
import { agreesWhereDefined } from './agreement.js';

const x = sym('x');

describe('roots of one base with several indices', () => {
  it('meet as powers of one root (Rubi: Stewart 237 and 319, Timofeev 25)', () => {
    const zeros = [
      '1/(x^(-1/3) + x^(-1/4)) - x^(1/3)/(x^(1/12) + 1)',
      't^(1/6) + (1/t^(5/6) - sqrt(t))/(cbrt(t) + 1) - 1/t^(1/6) + 1/sqrt(t) - 1/t^(5/6)',
      '2/sqrt(x) - (x + sqrt(x))*(2 - x^(2/3))/x^(3/2) - x^(1/6) - 1/cbrt(x) + 2/x',
      '(x - 1)/(cbrt(x) - 1) - cbrt(x)^2 - cbrt(x) - 1', // odd roots only: every real x
    ];
    for (const z of zeros) expect(toText(simplify(z)), z).toBe('0');
    expect(toText(simplify('(x - 1)/(sqrt(x) - 1)'))).toBe('sqrt(x) + 1');
  });

  it('leave alone roots of different bases, and indices past the bound', () => {
    expect(toText(simplify('sqrt(x) + cbrt(y)'))).toBe('sqrt(x) + cbrt(y)');
    // lcm(5, 7) = 35 is past the common root's bound: each root stays its own kernel
    expect(toText(simplify('x^(1/5) + x^(1/7)'))).toBe('x^(1/5) + x^(1/7)');
  });

  // Sums and quotients of c*x^(p/q), q in 1, 2, 3, 4, 6: at random x (negative too), wherever
  // the input is defined the simplified form has the input's value.
  const power = fc
    .tuple(fc.integer({ min: -3, max: 3 }).filter((c) => c !== 0), fc.integer({ min: -4, max: 4 }), fc.constantFrom(1, 2, 3, 4, 6))
    .map(([c, p, q]) => mul(c, pow(x, num(BigInt(p), BigInt(q)))));
  const sum = fc.array(power, { minLength: 1, maxLength: 3 }).map((ts) => add(...ts));
  const region = fc
    .tuple(sum, sum, fc.boolean())
    .map(([a, b, over]) => (over ? (b.kind === 'num' && b.value.p === 0n ? a : mul(a, pow(b, -1))) : add(a, b)));

  it('equal the input wherever it is defined (fixed seed; a planted wrong power is caught)', () => {
    expect(agreesWhereDefined(region, simplify, 400)).toBeGreaterThan(150);
  });
});

describe('roots of numbers that are powers', () => {
  it('are read as powers of the root of the least base (cbrt(4) = cbrt(2)^2; Rubi: Hearn 33, Welz 37)', () => {
    expect(toText(simplify('cbrt(4) - cbrt(2)^2'))).toBe('0');
    expect(toText(simplify('1/((x - cbrt(2))*(x^2 + cbrt(2)*x + cbrt(4))) - 1/(x^3 - 2)'))).toBe('0');
    expect(toText(simplify('(9^(1/5) - 3^(2/5))/(x + 1)'))).toBe('0');
  });

  // Sums of c*b^(p/q)*x^k for b in 2, 4, 8, 9, 27, 3: the simplified form has the input's value.
  const term = fc
    .tuple(
      fc.integer({ min: -3, max: 3 }).filter((c) => c !== 0),
      fc.constantFrom(2, 3, 4, 8, 9, 27),
      fc.integer({ min: -2, max: 2 }).filter((p) => p !== 0),
      fc.constantFrom(3, 5),
      fc.integer({ min: 0, max: 2 }),
    )
    .map(([c, b, p, q, k]) => mul(c, pow(num(b), num(BigInt(p), BigInt(q))), pow(x, k)));
  const sum = fc.tuple(fc.array(term, { minLength: 2, maxLength: 4 }), fc.array(term, { minLength: 1, maxLength: 2 })).map(([a, b]) => mul(add(...a), pow(add(...b, 1), -1)));

  it('keep the value wherever the input is defined (fixed seed; a planted wrong power is caught)', () => {
    expect(agreesWhereDefined(sum, simplify, 300)).toBeGreaterThan(150);
  });
});
