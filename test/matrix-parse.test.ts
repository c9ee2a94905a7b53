// Parsing with shapes: transposes, the matrix product, elementwise operators,
// shape errors at the operator, and what x^T means without shapes.
import { describe, expect, it } from 'vitest';
import { ParseError, compile, derivative, evaluate, parse, shapeOf, toText, verifyDerivative } from '../src/index.js';

const S = { x: ['n'], y: ['n'], b: ['m'], A: ['m', 'n'], X: ['n', 'n'] } as const;
const P = (src: string) => parse(src, { shapes: S });

function parseError(f: () => unknown): ParseError {
  try {
    f();
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw e;
  }
  throw new Error('no ParseError');
}

describe('shaped parsing', () => {
  it('shapes of products, transposes and reductions', () => {
    expect(shapeOf(P('x^T*y'))).toEqual([]);
    expect(shapeOf(P('x*y^T'))).toEqual(['n', 'n']);
    expect(shapeOf(P("x'"))).toEqual([1, 'n']);
    expect(shapeOf(P('A*x'))).toEqual(['m']);
    expect(shapeOf(P('A^T'))).toEqual(['n', 'm']);
    expect(shapeOf(P('A x - b'))).toEqual(['m']);
    expect(shapeOf(P('tr(X) + det(X) + logdet(X) + norm(A) + sum(x)'))).toEqual([]);
    expect(shapeOf(P('diag(x)'))).toEqual(['n', 'n']);
    expect(shapeOf(P('diag(X)'))).toEqual(['n']);
    expect(shapeOf(P('softmax(A*x) .* b'))).toEqual(['m']);
    expect(shapeOf(P('tanh(A*x + b)'))).toEqual(['m']);
    expect(shapeOf(parse('sin(t)'))).toEqual([]);
  });
  it("x^T and x' are the same transpose; A^-1 is inv(A) and X^-T its transpose", () => {
    expect(P("x'*y")).toBe(P('x^T*y'));
    expect(P('X^-1')).toBe(P('inv(X)'));
    expect(P('X^-T')).toBe(P('inv(X)^T'));
    expect(P("(A*x)'")).toBe(P('x^T*A^T'));
    expect(toText(P('X^-T'))).toBe('X^-T');
  });
  it('the product does not commute; scalars do', () => {
    expect(P('x*y^T')).not.toBe(P('y*x^T'));
    expect(P('2*t*x')).toBe(P('x*t*2'));
  });
  it('a shape mismatch is a ParseError naming both shapes, at the operator', () => {
    const e = parseError(() => P('x + A*b'));
    expect(e.message).toMatch(/matrix m x n times vector of length m/);
    expect(e.column).toBe(6);
    const f = parseError(() => P('x + b'));
    expect(f.reason).toMatch(/vector of length n plus vector of length m/);
    expect(f.column).toBe(3);
    expect(parseError(() => P('det(A)')).reason).toMatch(/square/);
    expect(parseError(() => P('x^2')).reason).toMatch(/\.\^ entry by entry/);
    expect(parseError(() => P('x .* b')).reason).toMatch(/elementwise product/);
    expect(parseError(() => P('t/x')).reason).toMatch(/cannot divide by a vector/);
  });
  it('without shapes, x^T and x\' are errors that say how to declare a shape', () => {
    for (const src of ['x^T*y', "x'*y", 'x^-T']) {
      const e = parseError(() => parse(src));
      expect(e.reason).toMatch(/transpose/);
      expect(e.reason).toMatch(/--shape x=n/);
    }
    expect(parseError(() => parse('x^T*y')).column).toBe(2);
  });
  it("x^(T) is still a power, f'(x) still a derivative, and .* on scalars a product", () => {
    expect(toText(parse('x^(T)'))).toMatch(/^x\^/);
    expect(toText(parse("f'(x)"))).toBe("f'(x)");
    expect(parse('a .* b')).toBe(parse('a*b'));
    expect(parse('a ./ b')).toBe(parse('a/b'));
    expect(parse('a.^2')).toBe(parse('a^2'));
  });
  it('a scalar cannot be transposed, even with shapes declared', () => {
    expect(parseError(() => P('t^T')).reason).toMatch(/scalar/);
    expect(parseError(() => P("t'")).reason).toMatch(/scalar/);
  });
  it('evaluates with number[] vectors and row-major number[][] matrices', () => {
    const scope = { A: [[1, 2], [3, 4], [5, 6]], x: [1, -1], b: [1, 1, 1], X: [[2, 1], [1, 3]], y: [0.5, 2] };
    expect(evaluate(P('A*x - b'), scope)).toEqual([-2, -2, -2]);
    expect(evaluate(P('x^T*y'), scope)).toBe(-1.5);
    expect(evaluate(P('A^T'), scope)).toEqual([[1, 3, 5], [2, 4, 6]]);
    expect(evaluate(P('det(X)'), scope)).toBeCloseTo(5, 12);
    expect(evaluate(P('inv(X)*X'), scope)).toEqual([[1, 0], [0, 1]].map((r) => r.map((v) => expect.closeTo(v, 12))));
    expect(evaluate(P("x'"), { x: Float64Array.of(1, 2) })).toEqual([[1, 2]]);
    expect(() => evaluate(P('A*x'), { A: [[1, 2, 3]], x: [1, 2] })).toThrow(/dimension n is 3 elsewhere, but x gives it 2/);
  });
});

describe('compiled shaped expressions', () => {
  it('agree with evaluate, for expressions and their derivatives, with nested arrays and Float64Arrays', () => {
    const scope = { A: [[1, 2], [3, 4], [5, 6]], x: [1, -1], b: [1, 0.5, 1], X: [[2, 1], [1, 3]], y: [0.5, 2], t: 0.7 };
    for (const src of ['A*x - b', 'norm(A*x - b)^2', 'x^T*X*y', 'X^-T', 'logdet(X) + det(X)*t', 'softmax(A*x) .* b', 'sum(log(1 + exp(-b .* (A*x))))', 'diag(x)*X']) {
      const e = P(src);
      const f = compile(e);
      expect(f(scope)).toEqual(evaluate(e, scope));
      expect(f({ ...scope, x: Float64Array.from(scope.x) })).toEqual(evaluate(e, scope));
      if (shapeOf(e).length === 0) {
        const g = derivative(e, src.includes('x') ? 'x' : 'X');
        expect(compile(g as never)(scope)).toEqual(evaluate(g, scope));
      }
    }
    expect(compile(P('x^T*X*x')).source).toMatch(/const t\d+ = R\.mul/);
  });
});

describe('symmetric matrices (declared with a third entry, symmetric)', () => {
  const S = { shapes: { x: ['n'], A: ['n', 'n', 'symmetric'], b: ['n'] } } as const;
  const sym = (n: number, seed: number): number[][] => {
    let s = seed;
    const r = (): number => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1;
    const m = Array.from({ length: n }, () => Array.from({ length: n }, r));
    return m.map((row, i) => row.map((v, j) => (j < i ? m[j]![i]! : v)));
  };

  it('A^T is A, so the gradient of x^T*A*x is 2*A*x and its Hessian 2*A', () => {
    const e = parse('x^T*A*x', S);
    expect(toText(derivative(e, 'x'))).toBe('2*A*x');
    expect(toText(derivative(parse('norm(A*x - b)^2', S), 'x'))).toBe('2*A*(A*x - b)');
    for (const n of [3, 5]) {
      const A = sym(n, 7 + n);
      const x = Array.from({ length: n }, (_, i) => Math.cos(i + 1));
      const want = A.map((row) => 2 * row.reduce((s, a, j) => s + a * x[j]!, 0)); // by hand: 2*A*x
      (evaluate(derivative(e, 'x'), { A, x }) as number[]).forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 12));
    }
  });

  it('verify calls 2*A*x right for a symmetric A and wrong for a general one', () => {
    expect(verifyDerivative(parse('2*A*x', S), parse('x^T*A*x', S), 'x').verdict).toBe('correct');
    const G = { shapes: { x: ['n'], A: ['n', 'n'] } };
    expect(verifyDerivative(parse('2*A*x', G), parse('x^T*A*x', G), 'x').verdict).toBe('wrong');
  });

  it('a value that is not symmetric, a non-square symmetric declaration and d/dA are clear errors', () => {
    expect(() => evaluate(parse('x^T*A*x', S), { A: [[1, 2], [3, 4]], x: [1, 1] })).toThrow(/A is declared symmetric, but A\[1\]\[0\] = 3 and A\[0\]\[1\] = 2/);
    expect(() => parse('A', { shapes: { A: ['m', 'n', 'symmetric'] } })).toThrow(/symmetric, so it must be square/);
    expect(() => derivative(parse('x^T*A*x', S), 'A')).toThrow(/A is declared symmetric, so its entries are not independent/);
    expect(compile(parse('x^T*A*x', S))({ A: [[2, 1], [1, 2]], x: [1, -1] })).toBe(2);
    expect(() => compile(parse('x^T*A*x', S))({ A: [[2, 1], [0, 2]], x: [1, -1] })).toThrow(/declared symmetric/);
  });
});
