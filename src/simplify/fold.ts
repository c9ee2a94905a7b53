// Computed rewrites at a single node, where a pattern cannot say it: exact
// values of functions at exact numbers that the builders leave alone. Each
// has a name and a one-line statement like a rule, and is exact (no floats).
import { add, mul, num, pow } from '../core/build.js';
import type { Expr } from '../core/expr.js';
import { ratMul, type Rational } from '../core/rational.js';
import { integerContent } from './cost.js';
import { CONDITION_FOLDS } from './conditions.js';

export interface NodeFold {
  readonly name: string;
  readonly group: string;
  readonly statement: string;
  /** The folded form of the node, or null when it does not apply. */
  readonly fold: (e: Expr) => Expr | null;
}

const MAX_BITS = 256n;

const bits = (n: bigint): bigint => BigInt((n < 0n ? -n : n).toString(2).length);

/** a^k exactly, for a small integer k. */
function ratPow(a: Rational, k: number): Rational {
  const m = BigInt(Math.abs(k));
  const p = a.p ** m;
  const q = a.q ** m;
  return k >= 0 ? { p, q } : { p: q, q: p };
}

const same = (a: Rational, b: Rational): boolean => a.p === b.p && a.q === b.q;

/**
 * The exact rational k with b^k = a, for positive rationals a, b (b != 1), or
 * null: a^j = b^i for a small j > 0 and |i| <= 64 gives k = i/j.
 */
export function exactLog(a: Rational, b: Rational): Rational | null {
  if (a.p <= 0n || b.p <= 0n || (b.p === 1n && b.q === 1n)) return null;
  if (bits(a.p) + bits(a.q) > MAX_BITS || bits(b.p) + bits(b.q) > MAX_BITS) return null;
  if (a.p === 1n && a.q === 1n) return { p: 0n, q: 1n };
  // log sizes say which i/j can work: |i/j| = log|a|/log|b| approximately.
  const ratio = (Math.log(Number(a.p)) - Math.log(Number(a.q))) / (Math.log(Number(b.p)) - Math.log(Number(b.q)));
  if (!Number.isFinite(ratio)) return null;
  for (let j = 1; j <= 6; j++) {
    const i = Math.round(ratio * j);
    if (i === 0 || Math.abs(i) > 64) continue;
    if (same(ratPow(a, j), ratPow(b, i))) {
      const g = gcdInt(Math.abs(i), j);
      return { p: BigInt(i / g), q: BigInt(j / g) };
    }
  }
  return null;
}

function gcdInt(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * A product with a numeric coefficient whose sum factors (or integer powers of
 * them) have integer content, with the content moved into the coefficient:
 * 4*(6*x - 2)*y => 8*(3*x - 1)*y, 3*(2*x + 2)^2 => 12*(x + 1)^2. Exact:
 * c*(g*p)^k = (c*g^k)*p^k for every integer k.
 */
function primitiveFactors(e: Expr): Expr | null {
  if (e.kind !== 'mul' || e.args[0]!.kind !== 'num') return null;
  let coef = e.args[0].value;
  let changed = false;
  const rest = e.args.slice(1).map((f) => {
    const base = f.kind === 'pow' ? f.base : f;
    const k = f.kind === 'pow' ? f.exp : null;
    if (base.kind !== 'add') return f;
    if (k !== null && (k.kind !== 'num' || k.value.q !== 1n || k.value.p > 64n || k.value.p < -64n)) return f;
    const g = integerContent(base);
    if (g === 1n || bits(g) > 64n) return f;
    const n = k === null ? 1 : Number(k.value.p);
    changed = true;
    coef = ratMul(coef, ratPow({ p: g, q: 1n }, n));
    const primitive = add(...base.args.map((t) => mul(num(1n, g), t)));
    return k === null ? primitive : pow(primitive, k);
  });
  return changed ? mul(num(coef), ...rest) : null;
}

export const NODE_FOLDS: readonly NodeFold[] = [
  ...CONDITION_FOLDS,
  {
    name: 'primitive-factors',
    group: 'arithmetic',
    statement: 'c*(g*p)^k => (c*g^k)*p^k for a sum g*p whose integer coefficients have the common factor g (4*(6*x - 2) => 8*(3*x - 1))',
    fold: primitiveFactors,
  },
  {
    name: 'exact-log',
    group: 'explog',
    statement: 'log(a, b) => k for positive rationals a, b with b^k = a exactly (log(9, 3) => 2, log(1/8, 2) => -3)',
    fold: (e) => {
      if (e.kind !== 'call' || e.fn !== 'log' || e.args.length !== 2 || e.derivs.length > 0) return null;
      const [a, b] = e.args as [Expr, Expr];
      if (a.kind !== 'num' || b.kind !== 'num') return null;
      const k = exactLog(a.value, b.value);
      return k ? num(k) : null;
    },
  },
];
