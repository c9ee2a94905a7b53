// The cost of an expression: the number of operations a person reads in its
// printed form. Each +, -, *, /, ^, unary minus and function call counts one;
// symbols and integers count nothing. It is measured on the DISPLAYED form,
// the layout src/print/precedence.ts gives every printer: a - b is one
// operation (not a + (-1)*b), x/3 is one, 1/x^2 is two, sqrt(x) and cbrt(x)
// are one call, x^(3/2) is two (the power and the fraction), a sum shows a
// positive term first (so a leading minus is paid only when every term is
// negative). A shared subgraph is paid once per occurrence, as printed; the
// computation is bottom-up over distinct nodes with a memo, so it is linear.
import type { Expr } from '../core/expr.js';
import { fold } from '../core/traverse.js';
import type { Rational } from '../core/rational.js';
import { IdMap } from '../core/idmap.js';

interface Measure {
  /** Operations in the printed form of the node on its own. */
  readonly ops: number;
  /** The same without a leading minus (what follows the minus of a subtraction). */
  readonly unsigned: number;
  /** Leading minus shown? */
  readonly negative: boolean;
  /** Tree size (nodes per occurrence): the tie-break between forms of equal cost. */
  readonly size: number;
}

const memo = new IdMap<Measure>();

const measureOf = (e: Expr): Measure => fold(e, measure, memo);

/** Operation count of the printed form of `e`. */
export const cost = (e: Expr): number => measureOf(e).ops;

/**
 * Orders by cost, then by the unsigned cost (a leading minus is free inside a
 * sum or product, so -sin(x) beats sin(-x)), then by tree size: negative when
 * `a` is simpler than `b`.
 */
export function compareCost(a: Expr, b: Expr): number {
  const x = measureOf(a);
  const y = measureOf(b);
  return x.ops - y.ops || x.unsigned - y.unsigned || x.size - y.size;
}

/**
 * Is `a` a strict improvement on `b`: fewer operations, or as many with the
 * sign outside? (Tree size alone never justifies a rewrite: which of two
 * equally costly forms is better depends on where the node stands.)
 */
export function improves(a: Expr, b: Expr): boolean {
  const x = measureOf(a);
  const y = measureOf(b);
  return x.ops < y.ops || (x.ops === y.ops && x.unsigned < y.unsigned);
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
  const size = 1 + kids.reduce((s, k) => s + k.size, 0);
  switch (e.kind) {
    case 'sym':
      return { ops: 0, unsigned: 0, negative: false, size };
    case 'num': {
      const { p, q } = e.value;
      const unsigned = q !== 1n ? 1 : 0;
      const negative = p < 0n;
      return { ops: unsigned + (negative ? 1 : 0), unsigned, negative, size };
    }
    case 'call':
      return signed(1 + kids.reduce((s, k) => s + k.ops, 0), false, size);
    case 'add': {
      let ops = kids.length - 1;
      let allNegative = true;
      for (const k of kids) {
        ops += k.unsigned;
        if (!k.negative) allNegative = false;
      }
      return signed(ops, allNegative, size);
    }
    case 'pow': {
      const [base, exp] = kids as [Measure, Measure];
      if (e.exp.kind === 'num') {
        const r = e.exp.value;
        // A negative numeric exponent shows as 1/base^|r|.
        if (r.p < 0n) return signed(1 + powerOps(base, { p: -r.p, q: r.q }), false, size);
        return signed(powerOps(base, r), false, size);
      }
      return signed(1 + base.ops + exp.ops, false, size);
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
          ops += powerOps(memo.get(f.base.id)!, { p: -f.exp.value.p, q: f.exp.value.q });
        } else {
          top++;
          ops += k.ops;
        }
      });
      ops += Math.max(0, top - 1) + bottom; // one / and the *s below it
      return signed(ops, negative, size);
    }
  }
}

const signed = (unsigned: number, negative: boolean, size: number): Measure => ({
  ops: unsigned + (negative ? 1 : 0),
  unsigned,
  negative,
  size,
});
