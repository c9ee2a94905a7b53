// compile(e, vars): a real JavaScript function computing e, as evaluate does.
import { arg, expectBoolean, expectVars, optional } from '../core/check-args.js';
import { ownOptions } from '../core/options.js';
import { budgetOf, type LimitOptions } from '../core/budget.js';
import type { Expr } from '../core/expr.js';
import type { Definitions } from '../parse/definitions.js';
import { JS } from '../print/target.js';
import { emit, newProgram } from './emit.js';
import { factorySource, instantiate, compileInput } from './source.js';
import type { ArgChecks } from './args.js';
import { checkConvention, resolveVars, signature, type ArgsConvention } from './vars.js';

export type CompiledFunction = (...args: number[]) => number;
/** The array convention: the variables in one array-like (a Float64Array, an Array), in `vars` order. */
export type ArrayFunction = (x: ArrayLike<number>) => number;

export interface CompileOptions extends LimitOptions {
  /**
   * Compute powers exactly as evaluate does (Math.pow, L.rpow) instead of the
   * faster x*x*x, 1/(x*x), Math.sqrt, Math.cbrt, which may differ in the last bit
   * (and Math.sqrt(-0) is -0), and the formulas as written instead of their stable
   * forms (compile/stable.ts). With it, results are the same numbers as evaluate's.
   */
  readonly exact?: boolean;
  /**
   * 'positional' (default): f(v0, v1, ...). 'array': f(x), reading vars[k] from
   * x[k]; no limit on the number of variables but memory.
   */
  readonly args?: ArgsConvention;
  /** User definitions (from definitions(...)) of the functions e calls, compiled inline. */
  readonly define?: Definitions;
}

/** The factory text of the value function `f` (see source.ts): for moduleSource and tests. */
export function valueFactory(
  e: Expr | string,
  vars?: readonly string[],
  options: CompileOptions = {},
): { factory: string; vars: readonly string[]; checks: ArgChecks } {
  options = ownOptions(options, 'compile');
  optional(options, 'exact', expectBoolean, 'compile');
  expectVars(vars, 'compile', arg(2, 'vars'));
  const expr = compileInput(e, options.define, !options.exact, 'compile'); // exact: evaluate's own formulas, not the stable forms
  const p = resolveVars([expr], vars);
  const prog = newProgram(p.params, budgetOf(options, 'compile'), options.exact ?? false);
  const [root] = emit(prog, [expr]);
  const sig = signature(p, [expr], checkConvention(options.args), [], { fn: 'f' });
  return { factory: factorySource(prog, 'f', sig.params, [...sig.reads, ...prog.body, JS.ret(root!.s)]), vars: p.vars, checks: sig.checks };
}

/**
 * A JavaScript function of the variables (in the order of `vars`, default: the
 * free symbols sorted by name) that computes `e` with evaluate's semantics.
 * Throws MathError for undefined functions and for variables missing from `vars`.
 */
export function compile(e: Expr | string, vars: readonly string[] | undefined, options: CompileOptions & { readonly args: 'array' }): ArrayFunction;
export function compile(e: Expr | string, vars?: readonly string[], options?: CompileOptions): CompiledFunction;
export function compile(e: Expr | string, vars?: readonly string[], options: CompileOptions = {}): CompiledFunction | ArrayFunction {
  return instantiate<CompiledFunction>(valueFactory(e, vars, options));
}
