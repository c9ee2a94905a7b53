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
 * (f(x + h) - f(x - h)) / (2h), dividing by the step actually taken after rounding,
 * with a bound on its rounding noise: a few ulps of the function values over the step.
 */
function central(f: (t: number) => number, x: number, h: number): Estimate {
  const xp = x + h;
  const xm = x - h;
  const fp = f(xp);
  const fm = f(xm);
  const step = xp - xm;
  // MIN_VALUE: values that underflowed carry an absolute error of one subnormal.
  const noise = ROUNDING_ULPS * Number.EPSILON * (Math.abs(fp) + Math.abs(fm)) + 2 * Number.MIN_VALUE;
  return { value: (fp - fm) / step, error: noise / step };
}

/**
 * Ridders' extrapolated central difference from a first step h0. The error of each
 * tableau entry is the larger of its disagreement with its neighbours (truncation)
 * and its propagated rounding noise, so an accidental exact agreement of two noisy
 * entries cannot claim to be exact.
 */
export function ridders(f: (t: number) => number, x: number, h0: number, levels: number = LEVELS): Estimate {
  const shrink2 = SHRINK * SHRINK;
  let prev: number[] = [];
  let prevNoise: number[] = [];
  let best = NaN;
  let err = Infinity;
  let h = h0;
  for (let i = 0; i < levels; i++, h /= SHRINK) {
    const c = central(f, x, h);
    const row = [c.value];
    const noise = [c.error];
    let fac = shrink2;
    for (let j = 1; j <= i; j++, fac *= shrink2) {
      row.push((row[j - 1]! * fac - prev[j - 1]!) / (fac - 1));
      noise.push((noise[j - 1]! * fac + prevNoise[j - 1]!) / (fac - 1));
      const e = Math.max(Math.abs(row[j]! - row[j - 1]!), Math.abs(row[j]! - prev[j - 1]!), noise[j]!);
      if (e <= err) {
        err = e;
        best = row[j]!;
      }
    }
    prev = row;
    prevNoise = noise;
  }
  return Number.isFinite(best) ? { value: best, error: err } : { value: NaN, error: Infinity };
}

/** Nearest power of two, so that the halved steps stay exact. */
const powerOfTwo = (h: number): number => 2 ** Math.round(Math.log2(h));

/** f'(x) for a function of one variable, with an error estimate. */
export function numericalDerivative(f: (t: number) => number, x: number, h?: number): Estimate {
  if (h !== undefined) {
    const step = h * Math.max(Math.abs(x), 1);
    return { value: central(f, x, step).value, error: NaN };
  }
  const ax = Math.abs(x);
  const wide = ridders(f, x, powerOfTwo(0.1 * Math.max(ax, 1)));
  if (ax === 0 || ax >= 1) return wide;
  const near = ridders(f, x, powerOfTwo(0.1 * ax));
  if (Number.isNaN(wide.value)) return near;
  if (Number.isNaN(near.value)) return wide;
  // Consistent runs: the more precise one. Inconsistent ones: the wide stencil has met
  // something at a scale below 1 (typically a singularity at 0), so trust the local run.
  const consistent = Math.abs(wide.value - near.value) <= 4 * (wide.error + near.error);
  return consistent && wide.error < near.error ? wide : near;
}

/** The partial derivative of f at x with respect to coordinate i; x is not modified. */
export function numericalPartial(f: (x: number[]) => number, x: readonly number[], i: number, h?: number): Estimate {
  if (!Number.isInteger(i) || i < 0 || i >= x.length) throw new RangeError(`no coordinate ${i} in a point of ${x.length}`);
  // A fresh copy per call: f may keep or modify its argument.
  const along = (t: number): number => {
    const y = x.slice();
    y[i] = t;
    return f(y);
  };
  return numericalDerivative(along, x[i]!, h);
}

/** The gradient of f at x by central differences (see the top of this file for the step). */
export function numericalGradient(f: (x: number[]) => number, x: readonly number[], h?: number): number[] {
  return x.map((_, i) => numericalPartial(f, x, i, h).value);
}

/** The gradient and the per-coordinate error estimates. */
export function numericalGradientEstimate(
  f: (x: number[]) => number,
  x: readonly number[],
  h?: number,
): { values: number[]; errors: number[] } {
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
  const dot = (y: number[]): number => {
    const v = f(y);
    if (v.length !== dout.length) throw new RangeError(`f returned ${v.length} values, dout has ${dout.length}`);
    let s = 0;
    for (let j = 0; j < v.length; j++) s += dout[j]! * v[j]!;
    return s;
  };
  return numericalGradient(dot, x, h);
}
