// The variables of a compiled function: the caller's names, in order, mapped to
// our own parameter names v0, v1, ... A name is only ever a key in that map; it
// never becomes code, so any string (constructor, __proto__, this, Math, ...) is
// a fine variable name.
import type { Expr } from '../core/expr.js';
import { MathError } from '../core/rational.js';
import { CONSTANTS, freeSymbols } from '../core/traverse.js';
import { JS } from '../print/target.js';

export interface Params {
  /** Variable names in argument order. */
  readonly vars: readonly string[];
  /** Variable name -> parameter name. */
  readonly params: ReadonlyMap<string, string>;
  /** Parameter names in argument order: v0, v1, ... */
  readonly names: readonly string[];
}

/**
 * How a compiled function takes its variables: as positional arguments
 * `f(v0, v1, ...)` (JavaScript caps a function at 65534 parameters), or as one
 * array-like `f(x)` read in `vars` order, with no limit but memory.
 */
export type ArgsConvention = 'positional' | 'array';

/** The name of the array parameter in the array convention (never a generated temporary's name). */
const ARRAY = 'x';

export function checkConvention(args: unknown): ArgsConvention {
  if (args === undefined || args === 'positional') return 'positional';
  if (args === 'array') return 'array';
  throw new MathError(`args must be 'positional' or 'array', not ${JSON.stringify(args)}`);
}

/**
 * The parameter list of the generated function after `leading` (such as 'out'),
 * and the statements that start its body: in the array convention each variable
 * the expressions use is read from the array once, into its own const.
 */
export function signature(
  p: Params,
  roots: readonly Expr[],
  args: ArgsConvention,
  leading: readonly string[] = [],
): { params: string[]; reads: string[] } {
  if (args === 'positional') return { params: [...leading, ...p.names], reads: [] };
  const used = new Set(freeSymbols(...roots));
  const reads: string[] = [];
  p.vars.forEach((v, i) => {
    if (used.has(v)) reads.push(JS.read(`v${i}`, ARRAY, i));
  });
  return { params: [...leading, ARRAY], reads };
}

/** Checks `vars` (default: the free symbols, sorted) against the expressions. */
export function resolveVars(roots: readonly Expr[], vars?: readonly string[]): Params {
  const free = freeSymbols(...roots);
  const list = vars === undefined ? free : [...vars];
  const params = new Map<string, string>();
  list.forEach((v, i) => {
    if (typeof v !== 'string' || v === '') throw new MathError(`variable ${i + 1} is not a name: ${String(v)}`);
    if (CONSTANTS.has(v)) throw new MathError(`'${v}' is a constant, not a variable`);
    if (params.has(v)) throw new MathError(`variable '${v}' is listed twice`);
    params.set(v, `v${i}`);
  });
  const missing = free.filter((s) => !params.has(s));
  if (missing.length > 0) {
    const quoted = missing.map((s) => `'${s}'`).join(', ');
    const given = list.length === 0 ? 'no variables were given' : `the variables are ${list.map((s) => `'${s}'`).join(', ')}`;
    throw new MathError(`the expression uses ${quoted}, not among the variables (${given})`);
  }
  return { vars: list, params, names: list.map((_, i) => `v${i}`) };
}
