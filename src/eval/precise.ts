// Exact and certified values of expressions, for verdicts that must not be fooled
// by float64 (verify, sign decisions of constants).
//
// A value is either an exact rational (while only + - * /, integer powers, exact
// roots, abs, sign, floor, ceil, min and max are met) or an interval [lo, hi] of
// dyadic numbers m*2^e (BigInt m) certain to contain the true real value: every
// operation rounds lo down and hi up, and each transcendental function is a series
// in BigInt fixed point with an error bound added to its interval. So a result
// whose interval excludes 0 has a certain sign, at any precision; more `bits` only
// narrows intervals. Outside a function's domain the result is 'undefined' (certain);
// when an interval meets a domain edge or a pole, or a function has no certified
// evaluation here (erf, gamma of non-integers, digamma, polygamma), it is 'unknown'.
import type { Expr } from '../core/expr.js';
import { rat, ratAdd, ratMul, ratNeg, ratPow, ratToNumber, type Rational } from '../core/rational.js';
import { postorder } from '../core/traverse.js';

/** The number m * 2^e. */
export interface Dyadic {
  readonly m: bigint;
  readonly e: number;
}
/** A real number known exactly, or known to lie in [lo, hi]. */
export type Precise =
  | { readonly kind: 'exact'; readonly value: Rational }
  | { readonly kind: 'interval'; readonly lo: Dyadic; readonly hi: Dyadic };
export type PreciseResult =
  | Precise
  | { readonly kind: 'undefined'; readonly reason: string }
  | { readonly kind: 'unknown'; readonly reason: string; readonly final: boolean };

type Interval = { readonly lo: Dyadic; readonly hi: Dyadic };

/** Certainly outside the domain. */
class Undefined extends Error {}
/** Cannot decide here: `final` when more precision cannot help. */
class Unknown extends Error {
  constructor(
    message: string,
    readonly final: boolean,
  ) {
    super(message);
  }
}

const bitlen = (m: bigint): number => {
  if (m < 0n) m = -m;
  if (m === 0n) return 0;
  const h = m.toString(16);
  return (h.length - 1) * 4 + (32 - Math.clz32(parseInt(h[0]!, 16)));
};
const big = (n: number): bigint => BigInt(n);
/** floor(m * 2^s) for any integer s. */
const shift = (m: bigint, s: number): bigint => (s >= 0 ? m << big(s) : m >> big(-s));
const absB = (m: bigint): bigint => (m < 0n ? -m : m);
/** m / 2^s truncated toward 0, so that series terms of either sign reach 0. */
const trunc = (m: bigint, s: number): bigint => (m >= 0n ? m >> big(s) : -(-m >> big(s)));

// ---- dyadic arithmetic with directed rounding (dir -1: down, +1: up) ----

const D0: Dyadic = { m: 0n, e: 0 };
const D1: Dyadic = { m: 1n, e: 0 };

function round(d: Dyadic, P: number, dir: -1 | 1): Dyadic {
  const n = bitlen(d.m);
  if (n <= P) return d;
  const s = n - P;
  let q = d.m >> big(s); // floor
  if (dir > 0 && q << big(s) !== d.m) q += 1n;
  return { m: q, e: d.e + s };
}

const top = (d: Dyadic): number => d.e + bitlen(d.m); // |d| < 2^top

function addD(a: Dyadic, b: Dyadic, P: number, dir: -1 | 1): Dyadic {
  if (a.m === 0n) return round(b, P, dir);
  if (b.m === 0n) return round(a, P, dir);
  // A term far below the other's last bit only nudges it by one unit in its direction.
  if (top(a) > top(b) + P + 8) return nudge(a, b.m > 0n ? 1 : -1, P, dir);
  if (top(b) > top(a) + P + 8) return nudge(b, a.m > 0n ? 1 : -1, P, dir);
  const e = Math.min(a.e, b.e);
  return round({ m: (a.m << big(a.e - e)) + (b.m << big(b.e - e)), e }, P, dir);
}

function nudge(a: Dyadic, sign: 1 | -1, P: number, dir: -1 | 1): Dyadic {
  if (sign !== dir) return round(a, P, dir);
  const unit: Dyadic = { m: big(sign), e: top(a) - P - 4 };
  const e = Math.min(a.e, unit.e);
  return round({ m: (a.m << big(a.e - e)) + (unit.m << big(unit.e - e)), e }, P, dir);
}

const mulD = (a: Dyadic, b: Dyadic, P: number, dir: -1 | 1): Dyadic => round({ m: a.m * b.m, e: a.e + b.e }, P, dir);
const negD = (a: Dyadic): Dyadic => ({ m: -a.m, e: a.e });

function cmpD(a: Dyadic, b: Dyadic): number {
  const sa = sgnD(a);
  const sb = sgnD(b);
  if (sa !== sb) return sa > sb ? 1 : -1;
  if (sa === 0) return 0;
  // Different magnitudes decide without aligning (exponents may be far apart).
  const ta = top(a);
  const tb = top(b);
  if (ta !== tb) return ta > tb ? sa : -sa;
  const e = Math.min(a.e, b.e);
  const d = (a.m << big(a.e - e)) - (b.m << big(b.e - e));
  return d > 0n ? 1 : d < 0n ? -1 : 0;
}
const sgnD = (a: Dyadic): number => (a.m > 0n ? 1 : a.m < 0n ? -1 : 0);

/** 1/d rounded in direction dir (d != 0). */
function recipD(d: Dyadic, P: number, dir: -1 | 1): Dyadic {
  if (d.m < 0n) return negD(recipD(negD(d), P, dir === 1 ? -1 : 1));
  const K = P + bitlen(d.m) + 2;
  const one = 1n << big(K);
  let q = one / d.m;
  if (dir > 0 && q * d.m !== one) q += 1n;
  return round({ m: q, e: -K - d.e }, P, dir);
}

/** floor(p/q) for q > 0. */
const floorDiv = (p: bigint, q: bigint): bigint => (p >= 0n ? p / q : -((-p + q - 1n) / q));

function ratInterval(r: Rational, P: number): Interval {
  if (r.q === 1n) return { lo: { m: r.p, e: 0 }, hi: { m: r.p, e: 0 } };
  const K = P + 4 + bitlen(r.q) - bitlen(r.p);
  const num = shift(r.p, Math.max(K, 0));
  const den = K >= 0 ? r.q : r.q << big(-K);
  const lo = floorDiv(num, den);
  const hi = lo * den === num ? lo : lo + 1n;
  return { lo: round({ m: lo, e: -K }, P, -1), hi: round({ m: hi, e: -K }, P, 1) };
}

function ratOfDyadic(d: Dyadic): Rational {
  return d.e >= 0 ? rat(d.m << big(d.e)) : rat(d.m, 1n << big(-d.e));
}

// ---- interval arithmetic ----

const pt = (d: Dyadic): Interval => ({ lo: d, hi: d });
const iadd = (a: Interval, b: Interval, P: number): Interval => ({ lo: addD(a.lo, b.lo, P, -1), hi: addD(a.hi, b.hi, P, 1) });
const ineg = (a: Interval): Interval => ({ lo: negD(a.hi), hi: negD(a.lo) });
const isub = (a: Interval, b: Interval, P: number): Interval => iadd(a, ineg(b), P);

function imul(a: Interval, b: Interval, P: number): Interval {
  const cands = [
    [a.lo, b.lo],
    [a.lo, b.hi],
    [a.hi, b.lo],
    [a.hi, b.hi],
  ] as const;
  let lo: Dyadic | undefined;
  let hi: Dyadic | undefined;
  for (const [x, y] of cands) {
    const l = mulD(x, y, P, -1);
    const h = mulD(x, y, P, 1);
    if (lo === undefined || cmpD(l, lo) < 0) lo = l;
    if (hi === undefined || cmpD(h, hi) > 0) hi = h;
  }
  return { lo: lo!, hi: hi! };
}

const containsZero = (a: Interval): boolean => sgnD(a.lo) <= 0 && sgnD(a.hi) >= 0;
const isPoint = (a: Interval): boolean => cmpD(a.lo, a.hi) === 0;

function iinv(a: Interval, P: number): Interval {
  if (containsZero(a)) {
    if (isPoint(a)) throw new Undefined('division by zero');
    throw new Unknown('a divisor could not be told apart from 0', false);
  }
  return { lo: recipD(a.hi, P, -1), hi: recipD(a.lo, P, 1) };
}
const idiv = (a: Interval, b: Interval, P: number): Interval => imul(a, iinv(b, P), P);

function iabs(a: Interval): Interval {
  if (sgnD(a.lo) >= 0) return a;
  if (sgnD(a.hi) <= 0) return ineg(a);
  return { lo: D0, hi: cmpD(negD(a.lo), a.hi) > 0 ? negD(a.lo) : a.hi };
}

function ipowInt(a: Interval, n: bigint, P: number): Interval {
  if (n === 0n) return pt(D1);
  if (n < 0n) return iinv(ipowInt(a, -n, P), P);
  if (n > 1_000_000n) throw new Unknown('an integer power above 10^6', true);
  const even = n % 2n === 0n;
  const base = even ? iabs(a) : a;
  // x^n is increasing on the reals for odd n, and on x >= 0 for even n.
  return { lo: powD(base.lo, n, P, -1), hi: powD(base.hi, n, P, 1) };
}

function powD(d: Dyadic, n: bigint, P: number, dir: -1 | 1): Dyadic {
  if (d.m < 0n) return negD(powD(negD(d), n, P, dir === 1 ? -1 : 1)); // n odd here
  let result = D1;
  let b = d;
  for (let k = n; k > 0n; k >>= 1n) {
    if (k & 1n) result = mulD(result, b, P + 8, dir);
    if (k > 1n) b = mulD(b, b, P + 8, dir);
  }
  return round(result, P, dir);
}

/** An interval around the fixed-point value F * 2^-W, widened by err units. */
function fixedInterval(F: bigint, err: bigint, W: number, P: number): Interval {
  return { lo: round({ m: F - err, e: -W }, P, -1), hi: round({ m: F + err, e: -W }, P, 1) };
}

// ---- point functions in BigInt fixed point (W fractional bits) ----

const one = (W: number): bigint => 1n << big(W);
/** d in fixed point at W bits (floor; error below one unit). */
const fixed = (d: Dyadic, W: number): bigint => shift(d.m, d.e + W);

function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << big(Math.ceil(bitlen(n) / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** sum over k of (-1)^k / ((2k+1) n^(2k+1)) (atan) or without the signs (atanh), at W bits; error below 2 units per term. */
function arcInv(n: bigint, W: number, alternate: boolean): bigint {
  let term = one(W) / n;
  const n2 = n * n;
  let s = term;
  for (let k = 1n; term !== 0n; k++) {
    term /= n2;
    const t = term / (2n * k + 1n);
    s = alternate && k % 2n === 1n ? s - t : s + t;
  }
  return s;
}

// Constants at W bits, each within 1 unit (computed with guard bits).
const piCache = new Map<number, bigint>();
function piFixed(W: number): bigint {
  let v = piCache.get(W);
  if (v === undefined) {
    const G = W + 16;
    v = shift(16n * arcInv(5n, G, true) - 4n * arcInv(239n, G, true), -16);
    if (piCache.size > 64) piCache.clear();
    piCache.set(W, v);
  }
  return v;
}
const ln2Cache = new Map<number, bigint>();
function ln2Fixed(W: number): bigint {
  let v = ln2Cache.get(W);
  if (v === undefined) {
    const G = W + 16;
    v = shift(2n * arcInv(3n, G, false), -16);
    if (ln2Cache.size > 64) ln2Cache.clear();
    ln2Cache.set(W, v);
  }
  return v;
}

function expPoint(d: Dyadic, P: number): Interval {
  if (d.m === 0n) return pt(D1);
  if (d.m < 0n) {
    const r = expPoint(negD(d), P + 4);
    return { lo: recipD(r.hi, P, -1), hi: recipD(r.lo, P, 1) };
  }
  const t = top(d);
  if (t > 16) throw new Unknown('exp of a number above 65536', true);
  const s = Math.max(0, t + 10); // d/2^s < 2^-10
  const W = P + s + 24;
  const R = shift(d.m, d.e - s + W);
  const ONE = one(W);
  let sum = ONE;
  let term = ONE;
  for (let k = 1n; term !== 0n; k++) {
    term = ((term * R) >> big(W)) / k;
    sum += term;
  }
  // Square s times, keeping W + 2 bits (a floating mantissa M * 2^E).
  let M = sum;
  let E = -W;
  for (let i = 0; i < s; i++) {
    M *= M;
    E *= 2;
    const extra = bitlen(M) - (W + 2);
    if (extra > 0) {
      M >>= big(extra);
      E += extra;
    }
  }
  // Relative error below 2^-(P+8): W has s + 24 guard bits, each squaring at most doubles it.
  const err = (M >> big(P + 8)) + 4n;
  return { lo: round({ m: M - err, e: E }, P, -1), hi: round({ m: M + err, e: E }, P, 1) };
}

function logPoint(d: Dyadic, P: number): Interval {
  if (d.m <= 0n) throw new Undefined('log of a number <= 0');
  if (d.m === 1n && d.e === 0) return pt(D0);
  const t = bitlen(d.m);
  const k = d.e + t; // d = f * 2^k with f in [1/2, 1)
  const W = P + 24 + bitlen(big(Math.abs(k)));
  const ONE = one(W);
  const F = shift(d.m, W - t);
  const U = ((F - ONE) << big(W)) / (F + ONE); // (f - 1)/(f + 1) in [-1/3, 0]
  const U2 = (U * U) >> big(W);
  let p = U;
  let s = U;
  let n = 1n;
  for (let j = 1n; p !== 0n; j++, n++) {
    p = trunc(p * U2, W);
    s += p / (2n * j + 1n);
  }
  const L = 2n * s + big(k) * ln2Fixed(W);
  const err = 4n * n + 8n + 2n * absB(big(k));
  return fixedInterval(L, err, W, P);
}

/** sin and cos of a point, each as an interval. */
function sinCosPoint(d: Dyadic, P: number): [Interval, Interval] {
  if (d.m === 0n) return [pt(D0), pt(D1)];
  const t = Math.max(0, top(d));
  if (t > 2000) throw new Unknown('sin or cos of a number above 2^2000', true);
  const W = P + 24;
  const W2 = W + t + 8;
  const X = fixed(d, W2);
  const HALF_PI = piFixed(W2 + 3) >> 4n; // pi/2 at W2 bits (error below 1 unit)
  // k = round(x / (pi/2)), r = x - k pi/2 with |r| <= pi/4 (plus rounding).
  let k = floorDiv(2n * X + HALF_PI, 2n * HALF_PI);
  const R = shift(X - k * HALF_PI, W - W2);
  const ONE = one(W);
  const R2 = trunc(R * R, W);
  let sinS = R;
  let cosS = ONE;
  let term = R;
  let n = 0n;
  for (let j = 1n; term !== 0n; j++, n++) {
    term = -trunc(term * R2, W) / ((2n * j) * (2n * j + 1n));
    sinS += term;
  }
  term = ONE;
  for (let j = 1n; term !== 0n; j++, n++) {
    term = -trunc(term * R2, W) / ((2n * j - 1n) * (2n * j));
    cosS += term;
  }
  const err = 2n * n + 16n;
  const q = Number(((k % 4n) + 4n) % 4n);
  k = 0n;
  const S = fixedInterval(sinS, err, W, P);
  const C = fixedInterval(cosS, err, W, P);
  const table: [Interval, Interval][] = [
    [S, C],
    [C, ineg(S)],
    [ineg(S), ineg(C)],
    [ineg(C), S],
  ];
  return table[q]!;
}

function atanPoint(d: Dyadic, P: number): Interval {
  if (d.m === 0n) return pt(D0);
  const W = P + 24;
  const ONE = one(W);
  let X: bigint;
  let outer = 0n; // result = outer*pi/2 - atan(1/x) when |x| > 1
  if (cmpD({ m: absB(d.m), e: d.e }, D1) > 0) {
    outer = d.m > 0n ? 1n : -1n;
    X = floorDiv(ONE << big(W), fixed(d, W + 4) >> 4n || 1n); // 1/x: error about one unit
  } else X = fixed(d, W);
  // Two halvings, atan(x) = 2 atan(x/(1 + sqrt(1 + x^2))), bring |x| below 0.2.
  for (let i = 0; i < 2; i++) {
    const S = isqrt((ONE << big(W)) + X * X);
    X = floorDiv(X << big(W), ONE + S);
  }
  const X2 = (X * X) >> big(W);
  let s = X;
  let p = X;
  let n = 0n;
  for (let j = 1n; p !== 0n; j++, n++) {
    p = trunc(p * X2, W);
    const term = p / (2n * j + 1n);
    s = j % 2n === 1n ? s - term : s + term;
  }
  let A = 4n * s;
  let err = 4n * (n + 8n);
  if (outer !== 0n) {
    A = outer * (piFixed(W + 1) >> 2n) - A; // +-pi/2 - atan(1/x)
    err += 2n;
  }
  return fixedInterval(A, err, W, P);
}

function sqrtD(d: Dyadic, P: number, dir: -1 | 1): Dyadic {
  if (d.m < 0n) throw new Undefined('sqrt of a negative number');
  if (d.m === 0n) return D0;
  let m = d.m;
  let e = d.e;
  if (e % 2 !== 0) {
    m <<= 1n;
    e -= 1;
  }
  const j = Math.max(0, Math.ceil((2 * (P + 4) - bitlen(m)) / 2));
  const M = m << big(2 * j);
  const E = e - 2 * j;
  let s = isqrt(M);
  if (dir > 0 && s * s !== M) s += 1n;
  return round({ m: s, e: E / 2 }, P, dir);
}

// ---- functions of intervals ----

/** f of an increasing function from its values at the two ends. */
const increasing = (a: Interval, f: (d: Dyadic) => Interval): Interval => (isPoint(a) ? f(a.lo) : { lo: f(a.lo).lo, hi: f(a.hi).hi });

function iexp(a: Interval, P: number): Interval {
  return increasing(a, (d) => expPoint(d, P));
}
function ilog(a: Interval, P: number): Interval {
  if (sgnD(a.hi) <= 0) throw new Undefined('log of a number <= 0');
  if (sgnD(a.lo) <= 0) throw new Unknown('the argument of a log could not be told apart from 0', false);
  return increasing(a, (d) => logPoint(d, P));
}
function isqrtI(a: Interval, P: number): Interval {
  if (sgnD(a.hi) < 0) throw new Undefined('sqrt of a negative number');
  if (sgnD(a.lo) < 0) throw new Unknown('the argument of a sqrt could not be told apart from 0', false);
  return { lo: sqrtD(a.lo, P, -1), hi: sqrtD(a.hi, P, 1) };
}
function iatan(a: Interval, P: number): Interval {
  return increasing(a, (d) => atanPoint(d, P));
}
function halfPi(P: number): Interval {
  const W = P + 8;
  return fixedInterval(piFixed(W + 1) >> 2n, 2n, W, P); // pi/2
}

function clampUnit(a: Interval): Interval {
  const m1 = negD(D1);
  return { lo: cmpD(a.lo, m1) < 0 ? m1 : a.lo, hi: cmpD(a.hi, D1) > 0 ? D1 : a.hi };
}

function isinCos(a: Interval, P: number, which: 0 | 1): Interval {
  if (isPoint(a)) return sinCosPoint(a.lo, P)[which];
  // Lipschitz 1: the value at the (exact) midpoint, widened by the radius.
  const e = Math.min(a.lo.e, a.hi.e);
  const lo = a.lo.m << big(a.lo.e - e);
  const hi = a.hi.m << big(a.hi.e - e);
  const v = sinCosPoint({ m: lo + hi, e: e - 1 }, P)[which];
  const r = round({ m: hi - lo, e: e - 1 }, P, 1);
  return clampUnit({ lo: addD(v.lo, negD(r), P, -1), hi: addD(v.hi, r, P, 1) });
}

const isin = (a: Interval, P: number): Interval => isinCos(a, P, 0);
const icos = (a: Interval, P: number): Interval => isinCos(a, P, 1);

/** Requires lo <= a <= hi of the interval, else undefined (outside) or unknown (on the edge). */
function within(a: Interval, lo: Dyadic | null, hi: Dyadic | null, what: string): void {
  if ((lo && cmpD(a.hi, lo) < 0) || (hi && cmpD(a.lo, hi) > 0)) throw new Undefined(`${what} outside its domain`);
  if ((lo && cmpD(a.lo, lo) < 0) || (hi && cmpD(a.hi, hi) > 0)) throw new Unknown(`the argument of ${what} could not be told apart from its domain's edge`, false);
}

const ONE_I = pt(D1);
const TWO_I = pt({ m: 2n, e: 0 });
const M1: Dyadic = { m: -1n, e: 0 };

function iasin(a: Interval, P: number): Interval {
  within(a, M1, D1, 'asin');
  const f = (d: Dyadic): Interval => {
    if (cmpD(d, D1) === 0) return halfPi(P);
    if (cmpD(d, M1) === 0) return ineg(halfPi(P));
    const x = pt(d);
    return iatan(idiv(x, isqrtI(isub(ONE_I, imul(x, x, P + 8), P + 8), P + 8), P + 8), P);
  };
  return increasing(a, f);
}

function iatanh(a: Interval, P: number): Interval {
  if (cmpD(a.hi, M1) <= 0 || cmpD(a.lo, D1) >= 0) throw new Undefined('atanh outside its domain');
  if (cmpD(a.lo, M1) <= 0 || cmpD(a.hi, D1) >= 0) throw new Unknown('the argument of atanh could not be told apart from +-1', false);
  const f = (d: Dyadic): Interval => imul(ilog(idiv(iadd(ONE_I, pt(d), P + 8), isub(ONE_I, pt(d), P + 8), P + 8), P + 8), pt({ m: 1n, e: -1 }), P);
  return increasing(a, f);
}

function iasinh(a: Interval, P: number): Interval {
  const f = (d: Dyadic): Interval => {
    if (d.m < 0n) return ineg(f(negD(d)));
    const x = pt(d);
    return ilog(iadd(x, isqrtI(iadd(imul(x, x, P + 8), ONE_I, P + 8), P + 8), P + 8), P);
  };
  return increasing(a, f);
}

function iacosh(a: Interval, P: number): Interval {
  within(a, D1, null, 'acosh');
  const f = (d: Dyadic): Interval => {
    const x = pt(d);
    return ilog(iadd(x, isqrtI(isub(imul(x, x, P + 8), ONE_I, P + 8), P + 8), P + 8), P);
  };
  return increasing(a, f);
}

function sign(a: Interval): number {
  if (sgnD(a.lo) > 0) return 1;
  if (sgnD(a.hi) < 0) return -1;
  if (isPoint(a)) return 0;
  throw new Unknown('a sign could not be decided', false);
}

function floorI(a: Interval, up: boolean): Interval {
  const f = (d: Dyadic): bigint => {
    if (d.e >= 0) return d.m << big(d.e);
    const q = d.m >> big(-d.e);
    return up && q << big(-d.e) !== d.m ? q + 1n : q;
  };
  const lo = f(a.lo);
  const hi = f(a.hi);
  if (lo !== hi) throw new Unknown(`${up ? 'ceil' : 'floor'} at a jump could not be decided`, false);
  return pt({ m: lo, e: 0 });
}

function callInterval(fn: string, xs: Interval[], P: number): Interval {
  const Q = P + 8; // intermediate results carry a few guard bits
  const a = xs[0]!;
  switch (fn) {
    case 'exp':
      return iexp(a, P);
    case 'log':
      return xs.length === 1 ? ilog(a, P) : idiv(ilog(a, Q), ilog(xs[1]!, Q), P);
    case 'log10':
      return idiv(ilog(a, Q), ilog(pt({ m: 10n, e: 0 }), Q), P);
    case 'log2':
      return idiv(ilog(a, Q), ilog(TWO_I, Q), P);
    case 'sqrt':
      return isqrtI(a, P);
    case 'sin':
      return isin(a, P);
    case 'cos':
      return icos(a, P);
    case 'tan':
      return idiv(isin(a, Q), icos(a, Q), P);
    case 'sec':
      return iinv(icos(a, Q), P);
    case 'csc':
      return iinv(isin(a, Q), P);
    case 'cot':
      return idiv(icos(a, Q), isin(a, Q), P);
    case 'atan':
      return iatan(a, P);
    case 'asin':
      return iasin(a, P);
    case 'acos':
      return isub(halfPi(Q), iasin(a, Q), P);
    case 'acot':
      // atan(1/x), with acot(0) = pi/2 (runtime.ts); a jump at 0.
      if (isPoint(a) && a.lo.m === 0n) return halfPi(P);
      return iatan(iinv(a, Q), P);
    case 'asec':
      return isub(halfPi(Q), iasin(iinv(a, Q), Q), P);
    case 'acsc':
      return iasin(iinv(a, Q), P);
    case 'sinh':
    case 'cosh': {
      const ep = iexp(a, Q);
      const en = iinv(ep, Q);
      const s = fn === 'sinh' ? isub(ep, en, Q) : iadd(ep, en, Q);
      return imul(s, pt({ m: 1n, e: -1 }), P);
    }
    case 'tanh':
    case 'coth': {
      // tanh(x) = 1 - 2/(exp(2x) + 1)
      const t = isub(ONE_I, idiv(TWO_I, iadd(iexp(imul(TWO_I, a, Q), Q), ONE_I, Q), Q), Q);
      return fn === 'tanh' ? round2(t, P) : iinv(t, P);
    }
    case 'sech':
    case 'csch':
      return iinv(callInterval(fn === 'sech' ? 'cosh' : 'sinh', xs, Q), P);
    case 'asinh':
      return iasinh(a, P);
    case 'acosh':
      return iacosh(a, P);
    case 'atanh':
      return iatanh(a, P);
    case 'asech':
      return iacosh(iinv(a, Q), P);
    case 'acsch':
      return iasinh(iinv(a, Q), P);
    case 'acoth':
      return iatanh(iinv(a, Q), P);
    case 'abs':
      return iabs(a);
    case 'sign':
      return pt({ m: big(sign(a)), e: 0 });
    case 'floor':
      return floorI(a, false);
    case 'ceil':
      return floorI(a, true);
    case 'min':
    case 'max': {
      let acc = a;
      for (const b of xs.slice(1)) {
        const pick = (x: Dyadic, y: Dyadic): Dyadic => ((cmpD(x, y) < 0) === (fn === 'min') ? x : y);
        acc = { lo: pick(acc.lo, b.lo), hi: pick(acc.hi, b.hi) };
      }
      return acc;
    }
    // the stable primitives by their definitions (exact identities; intervals need no care for overflow)
    case 'log1p':
      return ilog(iadd(a, ONE_I, Q), P);
    case 'expm1':
      return isub(iexp(a, Q), ONE_I, P);
    case 'softplus':
      return ilog(iadd(ONE_I, iexp(a, Q), Q), P);
    case 'logsigmoid':
      return ineg(ilog(iadd(ONE_I, iexp(ineg(a), Q), Q), P));
    case 'sigmoid':
      return idiv(ONE_I, iadd(ONE_I, iexp(ineg(a), Q), Q), P);
    case 'logsumexp':
      return ilog(xs.slice(1).reduce((acc, x) => iadd(acc, iexp(x, Q), Q), iexp(a, Q)), P);
    case 'atan2': {
      const [y, x] = xs as [Interval, Interval];
      const sx = sgnD(x.lo) > 0 ? 1 : sgnD(x.hi) < 0 ? -1 : isPoint(x) ? 0 : NaN;
      if (Number.isNaN(sx)) throw new Unknown('atan2 with an x that could not be told apart from 0', false);
      if (sx > 0) return iatan(idiv(y, x, Q), P);
      const sy = sign(y);
      if (sx === 0) return sy === 0 ? pt(D0) : sy > 0 ? halfPi(P) : ineg(halfPi(P));
      const base = iatan(idiv(y, x, Q), Q);
      const pi = imul(halfPi(Q), TWO_I, Q);
      return sy >= 0 ? iadd(base, pi, P) : isub(base, pi, P);
    }
    default:
      throw new Unknown(`no certified evaluation of ${fn}`, true);
  }
}

const round2 = (a: Interval, P: number): Interval => ({ lo: round(a.lo, P, -1), hi: round(a.hi, P, 1) });

// ---- the evaluator ----

type Val = { exact: Rational } | { iv: Interval };
// Own-property test, not `in`: a key added to Object.prototype must not make an interval look exact.
const isExact = (v: Val): v is { exact: Rational } => Object.hasOwn(v, 'exact');

const EXACT_LIMIT = 20_000; // bits of an exact rational before it is rounded to an interval

function toIv(v: Val, P: number): Interval {
  return isExact(v) ? ratInterval(v.exact, P) : v.iv;
}

const ratSign = (r: Rational): number => (r.p > 0n ? 1 : r.p < 0n ? -1 : 0);
const ratFloor = (r: Rational): bigint => floorDiv(r.p, r.q);

function exactCall(fn: string, xs: Rational[]): Rational | undefined {
  const a = xs[0]!;
  switch (fn) {
    case 'abs':
      return a.p < 0n ? ratNeg(a) : a;
    case 'sign':
      return rat(big(ratSign(a)));
    case 'floor':
      return rat(ratFloor(a));
    case 'ceil':
      return rat(-ratFloor(ratNeg(a)));
    case 'min':
    case 'max':
      return xs.reduce((m, x) => {
        const c = ratSign(ratAdd(x, ratNeg(m)));
        return (fn === 'min' ? c < 0 : c > 0) ? x : m;
      });
    case 'factorial':
    case 'gamma': {
      if (a.q !== 1n) return undefined;
      const n = fn === 'gamma' ? a.p - 1n : a.p;
      if (n < 0n) throw new Undefined(`${fn} at a pole`);
      if (n > 2000n) return undefined;
      let f = 1n;
      for (let k = 2n; k <= n; k++) f *= k;
      return rat(f);
    }
    case 'sin':
    case 'tan':
    case 'sinh':
    case 'tanh':
    case 'asin':
    case 'atan':
    case 'asinh':
    case 'atanh':
    case 'log1p':
    case 'expm1':
      return a.p === 0n ? rat(0n) : undefined;
    case 'sigmoid':
      return a.p === 0n ? rat(1n, 2n) : undefined;
    case 'logsumexp':
      return xs.length === 1 ? a : undefined;
    case 'exp':
    case 'cos':
    case 'cosh':
    case 'sec':
    case 'sech':
      return a.p === 0n ? rat(1n) : undefined;
    case 'log':
      return xs.length === 1 && a.p === 1n && a.q === 1n ? rat(0n) : undefined;
    default:
      return undefined;
  }
}

const ratBits = (r: Rational): number => bitlen(r.p) + bitlen(r.q);

function powVal(b: Val, ex: Expr, x: Val, P: number): Val {
  if (ex.kind === 'num') {
    const r = ex.value;
    if (isExact(b)) {
      if (b.exact.p === 0n) {
        if (r.p < 0n) throw new Undefined('division by zero (0 to a negative power)');
        if (r.p === 0n) return { exact: rat(1n) };
        return { exact: rat(0n) };
      }
      const e = ratPow(b.exact, r);
      if (e !== null && ratBits(e) <= EXACT_LIMIT) return { exact: e };
      if (b.exact.p < 0n && r.q % 2n === 0n) throw new Undefined('an even root of a negative number');
    }
    const bi = toIv(b, P + 8);
    if (r.q === 1n) return { iv: ipowInt(bi, r.p, P) };
    // A real root: |b|^(p/q), with the sign (-1)^p for a negative base and odd q.
    const s = sgnD(bi.lo) > 0 ? 1 : sgnD(bi.hi) < 0 ? -1 : 0;
    if (s === 0) throw new Unknown('a root of a number that could not be told apart from 0', false);
    if (s < 0 && r.q % 2n === 0n) throw new Undefined('an even root of a negative number');
    const mag = s > 0 ? bi : ineg(bi);
    const v = iexp(imul(ratInterval(r, P + 16), ilog(mag, P + 16), P + 16), P);
    return { iv: s < 0 && r.p % 2n !== 0n ? ineg(v) : v };
  }
  // A symbolic exponent: Math.pow's semantics (a negative base needs an integer exponent).
  if (isExact(x) && x.exact.q === 1n) return powVal(b, { kind: 'num', value: x.exact } as Expr, x, P);
  if (isExact(b) && b.exact.p === 0n) {
    const sx = isExact(x) ? ratSign(x.exact) : sign(x.iv);
    if (sx > 0) return { exact: rat(0n) };
    throw new Undefined('0 to a power <= 0');
  }
  const bi = toIv(b, P + 16);
  if (sgnD(bi.hi) < 0) throw new Undefined('a negative number to a non-integer power');
  if (sgnD(bi.lo) <= 0) throw new Unknown('the base of a power could not be told apart from 0', false);
  return { iv: iexp(imul(toIv(x, P + 16), ilog(bi, P + 16), P + 16), P) };
}

function evalAt(e: Expr, scope: Readonly<Record<string, Rational>>, P: number): Val {
  const memo = new Map<number, Val>();
  const val = (n: Expr): Val => memo.get(n.id)!;
  for (const n of postorder(e)) {
    let v: Val;
    switch (n.kind) {
      case 'num':
        v = { exact: n.value };
        break;
      case 'sym': {
        if (n.name === 'pi') v = { iv: imul(halfPi(P + 4), TWO_I, P) };
        else if (n.name === 'e') v = { iv: expPoint(D1, P) };
        else if (Object.hasOwn(scope, n.name)) v = { exact: scope[n.name]! };
        else throw new Unknown(`no value for '${n.name}'`, true);
        break;
      }
      case 'add':
      case 'mul': {
        const vs = n.args.map(val);
        const isAdd = n.kind === 'add';
        if (vs.every((x) => isExact(x))) {
          let acc = isAdd ? rat(0n) : rat(1n);
          for (const x of vs) acc = isAdd ? ratAdd(acc, (x as { exact: Rational }).exact) : ratMul(acc, (x as { exact: Rational }).exact);
          v = ratBits(acc) <= EXACT_LIMIT ? { exact: acc } : { iv: ratInterval(acc, P) };
        } else {
          // A product with an exact 0 is 0.
          if (!isAdd && vs.some((x) => isExact(x) && x.exact.p === 0n)) {
            v = { exact: rat(0n) };
            break;
          }
          let acc: Interval | undefined;
          for (const x of vs) {
            const iv = toIv(x, P + 8);
            acc = acc === undefined ? iv : isAdd ? iadd(acc, iv, P + 8) : imul(acc, iv, P + 8);
          }
          v = { iv: round2(acc!, P) };
        }
        break;
      }
      case 'pow':
        v = powVal(val(n.base), n.exp, val(n.exp), P);
        break;
      case 'call': {
        if (n.derivs.length > 0) throw new Unknown(`'${n.fn}' is an undefined function`, true);
        const vs = n.args.map(val);
        const ex = vs.every((x) => isExact(x)) ? exactCall(n.fn, vs.map((x) => (x as { exact: Rational }).exact)) : undefined;
        if (ex !== undefined) v = { exact: ex };
        else if (n.fn === 'factorial' || n.fn === 'gamma' || n.fn === 'erf' || n.fn === 'digamma' || n.fn === 'polygamma' || n.fn === 'nthroot') {
          throw new Unknown(`no certified evaluation of ${n.fn} here`, true);
        } else if (!KNOWN.has(n.fn)) throw new Unknown(`'${n.fn}' is an undefined function`, true);
        else v = { iv: callInterval(n.fn, vs.map((x) => toIv(x, P + 8)), P) };
        break;
      }
    }
    memo.set(n.id, v);
  }
  return val(e);
}

const KNOWN: ReadonlySet<string> = new Set([
  'exp', 'log', 'log10', 'log2', 'sqrt', 'sin', 'cos', 'tan', 'sec', 'csc', 'cot', 'atan', 'asin', 'acos', 'acot', 'asec', 'acsc',
  'sinh', 'cosh', 'tanh', 'coth', 'sech', 'csch', 'asinh', 'acosh', 'atanh', 'asech', 'acsch', 'acoth',
  'abs', 'sign', 'floor', 'ceil', 'min', 'max', 'atan2',
  'log1p', 'expm1', 'softplus', 'sigmoid', 'logsigmoid', 'logsumexp',
]);

function wrap(f: () => Val): PreciseResult {
  try {
    const v = f();
    return isExact(v) ? { kind: 'exact', value: v.exact } : { kind: 'interval', lo: v.iv.lo, hi: v.iv.hi };
  } catch (err) {
    if (err instanceof Undefined) return { kind: 'undefined', reason: err.message };
    if (err instanceof Unknown) return { kind: 'unknown', reason: err.message, final: err.final };
    throw err;
  }
}

/**
 * The value of `e` at a rational point: exact, or an interval certain to contain it,
 * about `bits` bits wide relative to its size (wider where the evaluation cancels).
 */
export function preciseValue(e: Expr, scope: Readonly<Record<string, Rational>> = {}, bits = 128): PreciseResult {
  return wrap(() => evalAt(e, scope, Math.max(16, Math.floor(bits))));
}

/** a - b at a rational point, exact or as a certain interval. */
export function preciseDifference(a: Expr, b: Expr, scope: Readonly<Record<string, Rational>> = {}, bits = 128): PreciseResult {
  const P = Math.max(16, Math.floor(bits));
  return wrap(() => {
    const x = evalAt(a, scope, P);
    const y = evalAt(b, scope, P);
    if (isExact(x) && isExact(y)) return { exact: ratAdd(x.exact, ratNeg(y.exact)) };
    return { iv: isub(toIv(x, P), toIv(y, P), P) };
  });
}

/** a - b for two values already computed at `bits` bits. */
export function subtractPrecise(a: Precise, b: Precise, bits = 128): Precise {
  if (a.kind === 'exact' && b.kind === 'exact') return { kind: 'exact', value: ratAdd(a.value, ratNeg(b.value)) };
  const P = Math.max(16, Math.floor(bits));
  const iv = (x: Precise): Interval => (x.kind === 'exact' ? ratInterval(x.value, P) : x);
  const d = isub(iv(a), iv(b), P);
  return { kind: 'interval', lo: d.lo, hi: d.hi };
}

/** The certain sign of a result, or undefined when it is not certain (an interval around 0, undefined, unknown). */
export function certainSign(r: PreciseResult): -1 | 0 | 1 | undefined {
  if (r.kind === 'exact') return ratSign(r.value) as -1 | 0 | 1;
  if (r.kind !== 'interval') return undefined;
  if (sgnD(r.lo) > 0) return 1;
  if (sgnD(r.hi) < 0) return -1;
  return undefined;
}

/** Precisions tried, in bits, by the deciding functions below. */
export const PRECISIONS: readonly number[] = [64, 256, 1024, 4096];

/**
 * The sign of a constant expression (or of `e` at a rational point), decided exactly
 * or by intervals at increasing precision; undefined when it stays undecided (a value
 * that is 0 but not exactly so, an undefined value, a function without certified evaluation).
 */
export function decideSign(e: Expr, scope: Readonly<Record<string, Rational>> = {}, precisions: readonly number[] = PRECISIONS): -1 | 0 | 1 | undefined {
  for (const bits of precisions) {
    const r = preciseValue(e, scope, bits);
    const s = certainSign(r);
    if (s !== undefined) return s;
    if (r.kind === 'undefined' || (r.kind === 'unknown' && r.final)) return undefined;
  }
  return undefined;
}

/** A precise value as rational bounds [lo, hi] (equal when it is exact). */
export function preciseBounds(r: Precise): readonly [Rational, Rational] {
  return r.kind === 'exact' ? [r.value, r.value] : [ratOfDyadic(r.lo), ratOfDyadic(r.hi)];
}

/** The nearest float64 to a precise value (the interval's midpoint). */
export function preciseToNumber(r: Precise): number {
  if (r.kind === 'exact') return ratToNumber(r.value);
  const mid = ratAdd(ratOfDyadic(r.lo), ratOfDyadic(r.hi));
  return ratToNumber(rat(mid.p, mid.q * 2n));
}

/** A precise value as decimal text with `digits` significant digits (an interval by its midpoint and radius). */
export function preciseText(r: Precise, digits = 20): string {
  if (r.kind === 'exact') {
    const { p, q } = r.value;
    if (q === 1n && bitlen(p) <= 64) return p.toString();
    if (bitlen(p) + bitlen(q) <= 64) return `${p}/${q} (${decimal(r.value, digits)})`;
    return decimal(r.value, digits);
  }
  const lo = ratOfDyadic(r.lo);
  const hi = ratOfDyadic(r.hi);
  const mid = { p: ratAdd(lo, hi).p, q: ratAdd(lo, hi).q * 2n };
  const rad = ratAdd(hi, ratNeg(lo));
  // The radius is shown only when it reaches the digits shown.
  const tiny = rad.p === 0n || (mid.p !== 0n && ratLess(ratMul(rat(rad.p, rad.q * 2n), rat(10n ** big(digits))), absR(rat(mid.p, mid.q))));
  const radText = tiny ? '' : ` ± ${decimal({ p: rad.p, q: rad.q * 2n }, 2)}`;
  return `${decimal(mid, digits)}${radText}`;
}

const absR = (r: Rational): Rational => (r.p < 0n ? ratNeg(r) : r);
const ratLess = (a: Rational, b: Rational): boolean => ratAdd(a, ratNeg(b)).p < 0n;

/** p/q in scientific notation with `digits` significant digits (truncated). */
function decimal(r: Rational, digits: number): string {
  if (r.p === 0n) return '0';
  const neg = r.p < 0n;
  const p = absB(r.p);
  // 10^k <= p/q < 10^(k+1)
  let k = Math.floor((bitlen(p) - bitlen(r.q)) * Math.log10(2));
  const pow10 = (n: number): bigint => 10n ** big(Math.abs(n));
  const scaled = (n: number): bigint => (n >= 0 ? (p * pow10(n)) / r.q : p / (r.q * pow10(n)));
  let m = scaled(digits - 1 - k);
  while (m >= pow10(digits)) {
    k++;
    m = scaled(digits - 1 - k);
  }
  while (m < pow10(digits - 1)) {
    k--;
    m = scaled(digits - 1 - k);
  }
  const s = m.toString();
  const mant = `${s[0]}.${s.slice(1).replace(/0+$/, '')}`.replace(/\.$/, '');
  const text = k >= -5 && k < digits && k <= 20 ? plain(s, k) : `${mant}e${k >= 0 ? '+' : ''}${k}`;
  return neg ? `-${text}` : text;
}

function plain(s: string, k: number): string {
  // s holds the significant digits, the first at 10^k.
  if (k < 0) return `0.${'0'.repeat(-k - 1)}${s}`.replace(/0+$/, '').replace(/\.$/, '');
  const int = s.slice(0, k + 1).padEnd(k + 1, '0');
  const frac = s.slice(k + 1).replace(/0+$/, '');
  return frac ? `${int}.${frac}` : int;
}

/** A rational near a float64 (exactly its value). */
export function rationalOf(x: number): Rational {
  if (!Number.isFinite(x)) throw new RangeError(`${x} is not a finite number`);
  if (Number.isInteger(x) && Number.isSafeInteger(x)) return rat(BigInt(x));
  let e = 0;
  let m = x;
  while (!Number.isInteger(m)) {
    m *= 2;
    e++;
  }
  return rat(BigInt(m), 1n << BigInt(e));
}
