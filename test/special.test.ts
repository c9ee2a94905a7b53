import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { cospi, digamma, erf, erfc, factorial, gamma, polygamma, sinpi } from '../src/eval/special.js';
import { digammaRef, erfRef, exactDecimal, gammaRef, polygammaRef } from './special-oracle.js';

const EULER_GAMMA = 0.5772156649015329; // Euler-Mascheroni constant
const ZETA3 = 1.2020569031595942854; // Apery's constant zeta(3)
const ZETA5 = 1.0369277551433699263; // zeta(5)
const CATALAN = 0.91596559417721901505; // Catalan's constant G
const relErr = (a: number, b: number): number => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));

// Values from tables (A&S, DLMF), or closed forms in terms of pi, ln 2, Euler's constant.
describe('known values', () => {
  test.each([
    [0.1, 0.1124629160182849],
    [0.5, 0.5204998778130465],
    [1, 0.8427007929497149],
    [1.5, 0.9661051464753108],
    [2, 0.9953222650189527],
    [3, 0.9999779095030014],
  ])('erf(%f)', (x, v) => {
    expect(relErr(erf(x), v)).toBeLessThan(1e-15);
    expect(relErr(erf(-x), -v)).toBeLessThan(1e-15);
  });

  test('erf edge cases', () => {
    expect(erf(0)).toBe(0);
    expect(Object.is(erf(-0), -0)).toBe(true);
    expect(erf(6)).toBe(1);
    expect(erf(Infinity)).toBe(1);
    expect(erf(-Infinity)).toBe(-1);
    expect(erf(NaN)).toBeNaN();
    expect(relErr(erf(1e-300), (2 / Math.sqrt(Math.PI)) * 1e-300)).toBeLessThan(1e-15);
    expect(erfc(30)).toBe(0);
    // erfc(5) = 1.5374597944280348e-12 (A&S table 7.1)
    expect(relErr(erfc(5), 1.5374597944280348e-12)).toBeLessThan(1e-14);
  });

  test.each([
    [0.5, Math.sqrt(Math.PI)],
    [1.5, Math.sqrt(Math.PI) / 2],
    [-0.5, -2 * Math.sqrt(Math.PI)],
    [-1.5, (4 / 3) * Math.sqrt(Math.PI)],
    [1 / 3, 2.678938534707747],
    [0.1, 9.513507698668732],
    [5, 24],
    [1, 1],
    [2, 1],
    [11, 3628800],
  ])('gamma(%f)', (x, v) => {
    expect(relErr(gamma(x), v)).toBeLessThan(2e-15);
  });

  test('gamma is exact at the integers and NaN at its poles', () => {
    let f = 1n;
    for (let n = 1; n <= 171; n++) {
      expect(gamma(n)).toBe(Number(f)); // (n-1)!, correctly rounded
      f *= BigInt(n);
    }
    expect(gamma(172)).toBe(Infinity);
    expect(gamma(171.7)).toBe(Infinity);
    for (const pole of [0, -0, -1, -2, -100, -1e20]) expect(gamma(pole)).toBeNaN();
    expect(gamma(NaN)).toBeNaN();
    expect(gamma(-Infinity)).toBeNaN();
    expect(gamma(Infinity)).toBe(Infinity);
  });

  test('factorial', () => {
    expect(factorial(0)).toBe(1);
    expect(factorial(5)).toBe(120);
    expect(factorial(20)).toBe(2432902008176640000);
    let f = 1n;
    for (let n = 1n; n <= 170n; n++) f *= n;
    expect(factorial(170)).toBe(Number(f));
    expect(factorial(171)).toBe(Infinity);
    expect(factorial(-1)).toBeNaN();
    expect(relErr(factorial(0.5), Math.sqrt(Math.PI) / 2)).toBeLessThan(4e-16);
    expect(relErr(factorial(-0.5), Math.sqrt(Math.PI))).toBeLessThan(4e-16);
  });

  test.each([
    [1, -EULER_GAMMA],
    [2, 1 - EULER_GAMMA],
    [10, 1 + 1 / 2 + 1 / 3 + 1 / 4 + 1 / 5 + 1 / 6 + 1 / 7 + 1 / 8 + 1 / 9 - EULER_GAMMA],
    [0.5, -EULER_GAMMA - 2 * Math.LN2],
    [0.25, -EULER_GAMMA - Math.PI / 2 - 3 * Math.LN2],
    [0.75, -EULER_GAMMA + Math.PI / 2 - 3 * Math.LN2],
    [-0.5, -EULER_GAMMA - 2 * Math.LN2 + 2],
  ])('digamma(%f)', (x, v) => {
    expect(Math.abs(digamma(x) - v)).toBeLessThan(2e-15 * Math.max(1, Math.abs(v)));
  });

  test('digamma poles and limits', () => {
    for (const pole of [0, -1, -2, -50]) expect(digamma(pole)).toBeNaN();
    expect(digamma(Infinity)).toBe(Infinity);
    expect(digamma(NaN)).toBeNaN();
    // psi(x) ~ ln x - 1/(2x) for large x
    expect(relErr(digamma(1e10), Math.log(1e10) - 0.5e-10)).toBeLessThan(1e-15);
  });

  // psi^(n)(1) = (-1)^(n+1) n! zeta(n+1), psi^(n)(1/2) = (2^(n+1) - 1) psi^(n)(1), psi'(1/4) = pi^2 + 8G,
  // psi'(3/4) = pi^2 - 8G, and psi^(n)(x) = psi^(n)(x + 1) - (-1)^n n!/x^(n+1) for the rest.
  test.each([
    [1, 1, Math.PI ** 2 / 6],
    [1, 0.5, Math.PI ** 2 / 2],
    [1, 2, Math.PI ** 2 / 6 - 1],
    [1, 0.25, Math.PI ** 2 + 8 * CATALAN],
    [1, 0.75, Math.PI ** 2 - 8 * CATALAN],
    [1, -0.5, Math.PI ** 2 / 2 + 4],
    [1, -1.5, Math.PI ** 2 / 2 + 4 + 4 / 9],
    [2, 1, -2 * ZETA3],
    [2, 0.5, -14 * ZETA3],
    [2, 2, -2 * ZETA3 + 2],
    [3, 1, Math.PI ** 4 / 15],
    [3, 0.5, Math.PI ** 4],
    [4, 1, -24 * ZETA5],
    [5, 1, (8 * Math.PI ** 6) / 63], // 5! zeta(6) = 120 pi^6/945
    [7, 1, (5040 * Math.PI ** 8) / 9450], // 7! zeta(8)
  ])('polygamma(%i, %f)', (n, x, v) => {
    expect(relErr(polygamma(n, x), v)).toBeLessThan(3e-15);
  });

  test('polygamma(0, x) is digamma(x)', () => {
    for (const x of [1, 0.5, 1e-8, 3.7, 1e10, -0.5, -2.25, 0, -3, Infinity, NaN]) {
      expect(Object.is(polygamma(0, x), digamma(x)), String(x)).toBe(true);
    }
  });

  test('polygamma: the order must be a non-negative integer', () => {
    for (const n of [-1, 0.5, 1.5, -0.5, NaN, Infinity, -Infinity]) expect(polygamma(n, 1.5), String(n)).toBeNaN();
  });

  test('polygamma poles: +Infinity for odd n (both sides go to +Infinity), NaN for even n', () => {
    for (const pole of [0, -0, -1, -2, -50, -1e20]) {
      expect(polygamma(1, pole)).toBe(Infinity);
      expect(polygamma(3, pole)).toBe(Infinity);
      expect(polygamma(2, pole)).toBeNaN();
      expect(polygamma(4, pole)).toBeNaN();
    }
    // next to a pole: psi'(x) ~ 1/(x - pole)^2 from either side, psi''(x) ~ -2/(x - pole)^3
    expect(relErr(polygamma(1, 1e-8), 1e16 + Math.PI ** 2 / 6)).toBeLessThan(1e-15);
    expect(relErr(polygamma(1, -3 + 2 ** -30), 2 ** 60)).toBeLessThan(1e-15);
    expect(relErr(polygamma(1, -3 - 2 ** -30), 2 ** 60)).toBeLessThan(1e-15);
    expect(relErr(polygamma(2, -3 + 2 ** -30), -2 * 2 ** 90)).toBeLessThan(1e-15);
    expect(relErr(polygamma(2, -3 - 2 ** -30), 2 * 2 ** 90)).toBeLessThan(1e-15);
    expect(polygamma(1, 1e-200)).toBe(Infinity);
    expect(polygamma(1, -1e-200)).toBe(Infinity);
    expect(polygamma(2, 1e-200)).toBe(-Infinity);
    expect(polygamma(2, -1e-200)).toBe(Infinity);
    expect(polygamma(1, 5e-324)).toBe(Infinity);
    expect(polygamma(2, -5e-324)).toBe(Infinity);
  });

  test('polygamma limits at infinity and for huge x', () => {
    expect(polygamma(1, Infinity)).toBe(0);
    expect(polygamma(2, Infinity)).toBe(0);
    expect(polygamma(1, -Infinity)).toBeNaN();
    expect(polygamma(1, NaN)).toBeNaN();
    // psi^(n)(x) ~ (-1)^(n+1) ((n-1)!/x^n + n!/(2 x^(n+1)) + B_2 (n+1)!/(2 x^(n+2)) + ...)
    expect(relErr(polygamma(1, 1e10), 1e-10 + 0.5e-20)).toBeLessThan(1e-15);
    expect(relErr(polygamma(3, 1e5), 2e-15 + 3e-20 + 2e-25)).toBeLessThan(1e-15);
    expect(polygamma(1, 1e300)).toBe(1e-300);
    expect(Math.abs(polygamma(2, 1e200))).toBe(0); // -1e-400 underflows
  });

  test('polygamma of high order', () => {
    // psi^(n)(1) = (-1)^(n+1) n! zeta(n+1), and zeta(n+1) = 1 + 2^-(n+1) + ... rounds to 1 here
    const fact = (n: number): number => {
      let f = 1n;
      for (let k = 2n; k <= BigInt(n); k++) f *= k;
      return Number(f);
    };
    expect(relErr(polygamma(60, 1), -fact(60))).toBeLessThan(2e-15);
    expect(relErr(polygamma(101, 1), fact(101))).toBeLessThan(2e-15);
    expect(relErr(polygamma(170, 1), -fact(170))).toBeLessThan(2e-15);
    expect(polygamma(171, 1)).toBe(Infinity); // 171! > 1.8e308
    expect(polygamma(200, 2)).toBe(-Infinity); // 200! 2^-201 ~ 2e314
    expect(polygamma(1e9 + 1, 1)).toBe(Infinity); // and fast
    expect(polygamma(1e9, 1)).toBe(-Infinity);
    expect(polygamma(1e9 + 1, 1e12)).toBe(0);
    expect(polygamma(1e9 + 1, 4e8)).toBe(0); // 1e9!/(4e8)^(1e9) underflows at once
    // Orders above 170 go through logarithms: within 1e-12.
    expect(relErr(polygamma(200, 300), polygammaRef(200, 300))).toBeLessThan(1e-12);
    expect(relErr(polygamma(40, 25.5), polygammaRef(40, 25.5))).toBeLessThan(1e-14);
    // Negative x: odd orders add up poles of one sign; even orders cancel exactly at the
    // half-integers, where psi^(n)(1/2 - k) = psi^(n)(1/2 + k) (reflection; the cot term is 0).
    expect(relErr(polygamma(101, -3.3), polygammaRef(101, -3.3))).toBeLessThan(1e-14);
    expect(relErr(polygamma(4, -2.5), polygammaRef(4, 3.5))).toBeLessThan(1e-14);
    expect(relErr(polygamma(120, -2.5), polygammaRef(120, 3.5))).toBeLessThan(1e-14);
    expect(relErr(polygamma(150, -7.5), polygammaRef(150, 8.5))).toBeLessThan(1e-14);
    expect(polygamma(150, -7.7)).toBe(-Infinity); // -150!/0.3^151
    expect(polygamma(151, -7.7)).toBe(Infinity);
  });

  test('sinpi and cospi are exact at integers and half-integers', () => {
    for (const n of [-1e15, -3, -2, -1, 0, 1, 2, 7, 1e15]) {
      expect(sinpi(n)).toBeCloseTo(0, 20);
      expect(Math.abs(cospi(n))).toBe(1);
      expect(cospi(n + 0.5)).toBeCloseTo(0, 20);
    }
    expect(sinpi(0.5)).toBe(1);
    expect(sinpi(-2.5)).toBe(-1);
    expect(relErr(sinpi(1 / 6), 0.5)).toBeLessThan(3e-16);
  });
});

describe('the 50-digit reference itself', () => {
  test('agrees with closed forms', () => {
    expect(relErr(gammaRef(0.5), Math.sqrt(Math.PI))).toBeLessThan(2e-16);
    expect(gammaRef(5)).toBe(24);
    expect(relErr(digammaRef(1), -EULER_GAMMA)).toBeLessThan(2e-16);
    expect(relErr(erfRef(1), 0.8427007929497149)).toBeLessThan(2e-16);
    expect(relErr(polygammaRef(1, 1), Math.PI ** 2 / 6)).toBeLessThan(2e-16);
    expect(relErr(polygammaRef(2, 1), -2 * ZETA3)).toBeLessThan(2e-16);
    expect(relErr(polygammaRef(1, -0.5), Math.PI ** 2 / 2 + 4)).toBeLessThan(2e-16);
    expect(exactDecimal(0.1)).toBe('0.1000000000000000055511151231257827021181583404541015625');
    expect(exactDecimal(-2.5)).toBe('-2.5');
  });
});

// Accuracy against the 50-digit reference, on random doubles.
describe('accuracy', () => {
  const runs = { numRuns: 60 };
  const between = (min: number, max: number) => fc.double({ min, max, noNaN: true });

  test('erf: relative error below 1e-14', () => {
    fc.assert(
      fc.property(fc.oneof(between(-2, 2), between(2, 6.5), between(-6.5, -2), between(-1e-6, 1e-6)), (x) => {
        if (x === 0) return;
        expect(relErr(erf(x), erfRef(x))).toBeLessThan(1e-14);
      }),
      runs,
    );
  });

  test('gamma: relative error below 1e-14', () => {
    fc.assert(
      fc.property(fc.oneof(between(1e-6, 3), between(3, 171.5), between(-170, 0), between(-1e-300, 1e-300)), (x) => {
        if (Number.isInteger(x)) return;
        const ref = gammaRef(x);
        if (!Number.isFinite(ref)) {
          expect(gamma(x)).toBe(ref); // 1/x overflows
          return;
        }
        expect(relErr(gamma(x), ref)).toBeLessThan(1e-14);
      }),
      runs,
    );
  });

  test('digamma: error below 1e-14 relative (absolute near its zeros)', () => {
    fc.assert(
      fc.property(fc.oneof(between(1e-6, 3), between(3, 1e6), between(-60, 0), between(-1e-300, 1e-300)), (x) => {
        if (Number.isInteger(x)) return;
        const ref = digammaRef(x);
        if (!Number.isFinite(ref)) {
          expect(digamma(x)).toBe(ref); // -1/x overflows
          return;
        }
        expect(Math.abs(digamma(x) - ref)).toBeLessThan(1e-14 * Math.max(1, Math.abs(ref)));
      }),
      runs,
    );
  });
  test('polygamma: error below 1e-14 relative for x > 0', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.oneof(between(1e-6, 3), between(3, 1e6), between(1e-300, 1e-6)),
        (n, x) => {
          const ref = polygammaRef(n, x);
          if (!Number.isFinite(ref)) {
            expect(polygamma(n, x)).toBe(ref); // n!/x^(n+1) overflows
            return;
          }
          expect(relErr(polygamma(n, x), ref)).toBeLessThan(1e-14);
        },
      ),
      runs,
    );
  });

  // For even n, psi^(n) has a zero between each two poles on x < 0, where the terms
  // cancel: the error is bounded relative to the nearest pole's term n!/d^(n+1).
  test('polygamma: error below 1e-14 for x < 0, relative to the value or the nearest pole term', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), between(-30, 0), (n, x) => {
        if (Number.isInteger(x)) return;
        const ref = polygammaRef(n, x);
        const d = Math.abs(x - Math.round(x));
        const poleTerm = Math.exp(Math.log(factorial(n)) - (n + 1) * Math.log(d));
        if (!Number.isFinite(ref)) {
          expect(polygamma(n, x)).toBe(ref);
          return;
        }
        expect(Math.abs(polygamma(n, x) - ref)).toBeLessThan(1e-14 * Math.max(Math.abs(ref), poleTerm));
        if (n % 2 === 1) expect(relErr(polygamma(n, x), ref)).toBeLessThan(1e-14); // no cancellation
      }),
      runs,
    );
  });
});

describe('identities', () => {
  test('erf is odd, monotone and bounded', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), fc.double({ noNaN: true }), (a, b) => {
        expect(erf(-a)).toBe(-erf(a));
        expect(Math.abs(erf(a))).toBeLessThanOrEqual(1);
        if (a < b) expect(erf(a)).toBeLessThanOrEqual(erf(b));
      }),
    );
  });

  test('gamma(x + 1) = x gamma(x) and the reflection formula', () => {
    fc.assert(
      fc.property(fc.double({ min: -100, max: 100, noNaN: true }), (x) => {
        if (Number.isInteger(x) || Number.isInteger(x + 1) || x === 0) return;
        const y = x + 1;
        // recurrence at the exactly representable y = fl(x + 1): gamma(y) = (y - 1) gamma(y - 1)
        if (y - 1 === x) expect(relErr(gamma(y), x * gamma(x))).toBeLessThan(3e-14);
        // gamma(x) gamma(-x) = -pi / (x sin(pi x))
        expect(relErr(gamma(x) * gamma(-x), -Math.PI / (x * sinpi(x)))).toBeLessThan(3e-14);
      }),
    );
  });

  test('digamma(x + 1) = digamma(x) + 1/x', () => {
    fc.assert(
      fc.property(fc.double({ min: -50, max: 50, noNaN: true }), (x) => {
        const y = x + 1;
        if (Number.isInteger(x) || y - 1 !== x) return;
        const scale = Math.abs(digamma(x)) + Math.abs(1 / x) + 1;
        expect(Math.abs(digamma(y) - digamma(x) - 1 / x)).toBeLessThan(1e-14 * scale);
      }),
    );
  });

  test('polygamma(n, x + 1) = polygamma(n, x) + (-1)^n n!/x^(n+1)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.double({ min: -30, max: 30, noNaN: true }), (n, x) => {
        const y = x + 1;
        if (Number.isInteger(x) || y - 1 !== x) return;
        const step = ((n % 2 === 0 ? 1 : -1) * factorial(n)) / x ** (n + 1);
        // on x < 0 the values carry an error relative to the nearest pole's term (see above)
        const d = Math.min(Math.abs(x - Math.round(x)), 1);
        const scale = Math.abs(polygamma(n, x)) + Math.abs(step) + factorial(n) / d ** (n + 1);
        expect(Math.abs(polygamma(n, y) - polygamma(n, x) - step)).toBeLessThan(1e-14 * scale);
      }),
    );
  });

  test('duplication: polygamma(n, 2x) = 2^-(n+1) (polygamma(n, x) + polygamma(n, x + 1/2))', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (n, x) => {
        if (x + 0.5 - 0.5 !== x) return;
        const right = (polygamma(n, x) + polygamma(n, x + 0.5)) / 2 ** (n + 1);
        expect(relErr(polygamma(n, 2 * x), right)).toBeLessThan(1e-14);
      }),
    );
  });
});
