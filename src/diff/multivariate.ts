// Several derivatives at once: gradient, Jacobian, Hessian, and Taylor
// polynomials. All are built from `derivative`; the calls of one request share
// a cache of partials, so a subterm's local factors are built once.
import { describeValue, ownOptions } from '../core/options.js';
import { arg, entry, argError, expectVars } from '../core/check-args.js';
import { budgetOf, isRecoverable, type Budget, type LimitOptions } from '../core/budget.js';
import { ZERO, add, div, mul, num, pow, sub, sym } from '../core/build.js';
import type { Expr } from '../core/expr.js';
import { MathError } from '../core/rational.js';
import { dagSize, freeSymbols, postorder } from '../core/traverse.js';
import { parse } from '../parse/parser.js';
import { expandDefinitions, type Definitions } from '../parse/definitions.js';
import type { DefinedContext } from './partials.js';
import {
  DEFAULT_MAX_NODES,
  DiffGraph,
  definedContext,
  derivativeFields,
  checkVariable,
  derivativeOnce,
  tidy,
  toExpr,
  type DerivativeOptions,
  type PartialCache,
} from './derivative.js';
import { substitute } from './substitute.js';
import { taylorSeries } from './series.js';
import { refuseUndefinedConstants } from '../eval/undefinedParts.js';

function variables(vars: readonly string[] | undefined, exprs: readonly Expr[], fn: string): string[] {
  const vs = vars !== undefined ? [...expectVars(vars, fn, arg(2, 'vars'))!] : freeSymbols(...exprs);
  vs.forEach((v) => checkVariable(v, fn));
  const dup = vs.find((v, i) => vs.indexOf(v) !== i);
  if (dup !== undefined) throw new MathError(`variable ${dup} is listed twice`);
  return vs;
}

const first = (e: Expr, v: string, cache: PartialCache, meter: Budget, defined?: DefinedContext, graph?: DiffGraph): Expr =>
  tidy(derivativeOnce(e, v, cache, defined, meter, graph), { meter });

/** Options of gradient, jacobian and hessian. */
export interface MultiOptions extends LimitOptions {
  /** User definitions (from definitions(...)) of the functions e calls. */
  readonly define?: Definitions;
}

/** [d e/d v for v in vars]; vars default to the free symbols of e, sorted (x2 before x10). */
export function gradient(e: Expr | string, vars?: readonly string[], given?: MultiOptions): Expr[] {
  const options = ownOptions(given, 'gradient');
  const meter = budgetOf(options, 'gradient');
  const expr = toExpr(e, 'gradient');
  refuseUndefinedConstants(expr, 'gradient');
  const cache: PartialCache = new Map();
  const defined = definedContext(options.define, meter, 'gradient');
  const vs = variables(vars, [expr], 'gradient');
  const graph = new DiffGraph([expr], meter);
  return vs.map((v) => first(expr, v, cache, meter, defined, graph));
}

/** J[i][j] = d es[i] / d vars[j]; vars default to the free symbols of all of es, sorted. */
export function jacobian(es: readonly (Expr | string)[], vars?: readonly string[], given?: MultiOptions): Expr[][] {
  const options = ownOptions(given, 'jacobian');
  const meter = budgetOf(options, 'jacobian');
  if (!Array.isArray(es)) throw argError('jacobian', arg(1, 'es'), 'an array of expressions (or their text)', es);
  const exprs = es.map((x, i) => toExpr(x, 'jacobian', entry(i, arg(1, 'es'))));
  for (const f of exprs) refuseUndefinedConstants(f, 'Jacobian');
  const vs = variables(vars, exprs, 'jacobian');
  const cache: PartialCache = new Map();
  const defined = definedContext(options.define, meter, 'jacobian');
  const graph = new DiffGraph(exprs, meter);
  return exprs.map((f) => vs.map((v) => first(f, v, cache, meter, defined, graph)));
}

/** H[i][j] = d^2 e / d vars[i] d vars[j]: symmetric, each pair derived once (i <= j, then mirrored). */
export function hessian(e: Expr | string, vars?: readonly string[], given?: MultiOptions): Expr[][] {
  const options = ownOptions(given, 'hessian');
  const meter = budgetOf(options, 'hessian');
  const expr = toExpr(e, 'hessian');
  refuseUndefinedConstants(expr, 'Hessian');
  const vs = variables(vars, [expr], 'hessian');
  const cache: PartialCache = new Map();
  const defined = definedContext(options.define, meter, 'hessian');
  const graph = new DiffGraph([expr], meter);
  const grad = vs.map((v) => first(expr, v, cache, meter, defined, graph));
  const second = new DiffGraph(grad, meter);
  const h: Expr[][] = vs.map(() => new Array<Expr>(vs.length));
  for (let i = 0; i < vs.length; i++) {
    for (let j = i; j < vs.length; j++) {
      h[i]![j] = first(grad[i]!, vs[j]!, cache, meter, defined, second);
      h[j]![i] = h[i]![j]!;
    }
  }
  return h;
}

/**
 * The Taylor polynomial of `e` in `wrt` about `at`, up to (x - at)^order, with
 * exact coefficients: sum over k of f^(k)(at)/k! * (x - at)^k. `at` is a number
 * (taken exactly from its decimal form: 0.1 is 1/10) or an expression such as
 * 'pi/2' or 'a'. A derivative that is undefined at the point (a division by an
 * exact zero) is a MathError.
 */
export function taylor(
  e: Expr | string,
  wrt: string,
  at: number | string,
  order: number,
  given?: DerivativeOptions,
): Expr {
  const options = ownOptions(given, 'taylor');
  checkVariable(wrt, 'taylor');
  if (typeof order !== 'number' || !Number.isSafeInteger(order) || order < 0) {
    throw new MathError(`taylor: the order of a Taylor polynomial must be a whole number >= 0, got ${describeValue(order)}`);
  }
  if (typeof at !== 'number' && typeof at !== 'string') throw argError('taylor', arg(3, 'at'), "a number or the text of a point (like 'pi/2')", at);
  derivativeFields(options, 'taylor');
  const expr = toExpr(e, 'taylor');
  refuseUndefinedConstants(expr, 'Taylor polynomial');
  const a = typeof at === 'number' ? num(at) : parse(at);
  if (postorder(a).includes(sym(wrt))) throw new MathError(`the expansion point ${at} must not contain ${wrt}`);
  const maxNodes = options.maxNodes ?? DEFAULT_MAX_NODES;
  const meter = options.meter ?? budgetOf(options, 'taylor');
  const shift = sub(sym(wrt), a);
  // Smooth pieces by series arithmetic (linear in the input, n^2 in the order); else one derivative per order.
  const series = options.define === undefined ? taylorSeries(expr, wrt, a, order, meter, (c) => tidy(c, { meter })) : undefined;
  if (series !== undefined) return add(...series.map((c, k) => mul(c, pow(shift, k))));
  const cache: PartialCache = new Map();
  const defined = definedContext(options.define, meter, 'taylor');
  const terms: Expr[] = [];
  let d = expr;
  let factorial = 1n;
  for (let k = 0; k <= order; k++) {
    if (k > 0) {
      d = first(d, wrt, cache, meter, defined);
      if (d === ZERO) break; // so are all later terms
      factorial *= BigInt(k);
      const size = dagSize(d);
      if (size > maxNodes) {
        throw new MathError(`Taylor term ${k} not attempted: the derivative has ${size} distinct nodes (budget ${maxNodes})`);
      }
    }
    let value: Expr;
    try {
      value = tidy(substitute(d, { [wrt]: a }), { meter });
      // A defined function's value at the point: its body there (sigmoid(0) = 1/2).
      if (options.define !== undefined) value = tidy(expandDefinitions(value, options.define), { meter });
    } catch (err) {
      if (isRecoverable(err)) {
        const which = k === 0 ? 'the function' : `its derivative of order ${k}`;
        throw new MathError(`no Taylor polynomial of order ${order} at ${wrt} = ${at}: ${which} is undefined there (${err.message})`);
      }
      throw err;
    }
    terms.push(mul(div(value, num(factorial)), pow(shift, k)));
  }
  return add(...terms);
}
