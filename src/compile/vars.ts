// The variables of a compiled function: the caller's names, in order, mapped to
// our own parameter names v0, v1, ... A name is only ever a key in that map; it
// never becomes code, so any string (constructor, __proto__, this, Math, ...) is
// a fine variable name.
import { describeValue } from '../core/options.js';
import type { Expr } from '../core/expr.js';
import { MathError } from '../core/rational.js';
import { CONSTANTS, freeSymbols } from '../core/traverse.js';
import { JS } from '../print/target.js';
import type { ArgChecks } from './args.js';

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
  throw new MathError(`the option args must be 'positional' or 'array', not ${describeValue(args)}`);
}

/** Used variables up to which the array convention checks each read on its own line; past it, one loop over x. */
const UNROLLED_CHECKS = 256;

/**
 * The parameter list of the generated function after `leading` ('out', of
 * `outLength` numbers) and the statements that start its body: checks that
 * each argument is a number (args.ts), and in the array convention each
 * variable the expressions use read from the array once, into its own const.
 */
export function signature(
  p: Params,
  roots: readonly Expr[],
  args: ArgsConvention,
  leading: readonly string[] = [],
  named: { readonly fn: string; readonly outLength?: number } = { fn: 'f' },
): { params: string[]; reads: string[]; checks: ArgChecks } {
  const n = p.vars.length;
  const checks: ArgChecks = { fn: named.fn, lead: leading.length, array: args === 'array', count: n, out: named.outLength ?? 0 };
  const reads: string[] = [];
  if (leading.length > 0) reads.push(`if (typeof out !== "object" || out === null || !(out.length >= ${checks.out})) throw argError(-1, out);`);
  if (args === 'positional') {
    p.names.forEach((v, i) => reads.push(`if (typeof ${v} !== "number") throw argError(${i}, ${v});`));
    return { params: [...leading, ...p.names], reads, checks };
  }
  reads.push(`if (typeof ${ARRAY} !== "object" || ${ARRAY} === null) throw argError(-2, ${ARRAY});`);
  const used = new Set(freeSymbols(...roots));
  const unrolled = used.size <= UNROLLED_CHECKS;
  p.vars.forEach((v, i) => {
    if (!used.has(v)) return;
    reads.push(JS.read(`v${i}`, ARRAY, i));
    if (unrolled) reads.push(`if (typeof v${i} !== "number") throw argError(${i}, v${i});`);
  });
  if (!unrolled) reads.push(`for (let i = 0; i < ${n}; i++) if (typeof ${ARRAY}[i] !== "number") throw argError(i, ${ARRAY}[i]);`);
  return { params: [...leading, ARRAY], reads, checks };
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
