// The public face of the matrix layer: derivative, gradient, jacobian,
// hessian, shapeOf, evaluate and the printers for shaped expressions.
// Layout (the Matrix Cookbook's): the gradient of a scalar has the variable's
// shape; the Jacobian of a vector f (length m) by a vector x (length n) is
// m x n (numerator layout), of a scalar by a vector the row 1 x n; anything
// else is a tensor of shape (shape of f, shape of x), in index notation.
import { arg, argError } from '../core/check-args.js';
import { MathError } from '../core/rational.js';
import { ONE, mvar, postorder, type MExpr } from './node.js';
import { differential, gradientShaped, jacobianShaped } from './derivative.js';
import { evaluateShaped, type ShapedScope } from './evaluate.js';
import { parseShaped, readShapes, type Shapes } from './parse.js';
import { toLatexShaped, toTextShaped } from './print.js';
import { isColumn, isScalar, shapeText, type Shape } from './shape.js';
import { evaluateTensor, isTensor, tensorDerivative, type Tensor } from './tensor.js';

/** A shaped derivative: a matrix-notation expression, or a tensor in index notation. */
export type ShapedDerivative = MExpr | Tensor;

export interface ShapedOptions {
  /** Shapes of variables that may not occur in the expression (their derivative is a zero of that shape). */
  readonly shapes?: Shapes;
}

export const isShaped = (x: unknown): x is MExpr =>
  typeof x === 'object' && x !== null && Object.hasOwn(x, 'shape') && Object.hasOwn(x, 'key') && typeof (x as MExpr).kind === 'string';

/** The variable named `name` in e (with its shape). */
function variable(e: MExpr, name: string, options: ShapedOptions): MExpr {
  const found = postorder(e).find((n) => (n.kind === 'var' || n.kind === 'sym') && n.name === name);
  const declared = !found && options.shapes ? readShapes(options.shapes).get(name) : undefined;
  const x = found ?? (declared ? mvar(name, declared.shape, declared.symmetric) : undefined);
  if (x?.kind === 'var' && x.symmetric) {
    // Its entries are not independent (A_ij = A_ji), so the unconstrained gradient would be the wrong answer.
    throw new MathError(`${name} is declared symmetric, so its entries are not independent and d/d${name} is not the usual derivative: differentiate with respect to ${name} declared without 'symmetric'`);
  }
  if (x) return x;
  throw new MathError(`${name} does not occur in the expression, so its shape is unknown: pass { shapes: { ${name}: [...] } } (its derivative is then zero)`);
}

/** The shape of a shaped expression or derivative: [] for a scalar, ['n'], ['m', 'n'], ... */
export function shapeOf(e: MExpr | Tensor | object): Shape {
  if (isTensor(e)) return e.shape;
  if (isShaped(e)) return e.shape;
  if (typeof e !== 'object' || e === null || Array.isArray(e)) throw argError('shapeOf', arg(1, 'e'), 'an expression, a shaped expression or a tensor', e);
  return [];
}

/** d e / d wrt in matrix notation where one exists (gradient, Jacobian), else a tensor. */
export function derivativeShaped(e: MExpr, wrt: string, options: ShapedOptions = {}): ShapedDerivative {
  const x = variable(e, wrt, options);
  if (isScalar(e.shape)) return gradientShaped(e, x);
  if (isScalar(x.shape)) return byScalar(e, x);
  if (isColumn(e.shape) && (isScalar(x.shape) || isColumn(x.shape))) {
    const j = jacobianShaped(e, x);
    if (j) return j;
  }
  return tensorDerivative(e, x);
}

// By a scalar t, dF/dt has F's shape and is forward mode along the direction 1:
// always in matrix notation (d/dt diag(t*x)*x = diag(x)*x), never a tensor.
const byScalar = (e: MExpr, t: MExpr): MExpr => differential(e, t, ONE);

/** The gradient of a scalar expression: it has the variable's shape. */
export function gradientOf(e: MExpr, wrt: string, options: ShapedOptions = {}): MExpr {
  if (!isScalar(e.shape)) throw new MathError(`a gradient is of a scalar, but this is a ${shapeText(e.shape)}: use jacobian`);
  return gradientShaped(e, variable(e, wrt, options));
}

/** The Jacobian, numerator layout (m x n; a scalar gives the row 1 x n); a tensor when it has no matrix form. */
export function jacobianOf(e: MExpr, wrt: string, options: ShapedOptions = {}): ShapedDerivative {
  const x = variable(e, wrt, options);
  if (isScalar(x.shape) && !isScalar(e.shape)) return byScalar(e, x);
  return jacobianShaped(e, x) ?? tensorDerivative(e, x);
}

/** The Hessian of a scalar by a vector: the Jacobian of its gradient (n x n). */
export function hessianOf(e: MExpr, wrt: string, options: ShapedOptions = {}): ShapedDerivative {
  const x = variable(e, wrt, options);
  if (!isScalar(e.shape)) throw new MathError(`a Hessian is of a scalar, but this is a ${shapeText(e.shape)}`);
  const g = gradientShaped(e, x);
  return jacobianShaped(g, x) ?? tensorDerivative(g, x);
}

/** Numbers: nested arrays (number[] for a vector, number[][] row-major), deeper for tensors. */
export function evaluateShapedOrTensor(e: ShapedDerivative, scope: ShapedScope): unknown {
  return isTensor(e) ? evaluateTensor(e, scope) : evaluateShaped(e, scope);
}

/** Text: a formula, or `entry (i, j, k) = ...` for a tensor. */
export function textOf(e: ShapedDerivative): string {
  return isTensor(e) ? `entry (${e.indices.join(', ')}) = ${e.entry}` : toTextShaped(e);
}

export function latexOf(e: ShapedDerivative): string {
  if (!isTensor(e)) return toLatexShaped(e);
  const sub = e.indices.join('');
  return `\\left[\\frac{\\partial F}{\\partial x}\\right]_{${sub}} = ${e.entry.replace(/delta\((\w+),(\w+)\)/g, '\\delta_{$1$2}').replace(/\*/g, ' ')}`;
}

/** Layout words printed with a result. */
export function layoutOf(e: ShapedDerivative, of: MExpr): string {
  const s = shapeOf(e);
  if (isTensor(e)) {
    const f = e.indices.slice(0, e.split).join('');
    const x = e.indices.slice(e.split).join('');
    return `tensor ${s.join(' x ')}: entry (${e.indices.join(', ')}) is d F${f ? `_${f}` : ''} / d x${x ? `_${x}` : ''}`;
  }
  if (isScalar(of.shape)) return s.length === 0 ? 'scalar' : `gradient, the variable's shape: ${s.join(' x ')}`;
  return s.length === 2 ? `Jacobian, numerator layout: ${s.join(' x ')}` : `${s.join(' x ')}`;
}

export { parseShaped, toTextShaped, toLatexShaped, evaluateShaped, type Shapes, type ShapedScope, type Tensor };
