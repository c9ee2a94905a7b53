// The local factors of the chain rule, in one place: the partial derivative of
// a node with respect to each of its children, as an expression in the
// children. Forward mode (derivative.ts) multiplies them by the children's
// derivatives; reverse mode (gradients, the compiler) by the node's adjoint.
//
//   add  a + b + ...    -> 1 for each term
//   mul  a * b * ...    -> the product of the other factors
//   pow  f^g            -> [g*f^(g-1), f^g*log(f)]
//   call known fn       -> the derivative table (table.ts), parameters := arguments
//                          (logsumexp: u := the argument, s := the call itself)
//   call undefined f    -> f with one more derivative mark: f'(u), D(f, 1, 2)(u, v)
//   call defined f      -> its body's partial, written with f where simpler (defined.ts)
//   call piecewise      -> 0 for a condition, a value's piece indicator (piecewise.ts)
//
// The partial with respect to a child that is an exact number is 0: a number
// never varies, so no derivative is lost, and x^(1/2) or x^3 get no
// log-of-the-base term (which would be NaN for a negative base).
import { ZERO, ONE, call, derivativeCall, log, mul, mulOf, pow, sub } from '../core/build.js';
import type { Call, Expr } from '../core/expr.js';
import { FUNCTIONS } from '../core/functions.js';
import { MathError } from '../core/rational.js';
import { children } from '../core/traverse.js';
import type { Definitions } from '../parse/definitions.js';
import { definedPartial } from './defined.js';
import { piecewisePartial } from './piecewise.js';

/** User definitions, and how to differentiate a body (derivative.ts's forward mode). */
export interface DefinedContext {
  readonly defs: Definitions;
  readonly differentiate: (e: Expr, wrt: string) => Expr;
}
import { substitute } from './substitute.js';
import { tableEntry } from './table.js';

/** The partial derivative of `e` with respect to its child number `i` (order of `children(e)`). */
export function partial(e: Expr, i: number, defined?: DefinedContext): Expr {
  const kids = children(e);
  const child = kids[i];
  if (child === undefined) throw new RangeError(`${e.kind} node has no child ${i}`);
  if (child.kind === 'num') return ZERO;
  switch (e.kind) {
    case 'num':
    case 'sym':
      throw new RangeError('unreachable: leaves have no children');
    case 'add':
      return ONE;
    case 'mul':
      return mulOf(e.args.filter((_, k) => k !== i));
    case 'pow':
      // f^g: d/df = g*f^(g-1); d/dg = f^g*log(f), except that 0^g is the constant 0
      // wherever it is defined (g > 0), so its slope in g is 0, not 0*log(0).
      if (i === 1 && e.base === ZERO) return ZERO;
      return i === 0 ? mul(e.exp, pow(e.base, sub(e.exp, 1))) : mul(e, log(e.base));
    case 'call':
      return callPartial(e, i, defined);
  }
}

/** The partial derivative of `e` with respect to each child, in the order of `children(e)`. */
export function partials(e: Expr, defined?: DefinedContext): Expr[] {
  return children(e).map((_, i) => partial(e, i, defined));
}

function callPartial(e: Call, i: number, defined?: DefinedContext): Expr {
  const def = defined && e.derivs.length === 0 ? defined.defs.byName.get(e.fn) : undefined;
  if (def && !def.shadows && def.params.length === e.args.length) return definedPartial(defined!.defs, def, e.args, i, defined!.differentiate);
  if (e.derivs.length > 0 || !FUNCTIONS.has(e.fn)) return derivativeCall(e.fn, e.args, [...e.derivs, i]);
  if (e.fn === 'piecewise') return piecewisePartial(e, i);
  const entry = tableEntry(e.fn, e.args.length);
  if (entry.value) return substitute(entry.partials[0]!, { [entry.params[0]!]: e.args[i]!, [entry.params[1]!]: e });
  if (entry.variadic) return variadicPartial(e, i, entry.partials[0]!, entry.params as [string, string]);
  const formula = entry.partials[i];
  if (!formula) throw new MathError(`${e.fn} is not differentiable with respect to its argument ${i + 1}`);
  return substitute(formula, Object.fromEntries(entry.params.map((p, k) => [p, e.args[k]!])));
}

/**
 * fn(a1, ..., an) is read as fn(a1, fn(a2, ..., fn(a(n-1), an))), and the
 * table's F(u, v) = d/du fn(u, v) is chained along that nesting: a_i gets
 * F(a_i, rest_i) times F(rest_k, a_k) for each k before it (rest_k = fn of the
 * arguments after a_k). At a tie F is 1/2, so the partials always add up to 1:
 * min(x, x, x) has derivative 1 (a three-way tie splits 1/2, 1/4, 1/4).
 */
function variadicPartial(e: Call, i: number, F: Expr, [u, v]: [string, string]): Expr {
  const n = e.args.length;
  const rest = (k: number): Expr => call(e.fn, ...e.args.slice(k + 1));
  const at = (a: Expr, b: Expr): Expr => substitute(F, { [u]: a, [v]: b });
  const factors: Expr[] = [];
  for (let k = 0; k < i; k++) factors.push(at(rest(k), e.args[k]!));
  if (i < n - 1) factors.push(at(e.args[i]!, rest(i)));
  return mul(...factors);
}
