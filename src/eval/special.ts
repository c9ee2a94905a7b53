// Special functions in float64: erf, gamma, digamma, factorial.
// Accuracy (checked against a 50-digit reference in test/special.test.ts):
// erf within a few ulp everywhere; gamma and digamma within ~1e-14 relative
// (digamma within ~1e-15 absolute next to its positive root 1.4616..., where
// no fixed relative bound is possible).
// Poles (gamma, digamma and factorial at the non-positive integers) give NaN:
// the two one-sided limits differ, so no single value is right.

const SQRT_PI = 1.7724538509055160273;
const TWO_OVER_SQRT_PI = 1.1283791670955125739;
const SQRT_2PI = 2.5066282746310005024;
const EPS = Number.EPSILON;

/** x*x as an unevaluated sum hi + lo, exactly (Dekker's product). */
function squareSplit(x: number): [number, number] {
  const hi = x * x;
  const c = 134217729 * x; // 2^27 + 1 splits x into two 26-bit halves
  const xh = c - (c - x);
  const xl = x - xh;
  const lo = xh * xh - hi + 2 * xh * xl + xl * xl;
  return [hi, lo];
}

/** exp(-x^2) without the rounding error of forming x^2 first. */
function expMinusSquare(x: number): number {
  const [hi, lo] = squareSplit(x);
  return Math.exp(-hi) * (1 - lo);
}

/**
 * erf for |x| < 2 from the all-positive series
 * erf(x) = 2x/sqrt(pi) e^(-x^2) sum_n (2x^2)^n / (1*3*...*(2n+1)),
 * which has no cancellation (unlike the alternating Maclaurin series).
 */
function erfSeries(x: number): number {
  const x2 = 2 * x * x;
  let term = 1;
  let sum = 1;
  for (let n = 1; n < 200; n++) {
    term *= x2 / (2 * n + 1);
    sum += term;
    if (term < sum * EPS * 0.25) break;
  }
  return TWO_OVER_SQRT_PI * x * expMinusSquare(x) * sum;
}

/**
 * erfc for x >= 2 from Laplace's continued fraction
 * sqrt(pi) e^(x^2) erfc(x) = 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))),
 * evaluated with the modified Lentz method.
 */
function erfcContinuedFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = x + a * d;
    if (d === 0) d = tiny;
    d = 1 / d;
    c = x + a / c;
    if (c === 0) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < EPS * 0.5) break;
  }
  return expMinusSquare(x) / (SQRT_PI * f);
}

/** The error function, odd, with erf(+-Infinity) = +-1. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax < 2) return erfSeries(x);
  // erfc(6) < 2^-54, so erf rounds to +-1 from there on.
  const v = ax >= 6 ? 1 : 1 - erfcContinuedFraction(ax);
  return x < 0 ? -v : v;
}

/** The complementary error function 1 - erf(x), accurate also where it is tiny. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 2) return 1 - erf(x);
  if (x > 27.3) return 0; // below the smallest subnormal
  return erfcContinuedFraction(x);
}

/** sin(pi*x) with exact argument reduction, so it is accurate near every integer. */
export function sinpi(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  let r = x % 2; // exact
  if (r < -1) r += 2;
  else if (r > 1) r -= 2;
  // r in [-1, 1]; sin(pi r) = sin(pi (1 - r)); the subtractions are exact (Sterbenz)
  if (r > 0.5) r = 1 - r;
  else if (r < -0.5) r = -1 - r;
  return Math.sin(Math.PI * r);
}

/** cos(pi*x) with exact argument reduction, accurate near every half-integer. */
export function cospi(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  let r = Math.abs(x) % 2;
  if (r > 1) r = 2 - r;
  // r in [0, 1]; cos(pi r) = sin(pi (1/2 - r)), exact subtraction for r >= 1/4
  return r < 0.25 ? Math.cos(Math.PI * r) : Math.sin(Math.PI * (0.5 - r));
}

// n! for n = 0..170, each correctly rounded (from exact bigints).
const FACTORIALS: readonly number[] = (() => {
  const out: number[] = [];
  let f = 1n;
  for (let n = 0; n <= 170; n++) {
    if (n > 0) f *= BigInt(n);
    out.push(Number(f));
  }
  return out;
})();

// Lanczos approximation, g = 607/128 with 15 terms (P. Godfrey's coefficients).
const LANCZOS_G = 4.7421875;
const LANCZOS: readonly number[] = [
  0.99999999999999709182, 57.156235665862923517, -59.597960355475491248, 14.136097974741747174,
  -0.49191381609762019978, 0.33994649984811888699e-4, 0.46523628927048575665e-4, -0.98374475304879564677e-4,
  0.15808870322491248884e-3, -0.21026444172410488319e-3, 0.2174396181152126432e-3, -0.16431810653676389022e-3,
  0.84418223983852743293e-4, -0.2619083840158140867e-4, 0.36899182659531622704e-5,
];

/** Gamma for x >= 1/2 (Lanczos). */
function gammaLanczos(x: number): number {
  const z = x - 1;
  let a = LANCZOS[0]!;
  for (let k = 1; k < LANCZOS.length; k++) a += LANCZOS[k]! / (z + k);
  const t = z + LANCZOS_G + 0.5;
  // t^(z+1/2) e^-t, split in two halves so that neither factor overflows before the product must.
  const half = Math.pow(t, (z + 0.5) / 2);
  return SQRT_2PI * a * half * (half * Math.exp(-t));
}

/** The gamma function; exact (correctly rounded) at the positive integers up to 171, NaN at its poles. */
export function gamma(x: number): number {
  if (Number.isNaN(x) || x === -Infinity) return NaN;
  if (Number.isInteger(x)) {
    if (x <= 0) return NaN; // pole
    return x <= 171 ? FACTORIALS[x - 1]! : Infinity;
  }
  if (x > 171.7) return Infinity;
  if (x >= 0.5) return gammaLanczos(x);
  if (x > -0.5) return gammaLanczos(x + 1) / x;
  // Reflection: gamma(x) gamma(1 - x) = pi / sin(pi x), with gamma(1 - x) formed as
  // -x gamma(-x): -x is exact, while rounding 1 - x would cost ~psi(1 - x) ulps.
  return Math.PI / (sinpi(x) * (-x * gammaLanczos(-x)));
}

/** x! = gamma(x + 1); exact (correctly rounded) for the integers 0..170, NaN at the negative integers. */
export function factorial(x: number): number {
  if (Number.isInteger(x)) {
    if (x < 0) return NaN;
    return x <= 170 ? FACTORIALS[x]! : Infinity;
  }
  return gamma(x + 1);
}

// Euler's constant to 40 digits, scaled by 10^40.
const EULER_GAMMA_E40 = 5772156649015328606065120900824024310422n;

// psi(n) = H(n-1) - gamma for n = 1..10, correctly rounded: the recurrence below loses
// a few ulps to cancellation there (psi(1) = -gamma comes out 6 ulps off).
const DIGAMMA_AT_INTEGERS: readonly number[] = (() => {
  const out: number[] = [];
  const scale = 10n ** 40n;
  let num = 0n; // H(n-1) = num / den
  let den = 1n;
  for (let n = 1; n <= 10; n++) {
    const v = (num * scale) / den - EULER_GAMMA_E40; // (H - gamma) * 10^40, to 1e-40
    const a = v < 0n ? -v : v;
    const text = `${v < 0n ? '-' : ''}${a / scale}.${(a % scale).toString().padStart(40, '0')}`;
    out.push(parseFloat(text)); // parseFloat rounds correctly
    num = num * BigInt(n) + den;
    den *= BigInt(n);
  }
  return out;
})();

/** The digamma function psi = gamma'/gamma; NaN at its poles (the non-positive integers). */
export function digamma(x: number): number {
  if (Number.isNaN(x) || x === -Infinity) return NaN;
  if (x === Infinity) return Infinity;
  if (Number.isInteger(x)) {
    if (x <= 0) return NaN;
    if (x <= 10) return DIGAMMA_AT_INTEGERS[x - 1]!;
  }
  // Reflection below -1: psi(1 - x) - psi(x) = pi cot(pi x). On (-1, 0) the
  // recurrence is better (sin(pi x) loses digits for subnormal x).
  if (x <= -1) return digamma(1 - x) - (Math.PI * cospi(x)) / sinpi(x);
  if (x < 0) return digamma(x + 1) - 1 / x;
  // Recurrence psi(x) = psi(x + n) - sum 1/(x + k), up to where the asymptotic series is exact in float64.
  let shift = 0;
  let y = x;
  for (let k = 0; y < 10; k++) {
    shift += 1 / y;
    y = x + (k + 1);
  }
  const r = 1 / (y * y);
  // psi(y) ~ ln y - 1/(2y) - sum B_2k / (2k y^2k), Bernoulli numbers B_2 .. B_14
  const tail =
    r *
    (1 / 12 -
      r * (1 / 120 - r * (1 / 252 - r * (1 / 240 - r * (1 / 132 - r * (691 / 32760 - r * (1 / 12)))))));
  return Math.log(y) - 0.5 / y - tail - shift;
}
