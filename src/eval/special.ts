// Special functions in float64: erf, gamma, digamma, factorial, polygamma.
// Accuracy (checked against a 50-digit reference in test/special.test.ts):
// erf within a few ulp everywhere; gamma and digamma within ~1e-14 relative
// (digamma within ~1e-15 absolute next to its positive root 1.4616..., where
// no fixed relative bound is possible).
// Poles (gamma, digamma and factorial at the non-positive integers) give NaN:
// the two one-sided limits differ, so no single value is right. (polygamma of
// odd order goes to +Infinity from both sides, and gives +Infinity; see below.)

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
    if (sum === Infinity) return Infinity;
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

// ---------------------------------------------------------------------------
// polygamma(n, x) = psi^(n)(x), the n-th derivative of digamma.
// For x > 0 every term has the sign (-1)^(n+1), so the magnitude is a sum of
// positive parts with no cancellation:
//   |psi^(n)(x)| = n! sum_{k<m} 1/(x+k)^(n+1) + A(x+m),
//   A(y) = (n-1)!/y^n [1 + n/(2y) + sum_k B_2k/(2k)! n(n+1)...(n+2k-1)/y^2k],
// shifting up to y >= 10 + n/2, where 20 Bernoulli terms reach float precision
// (or stopping early once the rest of the sum is below 2^-60 of it: for large
// n the terms fall off fast). Arguments are carried as hi + lo where forming
// them rounds (x + k, 1 - x), so the rounding does not cost n ulps.
// Negative x: the reflection formula, with the n-th derivative of cot as a
// polynomial in cot (n <= 100) or, for larger n, where that polynomial's
// coefficients overflow, as a sum over the nearby poles.
// Poles (x a non-positive integer): +Infinity for odd n, where both one-sided
// limits are +Infinity (as 1/x^2 at 0); NaN for even n, where they differ.
// Accuracy: within ~1e-14 relative for x > 0 (n <= 170; larger n goes
// through logarithms, ~1e-12); for even n on x < 0 the terms cancel near the
// zeros of psi^(n), so the error there is relative to the terms' size.

/** B_2k / (2k)! for k = 1..20, from exact Bernoulli numbers (bigint recurrence). */
const BERNOULLI_OVER_FACTORIAL: readonly number[] = (() => {
  const gcd = (a: bigint, b: bigint): bigint => {
    a = a < 0n ? -a : a;
    b = b < 0n ? -b : b;
    while (b !== 0n) [a, b] = [b, a % b];
    return a;
  };
  // sum_{j=0}^{m} C(m+1, j) B_j = 0, with B_j = num[j] / den[j]
  const num: bigint[] = [1n];
  const den: bigint[] = [1n];
  const out: number[] = [];
  let fact = 1n; // m!
  for (let m = 1; m <= 40; m++) {
    fact *= BigInt(m);
    let p = 0n;
    let q = 1n;
    let binom = 1n; // C(m+1, j)
    for (let j = 0; j < m; j++) {
      p = p * den[j]! + binom * num[j]! * q;
      q *= den[j]!;
      const g = gcd(p, q);
      p /= g;
      q /= g;
      binom = (binom * BigInt(m + 1 - j)) / BigInt(j + 1);
    }
    let bp = -p;
    let bq = q * BigInt(m + 1);
    const g = gcd(bp, bq);
    bp /= g;
    bq /= g;
    num.push(bp);
    den.push(bq);
    if (m % 2 === 0) out.push(ratioToNumber(bp, bq * fact));
  }
  return out;
})();

/** p/q (q > 0) as a double, to within an ulp: 64 quotient bits, then one rounding and an exact scaling. */
function ratioToNumber(p: bigint, q: bigint): number {
  const neg = p < 0n;
  const a = neg ? -p : p;
  const shift = 64 - (a.toString(2).length - q.toString(2).length);
  const quotient = shift >= 0 ? (a << BigInt(shift)) / q : a / (q << BigInt(-shift));
  const v = scale2(Number(quotient), -shift);
  return neg ? -v : v;
}

/** v * 2^k, exact unless the result over- or underflows. */
function scale2(v: number, k: number): number {
  while (k > 1000) {
    v *= 2 ** 1000;
    k -= 1000;
  }
  while (k < -1000) {
    v *= 2 ** -1000;
    k += 1000;
  }
  return v * 2 ** k;
}

/** ln(n!) for n > 170 (Stirling's series; the omitted terms are below 1e-17). */
function logFactorial(n: number): number {
  const r = 1 / (n * n);
  return (n + 0.5) * Math.log(n) - n + 0.9189385332046728 + (1 / 12 - r * (1 / 360 - r / 1260)) / n;
}

/** n!/t^(n+1) for t > 0, without intermediate overflow or underflow. */
function factorialOverPower(n: number, t: number): number {
  if (n > 170) return Math.exp(logFactorial(n) - (n + 1) * Math.log(t));
  const p = Math.pow(t, -(n + 1));
  if (p >= 1e-290) return FACTORIALS[n]! * p; // overflows only when the result does
  // t = s 2^e with s in [1, 2): s^-(n+1) is a normal number; the power of two is applied exactly.
  const e = Math.floor(Math.log2(t));
  const s = scale2(t, -e);
  return scale2(FACTORIALS[n]! * Math.pow(s, -(n + 1)), -e * (n + 1));
}

/** a + b as hi + lo exactly (Knuth's two-sum). */
function twoSum(a: number, b: number): [number, number] {
  const s = a + b;
  const bb = s - a;
  return [s, a - (s - bb) + (b - bb)];
}

/** |psi^(n)(x + xlo)| for x > 0, n >= 1, |xlo| tiny next to x. */
function polygammaMagnitude(n: number, x: number, xlo: number): number {
  const target = 10 + n / 2;
  const terms: number[] = [];
  let sum = 0;
  let y = x;
  let ylo = xlo;
  for (let k = 1; y < target; k++) {
    const term = factorialOverPower(n, y) * (1 - ((n + 1) * ylo) / y);
    terms.push(term);
    sum += term;
    if (sum === Infinity) return Infinity;
    // Everything after this term is below term * (1 + y/n): stop once that is negligible
    // (or underflows: then so does the rest).
    if (term * (1 + y / n) < sum * 2 ** -60 || term === 0) return sumSmallestFirst(terms, 0);
    const [hi, lo] = twoSum(x, k);
    y = hi;
    ylo = lo + xlo;
  }
  return sumSmallestFirst(terms, asymptotic(n, y) * (1 - (n * ylo) / y));
}

/** The asymptotic series A(y) for y >= 10 + n/2. */
function asymptotic(n: number, y: number): number {
  if (y === Infinity) return 0;
  const r = 1 / (y * y);
  let bracket = 0;
  let rising = 1; // n (n+1) ... (n+2k-1) / y^2k
  for (let k = 1; k <= BERNOULLI_OVER_FACTORIAL.length; k++) {
    rising *= (n + 2 * k - 2) * (n + 2 * k - 1) * r;
    const term = BERNOULLI_OVER_FACTORIAL[k - 1]! * rising;
    bracket += term;
    if (Math.abs(term) < 2 ** -60) break;
  }
  return factorialOverPower(n - 1, y) * (1 + n / (2 * y) + bracket);
}

function sumSmallestFirst(terms: readonly number[], start: number): number {
  let s = start;
  for (let i = terms.length - 1; i >= 0; i--) s += terms[i]!;
  return s;
}

// Coefficients of P_n with d^n/dx^n cot(pi x) = pi^n P_n(cot(pi x)):
// P_0(c) = c, P_(n+1)(c) = -(1 + c^2) P_n'(c). P_n has the parity of n + 1 and
// all its coefficients have the sign (-1)^n, so it evaluates without cancellation.
const COT_DERIVATIVES: number[][] = [[0, 1]];

function cotDerivativePolynomial(n: number): number[] {
  for (let m = COT_DERIVATIVES.length; m <= n; m++) {
    const a = COT_DERIVATIVES[m - 1]!;
    const b: number[] = [];
    for (let i = 0; i <= a.length; i++) b.push(-((i + 1) * (a[i + 1] ?? 0) + (i - 1) * (a[i - 1] ?? 0)));
    COT_DERIVATIVES.push(b);
  }
  return COT_DERIVATIVES[n]!;
}

/** pi^(n+1) P_n(c), i.e. pi d^n/dx^n cot(pi x) at cot(pi x) = c. */
function cotDerivative(n: number, c: number): number {
  const a = cotDerivativePolynomial(n);
  const c2 = c * c;
  // Horner in c^2 over the powers of P_n's parity, from the leading one (no 0 * Infinity at c = +-Infinity)
  const top = a.length - 1;
  let s = a[top]!;
  for (let i = top - 2; i >= 0; i -= 2) s = s * c2 + a[i]!;
  if (top % 2 === 1) s *= c;
  return Math.pow(Math.PI, n + 1) * s;
}

/**
 * pi d^n/dx^n cot(pi x) = (-1)^n n! sum_k 1/(x - k)^(n+1) for n > 100, from the
 * five nearest poles on each side (the others are 5 or more away: below 10^-100 of
 * the nearest, at most 1/2 away). The poles are taken in pairs at distances d + j
 * and 1 - d + j, so at a half-integer the pairs cancel exactly for even n, as they should.
 */
function cotDerivativeByPoles(n: number, x: number): number {
  const [dh, dl] = twoSum(x, -Math.floor(x)); // d = x - floor(x) in (0, 1)
  const power = (h: number, l: number): number => factorialOverPower(n, h) * (1 - ((n + 1) * l) / h);
  let s = 0;
  for (let j = 4; j >= 0; j--) {
    const [lh, ll] = twoSum(dh, j);
    const [rh, rl] = twoSum(1 + j, -dh);
    const left = power(lh, ll + dl);
    const right = power(rh, rl - dl);
    if (n % 2 === 1) s += left + right;
    else if (left !== right) s += left === Infinity && right === Infinity ? (lh < rh ? Infinity : -Infinity) : left - right;
  }
  return n % 2 === 0 ? s : -s;
}

/**
 * polygamma(n, x) = psi^(n)(x), the n-th derivative of digamma (polygamma(0, x) = digamma(x)).
 * NaN unless n is a non-negative integer; at the poles (x a non-positive integer)
 * +Infinity for odd n (both one-sided limits) and NaN for even n.
 */
export function polygamma(n: number, x: number): number {
  if (!Number.isInteger(n) || n < 0 || Number.isNaN(x) || x === -Infinity) return NaN;
  if (n === 0) return digamma(x);
  const odd = n % 2 === 1;
  if (x === Infinity) return 0;
  if (Number.isInteger(x) && x <= 0) return odd ? Infinity : NaN;
  const sign = odd ? 1 : -1; // (-1)^(n+1)
  if (x > 0) return sign * polygammaMagnitude(n, x, 0);
  // x < 0, reflection: psi^(n)(x) = (-1)^n psi^(n)(1 - x) - pi d^n/dx^n cot(pi x), with 1 - x
  // as hi + lo; (-1)^n psi^(n)(1 - x) = (-1)^n (-1)^(n+1) |psi^(n)(1 - x)| = -|psi^(n)(1 - x)|.
  const [hi, lo] = twoSum(-x, 1);
  const cot = n <= 100 ? cotDerivative(n, cospi(x) / sinpi(x)) : cotDerivativeByPoles(n, x);
  return -polygammaMagnitude(n, hi, lo) - cot;
}
