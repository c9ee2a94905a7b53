// compile(e, vars): a real JavaScript function computing e, as evaluate does.
import type { Expr } from '../core/expr.js';
import { emit, newProgram } from './emit.js';
import { factorySource, instantiate, toExpr } from './source.js';
import { resolveVars } from './vars.js';

export type CompiledFunction = (...args: number[]) => number;

export interface CompileOptions {
  /**
   * Compute powers exactly as evaluate does (Math.pow, L.rpow) instead of the
   * faster x*x*x, 1/(x*x), Math.sqrt, Math.cbrt, which may differ in the last bit
   * (and Math.sqrt(-0) is -0). With it, results are the same numbers as evaluate's.
   */
  readonly exact?: boolean;
}

/** The factory text of the value function `f` (see source.ts): for moduleSource and tests. */
export function valueFactory(
  e: Expr | string,
  vars?: readonly string[],
  options: CompileOptions = {},
): { factory: string; vars: readonly string[] } {
  const expr = toExpr(e);
  const p = resolveVars([expr], vars);
  const prog = newProgram(p.params, options.exact ?? false);
  const [root] = emit(prog, [expr]);
  return { factory: factorySource(prog, 'f', p.names, [...prog.body, `return ${root!.s};`]), vars: p.vars };
}

/**
 * A JavaScript function of the variables (in the order of `vars`, default: the
 * free symbols sorted by name) that computes `e` with evaluate's semantics.
 * Throws MathError for undefined functions and for variables missing from `vars`.
 */
export function compile(e: Expr | string, vars?: readonly string[], options: CompileOptions = {}): CompiledFunction {
  return instantiate<CompiledFunction>(valueFactory(e, vars, options).factory);
}
