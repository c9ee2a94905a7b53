// Node folds for conditions and piecewise values (see fold.ts). Each is sound
// wherever the input is defined:
// - a comparison whose sides' difference the sign analysis decides is that
//   constant (x^2 + 1 > 0 is true), and then the builders take or drop its piece;
// - a piece whose value is the next one's (or the otherwise) merges into it:
//   piecewise(c, a, a) is a wherever c is defined.
import { ONE, ZERO, call, mul, num, sub } from '../core/build.js';
import { gcd, rat, type Rational } from '../core/rational.js';
import type { Expr } from '../core/expr.js';
import type { NodeFold } from './fold.js';
import { signOf } from './sign.js';

function decideComparison(e: Expr): Expr | null {
  if (e.kind !== 'call' || e.derivs.length > 0 || e.args.length !== 2) return null;
  if (e.fn !== 'lt' && e.fn !== 'le' && e.fn !== 'eq' && e.fn !== 'ne') return null;
  const [a, b] = e.args as [Expr, Expr];
  const s = signOf(sub(b, a)); // b - a: lt(a, b) holds when it is > 0
  switch (e.fn) {
    case 'lt':
      return s.positive ? ONE : s.nonpositive ? ZERO : null;
    case 'le':
      return s.nonnegative ? ONE : s.negative ? ZERO : null;
    case 'eq':
      return s.nonzero ? ZERO : null;
    case 'ne':
      return s.nonzero ? ONE : null;
  }
  return null;
}

/** The positive rational content of a side (|c| of c*u, gcd of a sum's coefficients), 0 for 0. */
function sideContent(e: Expr): Rational {
  const coef = (t: Expr): Rational => (t.kind === 'num' ? t.value : t.kind === 'mul' && t.args[0]!.kind === 'num' ? t.args[0]!.value : rat(1n));
  const terms = e.kind === 'add' ? e.args : [e];
  let p = 0n;
  let q = 1n;
  for (const t of terms) {
    const c = coef(t);
    p = gcd(p, c.p < 0n ? -c.p : c.p);
    q = (q / gcd(q, c.q)) * c.q;
  }
  return rat(p, q);
}

/**
 * Both sides of a comparison divided by their common positive content: 2*a < 4*b is a < 2*b.
 * Exact: dividing by a positive number keeps every comparison as it is.
 */
function comparisonContent(e: Expr): Expr | null {
  if (e.kind !== 'call' || e.derivs.length > 0 || e.args.length !== 2) return null;
  if (e.fn !== 'lt' && e.fn !== 'le' && e.fn !== 'eq' && e.fn !== 'ne') return null;
  const [a, b] = e.args as [Expr, Expr];
  const ca = sideContent(a);
  const cb = sideContent(b);
  const p = gcd(ca.p, cb.p);
  if (p === 0n) return null;
  const q = (ca.q / gcd(ca.q, cb.q)) * cb.q;
  if (p === 1n && q === 1n) return null;
  const inv = num(rat(q, p));
  return call(e.fn, mul(inv, a), mul(inv, b));
}

function mergePieces(e: Expr): Expr | null {
  if (e.kind !== 'call' || e.fn !== 'piecewise' || e.derivs.length > 0 || e.args.length % 2 === 0) return null;
  const args = [...e.args];
  let changed = false;
  // From the end: a piece whose value is the otherwise is the otherwise.
  while (args.length >= 3 && args[args.length - 2] === args[args.length - 1]) {
    args.splice(args.length - 3, 2);
    changed = true;
  }
  if (!changed) return null;
  return args.length === 1 ? args[0]! : call('piecewise', ...args);
}

export const CONDITION_FOLDS: readonly NodeFold[] = [
  {
    name: 'decided-comparison',
    group: 'conditions',
    statement: 'a < b => true (1) when b - a > 0 by the sign analysis, false (0) when b - a <= 0; likewise <=, ==, != (x^2 + 1 > 0 => true)',
    fold: decideComparison,
    kinds: ['call'],
  },
  {
    name: 'comparison-content',
    group: 'conditions',
    statement: 'k*a < k*b => a < b for a common content k > 0; likewise <=, ==, != (2*a < 4*b => a < 2*b)',
    fold: comparisonContent,
    kinds: ['call'],
  },
  {
    name: 'same-pieces',
    group: 'conditions',
    statement: 'piecewise(..., c, a, a) => piecewise(..., a): a piece equal to the otherwise merges into it (x > 0 ? y : y => y)',
    fold: mergePieces,
    kinds: ['call'],
  },
];
