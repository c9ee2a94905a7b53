// Gradient checks: compare an analytic derivative with Ridders-extrapolated central
// differences at given or random (seeded) points, and report every comparison.
//
// A verdict is never wrong in either direction, and says so when it cannot tell.
// Each comparison has an error bound: MARGIN times the error estimate of the finite
// difference (Ridders' own, with the measured rounding noise of f) plus the measured
// rounding noise of the analytic value. With d = |numerical - analytic| and m the
// larger magnitude of the two, a line is
//   good       when d <= tol*m and the bound <= tol*m (the comparison could have seen an error),
//   bad        when d > tol*m and d > the bound (no rounding or truncation explains d),
// (with an absolute tolerance atol, tol*m + atol in place of tol*m)
//   undecided  otherwise, with the reason: the values underflow, the derivative is 0
//              within the bound, the finite differences are too noisy or do not converge,
//              or f is not finite there.
// The comparison is relative to the values themselves (no absolute floor), so a
// derivative of size 1e-25 is checked as carefully as one of size 1.
//
// Sampling keeps drawing until `samples` points give evidence; without a domain it
// starts in [-10, 10] and widens to [-100, 100] and [-1000, 1000] when the points
// there say nothing (a Gaussian centred at 42 underflows everywhere in [-10, 10]),
// half the coordinates uniform, half of log-uniform size down to 1e-3 (see spread).
// A report passes with evidence (at least one good line for given points, half the
// requested samples for sampled ones) and no bad line; it fails with a bad line; it
// is inconclusive otherwise, with the reason.
import { MathError } from '../core/rational.js';
import { describeValue, ownOptions } from '../core/options.js';
import { arg, entry, argError, countOption, expectFunction, expectInteger, expectInterval, expectNumber, expectNumbers, opt, optional } from '../core/check-args.js';
import { DEFAULT_SEED, createRandom } from './random.js';
import { DEFAULT_NOISE_SCALE, numericalDerivative, numericalPartial, roundingNoise, type Estimate } from './numerical.js';
import { relErrorScalar } from './relError.js';
import { makeReport, type CheckLine, type CheckReport, type LineVerdict } from './report.js';

export interface CheckOptions {
  /** Largest relative error that passes (default 1e-7). */
  readonly tolerance?: number;
  /** An absolute difference that always passes (default 0). */
  readonly atol?: number;
  /** A fixed finite-difference step (relative to max(|x|, 1)) instead of the adaptive default (the seed's formula, without an error bound). */
  readonly h?: number;
  /** Seed of the random points or coordinates (default 231). */
  readonly seed?: number;
  /**
   * The absolute scale at which f and the derivative are assumed to round: values are
   * trusted to a few ulps of max(|value|, noiseScale). Default 1, the scale of the
   * constants most expressions add (log(1 + u) rounds at 1, however small u);
   * 0 trusts every value to be accurate relative to itself.
   */
  readonly noiseScale?: number;
}

export type Interval = readonly [number, number];

export interface DerivativeCheckOptions extends CheckOptions {
  /** Check exactly these points (then nothing is sampled). */
  readonly points?: readonly number[];
  /** Sample from this interval (default [-10, 10], widened when it gives no evidence). */
  readonly domain?: Interval;
  /** How many points to sample (default 10). */
  readonly samples?: number;
}

export interface GradientCheckOptions extends CheckOptions {
  readonly points?: readonly (readonly number[])[];
  /** The interval of every coordinate, or one interval per coordinate (default [-10, 10], widened when it gives no evidence). */
  readonly domain?: Interval | readonly Interval[];
  readonly samples?: number;
  /** Number of variables, needed when points are sampled. */
  readonly dim?: number;
  /**
   * A second opinion on a line (for example at high precision, see recheck.ts): called
   * for every line; its answer replaces the line, undefined keeps it.
   */
  readonly recheck?: (line: CheckLine) => CheckLine | undefined;
}

export const DEFAULT_TOLERANCE = 1e-7;
/** Safety factor on the error estimates: a bad line differs by more than MARGIN estimated errors. */
export const MARGIN = 4;
const TRIES_PER_SAMPLE = 50;
const MIN_NORMAL = 2.2250738585072014e-308;
/** The intervals sampled in turn when no domain is given. */
export const WIDENING: readonly Interval[] = [[-10, 10], [-100, 100], [-1000, 1000]];

/** The reasons a line is undecided (also the keys of CheckReport.skippedWhy). */
export const UNDECIDED = Object.freeze({
  domain: 'f or the derivative is not finite (outside the domain)',
  underflow: 'f and the derivative are 0 (or underflow to 0)',
  zero: 'the derivative is 0 within the error of the finite differences',
  noise: 'the finite differences are too inaccurate (rounding noise or a rapidly varying f)',
  diverge: 'the finite differences do not converge (f may not be differentiable there)',
  kink: 'f has a kink or a jump within the finite-difference step (a branch of abs, floor, min, max, a condition or a fractional power changes)',
});

/** An own property of an options object, never one inherited from a prototype. */
export function own<T extends object, K extends keyof T>(o: T, k: K): T[K] | undefined {
  if (typeof o !== 'object' || o === null) throw argError('own', arg(1, 'o'), 'an object', o);
  return Object.hasOwn(o, k) ? o[k] : undefined;
}

/**
 * A check's options, own properties only, with the types of the CheckOptions
 * fields checked: a MathError naming `fn` and the option.
 */
export function checkOptions<T extends CheckOptions>(given: T | undefined, fn: string): T {
  const o = ownOptions(given, fn);
  for (const k of ['tolerance', 'atol'] as const) {
    const v = optional(o, k, expectNumber, fn);
    if (v !== undefined && !(v >= 0)) throw argError(fn, opt(k), 'a number >= 0', v);
  }
  const h = optional(o, 'h', expectNumber, fn);
  if (h !== undefined && !(h > 0 && h < Infinity)) throw argError(fn, opt('h'), 'a finite number > 0', h);
  optional(o, 'seed', (v, f, w) => expectNumber(v, f, w, true), fn);
  optional(o, 'noiseScale', expectNumber, fn);
  noiseScale(o, fn);
  countOption(o, 'samples', fn);
  optional(o, 'dim', (v, f, w) => expectInteger(v, f, w, 1), fn);
  return o;
}

/** The Estimate argument of judge and compareDerivative: { value, error } numbers. */
function expectEstimate(e: unknown, fn: string, what: string): Estimate {
  if (typeof e !== 'object' || e === null || typeof (e as Estimate).value !== 'number' || typeof (e as Estimate).error !== 'number') {
    throw argError(fn, what, 'an estimate { value, error } (from numericalDerivative)', e);
  }
  return e as Estimate;
}

export interface Judgement {
  readonly verdict: LineVerdict;
  readonly reason?: string;
  readonly bound: number;
}

/**
 * The verdict on one comparison (see the top of this file). `analyticError` is the
 * estimated rounding error of the analytic value (0 when unknown).
 */
export function judge(numerical: Estimate, analytic: number, fx: number, options: CheckOptions = {}, analyticError = 0): Judgement {
  expectEstimate(numerical, 'judge', arg(1, 'numerical'));
  expectNumber(analytic, 'judge', arg(2, 'analytic'));
  expectNumber(fx, 'judge', arg(3, 'fx'));
  expectNumber(analyticError, 'judge', arg(5, 'analyticError'));
  options = checkOptions(options, 'judge');
  const tol = own(options, 'tolerance') ?? DEFAULT_TOLERANCE;
  const atol = own(options, 'atol') ?? 0;
  const n = numerical.value;
  const fixedStep = Number.isNaN(numerical.error);
  const bound = fixedStep ? 0 : MARGIN * (numerical.error + analyticError);
  const und = (reason: string): Judgement => ({ verdict: 'undecided', reason, bound });
  if (!Number.isFinite(fx)) return und(UNDECIDED.domain);
  if (!Number.isFinite(n) || !(bound < Infinity)) return und(Number.isFinite(analytic) ? UNDECIDED.diverge : UNDECIDED.domain);
  if (!Number.isFinite(analytic)) {
    // f is finite and its finite differences converge, but the derivative claims no value.
    return !fixedStep && bound <= tol * Math.abs(n) ? { verdict: 'bad', bound } : und(UNDECIDED.domain);
  }
  const d = n === analytic ? 0 : Math.abs(n - analytic);
  const m = Math.max(Math.abs(n), Math.abs(analytic));
  if (m < MIN_NORMAL && atol === 0) return und(Math.abs(fx) < MIN_NORMAL ? UNDECIDED.underflow : UNDECIDED.zero);
  if (fixedStep) return { verdict: relErrorScalar(n, analytic) <= tol || d <= atol ? 'good' : 'bad', bound };
  const allowed = tol * m + atol;
  if (d > allowed && d > bound) return { verdict: 'bad', bound };
  if (d <= allowed && bound <= allowed) return { verdict: 'good', bound };
  return und(m <= bound ? UNDECIDED.zero : UNDECIDED.noise);
}

/** |a - b| / (|a| + |b|): the seed's relative error without its 1e-8 floor, which would hide every small derivative. */
export function trueRelError(a: number, b: number): number {
  expectNumber(a, 'trueRelError', arg(1, 'a'));
  expectNumber(b, 'trueRelError', arg(2, 'b'));
  if (a === b) return 0;
  const r = relErrorScalar(a, b);
  if (!Number.isFinite(r)) return r;
  const s = Math.abs(a) + Math.abs(b);
  return s >= 1e-8 || !Number.isFinite(s) ? r : Math.abs(a - b) / s;
}

/** Judges one analytic value against one numerical estimate (see the top of this file). */
export function compareDerivative(
  point: number | readonly number[],
  index: number | undefined,
  numerical: Estimate,
  analytic: number,
  fx: number,
  options: CheckOptions = {},
  analyticError = 0,
): CheckLine {
  if (typeof point !== 'number') expectNumbers(point, 'compareDerivative', arg(1, 'point'));
  if (index !== undefined) expectInteger(index, 'compareDerivative', arg(2, 'index'));
  expectEstimate(numerical, 'compareDerivative', arg(3, 'numerical'));
  const num = numerical.value;
  const j = judge(numerical, analytic, fx, options, analyticError);
  const line: CheckLine = {
    point: typeof point === 'number' ? point : Object.freeze([...point]),
    numerical: num,
    analytic,
    relError: trueRelError(num, analytic),
    absError: num === analytic ? 0 : Math.abs(num - analytic),
    numericalError: numerical.error,
    bound: j.bound,
    verdict: j.verdict,
    ...(j.reason !== undefined ? { reason: j.reason } : {}),
    pass: j.verdict === 'good',
  };
  return index === undefined ? line : { ...line, index };
}

function checkedInterval(d: Interval): Interval {
  if (!Array.isArray(d) || d.length !== 2) throw new MathError(`the option domain must be an interval [lo, hi] (or one per variable), got ${describeValue(d)}`);
  const [lo, hi] = d;
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo < hi)) throw new MathError(`bad domain [${lo}, ${hi}]: an interval [lo, hi] of finite numbers with lo < hi`);
  return [lo, hi];
}

/** The per-coordinate intervals of a domain option, or undefined for the default (widening). */
function domains(domain: Interval | readonly Interval[] | undefined, dim: number): Interval[] | undefined {
  if (domain === undefined) return undefined;
  if (!Array.isArray(domain)) throw new MathError(`checkGradient: the option domain must be an interval [lo, hi] or one per variable, got ${describeValue(domain)}`);
  if (typeof domain[0] === 'number') return Array.from({ length: dim }, () => checkedInterval(domain as unknown as Interval));
  const list = domain as readonly Interval[];
  if (list.length !== dim) throw new MathError(`the domain gives ${list.length} intervals for ${dim} variables`);
  return list.map(checkedInterval);
}

/**
 * Samples points until `samples` of them give evidence (a good or bad line), over
 * `stages` of per-coordinate intervals in turn; points without evidence are dropped
 * and counted by reason.
 */
function sample(
  stages: readonly (readonly Interval[])[],
  samples: number,
  seed: number,
  linesAt: (x: number[]) => CheckLine[] | string,
  tol: number,
  widenable: boolean,
): CheckReport {
  const rng = createRandom(seed);
  const lines: CheckLine[] = [];
  const skippedWhy: Record<string, number> = Object.create(null) as Record<string, number>;
  let skipped = 0;
  let kept = 0;
  let stage = 0;
  for (; stage < stages.length && kept < samples; stage++) {
    const box = stages[stage]!;
    for (let tries = 0; kept < samples && tries < samples * TRIES_PER_SAMPLE; tries++) {
      const x = box.map(([lo, hi]) => (widenable ? spread(rng, hi) : rng.uniform(lo, hi)));
      const at = linesAt(x);
      const decided = typeof at !== 'string' && at.some((l) => l.verdict !== 'undecided');
      if (decided) {
        lines.push(...at);
        kept++;
        continue;
      }
      const why = typeof at === 'string' ? at : (at.find((l) => l.reason)?.reason ?? UNDECIDED.noise);
      skippedWhy[why] = (skippedWhy[why] ?? 0) + 1;
      skipped++;
    }
  }
  const last = stages[Math.max(0, stage - 1)]!;
  const widened = widenable && stage > 1 ? last[0] : undefined;
  return makeReport(lines, tol, skipped, {
    skippedWhy,
    minEvidence: Math.ceil(samples / 2),
    ...(widened ? { widened } : {}),
  });
}

/**
 * A coordinate of the default sample in [-r, r]: uniform half the time, else of
 * log-uniform size from 1e-3 to r with either sign, so that the points near 0, where
 * a fudge like 1/(x^4 + 0.0001) for 1/x^4 shows, are sampled as well as the large ones.
 */
function spread(rng: ReturnType<typeof createRandom>, r: number): number {
  if (rng.next() < 0.5) return rng.uniform(-r, r);
  const size = 10 ** rng.uniform(-3, Math.log10(r));
  return rng.next() < 0.5 ? -size : size;
}

function samplesOption(o: { readonly samples?: number }): number {
  const n = own(o, 'samples') ?? 10;
  if (!Number.isInteger(n) || n < 1) throw new MathError(`the option samples must be a positive integer, not ${describeValue(n)}`);
  return n;
}

/**
 * Checks df against f' for f of one variable, at options.points or at `samples`
 * random points of `domain` (points where f or df is not finite, or that give no
 * evidence, are skipped and counted).
 */
export function checkDerivative(
  f: (x: number) => number,
  df: (x: number) => number,
  options: DerivativeCheckOptions = {},
): CheckReport {
  expectFunction(f, 'checkDerivative', arg(1, 'f'));
  expectFunction(df, 'checkDerivative', arg(2, 'df'));
  options = checkOptions(options, 'checkDerivative');
  optional(options, 'points', expectNumbers, 'checkDerivative');
  optional(options, 'domain', expectInterval, 'checkDerivative');
  const tol = own(options, 'tolerance') ?? DEFAULT_TOLERANCE;
  const h = own(options, 'h');
  const scale = noiseScale(options);
  const line = (x: number, fx: number, analytic: number): CheckLine =>
    compareDerivative(x, undefined, numericalDerivative(f, x, h, scale), analytic, fx, options, h === undefined ? analyticNoise(df, x, analytic, scale) : 0);
  const points = own(options, 'points');
  if (points) return makeReport(points.map((x) => line(x, f(x), df(x))), tol);
  const given = own(options, 'domain');
  const stages = given === undefined ? WIDENING.map((d) => [d]) : [[checkedInterval(given)]];
  return sample(stages, samplesOption(options), own(options, 'seed') ?? DEFAULT_SEED, ([x]) => {
    const fx = f(x!);
    const analytic = df(x!);
    return Number.isFinite(fx) && Number.isFinite(analytic) ? [line(x!, fx, analytic)] : UNDECIDED.domain;
  }, tol, given === undefined);
}

/** Checks every coordinate of grad(x) against f's partial derivatives, for f of several variables. */
export function checkGradient(
  f: (x: number[]) => number,
  grad: (x: number[]) => ArrayLike<number>,
  options: GradientCheckOptions = {},
): CheckReport {
  expectFunction(f, 'checkGradient', arg(1, 'f'));
  expectFunction(grad, 'checkGradient', arg(2, 'grad'));
  options = checkOptions(options, 'checkGradient');
  const pts = own(options, 'points');
  if (pts !== undefined) {
    if (!Array.isArray(pts)) throw argError('checkGradient', opt('points'), 'an array of points (arrays of numbers)', pts);
    pts.forEach((p, i) => expectNumbers(p, 'checkGradient', entry(i, opt('points'))));
  }
  optional(options, 'recheck', expectFunction, 'checkGradient');
  const tol = own(options, 'tolerance') ?? DEFAULT_TOLERANCE;
  const h = own(options, 'h');
  const scale = noiseScale(options);
  const recheck = own(options, 'recheck');
  const linesAt = (x: readonly number[], fx: number, g: ArrayLike<number>): CheckLine[] => {
    if (g === null || typeof g !== 'object' || g.length !== x.length) throw new MathError(`checkGradient: the gradient has ${describeLength(g)} entries for ${x.length} variables`);
    return x.map((_, i) => {
      const noise = h === undefined ? analyticNoise((t) => grad(withCoordinate(x, i, t))[i]!, x[i]!, g[i]!, scale) : 0;
      const line = compareDerivative(x, i, numericalPartial(f, x, i, h, scale), g[i]!, fx, options, noise);
      return (recheck && recheck(line)) ?? line;
    });
  };
  const points = own(options, 'points');
  if (points) return makeReport(points.flatMap((x) => linesAt(x, f(x.slice()), grad(x.slice()))), tol);
  const dim = own(options, 'dim');
  if (dim === undefined || !Number.isInteger(dim) || dim < 1) throw new MathError(`checkGradient needs \`points\` or a positive integer \`dim\`, got dim ${describeValue(dim)}`);
  const given = domains(own(options, 'domain'), dim);
  const stages: Interval[][] = given ? [given] : WIDENING.map((d) => Array.from({ length: dim }, () => d));
  return sample(stages, samplesOption(options), own(options, 'seed') ?? DEFAULT_SEED, (x) => {
    const fx = f(x.slice());
    const g = grad(x.slice());
    return Number.isFinite(fx) && Array.from(g).every(Number.isFinite) ? linesAt(x, fx, g) : UNDECIDED.domain;
  }, tol, given === undefined);
}

function noiseScale(options: CheckOptions, fn = 'a check'): number {
  const s = own(options, 'noiseScale') ?? DEFAULT_NOISE_SCALE;
  if (typeof s !== 'number' || !(s >= 0 && s < Infinity)) throw new MathError(`${fn}: the option noiseScale must be a finite number >= 0, got ${describeValue(s)}`);
  return s;
}

/** The rounding error assumed in an analytic value: a few ulps at the noise scale, or more where it is measured. */
function analyticNoise(g: (t: number) => number, x: number, value: number, scale: number): number {
  return Math.max(roundingNoise(g, x), 2 * Number.EPSILON * Math.max(Math.abs(value), scale));
}

const describeLength = (g: unknown): string =>
  typeof g === 'object' && g !== null && typeof (g as ArrayLike<number>).length === 'number' ? String((g as ArrayLike<number>).length) : `no array but ${describeValue(g)}, so no`;

function withCoordinate(x: readonly number[], i: number, t: number): number[] {
  const y = x.slice();
  y[i] = t;
  return y;
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
  expectFunction(f, 'gradCheckSparse', arg(1, 'f'));
  expectNumbers(x, 'gradCheckSparse', arg(2, 'x'));
  expectNumbers(analyticGrad, 'gradCheckSparse', arg(3, 'analyticGrad'));
  expectInteger(numChecks, 'gradCheckSparse', arg(4, 'numChecks'));
  options = checkOptions(options, 'gradCheckSparse');
  if (analyticGrad.length !== x.length) {
    throw new MathError(`gradCheckSparse: the gradient has ${analyticGrad.length} entries for ${x.length} variables`);
  }
  const rng = createRandom(own(options, 'seed') ?? DEFAULT_SEED);
  const h = own(options, 'h');
  const fx = f(x.slice());
  const lines: CheckLine[] = [];
  for (let k = 0; k < numChecks; k++) {
    const i = rng.int(x.length);
    lines.push(compareDerivative(x, i, numericalPartial(f, x, i, h, noiseScale(options)), analyticGrad[i]!, fx, options));
  }
  return makeReport(lines, own(options, 'tolerance') ?? DEFAULT_TOLERANCE);
}
