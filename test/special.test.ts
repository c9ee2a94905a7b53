import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { cospi, digamma, erf, erfc, factorial, gamma, sinpi } from '../src/eval/special.js';
import { digammaRef, erfRef, exactDecimal, gammaRef } from './special-oracle.js';

const EULER_GAMMA = 0.5772156649015329; // Euler-Mascheroni constant
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
});
