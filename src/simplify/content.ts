// The numeric content of a sum: what comes out of it as a factor. The cost
// tie-breaks (cost.ts) and the folds that pull it out (fold.ts) share it.
import type { Expr } from '../core/expr.js';
import { bitLength, gcd, rootFactor, type Rational } from '../core/rational.js';

/** The numeric coefficient of a term of a sum (null for a term without one). */
const termCoef = (t: Expr): Rational | null => {
  if (t.kind === 'num') return t.value;
  if (t.kind === 'mul' && t.args[0]!.kind === 'num') return t.args[0]!.value;
  return null;
};

/**
 * The positive integer content of a sum whose coefficients are all integers
 * (gcd of the coefficients: 2 for 6*x - 2), or 1 (a term without a
 * coefficient, a fraction among them, or no common factor).
 */
export function integerContent(e: Expr & { kind: 'add' }): bigint {
  let g = 0n;
  for (const t of e.args) {
    const c = termCoef(t);
    if (c === null || c.q !== 1n) return 1n;
    g = gcd(g, c.p < 0n ? -c.p : c.p);
    if (g === 1n) return 1n;
  }
  return g === 0n ? 1n : g;
}

const MAX_BITS = 128;

export { rootFactor };

/**
 * The positive rational k != 1 with sum = k^q*rest, rest of integer
 * coefficients with no q-th power in their content, when there is one:
 * 4*x^2/9 + 1 = (1/3)^2*(4*x^2 + 9) gives 1/3 (q = 2); 8*x + 8 = 2^3*(x + 1)
 * gives 2 (q = 3); x + 2 gives null. Small coefficients only.
 */
export function rootContent(e: Expr & { kind: 'add' }, q: bigint): Rational | null {
  if (q < 2n || q > 6n) return null;
  // The least common denominator d and the gcd of the numerators scaled to it.
  let d = 1n;
  const cs: Rational[] = [];
  for (const t of e.args) {
    const c = termCoef(t) ?? { p: 1n, q: 1n };
    if (bitLength(c.p < 0n ? -c.p : c.p) > MAX_BITS || bitLength(c.q) > MAX_BITS) return null;
    cs.push(c);
    d = (d / gcd(d, c.q)) * c.q;
  }
  // sum = t/d^q with t = d^q*sum of integer coefficients; t's content g = a^q*rest.
  const dq = d ** q;
  let g = 0n;
  for (const c of cs) g = gcd(g, ((c.p < 0n ? -c.p : c.p) * dq) / c.q);
  if (g === 0n) return null;
  const a = rootFactor(g, q);
  // k = a/d in lowest terms.
  const h = gcd(a, d);
  const k = { p: a / h, q: d / h };
  return k.p === k.q ? null : k;
}
