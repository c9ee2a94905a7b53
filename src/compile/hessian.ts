// compileHessian(e, vars): the dense symmetric matrix of second partials,
// written row-major into `out`. Each pair i <= j is derived once (forward mode
// on the first partial, sharing one cache of local partials) and its code
// written to both out[i*n + j] and out[j*n + i]. All entries are emitted
// together over the shared graph, so a subterm common to several entries is
// one const. Entries that are exactly 0 are written as 0 without code.
import { arg, expectVars } from '../core/check-args.js';
import { ownOptions } from '../core/options.js';
import { budgetOf } from '../core/budget.js';
import { ZERO } from '../core/build.js';
import type { Expr } from '../core/expr.js';
import { postorder } from '../core/traverse.js';
import { derivativeOnce, tidy, type PartialCache } from '../diff/derivative.js';
import { JS } from '../print/target.js';
import { emit, newProgram } from './emit.js';
import { factorySource, instantiate, compileInput } from './source.js';
import type { ArgChecks } from './args.js';
import { checkConvention, resolveVars, signature } from './vars.js';
import type { GradientOptions } from './gradient.js';

/** Writes the n x n Hessian row-major into `out` and returns the value. */
export type HessianFunction = (out: Float64Array, ...args: number[]) => number;
/** The array convention of HessianFunction. */
export type ArrayHessianFunction = (out: Float64Array | number[], x: ArrayLike<number>) => number;

const isPiecewise = (e: Expr): boolean => e.kind === 'call' && e.fn === 'piecewise' && e.derivs.length === 0;

/** Factory text of `hess(out, ...)`. */
export function hessianFactory(
  e: Expr | string,
  vars?: readonly string[],
  options: GradientOptions = {},
): { factory: string; vars: readonly string[]; checks: ArgChecks } {
  options = ownOptions(options, 'compileHessian');
  expectVars(vars, 'compileHessian', arg(2, 'vars'));
  const expr = compileInput(e, options.define, true, 'compileHessian');
  const p = resolveVars([expr], vars);
  const n = p.vars.length;
  const sig = signature(p, [expr], checkConvention(options.args), ['out'], { fn: 'hess', outLength: n * n });
  const cache: PartialCache = new Map();
  const meter = budgetOf(options, 'compileHessian');
  // With conditionals, each derivative is derivative()'s (simplified): the seam
  // checks it builds are decided the same way, so compiled and symbolic agree on the seams.
  const seamed = postorder(expr).some(isPiecewise);
  const d = seamed
    ? (e: Expr, v: string): Expr => tidy(derivativeOnce(e, v, cache, undefined, meter), { meter })
    : (e: Expr, v: string): Expr => derivativeOnce(e, v, cache, undefined, meter);
  const first = p.vars.map((v) => d(expr, v));
  const entries: Array<{ i: number; j: number; e: Expr }> = [];
  for (let i = 0; i < n; i++) {
    if (first[i] === ZERO) continue;
    for (let j = i; j < n; j++) {
      const h = d(first[i]!, p.vars[j]!);
      if (h !== ZERO) entries.push({ i, j, e: h });
    }
  }
  const prog = newProgram(p.params, meter);
  const codes = emit(prog, [expr, ...entries.map((x) => x.e)]);
  const lines = [...sig.reads, ...prog.body];
  // Zero the whole matrix first only when some entries are 0; then write each pair to both places.
  if (entries.length < (n * (n + 1)) / 2) lines.push(JS.zero('out', n * n));
  entries.forEach(({ i, j }, k) => {
    const c = codes[k + 1]!.s;
    lines.push(JS.store('out', i === j ? [i * n + i] : [j * n + i, i * n + j], c));
  });
  lines.push(JS.ret(codes[0]!.s));
  return { factory: factorySource(prog, 'hess', sig.params, lines), vars: p.vars, checks: sig.checks };
}

/**
 * The Hessian of `e`: `hess(out, ...args)` (or `hess(out, x)` with
 * `{ args: 'array' }`) writes d^2 e / d vars[i] d vars[j] into out[i*n + j]
 * (n = vars.length, a dense symmetric matrix) and returns the value of e.
 */
export function compileHessian(e: Expr | string, vars: readonly string[] | undefined, options: { readonly args: 'array' }): ArrayHessianFunction;
export function compileHessian(e: Expr | string, vars?: readonly string[], options?: GradientOptions): HessianFunction;
export function compileHessian(e: Expr | string, vars?: readonly string[], options: GradientOptions = {}): HessianFunction | ArrayHessianFunction {
  return instantiate<HessianFunction>(hessianFactory(e, vars, options));
}
