// Numeric helpers for what Math lacks, with leibniz's real-number semantics.
// `evaluate` uses them, and generated JavaScript reaches them as `L.<name>`
// (the object `L` below), so the two always agree. compile/runtimeSource.ts copies
// this file and special.ts into standalone modules: they must depend on nothing else.
//
// Conventions (documented choices, where textbooks differ):
// - acot(x) = atan(1/x): range (-pi/2, 0) U (0, pi/2], odd, jumps at 0, where
//   acot(0) = pi/2 (the limit from the right). Its derivative is -1/(1 + x^2)
//   on both sides of 0.
// - asec(x) = acos(1/x), acsc(x) = asin(1/x): NaN for |x| < 1.
// - asech(x) = acosh(1/x) (0 < x <= 1), acsch(x) = asinh(1/x),
//   acoth(x) = atanh(1/x) (|x| > 1; +-Infinity at +-1, NaN inside).
// - rpow(x, p, q) = x^(p/q) for integers p, q (q > 0, in lowest terms): for x < 0
//   an odd q gives the real root, sign(x)^p |x|^(p/q); an even q gives NaN.
// - log(x, b) = ln(x) / ln(b).
// - The stable primitives (softplus, sigmoid, logsigmoid, logsumexp) never
//   form exp of a positive number, so they neither overflow nor lose the
//   small terms: accurate to a few ulps over the whole real line.
import { digamma, erf, factorial, gamma, polygamma } from './special.js';
import { and, eq, heaviside, le, lt, ne, not, or, piecewise, relu } from './logic.js';

/** |a|^(1/q) for a >= 0, exact for perfect powers (a Newton step polishes Math.pow's 1/q). */
function root(a: number, q: number): number {
  if (q === 2) return Math.sqrt(a);
  if (q === 3) return Math.cbrt(a);
  let r = Math.pow(a, 1 / q);
  if (r > 0 && Number.isFinite(r)) {
    const polished = r - (Math.pow(r, q) - a) / (q * Math.pow(r, q - 1));
    if (Number.isFinite(polished) && polished > 0) r = polished;
  }
  return r;
}

/** a^(p/q) for a >= 0 (or NaN). */
function rootPow(a: number, p: number, q: number): number {
  if (p === 1) return root(a, q);
  // Root first keeps perfect powers exact ((27)^(2/3) = 9); for large p the
  // single rounded Math.pow is more accurate than p roundings.
  if (Math.abs(p) <= 8) return Math.pow(root(a, q), p);
  return Math.pow(a, p / q);
}

/** Real x^(p/q): p, q integers, q > 0, gcd(p, q) = 1. */
export function rpow(x: number, p: number, q: number): number {
  if (q === 1) return Math.pow(x, p);
  if (x === 0) x = 0; // -0 would give -Infinity for p < 0; 0^(p/q) has no sign
  if (x < 0) {
    if (q % 2 === 0) return NaN; // even root of a negative number: not real
    const m = rootPow(-x, p, q);
    return p % 2 === 0 ? m : -m;
  }
  return rootPow(x, p, q);
}

/** x^(1/n): real odd roots of negatives for odd integer n; NaN for n = 0 or (x < 0 and n not an odd integer). */
export function nthroot(x: number, n: number): number {
  if (Number.isInteger(n) && n !== 0) return n > 0 ? rpow(x, 1, n) : rpow(x, -1, -n);
  if (Number.isNaN(n) || n === 0 || x < 0) return NaN;
  return Math.pow(x, 1 / n);
}

/** sign(x) in {-1, 0, 1} (NaN for NaN). */
export const sign = (x: number): number => (x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : NaN);

/** Natural log, or log base b when b is given. */
// A base must be positive (and not 1): log(x, 0) would be log(x)/-Infinity = 0, a value where there is none.
export const log = (x: number, b?: number): number => (b === undefined ? Math.log(x) : b > 0 && b < Infinity ? Math.log(x) / Math.log(b) : NaN);

export const sec = (x: number): number => 1 / Math.cos(x);
export const csc = (x: number): number => 1 / Math.sin(x);
export const cot = (x: number): number => Math.cos(x) / Math.sin(x);
export const acot = (x: number): number => (x === 0 ? Math.PI / 2 : Math.atan(1 / x));
export const asec = (x: number): number => Math.acos(1 / x);
export const acsc = (x: number): number => Math.asin(1 / x);
export const sech = (x: number): number => 1 / Math.cosh(x);
export const csch = (x: number): number => 1 / Math.sinh(x);
// 1/tanh, not cosh/sinh, which is Infinity/Infinity = NaN for |x| > 710.
export const coth = (x: number): number => 1 / Math.tanh(x);
export const asech = (x: number): number => Math.acosh(1 / x);
export const acsch = (x: number): number => Math.asinh(1 / x);
export const acoth = (x: number): number => Math.atanh(1 / x);

/** softplus(t) = log(1 + e^t) = max(t, 0) + log1p(e^-|t|). */
export const softplus = (t: number): number => Math.max(t, 0) + Math.log1p(Math.exp(-Math.abs(t)));

/** sigmoid(t) = 1/(1 + e^-t), from z = e^-|t| <= 1: 1/(1 + z) for t >= 0, z/(1 + z) below. */
export function sigmoid(t: number): number {
  const z = Math.exp(-Math.abs(t));
  return t >= 0 ? 1 / (1 + z) : z / (1 + z);
}

/** logsigmoid(t) = log(sigmoid(t)) = -softplus(-t). */
export const logsigmoid = (t: number): number => -softplus(-t);

/**
 * logsumexp(x1, ..., xn) = log(e^x1 + ... + e^xn), shifted by the largest
 * argument m: m + log1p(sum of e^(xi - m) over the others), every term <= 1.
 * All -Infinity gives -Infinity, any +Infinity gives Infinity, any NaN NaN.
 */
export function logsumexp(...xs: number[]): number {
  let m = -Infinity;
  let at = -1;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    if (Number.isNaN(x)) return NaN;
    if (x > m || at < 0) {
      m = x;
      at = i;
    }
  }
  if (m === Infinity || m === -Infinity) return m;
  let s = 0;
  for (let i = 0; i < xs.length; i++) if (i !== at) s += Math.exp(xs[i]! - m);
  return m + Math.log1p(s);
}

/** The runtime object that generated code calls as `L.erf(x)`, `L.rpow(x, p, q)`, ... */
export const runtime = Object.freeze({
  lt,
  le,
  eq,
  ne,
  and,
  or,
  not,
  piecewise,
  heaviside,
  relu,
  erf,
  gamma,
  digamma,
  polygamma,
  factorial,
  rpow,
  nthroot,
  sign,
  log,
  sec,
  csc,
  cot,
  acot,
  asec,
  acsc,
  sech,
  csch,
  coth,
  asech,
  acsch,
  acoth,
  softplus,
  sigmoid,
  logsigmoid,
  logsumexp,
});

export { runtime as L };
