// The cost of an expression: the number of operations a person reads in its
// printed form. Each +, -, *, /, ^, unary minus and function call counts one;
// symbols and integers count nothing. It is measured on the DISPLAYED form,
// the layout src/print/precedence.ts gives every printer: a - b is one
// operation (not a + (-1)*b), x/3 is one, 1/x^2 is two, sqrt(x) and cbrt(x)
// are one call, x^(3/2) is two (the power and the fraction), a sum shows a
// positive term first (so a leading minus is paid only when every term is
// negative). A shared subgraph is paid once per occurrence, as printed; the
// computation is bottom-up over distinct nodes with a memo, so it is linear.
import { nodeMemo } from '../core/memo.js';
import type { Expr } from '../core/expr.js';
import { CONSTANTS, fold } from '../core/traverse.js';
import { bitLength, type Rational } from '../core/rational.js';
import { integerContent, rootContent, rootFactor } from './content.js';

import { CIRCULAR, INVERSE_CIRCULAR } from '../core/circular.js';

interface Measure {
  /** Operations in the printed form of the node on its own. */
  readonly ops: number;
  /** The same without a leading minus (what follows the minus of a subtraction). */
  readonly unsigned: number;
  /** Leading minus shown? */
  readonly negative: boolean;
  /**
   * Factors of products with a numeric coefficient that are sums (or integer
   * powers of sums) whose integer coefficients share a factor, per occurrence:
   * between forms of equal cost the one with primitive factors is what a person
   * writes (8*(3*x - 1) over 4*(6*x - 2)). A sum on its own is not counted
   * (3*x^2 - 6*x + 3 is as good as 3*(x^2 - 2*x + 1)). Also roots of roots
   * and radicands with a factor that comes out exactly (content.ts).
   */
  readonly impure: number;
  /** No symbol but pi and e in it. */
  readonly constant: boolean;
  /** Tree size (nodes per occurrence): the tie-break between forms of equal cost. */
  readonly size: number;
}

const memo = nodeMemo<Measure>();

const measureOf = (e: Expr): Measure => fold(e, measure, memo);

/** Operation count of the printed form of `e`. */
export const cost = (e: Expr): number => measureOf(e).ops;

/**
 * Orders by cost, then by the unsigned cost (a leading minus is free inside a
 * sum or product, so -sin(x) beats sin(-x)), then by sums with a common
 * integer factor, then by tree size: negative when `a` is simpler than `b`.
 */
export function compareCost(a: Expr, b: Expr): number {
  const x = measureOf(a);
  const y = measureOf(b);
  return x.ops - y.ops || x.unsigned - y.unsigned || x.impure - y.impure || x.size - y.size;
}

/**
 * Is `a` a strict improvement on `b`: fewer operations, or as many with the
 * sign outside, or as many with fewer non-primitive sums? (Tree size alone
 * never justifies a rewrite: which of two equally costly forms is better
 * depends on where the node stands.) A strict order, so no rewrites cycle.
 */
export function improves(a: Expr, b: Expr): boolean {
  const x = measureOf(a);
  const y = measureOf(b);
  return x.ops < y.ops || (x.ops === y.ops && (x.unsigned < y.unsigned || (x.unsigned === y.unsigned && x.impure < y.impure)));
}

// A fraction shown as p/q (in an exponent or on its own) has one division.
const ratOps = (r: Rational): number => (r.q !== 1n ? 1 : 0);

/** Operations of base^r for r > 0 as displayed: sqrt and cbrt by name, x^(p/q) with its fraction. */
function powerOps(base: Measure, r: Rational): number {
  if (r.p === 1n && r.q === 1n) return base.ops;
  if (r.p === 1n && (r.q === 2n || r.q === 3n)) return 1 + base.ops;
  return 1 + base.ops + ratOps(r);
}

function measure(e: Expr, kids: Measure[]): Measure {
  let size = 1;
  let impure = 0;
  let constant = e.kind === 'sym' ? CONSTANTS.has(e.name) : e.kind !== 'call' || e.derivs.length === 0;
  for (const k of kids) {
    size += k.size;
    impure += k.impure;
    if (!k.constant) constant = false;
  }
  // A circular function at a constant over its exact value, between forms of equal cost: sqrt(2)/2 over sin(pi/4), pi/4 over atan(1).
  if (e.kind === 'call' && constant && (CIRCULAR.has(e.fn) || INVERSE_CIRCULAR.has(e.fn))) impure++;
  if (e.kind === 'mul' && e.args[0]!.kind === 'num') {
    for (const f of e.args) {
      const base = f.kind === 'pow' && f.exp.kind === 'num' && f.exp.value.q === 1n ? f.base : f;
      if (base.kind === 'add' && integerContent(base) !== 1n) impure++;
    }
  }
  // Between forms of equal cost, a numeric root as a person leaves it: an integer radicand free of
  // q-th powers, in the numerator (sqrt(2)/4 over sqrt(1/8), 2*sqrt(3) over 6/sqrt(3), 3*sqrt(12) over 6*sqrt(3)).
  if (e.kind === 'pow' && e.base.kind === 'num' && e.exp.kind === 'num' && e.exp.value.q !== 1n && e.base.value.p > 0n) {
    const v = e.base.value;
    const q = e.exp.value.q;
    if (v.q !== 1n || e.exp.value.p < 0n) impure++;
    if (bitLength(v.p) + bitLength(v.q) <= 64 && q <= 6n && rootFactor(v.p * v.q ** (q - 1n), q) !== 1n) impure++;
  }
  if (e.kind === 'pow' && e.exp.kind === 'num' && e.exp.value.q !== 1n) {
    // A root of a root (sqrt(sqrt(x)) over x^(1/4)), or a radicand with a factor that could
    // come out exactly (sqrt(4*x^2/9 + 1) over sqrt(4*x^2 + 9)/3).
    const b = e.base;
    const q = e.exp.value.q;
    if (b.kind === 'pow' && b.exp.kind === 'num' && (b.exp.value.q !== 1n || b.exp.value.p % q === 0n)) impure++; // sqrt(x^6) over abs(x)^3
    else if (b.kind === 'add' && rootContent(b, q) !== null) impure++;
  }
  const signed = (unsigned: number, negative: boolean): Measure => ({
    ops: unsigned + (negative ? 1 : 0),
    unsigned,
    negative,
    impure,
    constant,
    size,
  });
  switch (e.kind) {
    case 'sym':
      return signed(0, false);
    case 'num': {
      const { p, q } = e.value;
      return signed(q !== 1n ? 1 : 0, p < 0n);
    }
    case 'call': {
      // As printed: a and b and c has two operations, c1 ? v1 : c2 ? v2 : w two (one per ?).
      const own = e.derivs.length > 0 ? 1 : e.fn === 'and' || e.fn === 'or' ? e.args.length - 1 : e.fn === 'piecewise' && e.args.length % 2 === 1 ? (e.args.length - 1) / 2 : 1;
      return signed(own + kids.reduce((s, k) => s + k.ops, 0), false);
    }
    case 'add': {
      let ops = kids.length - 1;
      let allNegative = true;
      for (const k of kids) {
        ops += k.unsigned;
        if (!k.negative) allNegative = false;
      }
      return signed(ops, allNegative);
    }
    case 'pow': {
      const [base, exp] = kids as [Measure, Measure];
      if (e.exp.kind === 'num') {
        const r = e.exp.value;
        // A negative numeric exponent shows as 1/base^|r|.
        if (r.p < 0n) return signed(1 + powerOps(base, { p: -r.p, q: r.q }), false);
        return signed(powerOps(base, r), false);
      }
      return signed(1 + base.ops + exp.ops, false);
    }
    case 'mul': {
      // Laid out as [-] coefficient*numerator / (coefficient denominator*denominator).
      let negative = false;
      let top = 0;
      let bottom = 0;
      let ops = 0;
      e.args.forEach((f, i) => {
        const k = kids[i]!;
        if (f.kind === 'num') {
          negative = f.value.p < 0n;
          if (f.value.p !== 1n && f.value.p !== -1n) top++;
          if (f.value.q !== 1n) bottom++;
        } else if (f.kind === 'pow' && f.exp.kind === 'num' && f.exp.value.p < 0n) {
          bottom++;
          ops += powerOps(memo.get(f.base)!, { p: -f.exp.value.p, q: f.exp.value.q });
        } else {
          top++;
          ops += k.ops;
        }
      });
      ops += Math.max(0, top - 1) + bottom; // one / and the *s below it
      return signed(ops, negative);
    }
  }
}
