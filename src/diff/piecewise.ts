// Derivatives of piecewise values, piece by piece.
//
// Inside a piece (an open set where one condition decides) the derivative is
// that piece's. On a seam (where a comparison's two sides are equal) the
// derivative exists only where the function is continuous and both one-sided
// derivatives agree; elsewhere on a seam it is undefined (NaN).
//
// Forward mode (derivative.ts) knows the pieces' derivatives and checks the
// seam: for c ? a : b with c a comparison of p and q, it is
//   c ? a' : b'                          when a = b and a' = b' on the seam
//                                        (decided exactly by putting p := q
//                                        when p is a variable q does not contain)
//   piecewise(inside, a', outside, b')   when they differ there (NaN on the seam)
//   piecewise(inside, a', outside, b', a == b and a' == b', a')   otherwise.
// A condition built with and/or/not has no such check: its derivative is
// undefined on every seam. Reverse mode (compiled gradients) passes the adjoint
// to the piece whose interior holds, and on a seam uses this rule itself
// (compile/gradient.ts), so that both give the same answer there.
import { ONE, ZERO, call, replaceSymbols } from '../core/build.js';
import type { Call, Expr } from '../core/expr.js';
import { MathError } from '../core/rational.js';
import { freeSymbols } from '../core/traverse.js';
import { isRecoverable } from '../core/budget.js';

const isFn = (e: Expr, fn: string): e is Call => e.kind === 'call' && e.fn === fn && e.derivs.length === 0;

/** The interior of the set where c holds (for and/or a subset of it: a point left out is undefined, never wrong). */
export function interior(c: Expr): Expr {
  if (c.kind !== 'call' || c.derivs.length > 0) return c.kind === 'num' ? c : ZERO;
  const [p, q] = c.args as [Expr, Expr];
  switch (c.fn) {
    case 'lt':
    case 'le':
      return call('lt', p, q);
    case 'eq':
      return ZERO;
    case 'ne':
      return c;
    case 'and':
    case 'or':
      return call(c.fn, ...c.args.map(interior));
    case 'not':
      return exterior(c.args[0]!);
  }
  return ZERO;
}

/** The interior of the set where c fails (a subset of it for and/or). */
export function exterior(c: Expr): Expr {
  if (c.kind !== 'call' || c.derivs.length > 0) return c.kind === 'num' ? (c.value.p === 0n ? ONE : ZERO) : ZERO;
  const [p, q] = c.args as [Expr, Expr];
  switch (c.fn) {
    case 'lt':
    case 'le':
      return call('lt', q, p);
    case 'eq':
      return call('ne', p, q);
    case 'ne':
      return ZERO;
    case 'and':
      return call('or', ...c.args.map(exterior));
    case 'or':
      return call('and', ...c.args.map(exterior));
    case 'not':
      return interior(c.args[0]!);
  }
  return ZERO;
}

/** The pieces of piecewise(args): [condition, value] pairs and the otherwise (undefined when there is none). */
function pieces(args: readonly Expr[]): { conds: Expr[]; values: Expr[]; otherwise: Expr | undefined } {
  const conds: Expr[] = [];
  const values: Expr[] = [];
  for (let i = 0; i + 1 < args.length; i += 2) {
    conds.push(args[i]!);
    values.push(args[i + 1]!);
  }
  return { conds, values, otherwise: args.length % 2 === 1 ? args[args.length - 1] : undefined };
}

/**
 * The partial derivative of a piecewise node with respect to its argument i:
 * 0 for a condition; for a value, 1 inside its piece, 0 inside the others,
 * undefined on the seams.
 */
export function piecewisePartial(e: Call, i: number): Expr {
  const n = e.args.length;
  const isOtherwise = n % 2 === 1 && i === n - 1;
  if (!isOtherwise && i % 2 === 0) return ZERO;
  const { conds } = pieces(e.args);
  // The interior of piece k: its condition's, where every earlier condition fails.
  const region = (k: number): Expr => call('and', ...conds.slice(0, k).map(exterior), ...(k < conds.length ? [interior(conds[k]!)] : []));
  const count = conds.length + (n % 2 === 1 ? 1 : 0);
  const mine = isOtherwise ? conds.length : (i - 1) / 2;
  const others = Array.from({ length: count }, (_, k) => k).filter((k) => k !== mine);
  return others.length === 0 ? call('piecewise', region(mine), ONE) : call('piecewise', region(mine), ONE, call('or', ...others.map(region)), ZERO);
}

/** e with symbol p replaced by q, or undefined when that is not exact (p not a symbol, or q contains it). */
function onSeam(e: Expr, p: Expr, q: Expr): Expr | undefined {
  if (p.kind !== 'sym' || freeSymbols(q).includes(p.name)) return undefined;
  try {
    return replaceSymbols(e, (name) => (name === p.name ? q : undefined));
  } catch (err) {
    if (isRecoverable(err)) return ZERO; // undefined on the seam (a division by an exact 0 there)
    throw err;
  }
}

/** The validity condition put on the seam p = q exactly, when a side is a variable the other does not contain. */
function seamCheck(check: Expr, p: Expr, q: Expr): Expr {
  return onSeam(check, p, q) ?? onSeam(check, q, p) ?? check;
}

/**
 * d/dx piecewise(args), from the derivatives `d[i]` of the values (d[i] for
 * i a value's position; conditions' entries unused). Forward mode's rule.
 */
export function piecewiseDerivative(args: readonly Expr[], d: readonly Expr[]): Expr {
  const step = (i: number): { value: Expr; slope: Expr } | undefined => {
    const rest = args.length - i;
    if (rest === 0) return undefined;
    if (rest === 1) return { value: args[i]!, slope: d[i]! };
    const c = args[i]!;
    const v = args[i + 1]!;
    const dv = d[i + 1]!;
    const tail = step(i + 2);
    const value = call('piecewise', ...args.slice(i));
    if (tail === undefined) return { value, slope: call('piecewise', interior(c), dv) };
    const { value: r, slope: dr } = tail;
    const inside = interior(c);
    const outside = exterior(c);
    const split = [inside, dv, outside, dr];
    if (!(isFn(c, 'lt') || isFn(c, 'le') || isFn(c, 'eq') || isFn(c, 'ne'))) return { value, slope: call('piecewise', ...split) };
    const [p, q] = c.args as [Expr, Expr];
    // On the seam: continuity, and for lt/le (pieces on both sides) equal one-sided slopes.
    const both = c.fn === 'lt' || c.fn === 'le';
    const check = seamCheck(both ? call('and', call('eq', v, r), call('eq', dv, dr)) : call('eq', v, r), p, q);
    // The slope on the seam: of the piece around it (b for ==, a for !=; for < and <= they agree).
    const seam = c.fn === 'eq' ? dr : dv;
    if (check === ONE) return { value, slope: c.fn === 'eq' ? dr : c.fn === 'ne' ? dv : call('piecewise', c, dv, dr) };
    if (check === ZERO) return { value, slope: call('piecewise', ...split) };
    return { value, slope: call('piecewise', ...split, check, seam) };
  };
  return step(0)!.slope;
}
