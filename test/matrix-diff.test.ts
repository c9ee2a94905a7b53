// Every matrix derivative rule against finite differences: random sizes with
// m != n, random non-symmetric matrices (square ones + n*I, well conditioned),
// along a random direction and entry by entry. A symmetric test matrix would
// hide the wrong rule 2*A*x and a square one a transposed Jacobian: neither is used.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MATRIX_RULES, derivative, evaluate, gradient, hessian, jacobian, shapeOf, toLatex, toText, type Shapes } from '../src/index.js';
import { P, directional, expectClose, flat, rng, values } from './matrix-helpers.js';

const SHAPES: Shapes = { x: ['n'], u: ['n'], y: ['m'], A: ['m', 'n'], B: ['n', 'n'], X: ['n', 'n'], Z: ['n', 'm'] };

/** Checks derivative(e, wrt) entry by entry and along a random direction, at one random point. */
function check(src: string, wrt: string, m: number, n: number, seed: number, scalars: string[] = ['t']): void {
  const e = P(src, SHAPES);
  const r = rng(seed);
  const scope = values(SHAPES, { m, n }, r, scalars);
  const d = derivative(e, wrt);
  const got = flat(evaluate(d, { ...scope, m, n })); // ones(m, n) has no variable to tell its size
  const size = flat(scope[wrt]).length;
  const outSize = flat(evaluate(e, scope)).length;
  expect(got.length).toBe(outSize * size);
  const unit = (k: number): number[] => Array.from({ length: size }, (_, i) => (i === k ? 1 : 0));
  for (let k = 0; k < size; k++) {
    const col = directional(e, scope, wrt, unit(k));
    expectClose(col.map((_, f) => got[f * size + k]!), col, 1e-5, `d(${src})/d${wrt} entry ${k} (m=${m}, n=${n})`);
  }
  const dir = Array.from({ length: size }, () => r());
  const fd = directional(e, scope, wrt, dir);
  const lin = fd.map((_, f) => dir.reduce((s, v, k) => s + v * got[f * size + k]!, 0));
  expectClose(lin, fd, 1e-5, `d(${src})/d${wrt} along a random direction`);
}

const sizes = fc.record({ m: fc.integer({ min: 2, max: 4 }), n: fc.integer({ min: 2, max: 4 }), seed: fc.integer({ min: 1, max: 2 ** 30 }) }).filter((s) => s.m !== s.n);

const CASES: Array<[src: string, wrt: string[]]> = [
  // products and transposes
  ['y^T*A*x', ['x', 'A', 'y']],
  ['x^T*B*x', ['x', 'B']],
  ["x'*B'*u", ['x', 'B', 'u']],
  ['tr(A*Z)', ['A', 'Z']],
  ['tr(Z^T*B*Z)', ['Z', 'B']],
  ['t*(x^T*u)', ['t', 'x']],
  // the table's operations
  ['det(X)', ['X']],
  ['logdet(X)', ['X']],
  ['x^T*inv(X)*u', ['X', 'x']],
  ['u^T*X^-T*x', ['X']],
  ['norm(A*x - y)^2', ['x', 'A', 'y']],
  ['norm(x)', ['x']],
  ['norm(A)', ['A']],
  ['sum(A)', ['A']],
  ['sum(diag(x)*B)', ['x']],
  ['u^T*diag(X)', ['X']],
  ['logsumexp(A*x)', ['x']],
  ['y^T*softmax(A*x)', ['x', 'y']],
  // elementwise functions and powers
  ['sum(exp(A*x))', ['x']],
  ['y^T*tanh(A*x + y)', ['x', 'A']],
  ['sum(log(1 + exp(-y .* (A*x))))', ['x']],
  ['sum(x .^ 3) + sum(hadamard(x, u, x))', ['x', 'u']],
  ['(x^T*u)^2 + sin(t*(x^T*x))', ['x', 't']],
  ['sum(x ./ (1 + u .* u))', ['x', 'u']],
  // vector-valued: Jacobians
  ['A*x', ['x']],
  ['tanh(A*x + y)', ['x']],
  ['softmax(x)', ['x']],
  ['x .* u', ['x']],
  ['(x^T*u)*y', ['x']],
  ['exp(t*x)', ['t', 'x']],
  // tensors (index notation)
  ['x*x^T', ['x']],
  ['A*x', ['A']],
  ['inv(X)*u', ['X']],
];

describe('matrix derivatives against finite differences', () => {
  for (const [src, wrts] of CASES) {
    for (const wrt of wrts) {
      it(`d/d${wrt} ${src}`, () => {
        fc.assert(
          fc.property(sizes, ({ m, n, seed }) => check(src, wrt, m, n, seed)),
          { numRuns: 8 },
        );
      });
    }
  }

  it('every rule of the table is exercised above', () => {
    const ops: Record<string, string> = { T: '^T', tr: 'tr(', det: 'det(', inv: 'inv(', logdet: 'logdet(', norm: 'norm(', sum: 'sum(', diag: 'diag(', softmax: 'softmax(', logsumexp: 'logsumexp(' };
    for (const r of MATRIX_RULES) expect(CASES.some(([s]) => s.includes(ops[r.op]!)), r.op).toBe(true);
  });

  it('Hessians against finite differences of the gradient', () => {
    fc.assert(
      fc.property(sizes, ({ m, n, seed }) => {
        for (const src of ['x^T*B*x', 'sum(log(1 + exp(-y .* (A*x))))', 'logsumexp(A*x)']) {
          const e = P(src, SHAPES);
          const g = gradient(e, 'x');
          const H = hessian(e, 'x');
          const scope = values(SHAPES, { m, n }, rng(seed), ['t']);
          const h = flat(evaluate(H, scope));
          for (let k = 0; k < n; k++) {
            const col = directional(g, scope, 'x', Array.from({ length: n }, (_, i) => (i === k ? 1 : 0)));
            expectClose(col.map((_, i) => h[i * n + k]!), col, 1e-5, `Hessian of ${src}, column ${k}`);
          }
        }
      }),
      { numRuns: 6 },
    );
  });
});

describe('results in matrix notation', () => {
  const S = { x: ['n'], y: ['n'], b: ['m'], A: ['m', 'n'], Q: ['n', 'n'], X: ['n', 'n'], w: ['n'], Y: ['m', 'n'], z: ['m'] } as const;
  const d = (src: string, wrt: string): string => toText(derivative(P(src, S), wrt));
  it.each([
    ['x^T*y', 'x', 'y'],
    ['x^T*Q*x', 'x', '(Q + Q^T)*x'],
    ['x^T Q x', 'Q', 'x*x^T'],
    ['norm(A*x - b)^2', 'x', '2*A^T*(A*x - b)'],
    ['tr(Q*X)', 'X', 'Q^T'],
    ['logdet(X)', 'X', 'X^-T'],
    ['det(X)', 'X', 'det(X)*X^-T'],
    ['A*x', 'x', 'A'],
    ['tanh(A*x + b)', 'x', 'diag(1 - tanh(A*x + b).^2)*A'],
    ['logsumexp(x)', 'x', 'softmax(x)'],
    ['sum(log(1 + exp(-z .* (Y*w))))', 'w', '-Y^T*(z .* exp(-(z .* (Y*w))) ./ (exp(-(z .* (Y*w))) + 1))'],
    ['x*x^T', 'x', 'entry (i, j, k) = delta(i,k)*x_j + x_i*delta(j,k)'],
  ])('d/d%s of %s', (src, wrt, want) => {
    expect(d(src, wrt)).toBe(want);
  });
  it('the Hessian of x^T A x is A + A^T', () => {
    expect(toText(hessian(P('x^T*Q*x', S), 'x'))).toBe('Q + Q^T');
  });
  it('LaTeX: (A + A^T) x', () => {
    const g = derivative(P('x^T*Q*x', S), 'x');
    expect(toLatex(g)).toBe('\\left(Q + Q^{\\top}\\right) x');
  });
  it('layouts: gradient has the variable shape; Jacobian is m x n; a scalar by a vector is a row', () => {
    expect(shapeOf(derivative(P('norm(A*x - b)^2', S), 'x'))).toEqual(['n']);
    expect(shapeOf(derivative(P('tr(A^T*Y)', S), 'Y'))).toEqual(['m', 'n']);
    expect(shapeOf(derivative(P('A*x', S), 'x'))).toEqual(['m', 'n']);
    expect(shapeOf(jacobian(P('x^T*y', S), 'x'))).toEqual([1, 'n']);
    expect(toText(jacobian(P('x^T*y', S), 'x'))).toBe('y^T');
    expect(shapeOf(derivative(P('A*x', S), 'A'))).toEqual(['m', 'm', 'n']);
  });
  it('printed text parses back to the same expression', () => {
    for (const [src, wrt] of [['norm(A*x - b)^2', 'x'], ['det(X)', 'X'], ['sum(log(1 + exp(-z .* (Y*w))))', 'w'], ['tanh(A*x + b)', 'x']] as const) {
      const r = derivative(P(src, S), wrt);
      expect(P(toText(r), S)).toBe(r);
    }
  });
  it('a variable that does not occur gives a zero of its declared shape, and without a shape an error', () => {
    expect(shapeOf(derivative(P('x^T*y', S), 'b', { shapes: { b: ['m'] } }))).toEqual(['m']);
    expect(() => derivative(P('x^T*y', S), 'b')).toThrow(/shape is unknown/);
  });
  it('never a silent zero: what has no rule is a MathError naming the part', () => {
    expect(() => derivative(P('sum(floor(x)) + sum(factorial(x))', S), 'x')).not.toThrow(); // floor' = 0 is a true zero
    expect(() => derivative(P('sum(polygamma(x, y))', S), 'x')).toThrow(/polygamma/);
  });
});


