// Shapes of matrix-layer values. A dimension is a name ('n') or a positive
// integer. Layout: [] is a scalar, [n] a column vector, [1, n] a row vector
// (what x^T is), [m, n] an m x n matrix. Derivative tensors (src/matrix/tensor.ts)
// may have more dimensions; expressions never do.
import { MathError } from '../core/rational.js';

export type Dim = string | number;
export type Shape = readonly Dim[];

/** A shape mismatch found while building an expression. */
export class ShapeError extends MathError {
  override name = 'ShapeError';
}

export const SCALAR: Shape = [];

/** A dimension as given by a user: '3' is the number 3, 'n' the name n. */
export function parseDim(d: Dim): Dim {
  if (typeof d === 'number') {
    if (!Number.isSafeInteger(d) || d < 1) throw new MathError(`a dimension must be a positive integer or a name, got ${d}`);
    return d;
  }
  const t = String(d).trim();
  if (/^[0-9]+$/.test(t)) return parseDim(Number(t));
  if (!/^[A-Za-z_][A-Za-z_0-9]*$/.test(t)) throw new MathError(`a dimension must be a positive integer or a name, got '${d}'`);
  return t;
}

/** A declared shape: at most two dimensions (vectors and matrices). */
export function parseShape(s: readonly Dim[], name = 'a symbol'): Shape {
  if (!Array.isArray(s)) throw new MathError(`the shape of ${name} must be an array of dimensions, like ['n'] or ['m', 'n']`);
  if (s.length > 2) throw new MathError(`the shape of ${name} has ${s.length} dimensions; expressions take vectors and matrices (at most 2)`);
  const out = s.map(parseDim);
  return out.length === 1 && out[0] === 1 ? SCALAR : out.length === 2 && out[1] === 1 ? [out[0]!] : out;
}

export const isScalar = (s: Shape): boolean => s.length === 0;
export const isColumn = (s: Shape): boolean => s.length === 1;
export const isRow = (s: Shape): boolean => s.length === 2 && s[0] === 1;
export const isVector = (s: Shape): boolean => isColumn(s) || isRow(s);
export const isSquare = (s: Shape): boolean => s.length === 2 && s[0] === s[1];
export const sameShape = (a: Shape, b: Shape): boolean => a.length === b.length && a.every((d, i) => d === b[i]);

/** Rows and columns of a shape seen as a matrix (a column vector n is n x 1). */
export const asMatrix = (s: Shape): [Dim, Dim] => (s.length === 0 ? [1, 1] : s.length === 1 ? [s[0]!, 1] : [s[0]!, s[1]!]);

/** The shape of an r x c matrix written the way shapes are kept: 1 x 1 is a scalar, n x 1 a column. */
export function fromMatrix(r: Dim, c: Dim): Shape {
  if (c === 1) return r === 1 ? SCALAR : [r];
  return [r, c];
}

/** Shapes as people write them: `scalar`, `n`, `1 x n`, `m x n`. */
export function shapeText(s: Shape): string {
  if (s.length === 0) return 'scalar';
  if (s.length === 1) return `vector of length ${s[0]}`;
  if (isRow(s)) return `row vector 1 x ${s[1]}`;
  return `${s.length === 2 ? 'matrix' : 'tensor'} ${s.join(' x ')}`;
}

export function matmulShape(a: Shape, b: Shape): Shape {
  const [ar, ac] = asMatrix(a);
  const [br, bc] = asMatrix(b);
  if (ac !== br) {
    throw new ShapeError(`shapes do not match for a product: ${shapeText(a)} times ${shapeText(b)} (${ac} columns against ${br} rows)`);
  }
  return fromMatrix(ar, bc);
}

export function transposeShape(s: Shape): Shape {
  const [r, c] = asMatrix(s);
  return fromMatrix(c, r);
}
