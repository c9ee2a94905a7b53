// The notebook's exercise 5.5, which its author could not finish: the shapes
// of the derivatives of f1 = sin(x1) cos(x2), f2 = x^T y and f3 = x x^T,
// and their values against finite differences at n = 3 and n = 5.
import { describe, expect, it } from 'vitest';
import { derivative, evaluate, gradient, jacobian, shapeOf, toText } from '../src/index.js';
import { P, directional, expectClose, flat, rng, values } from './matrix-helpers.js';

describe('exercise 5.5', () => {
  it('f1 = sin(x1) cos(x2): the gradient has 2 entries', () => {
    const g = gradient('sin(x1)*cos(x2)', ['x1', 'x2']);
    expect(g.map(toText)).toEqual(['cos(x1)*cos(x2)', '-sin(x1)*sin(x2)']);
    const [a, b] = [0.3, -1.1];
    const h = 1e-6;
    const f = (p: number, q: number): number => Math.sin(p) * Math.cos(q);
    expectClose(
      g.map((d) => evaluate(d, { x1: a, x2: b })),
      [(f(a + h, b) - f(a - h, b)) / (2 * h), (f(a, b + h) - f(a, b - h)) / (2 * h)],
      1e-7,
      'grad f1',
    );
  });

  for (const n of [3, 5]) {
    it(`f2 = x^T y at n = ${n}: the gradient is y (shape n), the Jacobian the row y^T`, () => {
      const f2 = P('x^T*y', { x: ['n'], y: ['n'] });
      expect(shapeOf(f2)).toEqual([]);
      const g = derivative(f2, 'x');
      expect(toText(g)).toBe('y');
      expect(shapeOf(g)).toEqual(['n']);
      expect(toText(derivative(f2, 'y'))).toBe('x');
      const J = jacobian(f2, 'x');
      expect(toText(J)).toBe('y^T');
      expect(shapeOf(J)).toEqual([1, 'n']);
      const scope = values({ x: ['n'], y: ['n'] }, { n }, rng(n));
      const got = flat(evaluate(J, scope));
      for (let k = 0; k < n; k++) {
        const unit = Array.from({ length: n }, (_, i) => (i === k ? 1 : 0));
        expectClose([got[k]!], directional(f2, scope, 'x', unit), 1e-7, `df2/dx_${k}`);
      }
    });

    it(`f3 = x x^T at n = ${n}: an n x n x n tensor, entry (i,j,k) = delta(i,k)*x_j + x_i*delta(j,k)`, () => {
      const f3 = P('x*x^T', { x: ['n'] });
      expect(shapeOf(f3)).toEqual(['n', 'n']);
      const d = derivative(f3, 'x');
      expect(shapeOf(d)).toEqual(['n', 'n', 'n']);
      expect(toText(d)).toBe('entry (i, j, k) = delta(i,k)*x_j + x_i*delta(j,k)');
      const scope = values({ x: ['n'] }, { n }, rng(10 + n));
      const x = scope.x as number[];
      const t = evaluate(d, scope) as number[][][];
      expect(t.length).toBe(n);
      for (let k = 0; k < n; k++) {
        const unit = Array.from({ length: n }, (_, i) => (i === k ? 1 : 0));
        const fd = directional(f3, scope, 'x', unit);
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            const formula = (i === k ? x[j]! : 0) + (j === k ? x[i]! : 0);
            expect(t[i]![j]![k]).toBeCloseTo(formula, 12);
            expectClose([t[i]![j]![k]!], [fd[i * n + j]!], 1e-7, `df3_${i}${j}/dx_${k}`);
          }
        }
      }
    });
  }
});
