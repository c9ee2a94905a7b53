// Gradient checks as fast-check properties, for users' own test suites: the
// gradient-check workflow of src/check at points fast-check chooses (and
// shrinks), failing with the seed-style report line of the worst point.
import fc from 'fast-check';
import { checkGradient, formatReport, type CheckOptions } from '../check/index.js';
import { checkOptions } from '../check/gradcheck.js';
import { arg, expectFunction, expectInteger, expectInterval, optional } from '../core/check-args.js';

export interface GradientPropertyOptions extends CheckOptions {
  /** Every coordinate is drawn from this interval (default [-10, 10]). */
  readonly domain?: readonly [number, number];
}

const coordinate = ([lo, hi]: readonly [number, number]): fc.Arbitrary<number> =>
  fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });

/**
 * A fast-check property: grad(x) agrees with central differences of f at random
 * points of the domain where both are finite and the comparison gives evidence
 * (see src/check/gradcheck.ts). `fc.assert(gradientProperty(f, grad, 3))`.
 */
export function gradientProperty(
  f: (x: number[]) => number,
  grad: (x: number[]) => ArrayLike<number>,
  dim: number,
  options: GradientPropertyOptions = {},
): fc.IPropertyWithHooks<[number[]]> {
  return gradientPropertyOf('gradientProperty', f, grad, dim, options);
}

function gradientPropertyOf(
  fn: string,
  f: (x: number[]) => number,
  grad: (x: number[]) => ArrayLike<number>,
  dim: number,
  given: GradientPropertyOptions,
): fc.IPropertyWithHooks<[number[]]> {
  expectFunction(f, fn, arg(1, 'f'));
  expectFunction(grad, fn, arg(2, fn === 'derivativeProperty' ? 'df' : 'grad'));
  const options = checkOptions(given, fn);
  if (fn === 'gradientProperty') expectInteger(dim, fn, arg(3, 'dim'), 1);
  optional(options, 'domain', expectInterval, fn);
  const domain = options.domain ?? [-10, 10];
  return fc.property(fc.array(coordinate(domain), { minLength: dim, maxLength: dim }), (x) => {
    fc.pre(Number.isFinite(f(x.slice())) && Array.from(grad(x.slice())).every(Number.isFinite));
    const report = checkGradient(f, grad, { ...options, points: [x] });
    if (report.verdict === 'fail') throw new Error(`gradient check failed:\n${formatReport(report)}`);
    // A point that cannot tell (underflow, a zero derivative, noise) is discarded, not
    // passed: fast-check reports it when too few points give evidence.
    fc.pre(report.verdict === 'pass');
  });
}

/** The one-variable case: `fc.assert(derivativeProperty(Math.sin, Math.cos))`. */
export function derivativeProperty(
  f: (x: number) => number,
  df: (x: number) => number,
  options: GradientPropertyOptions = {},
): fc.IPropertyWithHooks<[number[]]> {
  expectFunction(f, 'derivativeProperty', arg(1, 'f'));
  expectFunction(df, 'derivativeProperty', arg(2, 'df'));
  return gradientPropertyOf('derivativeProperty', (x) => f(x[0]!), (x) => [df(x[0]!)], 1, options);
}
