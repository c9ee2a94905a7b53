// substitute(e, {x: value}): replaces free symbols simultaneously (a value is
// never itself searched for symbols, so {x: y, y: x} swaps). The result is
// renormalised by the builders, so exact values fold: sin(x) at x = 0 is 0.
// One pass over the distinct nodes of e (a shared graph stays shared); a
// builder's MathError (a division by an exact zero) propagates.
import { intern, lift, replaceSymbols, type Arg } from '../core/build.js';
import type { Expr } from '../core/expr.js';
import { MathError } from '../core/rational.js';
import { CONSTANTS } from '../core/traverse.js';

export type Substitution = ReadonlyMap<string, Arg> | Readonly<Record<string, Arg>>;

export function substitute(e: Expr, bindings: Substitution): Expr {
  const map = new Map<string, Expr>();
  const entries = bindings instanceof Map ? [...bindings.entries()] : Object.entries(bindings);
  for (const [name, value] of entries) {
    if (CONSTANTS.has(name)) throw new MathError(`${name} is a constant; it cannot be substituted`);
    map.set(name, lift(value as Arg));
  }
  if (map.size === 0) return intern(e);
  return replaceSymbols(intern(e), (name) => map.get(name));
}
