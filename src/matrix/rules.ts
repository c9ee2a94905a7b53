// The matrix derivative table: one line per operation, in leibniz's own
// syntax, like the scalar table (src/diff/table.ts). For an operation Y = op(X):
//   differential: dY in terms of X and the direction D = dX (forward mode);
//   adjoint: the gradient with respect to X of a scalar f, given G = df/dY
//            (reverse mode; G has Y's shape, the result X's: the Matrix
//            Cookbook layout, d/dX tr(A X) = A^T).
// `shapes` declares X (and G, D) for parsing the line; the formulas hold for
// every size (and, for norm and sum, for vectors and matrices alike), which
// the property tests check against finite differences.
// Sum, products, elementwise functions and powers are not here: their rules
// are structural (derivative.ts), and elementwise functions take their
// derivative from the scalar table.
import type { OpName } from './node.js';
import type { Shapes } from './parse.js';

export interface MatrixRule {
  readonly op: OpName;
  readonly shapes: Shapes;
  readonly differential: string;
  readonly adjoint: string;
}

const sq = (g: readonly string[]): Shapes => ({ X: ['n', 'n'], D: ['n', 'n'], G: g });

export const MATRIX_RULES: readonly MatrixRule[] = [
  { op: 'T', shapes: { X: ['m', 'n'], D: ['m', 'n'], G: ['n', 'm'] }, differential: 'D^T', adjoint: 'G^T' },
  { op: 'tr', shapes: sq([]), differential: 'tr(D)', adjoint: 'G*I' }, // I: the identity of X's size
  { op: 'det', shapes: sq([]), differential: 'det(X)*tr(X^-1*D)', adjoint: 'G*det(X)*X^-T' }, // Jacobi's formula
  { op: 'logdet', shapes: sq([]), differential: 'tr(X^-1*D)', adjoint: 'G*X^-T' }, // log|det X|, either sign
  { op: 'inv', shapes: sq(['n', 'n']), differential: '-X^-1*D*X^-1', adjoint: '-X^-T*G*X^-T' },
  { op: 'norm', shapes: { X: ['m', 'n'], D: ['m', 'n'], G: [] }, differential: 'sum(X .* D)/norm(X)', adjoint: 'G*X/norm(X)' }, // 2-norm, Frobenius for matrices; not at 0
  { op: 'sum', shapes: { X: ['m', 'n'], D: ['m', 'n'], G: [] }, differential: 'sum(D)', adjoint: 'G*J' }, // J: all ones, X's shape
  { op: 'diag', shapes: { X: ['n'], D: ['n'], G: ['n', 'n'] }, differential: 'diag(D)', adjoint: 'diag(G)' }, // vector <-> diagonal
  {
    op: 'softmax',
    shapes: { X: ['n'], D: ['n'], G: ['n'] },
    differential: 'softmax(X) .* D - softmax(X)*(softmax(X)^T*D)',
    adjoint: 'softmax(X) .* G - softmax(X)*(softmax(X)^T*G)',
  },
  { op: 'logsumexp', shapes: { X: ['n'], D: ['n'], G: [] }, differential: 'softmax(X)^T*D', adjoint: 'G*softmax(X)' },
];
