// Taylor polynomials of shaped expressions: the quadratic model in a vector
// variable, the linearisation of a vector function, entry-by-entry series in a
// scalar; each checked by values computed here, independently of leibniz.
import { describe, expect, it } from 'vitest';
import { evaluate, parse, toText } from '../src/index.js';
import { taylorShaped } from '../src/matrix/taylor.js';
import { derivative } from '../src/index.js';

const S = { shapes: { x: ['n'], a: ['n'], A: ['n', 'n'], b: ['n'], W: ['m', 'n'], c: ['m'] } } as const;
const P = (src: string) => parse(src, S);
const dot = (u: number[], v: number[]): number => u.reduce((s, ui, i) => s + ui * v[i]!, 0);
const matvec = (M: number[][], v: number[]): number[] => M.map((row) => dot(row, v));

describe('Taylor polynomials in a vector variable', () => {
  const A = [[1, 2, -1], [0.5, 3, 2], [-2, 1, 4]]; // not symmetric
  const b = [0.3, -1, 2];
  const x = [0.7, -0.4, 1.1];
  const a = [0.2, 0.5, -0.3];

  it('of order 2 reproduces a quadratic exactly, about any point (A not symmetric)', () => {
    const t = taylorShaped(P('x^T*A*x + b^T*x'), 'x', 'a', 2, S);
    expect(t.shape).toEqual([]);
    const want = dot(x, matvec(A, x)) + dot(b, x);
    expect(evaluate(t, { x, a, A, b }) as number).toBeCloseTo(want, 12);
    expect(toText(taylorShaped(P('norm(x)^2'), 'x', 'a', 2, S))).toMatch(/\(x - a\)\^T\*\(x - a\)/);
  });

  it('of order 2 about 0 matches log-sum-exp to third order', () => {
    const t = taylorShaped(P('log(sum(exp(x)))'), 'x', '0', 2, S);
    for (const h of [1e-2, 5e-3]) {
      const y = x.map((v) => v * h);
      const exact = Math.log(y.reduce((s, v) => s + Math.exp(v), 0));
      // log n + mean(y) + (mean(y^2) - mean(y)^2)/2, by hand
      const n = y.length;
      const mean = y.reduce((s, v) => s + v, 0) / n;
      const model = Math.log(n) + mean + (y.reduce((s, v) => s + v * v, 0) / n - mean * mean) / 2;
      expect(evaluate(t, { x: y }) as number).toBeCloseTo(model, 14);
      expect(Math.abs((evaluate(t, { x: y }) as number) - exact)).toBeLessThan(10 * h ** 3);
    }
  });

  it('of order 1 linearises a vector function: value at the point, error O(h^2) near it', () => {
    const W = [[1, -2, 0.5], [0.3, 0.8, -1]]; // m = 2, n = 3
    const c = [0.1, -0.2];
    const f = (v: number[]) => matvec(W, v).map((s, i) => Math.tanh(s + c[i]!));
    const t = taylorShaped(P('tanh(W*x + c)'), 'x', 'a', 1, S);
    expect(t.shape).toEqual(['m']);
    (evaluate(t, { x: a, a, W, c }) as number[]).forEach((v, i) => expect(v).toBeCloseTo(f(a)[i]!, 14));
    const errs = [1e-2, 1e-3].map((h) => {
      const y = a.map((v, i) => v + h * x[i]!);
      const got = evaluate(t, { x: y, a, W, c }) as number[];
      return Math.max(...got.map((g, i) => Math.abs(g - f(y)[i]!)));
    });
    expect(errs[1]! / errs[0]!).toBeLessThan(0.02); // second order: 100 times smaller for 10 times closer
  });

  it('refuses what is a tensor or has no point', () => {
    expect(() => taylorShaped(P('norm(x)^2'), 'x', 'a', 3, S)).toThrow(/go to order 2/);
    expect(() => taylorShaped(P('exp(x)'), 'x', 'a', 2, S)).toThrow(/order 1 \(the Jacobian\) only/);
    expect(() => taylorShaped(P('x^T*x'), 'x', 'x', 2, S)).toThrow(/must not be x itself/);
    expect(() => taylorShaped(P('x^T*x'), 'x', '1 + y', 2, S)).toThrow(/about 0 or about a vector named like a/);
  });
});

describe('Taylor polynomials in a scalar, entry by entry', () => {
  it('exp(t*x) to order 3 about 0 is 1 + t x + t^2 x^2/2 + t^3 x^3/6 entrywise', () => {
    const t = taylorShaped(P('exp(t*x)'), 't', parse('0'), 3, S) // a point from the scalar parser;
    const x = [0.5, -1, 2];
    const tv = 0.3;
    (evaluate(t, { x, t: tv }) as number[]).forEach((v, i) => {
      const u = tv * x[i]!;
      expect(v).toBeCloseTo(1 + u + u ** 2 / 2 + u ** 3 / 6, 14);
    });
  });
  it('a matrix in a scalar is refused with the reason', () => {
    expect(() => taylorShaped(P('sin(t)*A'), 't', parse('0'), 2, S)).toThrow(/of scalars and vectors/);
  });
});

describe('derivatives by a scalar are in matrix notation, with the expression\'s shape', () => {
  it('d/dt inv(A + t*B) is -inv(A + t*B)*B*inv(A + t*B), against central differences', () => {
    const Sq = { shapes: { A: ['n', 'n'], B: ['n', 'n'] } } as const;
    const d = derivative(parse('inv(A + t*B)', Sq), 't');
    expect(toText(d as never)).not.toMatch(/entry/);
    const A = [[4, 1, 0], [2, 5, -1], [0, 1, 6]];
    const B = [[1, -2, 0.5], [0, 1, 3], [2, 0, -1]];
    const inv3 = (M: number[][]): number[][] => {
      const [[a, b, c], [d0, e, f], [g, h, i]] = M as [[number, number, number], [number, number, number], [number, number, number]];
      const det = a * (e * i - f * h) - b * (d0 * i - f * g) + c * (d0 * h - e * g);
      return [
        [(e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det],
        [(f * g - d0 * i) / det, (a * i - c * g) / det, (c * d0 - a * f) / det],
        [(d0 * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d0) / det],
      ];
    };
    const at = (t: number): number[][] => inv3(A.map((r, i) => r.map((v, j) => v + t * B[i]![j]!)));
    const t = 0.3;
    const h = 1e-5;
    const got = evaluate(d as never, { A, B, t }) as number[][];
    got.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo((at(t + h)[i]![j]! - at(t - h)[i]![j]!) / (2 * h), 8)));
  });
});

describe('the transpose of diag', () => {
  it('diag(M) of a matrix is a column, so its transpose is a row (d/dt diag(t*x)*x was a shape error)', () => {
    const x = [0.5, -1, 2];
    const d = derivative(P('diag(t*x)*x'), 't');
    expect(toText(d as never)).toBe('diag(x)*x');
    (evaluate(d as never, { x, t: 0.7 }) as number[]).forEach((v, i) => expect(v).toBeCloseTo(x[i]! * x[i]!, 14));
    const s = derivative(P('tr(diag(t*x))'), 't');
    expect(evaluate(s as never, { x, t: 0.7 })).toBeCloseTo(1.5, 14);
  });
});
