import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  checkDerivative,
  checkGradient,
  createRandom,
  formatLine,
  formatReport,
  gradCheckSparse,
  numericalDerivative,
  numericalGradient,
  numericalGradientArray,
  relError,
  type CheckLine,
} from '../src/check/index.js';
import { exp6 } from '../src/check/report.js';

// The seed notebook's functions, transcribed from its Python.
const cube = (x: number): number => x * x * x;
const cubeGrad = (x: number): number => 3 * x * x;
const f51 = (x: number): number => Math.log(x ** 4) * Math.sin(x ** 3);
// The seed's 5.1 answer, with its fudge term 1/(x**4 + 0.0001):
const seed51 = (x: number): number =>
  (1 / (x ** 4 + 0.0001)) * (4 * x ** 3) * Math.sin(x ** 3) + Math.log(x ** 4) * (3 * x ** 2) * Math.cos(x ** 3);
// The right answer: d/dx log(x^4) = 4/x.
const right51 = (x: number): number => (4 / x) * Math.sin(x ** 3) + Math.log(x ** 4) * (3 * x ** 2) * Math.cos(x ** 3);
const s = 3;
const u = 42;
// The seed's 5.3 code: -1 / 2 * s ** 2 is (-1/2) * 9, where -1/(2 s^2) was meant.
const seed53 = (x: number): number => Math.exp((-1 / 2) * s ** 2 * (x - u) ** 2);
const seed53Grad = (x: number): number => Math.exp((-1 / 2) * s ** 2 * (x - u) ** 2) * (-1 / s ** 2) * (x - u);
const gauss = (x: number): number => Math.exp(-((x - u) ** 2) / (2 * s ** 2));
const gaussGrad = (x: number): number => (gauss(x) * -(x - u)) / s ** 2;
const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
const sigmoidGrad = (x: number): number => Math.exp(-x) / (1 + Math.exp(-x)) ** 2;

describe('relError', () => {
  test('the seed definition: |a - b| / max(1e-8, |a| + |b|)', () => {
    expect(relError(3, 3)).toBe(0);
    expect(relError(3, 3.000003)).toBeCloseTo(0.000003 / 6.000003, 16);
    expect(relError(-1, 1)).toBe(1);
    expect(relError(0, 1e-10)).toBeCloseTo(1e-2, 15); // the 1e-8 floor
    expect(relError(1e-9, 2e-9)).toBeCloseTo(1e-9 / 1e-8, 15);
  });

  test('arrays: the max over entries, nested and typed arrays too', () => {
    expect(relError([1, 2, 3], [1, 2, 3])).toBe(0);
    expect(relError([1, 2, 3], [1, 2.002, 3])).toBeCloseTo(0.002 / 4.002, 15);
    expect(relError([[1, 5], [2]], [[1, 5], [4]])).toBeCloseTo(2 / 6, 15);
    expect(relError(new Float64Array([1, 2]), [1, 3])).toBeCloseTo(1 / 5, 15);
    expect(relError([], [])).toBe(0);
  });

  test('NaN anywhere makes it NaN; equal infinities are equal; overflow is handled', () => {
    expect(relError([1, NaN], [1, 2])).toBeNaN();
    expect(relError(NaN, NaN)).toBeNaN();
    expect(relError(Infinity, Infinity)).toBe(0);
    expect(relError(Infinity, 1)).toBe(1);
    expect(relError(1e308, -1e308)).toBe(1);
    expect(relError(1.5e308, 1.6e308)).toBeCloseTo(0.1 / 3.1, 12);
  });

  test('shape mismatches throw', () => {
    expect(() => relError([1, 2], [1])).toThrow(/2 entries against 1/);
    expect(() => relError(1, [1])).toThrow(/number with an array/);
  });
});

describe('numerical derivatives', () => {
  test('exact for polynomials up to degree 3 (the extrapolation removes h^2 and h^4)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 4, maxLength: 4 }),
        fc.double({ min: -50, max: 50, noNaN: true }),
        ([a, b, c, d], x) => {
          const f = (t: number): number => a! + b! * t + c! * t * t + d! * t * t * t;
          const df = b! + 2 * c! * x + 3 * d! * x * x;
          const est = numericalDerivative(f, x);
          const scale = Math.abs(b!) + Math.abs(2 * c! * x) + Math.abs(3 * d! * x * x) + 1;
          expect(Math.abs(est.value - df)).toBeLessThan(1e-9 * scale);
          if (est.value !== df) expect(est.error).toBeGreaterThan(0); // never claims exactness wrongly
        },
      ),
    );
  });

  test('accurate and honest about its error on smooth functions', () => {
    fc.assert(
      fc.property(fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true }), (a, x) => {
        const f = (t: number): number => Math.exp(a * t) * Math.sin(t);
        const df = Math.exp(a * x) * (a * Math.sin(x) + Math.cos(x));
        const est = numericalDerivative(f, x);
        const err = Math.abs(est.value - df);
        expect(err).toBeLessThanOrEqual(Math.max(4 * est.error, 1e-300));
        expect(err).toBeLessThan(1e-9 * (Math.abs(df) + Math.exp(a * x)));
      }),
    );
  });

  test('near a singularity at 0 the stencil stays on its side', () => {
    for (const x of [1e-3, -1e-6, 1e-9]) {
      expect(relError(numericalDerivative((t) => Math.log(Math.abs(t)), x).value, 1 / x)).toBeLessThan(1e-10);
      expect(relError(numericalDerivative(Math.sqrt, Math.abs(x)).value, 0.5 / Math.sqrt(Math.abs(x)))).toBeLessThan(1e-10);
    }
  });

  test('a fixed step gives the plain central difference', () => {
    const h = 1e-3;
    // ((x + s)^3 - (x - s)^3) / 2s = 3x^2 + s^2, with the step s = h * max(|x|, 1)
    expect(numericalDerivative(cube, 2, h).value).toBeCloseTo(12 + (2 * h) ** 2, 9);
    expect(numericalDerivative(cube, 0.5, h).value).toBeCloseTo(0.75 + h ** 2, 12);
  });

  test('numericalGradient leaves its input alone and handles many variables', () => {
    const x = Object.freeze([1, -2, 0.5, 3]);
    const f = (v: number[]): number => v[0]! * v[1]! + Math.sin(v[2]!) * v[3]! ** 2;
    const g = numericalGradient(f, x);
    expect(relError(g, [-2, 1, Math.cos(0.5) * 9, 2 * 3 * Math.sin(0.5)])).toBeLessThan(1e-11);
    expect(x).toEqual([1, -2, 0.5, 3]);
  });

  test('numericalGradientArray is dout times the Jacobian', () => {
    const f = (v: number[]): number[] => [v[0]! * v[1]!, v[0]! + v[1]!, Math.sin(v[0]!)];
    const x = [0.3, -1.7];
    const dout = [1, 2, 3];
    const expected = [x[1]! + 2 + 3 * Math.cos(x[0]!), x[0]! + 2];
    expect(relError(numericalGradientArray(f, x, dout), expected)).toBeLessThan(1e-11);
    expect(() => numericalGradientArray(f, x, [1, 2])).toThrow(/3 values, dout has 2/);
  });

  test("the seed's 5.5 f1(x) = sin(x0) cos(x1): numerical vs analytic Jacobian at random points", () => {
    const f1 = (v: number[]): number[] => [Math.sin(v[0]!) * Math.cos(v[1]!)];
    const gradF1 = (v: number[]): number[] => [Math.cos(v[0]!) * Math.cos(v[1]!), -Math.sin(v[0]!) * Math.sin(v[1]!)];
    const rng = createRandom(231);
    for (let i = 0; i < 10; i++) {
      const x = [rng.uniform(-3, 3), rng.uniform(-3, 3)];
      expect(relError(numericalGradientArray(f1, x, [1]), gradF1(x))).toBeLessThan(1e-9);
    }
  });
});

describe('the seed notebook, done right', () => {
  test('cube: grad_check_sparse and check_derivative pass, with true (tiny, not zero-by-bug) errors', () => {
    const sparse = gradCheckSparse((v) => v.reduce((acc, t) => acc + t ** 3, 0), [1, 0, 25], [3, 0, 1875], 10);
    expect(sparse.pass).toBe(true);
    expect(sparse.lines).toHaveLength(10);
    expect(new Set(sparse.lines.map((l) => l.index))).toEqual(new Set([0, 1, 2]));
    for (const l of sparse.lines) expect(l.relError).toBeLessThan(1e-12);

    const dense = checkDerivative(cube, cubeGrad, { domain: [0, 100] });
    expect(dense.pass).toBe(true);
    expect(dense.lines).toHaveLength(10);
    for (const l of dense.lines) {
      expect(l.relError).toBe(relError(l.numerical, l.analytic)); // the reported number is the real one
      expect(l.relError).toBeLessThan(1e-10);
      expect(l.analytic).toBe(cubeGrad(l.point as number));
    }
  });

  test('a wrong entry of the cube gradient fails exactly where it is sampled', () => {
    const r = gradCheckSparse((v) => v.reduce((acc, t) => acc + t ** 3, 0), [1, 0, 25], [3, 0, 1874], 10);
    expect(r.pass).toBe(false);
    expect(r.verdict).toBe('fail');
    // x[1] = 0 has derivative 0: agreement there is no evidence (3x^2 and 2x agree too)
    for (const l of r.lines) expect(l.verdict).toBe(['good', 'undecided', 'bad'][l.index!]);
    expect(r.worst!.index).toBe(2);
    expect(r.worst!.relError).toBeCloseTo(1 / 3749, 9);
  });

  test('5.1: the fudged answer fails near x = 0.1, and the report shows the true relative error', () => {
    const r = checkDerivative(f51, seed51, { points: [0.1, 0.15, 0.2] });
    expect(r.pass).toBe(false);
    for (const l of r.lines) {
      const x = l.point as number;
      expect(l.pass).toBe(false);
      // the true derivative is right51; the reported error is that of the fudged value against it
      expect(l.relError).toBeCloseTo(relError(right51(x), seed51(x)), 6);
      expect(l.relError).toBeGreaterThan(1e-3);
    }
    expect(r.lines[0]!.relError).toBeCloseTo(relError(right51(0.1), seed51(0.1)), 8);
    const text = formatReport(r);
    expect(text.split('\n')[0]).toMatch(/^Bad\. numerical: -0\.\d{6} analytic: -0\.\d{6}, relative error: \d\.\d{6}e-0[12]$/);
    expect(text).not.toMatch(/relative error: 0\.000000e\+00/);
    expect(text.split('\n').at(-1)).toMatch(/^FAILED: 3 of 3 checks/);
  });

  test('5.1: sampled over the seed domain (0.1, 10), the fudge is still caught; the right answer passes', () => {
    expect(checkDerivative(f51, seed51, { domain: [0.1, 10], samples: 20 }).pass).toBe(false);
    expect(checkDerivative(f51, right51, { domain: [0.1, 10], samples: 50 }).pass).toBe(true);
    expect(checkDerivative(f51, right51, { domain: [-10, 10], samples: 50 }).pass).toBe(true);
    expect(checkDerivative(f51, right51, { points: [1e-3, -1e-3, 0.05, -0.05] }).pass).toBe(true);
  });

  test('5.2: the sigmoid gradient passes, also where it is tiny (values trusted relative to their size)', () => {
    const r = checkDerivative(sigmoid, sigmoidGrad, { domain: [-40, 40], samples: 40 });
    expect(r.pass).toBe(true);
    // By default a value is trusted to a few ulps of max(|f|, 1): tiny ones are undecided, not passed.
    expect(r.lines.every((l) => Math.abs(l.analytic) > 1e-12)).toBe(true);
    const tiny = checkDerivative(sigmoid, sigmoidGrad, { domain: [-40, 40], samples: 40, noiseScale: 0 });
    expect(tiny.pass).toBe(true);
    expect(tiny.lines.some((l) => Math.abs(l.analytic) < 1e-12 && l.verdict === 'good')).toBe(true);
  });

  test('5.3: the -1/2*s**2 code is caught where values do not underflow; the Gaussian passes', () => {
    const caught = checkDerivative(seed53, seed53Grad, { domain: [39, 45] });
    expect(caught.pass).toBe(false);
    expect(caught.worst!.relError).toBeGreaterThan(0.9); // d/dx differs by the factor 81 = s^4
    expect(checkDerivative(gauss, gaussGrad, { domain: [20, 64], samples: 30 }).pass).toBe(true);
    // Why the seed's check "passed": far from u = 42 both sides underflow to 0. That is no evidence.
    const hidden = checkDerivative(seed53, seed53Grad, { domain: [-10, 10] });
    expect(hidden.verdict).toBe('inconclusive');
    expect(hidden.pass).toBe(false);
    expect(hidden.lines).toHaveLength(0);
    expect(hidden.reason).toBe('at every point f and the derivative are 0 (or underflow to 0)');
    expect(formatReport(hidden)).toBe('INCONCLUSIVE: at every point f and the derivative are 0 (or underflow to 0)');
    // Without a domain the sample widens until it finds where the Gaussian lives, and the slip fails there.
    const found = checkDerivative(seed53, seed53Grad);
    expect(found.verdict).toBe('fail');
    expect(found.widened).toEqual([-100, 100]);
    for (const l of found.lines) expect(Math.abs((l.point as number) - 42)).toBeLessThan(13);
  });
});

describe('pass and fail', () => {
  test('zero and tiny derivatives are not failed on rounding noise', () => {
    // Not failed; where the derivative is tiny beside the scale f rounds at (1 for cos and
    // 1 + x^3) the lines are undecided, not passed; f = x^3, rounding relative to itself, passes.
    const cos = checkDerivative(Math.cos, (x) => -Math.sin(x), { points: [0, 1e-7, -1e-4, 1e-2, Math.PI] });
    expect(cos.lines.filter((l) => l.verdict === 'bad')).toEqual([]);
    expect(cos.verdict).toBe('pass');
    const cubic = checkDerivative((x) => 1 + x ** 3, (x) => 3 * x ** 2, { points: [0, 1e-5, -3e-3] });
    expect(cubic.lines.filter((l) => l.verdict === 'bad')).toEqual([]);
    expect(checkDerivative((x) => x ** 3, (x) => 3 * x ** 2, { points: [1e-5, -3e-3], noiseScale: 0 }).verdict).toBe('pass');
  });

  test('but a small absolute error at a zero derivative is not noise', () => {
    const r = checkDerivative(Math.cos, (x) => -Math.sin(x) + 1e-6, { points: [0] });
    expect(r.pass).toBe(false);
  });

  test('a wrong derivative fails however it is wrong (relative perturbations down to 1e-6)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 3, noNaN: true }),
        fc.double({ min: 1e-6, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 1000 }),
        (a, delta, seed) => {
          const f = (x: number): number => Math.sin(a * x) + x * x;
          const df = (x: number): number => a * Math.cos(a * x) + 2 * x;
          expect(checkDerivative(f, df, { seed, samples: 5 }).pass).toBe(true);
          const wrong = checkDerivative(f, (x) => df(x) * (1 + delta), { seed, samples: 5 });
          expect(wrong.pass).toBe(false);
          for (const l of wrong.lines) expect(l.relError).toBeCloseTo(delta / (2 + delta), 6);
        },
      ),
      { numRuns: 30 },
    );
  });

  test('kinks and jumps: |x| at 0 is no evidence either way; floor at a jump is undecided, not blamed', () => {
    const kink = checkDerivative(Math.abs, Math.sign, { points: [0, 1, -2] });
    expect(kink.pass).toBe(true);
    expect(kink.lines.map((l) => l.verdict)).toEqual(['undecided', 'good', 'good']);
    const jump = checkDerivative(Math.floor, () => 0, { points: [2, 2.5] });
    expect(jump.lines.map((l) => l.verdict)).toEqual(['undecided', 'undecided']);
    expect(jump.lines[0]!.reason).toMatch(/too inaccurate|do not converge|within the error/);
    expect(jump.verdict).toBe('inconclusive');
    expect(checkDerivative(Math.floor, () => 1, { points: [2.5] }).verdict).toBe('fail');
  });

  test('outside the domain: explicit points fail with NaN, sampled ones are skipped and counted', () => {
    const half = (x: number): number => 0.5 / Math.sqrt(x);
    const explicit = checkDerivative(Math.sqrt, half, { points: [-1, 4] });
    expect(explicit.lines[0]!.verdict).toBe('undecided');
    expect(explicit.lines[0]!.reason).toMatch(/outside the domain/);
    expect(explicit.lines[0]!.relError).toBeNaN();
    expect(explicit.lines[1]!.pass).toBe(true);
    const sampled = checkDerivative(Math.sqrt, half, { domain: [-10, 10], samples: 10 });
    expect(sampled.pass).toBe(true);
    expect(sampled.lines).toHaveLength(10);
    expect(sampled.skipped).toBeGreaterThan(0);
    const none = checkDerivative(Math.sqrt, half, { domain: [-10, -1], samples: 3 });
    expect(none.pass).toBe(false);
    expect(none.verdict).toBe('inconclusive');
    expect(none.lines).toHaveLength(0);
    expect(none.skipped).toBe(150);
    expect(formatReport(none)).toBe('INCONCLUSIVE: at every point f or the derivative is not finite (outside the domain)');
  });

  test('sampling is reproducible from the seed', () => {
    const points = (seed?: number): number[] =>
      checkDerivative(cube, cubeGrad, seed === undefined ? {} : { seed }).lines.map((l) => l.point as number);
    expect(points()).toEqual(points());
    expect(points(7)).toEqual(points(7));
    expect(points(7)).not.toEqual(points(8));
    for (const x of points(9)) expect(Math.abs(x)).toBeLessThanOrEqual(10);
  });

  test('checkGradient: functions of several variables', () => {
    const f = (v: number[]): number => v[0]! ** 2 * v[1]! + Math.sin(v[2]!);
    const grad = (v: number[]): number[] => [2 * v[0]! * v[1]!, v[0]! ** 2, Math.cos(v[2]!)];
    const good = checkGradient(f, grad, { dim: 3, samples: 5 });
    expect(good.pass).toBe(true);
    expect(good.lines).toHaveLength(15);
    const swapped = checkGradient(f, (v) => [v[0]! ** 2, 2 * v[0]! * v[1]!, Math.cos(v[2]!)], { points: [[1, 2, 3]] });
    expect(swapped.lines.map((l) => l.pass)).toEqual([false, false, true]);
    expect(() => checkGradient(f, grad)).toThrow(/dim/);
    expect(() => checkGradient(f, () => [1], { points: [[1, 2, 3]] })).toThrow(/1 entries for 3 variables/);
  });
});

describe('report text', () => {
  const line = (over: Partial<CheckLine>): CheckLine => ({
    point: 1,
    numerical: 3,
    analytic: 3,
    relError: 1.234567e-11,
    absError: 0,
    numericalError: 0,
    bound: 0,
    verdict: over.pass === false ? 'bad' : 'good',
    pass: true,
    ...over,
  });

  test('the seed format, with printf spellings', () => {
    expect(formatLine(line({}))).toBe('Good. numerical: 3.000000 analytic: 3.000000, relative error: 1.234567e-11');
    expect(formatLine(line({ pass: false, numerical: -592.523632, analytic: -592.524171, relError: 4.548e-7 }))).toBe(
      'Bad. numerical: -592.523632 analytic: -592.524171, relative error: 4.548000e-07',
    );
    expect(formatLine(line({ point: 0.5 }), { points: true })).toMatch(/ at x = 0\.5$/);
    expect(formatLine(line({ point: [1, 2], index: 1 }), { points: true })).toMatch(/ at x\[1\] of \(1, 2\)$/);
    expect(exp6(0)).toBe('0.000000e+00');
    expect(exp6(1.5e100)).toBe('1.500000e+100');
    expect(exp6(-2.5e-7)).toBe('-2.500000e-07');
    expect(exp6(NaN)).toBe('nan');
    expect(formatLine(line({ numerical: Infinity, relError: NaN }))).toBe(
      'Good. numerical: inf analytic: 3.000000, relative error: nan',
    );
  });

  test('a summary line names the worst point', () => {
    const r = checkDerivative(cube, cubeGrad, { points: [1, 2] });
    const lines = formatReport(r).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(/^all 2 checks passed \(tolerance 1\.000000e-07\); worst relative error .* at x = [12]$/);
    expect(formatReport(r, { summary: false }).split('\n')).toHaveLength(2);
  });
});
