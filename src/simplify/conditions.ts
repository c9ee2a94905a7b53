// Node folds for conditions and piecewise values (see fold.ts). Each is sound
// wherever the input is defined:
// - a comparison whose sides' difference the sign analysis decides is that
//   constant (x^2 + 1 > 0 is true), and then the builders take or drop its piece;
// - a piece whose value is the next one's (or the otherwise) merges into it:
//   piecewise(c, a, a) is a wherever c is defined.
import { ONE, ZERO, call, sub } from '../core/build.js';
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
  },
  {
    name: 'same-pieces',
    group: 'conditions',
    statement: 'piecewise(..., c, a, a) => piecewise(..., a): a piece equal to the otherwise merges into it (x > 0 ? y : y => y)',
    fold: mergePieces,
  },
];
