// Exact rational arithmetic on bigints. A rational is always normalised:
// denominator > 0 and gcd(|num|, den) = 1, so equal values have equal fields.

export interface Rational {
  readonly p: bigint; // numerator
  readonly q: bigint; // denominator, > 0
}

export class MathError extends Error {
  override name = 'MathError';
}

/** Largest result, in bits, that exact folding may produce; beyond it a power stays symbolic. */
export const MAX_EXACT_BITS = 4096;

export function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function rat(p: bigint, q: bigint = 1n): Rational {
  if (q === 1n) return { p, q };
  if (q === 0n) throw new MathError('division by zero');
  if (q < 0n) {
    p = -p;
    q = -q;
  }
  const g = gcd(p, q);
  return g > 1n ? { p: p / g, q: q / g } : { p, q };
}

// Integers need no gcd (most operands are integers: a fast path).
export const ratAdd = (a: Rational, b: Rational): Rational =>
  a.q === 1n && b.q === 1n ? { p: a.p + b.p, q: 1n } : rat(a.p * b.q + b.p * a.q, a.q * b.q);
export const ratMul = (a: Rational, b: Rational): Rational =>
  a.q === 1n && b.q === 1n ? { p: a.p * b.p, q: 1n } : rat(a.p * b.p, a.q * b.q);
export const ratNeg = (a: Rational): Rational => ({ p: -a.p, q: a.q });
export const ratInv = (a: Rational): Rational => rat(a.q, a.p);
export const ratCmp = (a: Rational, b: Rational): number => {
  const d = a.p * b.q - b.p * a.q;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
};
export const isInteger = (a: Rational): boolean => a.q === 1n;
export const ratToNumber = (a: Rational): number =>
  a.q === 1n ? Number(a.p) : bigRatioToNumber(a.p, a.q);

export function bitLength(n: bigint): number {
  return (n < 0n ? -n : n).toString(2).length;
}

const EXACT_DOUBLE = 2n ** 53n;

/**
 * p/q (q > 0) rounded to the nearest double. Number(p)/Number(q) is exact only while both
 * are below 2^53 (and is NaN when both overflow); shifting both by one amount would drop a
 * much smaller p to 0, or to -1 when negative (-1/3^1400 became -1.9e-301). So the quotient
 * is taken in integers at the result's precision (53 bits, or the subnormal spacing 2^-1074),
 * rounded half to even, and scaled by a power of 2, which is exact.
 */
function bigRatioToNumber(p: bigint, q: bigint): number {
  const a = p < 0n ? -p : p;
  if (a <= EXACT_DOUBLE && q <= EXACT_DOUBLE) return Number(p) / Number(q);
  // a/q lies in [2^(d-1), 2^(d+1)): with s = d - 53 the quotient has 53 or 54 bits
  let s = Math.max(bitLength(a) - bitLength(q) - 53, -1074);
  let n = s < 0 ? a << BigInt(-s) : a;
  let d = s > 0 ? q << BigInt(s) : q;
  if (n / d >= EXACT_DOUBLE) {
    s += 1;
    if (s > 0) d <<= 1n;
    else n >>= 1n; // n was a << (1 - s): shifting back is exact
  }
  let m = n / d;
  const twiceRest = (n % d) * 2n;
  if (twiceRest > d || (twiceRest === d && (m & 1n) === 1n)) m += 1n;
  const v = Number(m) * 2 ** s;
  return p < 0n ? -v : v;
}

/** Integer k-th root of n >= 0 if exact, else null. */
function exactRoot(n: bigint, k: bigint): bigint | null {
  if (n < 2n || k === 1n) return n;
  const bits = bitLength(n);
  if (k >= BigInt(bits)) return null; // 1 < n < 2^k: no integer root
  const kk = Number(k);
  // Start above the root (2^ceil(bits/k)) and descend by Newton's method.
  let x = 1n << BigInt(Math.ceil(bits / kk));
  for (;;) {
    const next = ((k - 1n) * x + n / x ** (k - 1n)) / k;
    if (next >= x) break;
    x = next;
  }
  return x ** k === n ? x : null;
}

/**
 * base^exp exactly, or null when the result is irrational, complex, too large,
 * or undefined (0 to a negative power throws: that is a division by zero).
 * Real semantics: an odd root of a negative number is negative.
 */
export function ratPow(base: Rational, exp: Rational): Rational | null {
  if (base.p === 0n) {
    if (exp.p < 0n) throw new MathError('division by zero (0 raised to a negative power)');
    return exp.p === 0n ? null : rat(0n); // 0^0 is left symbolic
  }
  if (exp.p === 0n) return rat(1n);
  const bits = Math.max(bitLength(base.p), bitLength(base.q));
  const absP = exp.p < 0n ? -exp.p : exp.p;
  if (bits > 1 && Number(absP) * bits / Number(exp.q) > MAX_EXACT_BITS) return null;
  if (bits === 1 && base.q === 1n && (base.p === 1n || base.p === -1n)) {
    // (+-1)^(p/q): 1, or -1 with an odd root of an odd power
    if (base.p === 1n) return rat(1n);
    if (exp.q % 2n === 0n) return null;
    return rat(absP % 2n === 0n ? 1n : -1n);
  }
  let num = base.p;
  let den = base.q;
  let negative = false;
  if (num < 0n) {
    if (exp.q % 2n === 0n) return null; // even root of a negative: not real
    num = -num;
    negative = absP % 2n === 1n;
  }
  let rn = exactRoot(num, exp.q);
  let rd = exactRoot(den, exp.q);
  if (rn === null || rd === null) return null;
  rn = rn ** absP;
  rd = rd ** absP;
  if (negative) rn = -rn;
  return exp.p < 0n ? rat(rd, rn) : rat(rn, rd);
}

/** Parses a decimal literal such as 12, 0.1, 1.5e-3 into an exact rational. */
export function parseDecimal(text: string): Rational {
  const m = /^(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) throw new MathError(`not a number: ${text}`);
  const intPart = m[1] ?? '';
  const frac = m[2] ?? '';
  const e = Number(m[3] ?? '0') - frac.length;
  if (Math.abs(e) > MAX_EXACT_BITS) throw new MathError(`exponent of ${text} is out of range`);
  const digits = BigInt((intPart + frac) || '0');
  return e >= 0 ? rat(digits * 10n ** BigInt(e)) : rat(digits, 10n ** BigInt(-e));
}

/** The largest a with a^q dividing n (n > 0), by trial division over small factors. */
export function rootFactor(n: bigint, q: bigint): bigint {
  let a = 1n;
  let rest = n;
  for (let p = 2n; p <= 997n && p ** q <= rest; p++) {
    const pq = p ** q;
    while (rest % pq === 0n) {
      rest /= pq;
      a *= p;
    }
    while (rest % p === 0n) rest /= p;
  }
  return a;
}
