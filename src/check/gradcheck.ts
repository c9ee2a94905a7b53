// Gradient checks: compare an analytic derivative with central differences at
// given or random (seeded) points, and report every comparison.
//
// A line passes when relError <= tolerance (default 1e-7), or when the two values
// differ by no more than the finite difference's own estimated error, provided that
// estimate is itself small (below tolerance times the scale of the derivative or of
// f). The second rule keeps derivatives that are 0 or tiny from failing on rounding
// noise (relError's 1e-8 floor cannot absorb it), without passing a wrong derivative
// at a point where the difference quotient is garbage (a jump, a kink).
import { DEFAULT_SEED, createRandom } from './random.js';
import { numericalDerivative, numericalPartial, type Estimate } from './numerical.js';
import { relErrorScalar } from './relError.js';
import { makeReport, type CheckLine, type CheckReport } from './report.js';

export interface CheckOptions {
  /** Largest relative error that passes (default 1e-7). */
  readonly tolerance?: number;
  /** An absolute difference that always passes (default 0). */
  readonly atol?: number;
  /** A fixed finite-difference step (relative to max(|x|, 1)) instead of the adaptive default. */
  readonly h?: number;
  /** Seed of the random points or coordinates (default 231). */
  readonly seed?: number;
}

export interface DerivativeCheckOptions extends CheckOptions {
  /** Check exactly these points (then nothing is sampled). */
  readonly points?: readonly number[];
  /** Sample from this interval (default [-10, 10]). */
  readonly domain?: readonly [number, number];
  /** How many points to sample (default 10). */
  readonly samples?: number;
}

export interface GradientCheckOptions extends CheckOptions {
  readonly points?: readonly (readonly number[])[];
  /** Every coordinate is sampled from this interval (default [-10, 10]). */
  readonly domain?: readonly [number, number];
  readonly samples?: number;
  /** Number of variables, needed when points are sampled. */
  readonly dim?: number;
}

export const DEFAULT_TOLERANCE = 1e-7;
const NOISE_FACTOR = 4;
const TRIES_PER_SAMPLE = 50;

/** Judges one analytic value against one numerical estimate (see the top of this file). */
export function compareDerivative(
  point: number | readonly number[],
  index: number | undefined,
  numerical: Estimate,
  analytic: number,
  fx: number,
  options: CheckOptions = {},
): CheckLine {
  const tol = options.tolerance ?? DEFAULT_TOLERANCE;
  const num = numerical.value;
  const relError = relErrorScalar(num, analytic);
  const absError = num === analytic ? 0 : Math.abs(num - analytic);
  const x = typeof point === 'number' ? point : point[index ?? 0]!;
  const scale = Math.max(Math.abs(num) + Math.abs(analytic), Math.abs(fx) / Math.max(Math.abs(x), 1));
  const noise = numerical.error;
  const withinNoise = Number.isFinite(noise) && noise <= tol * scale && absError <= NOISE_FACTOR * noise;
  const finite = Number.isFinite(num) && Number.isFinite(analytic);
  const pass = finite && (relError <= tol || withinNoise || absError <= (options.atol ?? 0));
  const line: CheckLine = {
    point: typeof point === 'number' ? point : Object.freeze([...point]),
    numerical: num,
    analytic,
    relError,
    absError,
    numericalError: noise,
    pass,
  };
  return index === undefined ? line : { ...line, index };
}

function checkedDomain(domain: readonly [number, number] | undefined): [number, number] {
  const [lo, hi] = domain ?? [-10, 10];
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo < hi)) throw new RangeError(`bad domain [${lo}, ${hi}]`);
  return [lo, hi];
}

/**
 * Checks df against f' for f of one variable, at options.points or at `samples`
 * random points of `domain` (points where f or df is not finite are skipped and counted).
 */
export function checkDerivative(
  f: (x: number) => number,
  df: (x: number) => number,
  options: DerivativeCheckOptions = {},
): CheckReport {
  const tol = options.tolerance ?? DEFAULT_TOLERANCE;
  const line = (x: number, fx: number, analytic: number): CheckLine =>
    compareDerivative(x, undefined, numericalDerivative(f, x, options.h), analytic, fx, options);
  if (options.points) return makeReport(options.points.map((x) => line(x, f(x), df(x))), tol);
  const [lo, hi] = checkedDomain(options.domain);
  const samples = options.samples ?? 10;
  const rng = createRandom(options.seed ?? DEFAULT_SEED);
  const lines: CheckLine[] = [];
  let skipped = 0;
  for (let tries = 0; lines.length < samples && tries < samples * TRIES_PER_SAMPLE; tries++) {
    const x = rng.uniform(lo, hi);
    const fx = f(x);
    const analytic = df(x);
    if (Number.isFinite(fx) && Number.isFinite(analytic)) lines.push(line(x, fx, analytic));
    else skipped++;
  }
  return makeReport(lines, tol, skipped);
}

/** Checks every coordinate of grad(x) against f's partial derivatives, for f of several variables. */
export function checkGradient(
  f: (x: number[]) => number,
  grad: (x: number[]) => ArrayLike<number>,
  options: GradientCheckOptions = {},
): CheckReport {
  const tol = options.tolerance ?? DEFAULT_TOLERANCE;
  const linesAt = (x: readonly number[], fx: number, g: ArrayLike<number>): CheckLine[] => {
    if (g.length !== x.length) throw new RangeError(`the gradient has ${g.length} entries for ${x.length} variables`);
    return x.map((_, i) => compareDerivative(x, i, numericalPartial(f, x, i, options.h), g[i]!, fx, options));
  };
  if (options.points) {
    return makeReport(options.points.flatMap((x) => linesAt(x, f(x.slice()), grad(x.slice()))), tol);
  }
  const dim = options.dim;
  if (dim === undefined || !Number.isInteger(dim) || dim < 1) throw new RangeError('checkGradient needs `points` or a positive integer `dim`');
  const [lo, hi] = checkedDomain(options.domain);
  const samples = options.samples ?? 10;
  const rng = createRandom(options.seed ?? DEFAULT_SEED);
  const lines: CheckLine[] = [];
  let skipped = 0;
  let checked = 0;
  for (let tries = 0; checked < samples && tries < samples * TRIES_PER_SAMPLE; tries++) {
    const x = Array.from({ length: dim }, () => rng.uniform(lo, hi));
    const fx = f(x.slice());
    const g = grad(x.slice());
    if (Number.isFinite(fx) && Array.from(g).every(Number.isFinite)) {
      lines.push(...linesAt(x, fx, g));
      checked++;
    } else skipped++;
  }
  return makeReport(lines, tol, skipped);
}

/**
 * The seed's grad_check_sparse: compares analyticGrad with central differences of f
 * at x, in numChecks randomly chosen coordinates (with repetition, as the seed does).
 */
export function gradCheckSparse(
  f: (x: number[]) => number,
  x: readonly number[],
  analyticGrad: ArrayLike<number>,
  numChecks = 10,
  options: CheckOptions = {},
): CheckReport {
  if (analyticGrad.length !== x.length) {
    throw new RangeError(`the gradient has ${analyticGrad.length} entries for ${x.length} variables`);
  }
  const rng = createRandom(options.seed ?? DEFAULT_SEED);
  const fx = f(x.slice());
  const lines: CheckLine[] = [];
  for (let k = 0; k < numChecks; k++) {
    const i = rng.int(x.length);
    lines.push(compareDerivative(x, i, numericalPartial(f, x, i, options.h), analyticGrad[i]!, fx, options));
  }
  return makeReport(lines, options.tolerance ?? DEFAULT_TOLERANCE);
}
