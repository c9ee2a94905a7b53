// Assembling generated code into a function: the factory text (prelude, then
// `return function ...`) is the same for `new Function` and for module text.
import { arg, opt } from '../core/check-args.js';
import { toExpr } from '../parse/parser.js';
import { expandDefinitions, expectDefinitions, type Definitions } from '../parse/definitions.js';
import type { Expr } from '../core/expr.js';
import { runtime } from '../eval/runtime.js';
import type { Program } from './emit.js';
import { spill } from './spill.js';
import { argErrorOf, type ArgChecks } from './args.js';
import { stableForms } from './stable.js';
import { JS } from '../print/target.js';

export { toExpr };

/**
 * The expression to compile: defined functions' bodies put in place (compiled
 * inline), then, unless `stable` is false, in stable form (stable.ts).
 */
export function compileInput(e: Expr | string, define: Definitions | undefined, stable = true, fn = 'compile', what = arg(1, 'e')): Expr {
  if (define !== undefined) expectDefinitions(define, fn, opt('define'));
  const expr = define === undefined ? toExpr(e, fn, what) : expandDefinitions(toExpr(e, fn, what), define);
  return stable ? stableForms(expr) : expr;
}

/** The factory body: prelude statements, then `return function name(params) { body }`. */
export function factorySource(prog: Program, name: string, params: readonly string[], body: readonly string[]): string {
  const spilled = spill(body, 'T');
  const prelude = spilled ? [...prog.prelude, JS.scratch('T', spilled.size)] : prog.prelude;
  return JS.func(name, params, prelude, spilled?.body ?? body);
}

/** Runs a factory body with the runtime bound to `L` and its argument errors (args.ts) to `argError`. */
export function instantiate<F>(made: { readonly factory: string; readonly vars: readonly string[]; readonly checks: ArgChecks }): F {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function('L', 'argError', `"use strict";\n${made.factory}`)(runtime, argErrorOf(made.checks, made.vars)) as F;
}
