// The public forms of functions that the library also calls in its inner loops
// (the chain rule calls partial once per node, the simplifier calls cost once
// per candidate, the chain rule substitutes into every table entry): these check their arguments once (core/check-args.ts), then
// call the unchecked function that the rest of the library keeps calling.
import { arg, argError, expectExpr, expectObject } from './core/check-args.js';
import { substitute as substituteCore, type Substitution } from './diff/substitute.js';
import { intern } from './core/build.js';
import type { Expr } from './core/expr.js';
import { children, dagSize as dagSizeCore, freeSymbols as freeSymbolsCore, postorder as postorderCore } from './core/traverse.js';
import { partial as partialCore, partials as partialsCore, type DefinedContext } from './diff/partials.js';
import { cost as costCore } from './simplify/cost.js';

const roots = (fn: string, xs: readonly unknown[]): Expr[] => xs.map((x, i) => intern(expectExpr(x, fn, arg(i + 1, 'root'))));

const context = (fn: string, n: number, d: unknown): DefinedContext | undefined => {
  if (d !== undefined && (typeof d !== 'object' || d === null)) throw argError(fn, arg(n, 'defined'), 'left out', d);
  return d as DefinedContext | undefined;
};

/** The partial derivative of `e` with respect to its child number `i` (order of `children(e)`). */
export function partial(e: Expr, i: number, defined?: DefinedContext): Expr {
  const x = intern(expectExpr(e, 'partial', arg(1, 'e')));
  const n = children(x).length;
  if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= n) {
    const which = n === 0 ? `an index of a child, but ${x.kind === 'num' ? 'a number' : 'a symbol'} has none` : `the index of one of its ${n} children (0 to ${n - 1})`;
    throw argError('partial', arg(2, 'i'), which, i);
  }
  return partialCore(x, i, context('partial', 3, defined));
}

/** The partial derivative of `e` with respect to each child, in the order of `children(e)`. */
export function partials(e: Expr, defined?: DefinedContext): Expr[] {
  return partialsCore(intern(expectExpr(e, 'partials', arg(1, 'e'))), context('partials', 2, defined));
}

/** Operation count of the printed form of `e`. */
export const cost = (e: Expr): number => costCore(intern(expectExpr(e, 'cost', arg(1, 'e'))));

/** Distinct nodes reachable from the roots, each after all of its children. */
export const postorder = (...xs: Expr[]): Expr[] => postorderCore(...roots('postorder', xs));

/** Free variables (not constants), sorted by name. */
export function freeSymbols(...xs: Expr[]): string[] {
  return freeSymbolsCore(...roots('freeSymbols', xs));
}

/** Number of distinct nodes in the graph. */
export function dagSize(...xs: Expr[]): number {
  return dagSizeCore(...roots('dagSize', xs));
}

/** Replaces free symbols simultaneously: substitute(e, { x: 2 }) (see diff/substitute.ts). */
export function substitute(e: Expr, bindings: Substitution): Expr {
  const x = intern(expectExpr(e, 'substitute', arg(1, 'e')));
  if (!(bindings instanceof Map)) expectObject(bindings, 'substitute', arg(2, 'bindings'), 'an object of values, like { x: 2 }, or a Map');
  return substituteCore(x, bindings);
}
