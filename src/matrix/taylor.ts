// Taylor polynomials of shaped expressions. In a scalar variable t the series
// is taken entry by entry (each coefficient has the expression's shape); in a
// vector variable x about a point a it is the model an optimizer uses,
// f(a) + g(a)^T*(x - a) + 1/2*(x - a)^T*H(a)*(x - a), to order 2 at most (order
// 3 and up are tensors), and for a vector f the linearisation f(a) + J(a)*(x - a).
import { MathError, rat } from '../core/rational.js';
import { derivativeShaped, hessianOf, gradientOf, isShaped, jacobianOf, type ShapedOptions } from './api.js';
import { add, mnum, msym, mul, mvar, pow, postorder, sub, substitute, transpose, zeros, type MExpr } from './node.js';
import { isTensor } from './tensor.js';
import type { Expr } from '../core/expr.js';
import { fromCore } from './derivative.js';
import { parseShaped } from './parse.js';
import { isColumn, isScalar, sameShape, shapeText } from './shape.js';

/** The point of expansion: a scalar expression for a scalar variable; '0' or a name (a vector shaped like x) for a vector. */
export type TaylorPoint = MExpr | Expr | string;

function factorial(k: number): bigint {
  let f = 1n;
  for (let i = 2n; i <= BigInt(k); i++) f *= i;
  return f;
}

function notTensor(d: ReturnType<typeof derivativeShaped>, what: string): MExpr {
  if (isTensor(d)) throw new MathError(`${what} has no matrix-notation form here (leibniz writes it in index notation), so it cannot be a Taylor term`);
  return d;
}

/** The Taylor polynomial of e in wrt about `at`, to the given order. */
export function taylorShaped(e: MExpr, wrt: string, at: TaylorPoint, order: number, options: ShapedOptions = {}): MExpr {
  if (!Number.isSafeInteger(order) || order < 0) throw new MathError(`the order of a Taylor polynomial is a whole number >= 0, not ${order}`);
  const x = postorder(e).find((n) => (n.kind === 'var' || n.kind === 'sym') && n.name === wrt) ?? null;
  if (x === null || x.kind === 'sym') {
    // a scalar point may come from the scalar parser (no shapes): lift it
    const point = typeof at === 'string' ? parseShaped(at, options.shapes ?? {}) : isShaped(at) ? at : fromCore(at as Expr, new Map());
    return scalarSeries(e, wrt, point, order, options);
  }
  if (!isColumn(x.shape)) throw new MathError(`a Taylor polynomial in ${wrt}, a ${shapeText(x.shape)}, is not available: expand in a vector or a scalar`);
  const a = at === '0' ? zeros(x.shape) : typeof at === 'string' && /^[\p{L}_][\p{L}\p{N}_]*$/u.test(at) ? mvar(at, x.shape) : null;
  if (a === null) throw new MathError(`expand in the vector ${wrt} about 0 or about a vector named like a (it gets ${wrt}'s shape)`);
  if (a.kind === 'var' && a.name === wrt) throw new MathError(`the point of expansion must not be ${wrt} itself`);
  const clash = a.kind === 'var' ? a.name : null;
  if (clash !== null && postorder(e).some((n) => (n.kind === 'var' || n.kind === 'sym') && n.name === clash && n !== a)) {
    throw new MathError(`${clash} is already in the expression with another shape; name the point of expansion differently`);
  }
  const at_ = (d: MExpr): MExpr => substitute(d, new Map([[x.id, a]]));
  const dx = sub(x, a);
  const terms = [at_(e)];
  if (isScalar(e.shape)) {
    if (order > 2) throw new MathError(`in the vector ${wrt}, Taylor polynomials go to order 2 (the Hessian); order 3 and up are tensors`);
    if (order >= 1) terms.push(mul(transpose(at_(gradientOf(e, wrt, options))), dx));
    if (order >= 2) terms.push(mul(mnum(rat(1n, 2n)), transpose(dx), at_(notTensor(hessianOf(e, wrt, options), 'the Hessian')), dx));
  } else if (isColumn(e.shape)) {
    if (order > 1) throw new MathError(`a vector-valued expression in the vector ${wrt} has Taylor polynomials of order 1 (the Jacobian) only; order 2 is a tensor`);
    if (order >= 1) terms.push(mul(at_(notTensor(jacobianOf(e, wrt, options), 'the Jacobian')), dx));
  } else throw new MathError(`a Taylor polynomial of a ${shapeText(e.shape)} in a vector is a tensor from order 1`);
  return add(...terms);
}

/** Entry by entry in a scalar variable: sum of d^k e/dt^k (a) (t - a)^k / k!. */
function scalarSeries(e: MExpr, wrt: string, point: MExpr, order: number, options: ShapedOptions): MExpr {
  const at = point;
  if (!isScalar(e.shape) && !isColumn(e.shape)) throw new MathError(`Taylor polynomials of a ${shapeText(e.shape)} in a scalar are not available yet: of scalars and vectors`);
  if (!isScalar(at.shape)) throw new MathError(`${wrt} is a scalar, so the point of expansion is a scalar, not a ${shapeText(at.shape)}`);
  if (postorder(at).some((n) => n.kind === 'sym' && n.name === wrt)) throw new MathError(`the point of expansion must not contain ${wrt}`);
  const t = msym(wrt);
  const at_ = (d: MExpr): MExpr => substitute(d, new Map([[t.id, point]]));
  const terms: MExpr[] = [];
  let d = e;
  for (let k = 0; k <= order; k++) {
    if (k > 0) {
      const next = notTensor(derivativeShaped(d, wrt, options), `the derivative of order ${k}`);
      if (!sameShape(next.shape, e.shape)) throw new MathError(`the derivative of order ${k} has shape ${shapeText(next.shape)}, not the expression's`);
      d = next;
    }
    const power = k === 0 ? mnum(1) : pow(sub(t, point), mnum(k));
    terms.push(mul(mnum(rat(1n, factorial(k))), at_(d), power));
  }
  return add(...terms);
}
