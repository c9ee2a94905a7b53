// Numerical derivatives by central differences.
//
// The default is Ridders' method: central differences at steps h0, h0/2, h0/4, ...
// extrapolated to step 0 (Richardson), keeping the entry whose neighbours agree
// best. It returns the derivative together with an estimate of its own error, which
// the checks use to tell a wrong gradient from finite-difference noise. The first
// step is scaled to the point: 0.1*max(|x|, 1), and for 0 < |x| < 1 also 0.1*|x|, so that
// a point near a singularity at 0 (log, 1/x, sqrt) is differenced on its own side; when
// the two runs agree the more precise wins, when they disagree the local one.
//
// An explicit step h gives the plain seed-notebook formula instead:
// (f(x + h_i) - f(x - h_i)) / (2 h_i) with h_i = h * max(|x_i|, 1).

import { arg, argError, expectFunction, expectInteger, expectNumber, expectNumbers } from '../core/check-args.js';
import { describeValue } from '../core/options.js';
import { MathError } from '../core/rational.js';

/** A numerical derivative and the estimated size of its error. */
export interface Estimate {
  readonly value: number;
  readonly error: number;
}

const LEVELS = 15; // steps h0 .. h0 / 2^14
const SHRINK = 2;
/** Rounding error assumed in each function value, in ulps (function evaluations are rarely exact). */
const ROUNDING_ULPS = 2;
/**
 * The absolute scale below which f's values are not trusted to be accurate relative
 * to themselves: that of the constants most expressions add (see central).
 */
export const DEFAULT_NOISE_SCALE = 1;
/** The smallest step trusted, in ulps of max(|x|, scale). */
const MIN_STEP_ULPS = 16;
/** The second, independent run of Ridders' method starts at this fraction of the first step. */
const SECOND_RUN = 0.75;

/**
 * (f(x + h) - f(x - h)) / (2h), dividing by the step actually taken after rounding,
 * with a bound on its rounding noise: a few ulps of the function values over the step.
 */
function central(f: (t: number) => number, x: number, h: number, floor = 0, scale = DEFAULT_NOISE_SCALE): Estimate {
  const xp = x + h;
  const xm = x - h;
  const fp = f(xp);
  const fm = f(xm);
  const step = xp - xm;
  // Each value is trusted to ROUNDING_ULPS ulps of max(|f|, scale): a black box does
  // not say at what scale it rounds, and an f that adds constants rounds at theirs
  // (log(1 + u) with u = 1e-20 is exactly 0, though its derivative is not).
  // floor: the rounding noise of f measured near x. MIN_VALUE: values that
  // underflowed carry an absolute error of one subnormal.
  const noise =
    ROUNDING_ULPS * Number.EPSILON * (Math.max(Math.abs(fp), scale) + Math.max(Math.abs(fm), scale)) + 2 * floor + 2 * Number.MIN_VALUE;
  // A step below the rounding of the inputs an f may form (s + x with s = 5 moves in
  // steps of 9e-16, however small x) says nothing: at x = 3e-16, gamma(x - 5 + 1e-14)
  // is constant in float64 over steps of 1e-17, though its derivative is 1e25.
  if (step < MIN_STEP_ULPS * Number.EPSILON * Math.max(Math.abs(x), scale)) return { value: (fp - fm) / step, error: Infinity };
  return { value: (fp - fm) / step, error: noise / step };
}

/** Offsets of the probes of roundingNoise, relative to the point's scale. */
const PROBES = [1, 3, 7, 13, 29, 61].map((k) => k * 2 ** -40);

/**
 * The rounding noise of evaluating g near x: half the largest second difference
 * |g(x + d) - 2 g(x) + g(x - d)| over a few tiny offsets d, where curvature adds
 * nothing visible and what remains is rounding. 0 when g is not finite near x.
 */
export function roundingNoise(g: (t: number) => number, x: number): number {
  expectFunction(g, 'roundingNoise', arg(1, 'g'));
  expectNumber(x, 'roundingNoise', arg(2, 'x'));
  const scale = Math.max(Math.abs(x), 2 ** -20);
  const g0 = g(x);
  let worst = 0;
  for (const k of PROBES) {
    const d = k * scale;
    const s = Math.abs(g(x + d) - 2 * g0 + g(x - d));
    if (!Number.isFinite(s)) return 0;
    if (s > worst) worst = s;
  }
  return worst / 2;
}

/**
 * Ridders' extrapolated central difference from a first step h0. The error of each
 * tableau entry is the larger of its disagreement with its neighbours (truncation)
 * and its propagated rounding noise, so an accidental exact agreement of two noisy
 * entries cannot claim to be exact.
 */
export function ridders(f: (t: number) => number, x: number, h0: number, levels: number = LEVELS, floor = 0, scale = DEFAULT_NOISE_SCALE): Estimate {
  expectFunction(f, 'ridders', arg(1, 'f'));
  expectNumber(x, 'ridders', arg(2, 'x'));
  expectStep(h0, 'ridders', arg(3, 'h0'));
  expectInteger(levels, 'ridders', arg(4, 'levels'), 1);
  expectNumber(floor, 'ridders', arg(5, 'floor'));
  expectNumber(scale, 'ridders', arg(6, 'scale'));
  const shrink2 = SHRINK * SHRINK;
  const steps: number[] = [];
  const column: Estimate[] = [];
  for (let i = 0, h = h0; i < levels; i++, h /= SHRINK) {
    steps.push(h);
    column.push(central(f, x, h, floor, scale));
  }
  // The tableau of values: row i extrapolates the differences at steps h0 .. h_i.
  const rows: number[][] = [];
  for (let i = 0; i < levels; i++) {
    const row = [column[i]!.value];
    for (let j = 1, fac = shrink2; j <= i; j++, fac *= shrink2) row.push((row[j - 1]! * fac - rows[i - 1]![j - 1]!) / (fac - 1));
    rows.push(row);
  }
  // The noise of f measured from the data: at the smallest steps the twice
  // extrapolated differences have no truncation left, and what they still change
  // by, times the step, is f's rounding (it grows as the step shrinks).
  const measured = measuredNoise(rows, steps);
  let prevNoise: number[] = [];
  let best = NaN;
  let err = Infinity;
  for (let i = 0; i < levels; i++) {
    const row = rows[i]!;
    const noise = [Math.max(column[i]!.error, measured / steps[i]!)];
    for (let j = 1, fac = shrink2; j <= i; j++, fac *= shrink2) {
      noise.push((noise[j - 1]! * fac + prevNoise[j - 1]!) / (fac - 1));
      const e = Math.max(Math.abs(row[j]! - row[j - 1]!), Math.abs(row[j]! - rows[i - 1]![j - 1]!), noise[j]!);
      if (e <= err) {
        err = e;
        best = row[j]!;
      }
    }
    prevNoise = noise;
  }
  return Number.isFinite(best) ? { value: best, error: err } : { value: NaN, error: Infinity };
}

/** How many of the smallest steps measure the noise, and at which extrapolation order. */
const NOISE_LEVELS = 5;
const NOISE_ORDER = 2;

/** max |T(h_i) - T(h_{i+1})| * h_{i+1} over the smallest steps, T twice extrapolated: f's absolute rounding noise. */
function measuredNoise(rows: readonly number[][], steps: readonly number[]): number {
  let worst = 0;
  for (let i = Math.max(NOISE_ORDER, rows.length - NOISE_LEVELS - 1); i + 1 < rows.length; i++) {
    const r = Math.abs(rows[i]![NOISE_ORDER]! - rows[i + 1]![NOISE_ORDER]!) * steps[i + 1]!;
    if (r > worst) worst = r;
  }
  return Number.isFinite(worst) ? worst : 0;
}

/** Nearest power of two, so that the halved steps stay exact. */
const powerOfTwo = (h: number): number => 2 ** Math.round(Math.log2(h));

/**
 * Ridders' method in rounds: each round three runs on different steps (h, 0.75h,
 * h/64: other points, other rounding, one far more local), which must agree within
 * their errors; each round's steps are 16 times smaller than the last. Wide steps
 * can be fooled into a confident wrong value (sin(x^3) at x = 9 aliases; a pole of
 * gamma 0.002 away, or a digamma whose poles are 2e-7 apart, is straddled), so the
 * answer is the agreeing round with the smallest error, and it must be corroborated:
 * another agreeing round of like precision agrees with it, and no finer round contradicts it (a finer
 * round that does widens the error to the disagreement; one whose runs disagree among
 * themselves, as in csc(x^x) at x = 8 with poles 1e-8 apart, makes it infinite).
 * Without that, the error is infinite: the derivative is not resolved.
 */
function twice(f: (t: number) => number, x: number, h0: number, floor: number, scale: number): Estimate {
  const rounds: Estimate[] = [];
  for (let k = 0, h = h0; k < ROUNDS; k++, h /= 16) {
    const runs = [h, SECOND_RUN * h, h / 64].map((step) => ridders(f, x, step, LEVELS, floor, scale));
    // NaN: f not finite nearby; an infinite error: steps below the rounding of the inputs. No finer round can do better.
    if (runs.some((r) => Number.isNaN(r.value) || !(r.error < Infinity))) break;
    let gap = 0;
    let consistent = true;
    for (let i = 0; i < runs.length; i++) {
      for (let j = i + 1; j < runs.length; j++) {
        const d = Math.abs(runs[i]!.value - runs[j]!.value);
        gap = Math.max(gap, d);
        if (!agree(runs[i]!, runs[j]!)) consistent = false;
      }
    }
    const best = runs.reduce((a, b) => (b.error < a.error ? b : a));
    rounds.push(consistent ? { value: best.value, error: Math.max(best.error, gap) } : { value: best.value, error: Infinity });
  }
  let b = -1;
  rounds.forEach((r, k) => {
    if (r.error < Infinity && (b < 0 || r.error < rounds[b]!.error)) b = k;
  });
  if (b < 0) return { value: NaN, error: Infinity };
  const best = rounds[b]!;
  let error = best.error;
  let corroborated = false;
  rounds.forEach((r, k) => {
    if (k === b) return;
    if (!(r.error < Infinity)) {
      if (k > b) error = Infinity; // finer steps that disagree among themselves: f varies at a scale below the chosen step
      return;
    }
    // Corroboration by a round of like precision: a round whose error is far larger agrees with anything.
    if (agree(r, best) && r.error <= CORROBORATION * best.error) corroborated = true;
    else if (k > b) error = Math.max(error, Math.abs(r.value - best.value)); // a finer round says otherwise
  });
  return corroborated ? { value: best.value, error } : { value: best.value, error: Infinity };
}

/** Two estimates agree when they differ by at most CONSISTENT times their summed errors. */
const agree = (a: Estimate, b: Estimate): boolean => Math.abs(a.value - b.value) <= CONSISTENT * (a.error + b.error);

/** Rounds of twice(), and how far apart two estimates may be (in their summed errors) to agree. */
const ROUNDS = 5;
const CONSISTENT = 2;
/** How much larger the error of a corroborating round may be (noise grows 16-fold per round, the spread of its runs up to 64-fold). */
const CORROBORATION = 256;

/** f'(x) for a function of one variable, with an error estimate. */
export function numericalDerivative(f: (t: number) => number, x: number, h?: number, scale: number = DEFAULT_NOISE_SCALE): Estimate {
  expectFunction(f, 'numericalDerivative', arg(1, 'f'));
  expectNumber(x, 'numericalDerivative', arg(2, 'x'));
  if (h !== undefined) expectStep(h, 'numericalDerivative', arg(3, 'h'));
  expectNumber(scale, 'numericalDerivative', arg(4, 'scale'));
  if (h !== undefined) {
    const step = h * Math.max(Math.abs(x), 1);
    return { value: central(f, x, step).value, error: NaN };
  }
  const ax = Math.abs(x);
  const floor = roundingNoise(f, x);
  const wide = twice(f, x, powerOfTwo(0.1 * Math.max(ax, 1)), floor, scale);
  if (ax === 0 || ax >= 1) return wide;
  const h0 = powerOfTwo(0.1 * ax);
  if (h0 < MIN_STEP_ULPS * Number.EPSILON * Math.max(ax, scale)) {
    // x so close to 0 that local steps would be below the rounding of the inputs: only
    // the wide run, trusted when it resolves the derivative (its error below its size).
    return wide.error < Math.abs(wide.value) ? wide : { value: wide.value, error: Infinity };
  }
  const near = twice(f, x, h0, floor, scale);
  // Unresolved locally (rounding noise, or f too wild at that scale): the wide run,
  // when it resolves the derivative (its error below its size).
  if (Number.isNaN(near.value) || !(near.error < Infinity)) return wide.error < Math.abs(wide.value) ? wide : { value: wide.value, error: Infinity };
  if (Number.isNaN(wide.value)) return near;
  // Consistent runs: the more precise one. Inconsistent ones: the wide stencil has met
  // something at a scale below 1 (typically a singularity at 0), so trust the local run.
  const consistent = Math.abs(wide.value - near.value) <= 4 * (wide.error + near.error);
  return consistent && wide.error < near.error ? wide : near;
}

/** The partial derivative of f at x with respect to coordinate i; x is not modified. */
export function numericalPartial(f: (x: number[]) => number, x: readonly number[], i: number, h?: number, scale: number = DEFAULT_NOISE_SCALE): Estimate {
  expectFunction(f, 'numericalPartial', arg(1, 'f'));
  expectNumbers(x, 'numericalPartial', arg(2, 'x'));
  if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= x.length) throw argError('numericalPartial', arg(3, 'i'), `a coordinate of the point, 0 to ${x.length - 1}`, i);
  if (h !== undefined) expectStep(h, 'numericalPartial', arg(4, 'h'));
  // A fresh copy per call: f may keep or modify its argument.
  const along = (t: number): number => {
    const y = x.slice();
    y[i] = t;
    return f(y);
  };
  return numericalDerivative(along, x[i]!, h, scale);
}

/** A finite-difference step: a finite number > 0. */
function expectStep(h: unknown, fn: string, what: string): number {
  if (typeof h !== 'number' || !(h > 0 && h < Infinity)) throw argError(fn, what, 'a finite number > 0 (the step)', h);
  return h;
}

/** The shared arguments of the gradient estimates: f, the point x and the step h. */
function pointArgs(fn: string, f: unknown, x: unknown, h: unknown): void {
  expectFunction(f, fn, arg(1, 'f'));
  expectNumbers(x, fn, arg(2, 'x'));
  if (h !== undefined) expectStep(h, fn, arg(3, 'h'));
}

/** The gradient of f at x by central differences (see the top of this file for the step). */
export function numericalGradient(f: (x: number[]) => number, x: readonly number[], h?: number): number[] {
  pointArgs('numericalGradient', f, x, h);
  return x.map((_, i) => numericalPartial(f, x, i, h).value);
}

/** The gradient and the per-coordinate error estimates. */
export function numericalGradientEstimate(
  f: (x: number[]) => number,
  x: readonly number[],
  h?: number,
): { values: number[]; errors: number[] } {
  pointArgs('numericalGradientEstimate', f, x, h);
  const est = x.map((_, i) => numericalPartial(f, x, i, h));
  return { values: est.map((e) => e.value), errors: est.map((e) => e.error) };
}

/**
 * For an array-valued f and an upstream gradient dout (same length as f(x)):
 * the gradient of sum_j dout_j f_j(x), i.e. dout times the Jacobian, as in backpropagation.
 */
export function numericalGradientArray(
  f: (x: number[]) => ArrayLike<number>,
  x: readonly number[],
  dout: ArrayLike<number>,
  h?: number,
): number[] {
  expectFunction(f, 'numericalGradientArray', arg(1, 'f'));
  expectNumbers(x, 'numericalGradientArray', arg(2, 'x'));
  expectNumbers(dout, 'numericalGradientArray', arg(3, 'dout'));
  if (h !== undefined) expectStep(h, 'numericalGradientArray', arg(4, 'h'));
  const dot = (y: number[]): number => {
    const v = f(y);
    if (v === null || typeof v !== 'object' || v.length !== dout.length) {
      throw new MathError(`numericalGradientArray: f returned ${typeof v === 'object' && v !== null ? v.length : describeValue(v)} values, dout has ${dout.length}`);
    }
    let s = 0;
    for (let j = 0; j < v.length; j++) s += dout[j]! * v[j]!;
    return s;
  };
  return numericalGradient(dot, x, h);
}
