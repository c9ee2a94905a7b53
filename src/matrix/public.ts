// The library's entry points that take scalar and shaped expressions alike:
// a shaped expression (from parse(src, { shapes })) goes to the matrix layer,
// anything else to the scalar core, unchanged.
import { intern } from '../core/build.js';
import { ownOptions } from '../core/options.js';
import { budgetOf, type LimitOptions } from '../core/budget.js';
import type { Expr } from '../core/expr.js';
import { derivative as derivativeCore, type DerivativeOptions } from '../diff/derivative.js';
import { gradient as gradientCore, hessian as hessianCore, jacobian as jacobianCore, taylor as taylorCore } from '../diff/multivariate.js';
import { taylorShaped } from './taylor.js';
import { evaluate as evaluateCore } from '../eval/evaluate.js';
import { parse as parseCore } from '../parse/parser.js';
import { toLatex as toLatexCore } from '../print/latex.js';
import { toText as toTextCore } from '../print/text.js';
import type { PrintOptions } from '../print/decimal.js';
import {
  derivativeShaped,
  evaluateShapedOrTensor,
  gradientOf,
  hessianOf,
  isShaped,
  jacobianOf,
  latexOf,
  textOf,
  type ShapedDerivative,
  type ShapedOptions,
} from './api.js';
import type { ShapedScope } from './evaluate.js';
import { compile as compileCore, type ArrayFunction, type CompiledFunction, type CompileOptions } from '../compile/index.js';
import { compileShaped, type ShapedFunction } from './compile.js';
import { verifyDerivative as verifyCore, type Verdict, type VerifyOptions } from '../check/verify.js';
import { MathError } from '../core/rational.js';
import { arg, argError, expectExpr, expectExprOrText, expectObject, expectString, expectVars, opt, optional } from '../core/check-args.js';
import { expectDefinitions } from '../parse/definitions.js';

/** The options of a shaped derivative, own properties only; shapes, when given, an object (read where used). */
function shapedOptions(given: unknown, fn: string): ShapedOptions {
  const o = ownOptions(given as ShapedOptions | undefined, fn);
  optional(o, 'shapes', (v, f, w) => expectObject(v, f, w, "an object like { x: ['n'], A: ['m', 'n'] }"), fn);
  return o;
}

/** The variable of a shaped derivative: a name. */
const shapedWrt = (v: unknown, fn: string, n = 2): string => expectString(v, fn, arg(n, 'wrt'), 'the name of a variable (like \'x\')');
import { verifyShaped, type ShapedCheckOptions, type ShapedVerdict } from './check.js';
import type { MExpr } from './node.js';
import { expandDefinitions, type DefineInput, type Definitions } from '../parse/definitions.js';
import type { MultiOptions } from '../diff/multivariate.js';
import { internShaped } from './intern.js';
import { parseShaped, type Shapes } from './parse.js';
import { isTensor, type Tensor } from './tensor.js';

export interface EvaluateOptions {
  /** User definitions (from definitions(...)) of the functions e calls: their bodies are evaluated. */
  readonly define?: Definitions;
}

export interface ParseOptions extends LimitOptions {
  /** Shaped symbols: name -> dimensions, e.g. { x: ['n'], A: ['m', 'n'] }. With it, parse returns a shaped expression. */
  readonly shapes?: Shapes;
  /** Definitions: 'sigmoid(t) = 1/(1 + exp(-t))', a list of them, or definitions(...). Their bodies are put in place. */
  readonly define?: DefineInput;
}

/** Parses math; with `shapes`, a shaped (vector and matrix) expression. Throws ParseError for bad input, BudgetError past its limits. */
export function parse(src: string): Expr;
export function parse(src: string, options: ParseOptions & { shapes: Shapes }): MExpr;
export function parse(src: string, options?: ParseOptions): Expr | MExpr;
export function parse(src: string, given?: ParseOptions): Expr | MExpr {
  const options = ownOptions(given, 'parse');
  if (options.shapes !== undefined && options.define !== undefined) throw new MathError('parse: define is not available with shapes');
  const meter = budgetOf(options, 'parse');
  if (options.shapes !== undefined) return parseShaped(expectString(src, 'parse', arg(1, 'src'), "the text of an expression (like 'A*x')"), options.shapes);
  return parseCore(src, options.define, meter);
}

export function derivative(e: Expr | string, wrt: string, order?: number, options?: DerivativeOptions): Expr;
export function derivative(e: MExpr, wrt: string, options?: ShapedOptions): ShapedDerivative;
export function derivative(e: Expr | MExpr | string, wrt: string, a?: number | ShapedOptions, b?: DerivativeOptions): Expr | ShapedDerivative {
  if (isShaped(e)) {
    if (a !== undefined && typeof a !== 'object') {
      throw argError('derivative', arg(3, 'options'), 'an options object: a shaped expression takes derivative(e, wrt, options), with no order', a);
    }
    return derivativeShaped(internShaped(e), shapedWrt(wrt, 'derivative'), shapedOptions(a, 'derivative'));
  }
  return derivativeCore(e as Expr | string, wrt, a as number | undefined, b);
}

export function gradient(e: Expr | string, vars?: readonly string[], options?: MultiOptions): Expr[];
export function gradient(e: MExpr, wrt: string, options?: ShapedOptions): MExpr;
export function gradient(e: Expr | MExpr | string, v?: string | readonly string[], o?: ShapedOptions | MultiOptions): Expr[] | MExpr {
  if (isShaped(e)) return gradientOf(internShaped(e), shapedWrt(v, 'gradient'), shapedOptions(o, 'gradient'));
  return gradientCore(e as Expr | string, v as readonly string[] | undefined, ownOptions(o as MultiOptions, 'gradient'));
}

export function jacobian(es: readonly (Expr | string)[], vars?: readonly string[], options?: MultiOptions): Expr[][];
export function jacobian(e: MExpr, wrt: string, options?: ShapedOptions): ShapedDerivative;
export function jacobian(e: MExpr | readonly (Expr | string)[], v?: string | readonly string[], o?: ShapedOptions | MultiOptions): Expr[][] | ShapedDerivative {
  if (isShaped(e)) return jacobianOf(internShaped(e), shapedWrt(v, 'jacobian'), shapedOptions(o, 'jacobian'));
  return jacobianCore(e as readonly (Expr | string)[], v as readonly string[] | undefined, ownOptions(o as MultiOptions, 'jacobian'));
}

export function hessian(e: Expr | string, vars?: readonly string[], options?: MultiOptions): Expr[][];
export function hessian(e: MExpr, wrt: string, options?: ShapedOptions): ShapedDerivative;
export function hessian(e: Expr | MExpr | string, v?: string | readonly string[], o?: ShapedOptions | MultiOptions): Expr[][] | ShapedDerivative {
  if (isShaped(e)) return hessianOf(internShaped(e), shapedWrt(v, 'hessian'), shapedOptions(o, 'hessian'));
  return hessianCore(e as Expr | string, v as readonly string[] | undefined, ownOptions(o as MultiOptions, 'hessian'));
}

/**
 * The Taylor polynomial of e in wrt about `at` to `order`. Shaped: in a vector x,
 * the quadratic model f(a) + g(a)^T*(x - a) + (x - a)^T*H(a)*(x - a)/2 (order <= 2;
 * `at` is 0 or the name of a vector like x) or the linearisation of a vector f;
 * in a scalar, entry by entry.
 */
export function taylor(e: Expr | string, wrt: string, at: number | string, order: number, options?: DerivativeOptions): Expr;
export function taylor(e: MExpr, wrt: string, at: number | string, order: number, options?: ShapedOptions): MExpr;
export function taylor(e: Expr | MExpr | string, wrt: string, at: number | string, order: number, options?: DerivativeOptions | ShapedOptions): Expr | MExpr {
  if (isShaped(e)) {
    if (!(typeof at === 'number' && Number.isFinite(at)) && typeof at !== 'string') throw argError('taylor', arg(3, 'at'), 'a finite number or the name of a vector', at);
    if (typeof order !== 'number') throw argError('taylor', arg(4, 'order'), 'a whole number (0, 1 or 2)', order);
    return taylorShaped(internShaped(e), shapedWrt(wrt, 'taylor'), String(at), order, shapedOptions(options, 'taylor'));
  }
  return taylorCore(e as Expr | string, wrt, at, order, options as DerivativeOptions);
}

/** The value of an expression; shaped ones take number[] / number[][] (row-major) values and return nested arrays. */
export function evaluate(e: Expr, scope?: Record<string, number>, options?: EvaluateOptions): number;
export function evaluate(e: MExpr | Tensor, scope: ShapedScope): unknown;
export function evaluate(e: Expr | MExpr | Tensor, scope: Record<string, unknown> = {}, given?: EvaluateOptions): unknown {
  const options = ownOptions(given, 'evaluate');
  expectObject(scope, 'evaluate', arg(2, 'scope'), 'an object of the variables\' values, like { x: 1 }');
  if (isShaped(e)) return evaluateShapedOrTensor(internShaped(e), scope as ShapedScope);
  if (isTensor(e)) return evaluateShapedOrTensor(e, scope as ShapedScope);
  const expr = intern(expectExpr(e, 'evaluate', arg(1, 'e')));
  if (options.define !== undefined) return evaluateCore(expandDefinitions(expr, expectDefinitions(options.define, 'evaluate', opt('define'))), scope as Record<string, number>);
  return evaluateCore(expr, scope as Record<string, number>);
}

/** Text; shaped expressions print their numbers exactly (`options` is for scalar ones). */
export function toText(e: Expr | MExpr | Tensor, options?: PrintOptions): string {
  return isShaped(e) ? textOf(internShaped(e)) : isTensor(e) ? textOf(e) : toTextCore(intern(expectExpr(e, 'toText', arg(1, 'e'))), options);
}

export function toLatex(e: Expr | MExpr | Tensor, options?: PrintOptions): string {
  return isShaped(e) ? latexOf(internShaped(e)) : isTensor(e) ? latexOf(e) : toLatexCore(intern(expectExpr(e, 'toLatex', arg(1, 'e'))), options);
}

/** Is `claimed` the derivative of f by wrt? Shaped expressions are checked entry by entry against finite differences. */
export function verifyDerivative(claimed: Expr | string, f: Expr | string, wrt?: string, options?: VerifyOptions): Verdict;
export function verifyDerivative(claimed: MExpr, f: MExpr, wrt: string, options?: ShapedCheckOptions): ShapedVerdict;
export function verifyDerivative(claimed: Expr | MExpr | string, f: Expr | MExpr | string, wrt?: string, options?: object): Verdict | ShapedVerdict {
  if (isShaped(f) || isShaped(claimed)) {
    if (!isShaped(f) || !isShaped(claimed) || wrt === undefined) throw new MathError('a shaped check needs f and the claimed derivative both parsed with shapes, and the variable');
    return verifyShaped(internShaped(claimed), internShaped(f), shapedWrt(wrt, 'verifyDerivative', 3), ownOptions(options as ShapedCheckOptions, 'verifyDerivative'));
  }
  expectExprOrText(claimed, 'verifyDerivative', arg(1, 'claimed'));
  expectExprOrText(f, 'verifyDerivative', arg(2, 'f'));
  if (wrt !== undefined) expectString(wrt, 'verifyDerivative', arg(3, 'wrt'), 'a variable name');
  return verifyCore(claimed as Expr | string, f as Expr | string, wrt, ownOptions(options as VerifyOptions, 'verifyDerivative'));
}

/** Compiles an expression; a shaped one to f(scope) over nested arrays (see compileShaped). */
export function compile(e: Expr | string, vars: readonly string[] | undefined, options: CompileOptions & { readonly args: 'array' }): ArrayFunction;
export function compile(e: Expr | string, vars?: readonly string[], options?: CompileOptions): CompiledFunction;
export function compile(e: MExpr): ShapedFunction;
export function compile(e: Expr | MExpr | string, vars?: readonly string[], options?: CompileOptions): CompiledFunction | ArrayFunction | ShapedFunction {
  if (isShaped(e)) return compileShaped(internShaped(e));
  const given = ownOptions(options, 'compile');
  return compileCore(expectExprOrText(e, 'compile', arg(1, 'e')), expectVars(vars, 'compile', arg(2, 'vars')), given);
}
