import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, mul, num, pow, sin, sub, sym, tan } from '../src/core/build.js';
import { compile } from '../src/compile/compile.js';
import { compileGradient, compileJacobian, gradientFactory } from '../src/compile/gradient.js';
import { gradient } from '../src/diff/multivariate.js';
import { partials } from '../src/diff/partials.js';
import { postorder } from '../src/core/traverse.js';
import type { Expr } from '../src/core/expr.js';
import { MathError } from '../src/core/rational.js';
import { evaluate } from '../src/eval/evaluate.js';
import { ALL_FUNCTIONS, exprArb, maybePointArb } from '../src/testing/arbitraries.js';
import { createRandom } from '../src/check/random.js';

const VARS = ['x', 'y', 'z'];
const FUNCTIONS = ALL_FUNCTIONS;
// Points on a grid of spacing 1/499 (and small integers): there, intermediate products
// neither overflow nor underflow, and no two coordinates are so close that a pole like
// acoth(y/x) at y/x = 1 - 1e-15 amplifies rounding into the leading digits. Reverse mode
// and the symbolic derivative group products differently, so elsewhere they may differ by more.
const MODERATE = fc.oneof(
  fc.integer({ min: -5, max: 5 }),
  fc.integer({ min: -5000, max: 5000 }).map((k) => k / 499),
);

/** The symbolic gradient, or null where it cannot be built (nthroot(u, 0) divides by an exact 0). */
function symbolicGradient(e: Expr): Expr[] | null {
  try {
    return gradient(e, VARS);
  } catch (err) {
    if (err instanceof MathError) return null;
    throw err;
  }
}

/**
 * Whether some node's local partial is not finite at p (d log(u) at u = 0, d atan2 at (0, 0)).
 * Reverse mode multiplies adjoints by those partials, so it may give NaN there even where
 * the simplified symbolic derivative is finite (atan2(z, z): the terms cancel to 0).
 */
function singularAt(e: Expr, p: Record<string, number>): boolean {
  return postorder(e).some((n) => n.kind !== 'num' && n.kind !== 'sym' && partials(n).some((d) => !Number.isFinite(evaluate(d, p))));
}

/** Within `tol` relative to the size of the numbers (absolute near 0); NaN only equals NaN. */
function close(a: number, b: number, tol: number, scale = 1): boolean {
  if (a === b || (Number.isNaN(a) && Number.isNaN(b))) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= tol * Math.max(Math.abs(a), Math.abs(b), scale);
}

/** Central differences with a step scaled to |x|, as an independent check of smooth functions. */
function finiteDifferences(f: (...a: number[]) => number, at: readonly number[]): number[] {
  return at.map((v, i) => {
    const h = 1e-6 * Math.max(1, Math.abs(v));
    const plus = [...at];
    const minus = [...at];
    plus[i] = v + h;
    minus[i] = v - h;
    return (f(...plus) - f(...minus)) / (2 * h);
  });
}

describe('compileGradient: the gradient', () => {
  it('equals the symbolic gradient (forward-mode derivative) on random expressions, where that is finite', () => {
    const case_ = exprArb({ vars: VARS, maxDepth: 3, functions: FUNCTIONS }).chain((e) => {
      const g = symbolicGradient(e);
      if (g === null) return fc.constant(null);
      return maybePointArb(e, VARS, { require: g, values: MODERATE }).map((p) => (p === null ? null : { e, g, p }));
    });
    fc.assert(
      fc.property(case_, (c) => {
        if (c === null) return;
        const { e, g, p } = c;
        const out = new Float64Array(3);
        const value = compileGradient(e, VARS)(out, p.x!, p.y!, p.z!);
        const want = g.map((d) => evaluate(d, p));
        // The two orders of evaluation round differently; terms that cancel leave a
        // difference relative to the size of the terms, so scale by the largest entry.
        const scale = Math.max(1, ...want.map(Math.abs));
        const msg = () => `${gradientFactory(e, VARS).factory}\nat ${JSON.stringify(p)}: got ${[...out]}, want ${want}`;
        if (!close(value, evaluate(e, p), 1e-9)) throw new Error(`value ${value} vs ${evaluate(e, p)}\n${msg()}`);
        want.forEach((w, i) => {
          if (close(out[i]!, w, 1e-6, scale)) return;
          if (!Number.isFinite(out[i]!) && singularAt(e, p)) return;
          throw new Error(msg());
        });
      }),
      { numRuns: 1000 },
    );
  });

  const smooth: Array<[string, string, number[], (...a: number[]) => number[]]> = [
    ['x^2*y + sin(x*y)', 'x,y', [0.7, 1.3], (x, y) => [2 * x * y + y * Math.cos(x * y), x * x + x * Math.cos(x * y)]],
    ['sqrt(x^2 + y^2)', 'x,y', [3, 4], (x, y) => [x / Math.hypot(x, y), y / Math.hypot(x, y)]],
    ['exp(-x^2/2)/sqrt(2 pi)', 'x', [0.4], (x) => [(-x * Math.exp(-x * x / 2)) / Math.sqrt(2 * Math.PI)]],
    ['log(1 + exp(a*x + b))', 'a,b,x', [0.5, -1, 2], (a, b, x) => {
      const s = 1 / (1 + Math.exp(-(a * x + b)));
      return [s * x, s, s * a];
    }],
    ['atan2(y, x)', 'x,y', [-1, 2], (x, y) => [-y / (x * x + y * y), x / (x * x + y * y)]],
    ['x^y', 'x,y', [1.5, 2.5], (x, y) => [y * x ** (y - 1), x ** y * Math.log(x)]],
    ['(x - 1)^2 + 100*(y - x^2)^2', 'x,y', [-1.2, 1], (x, y) => [2 * (x - 1) - 400 * x * (y - x * x), 200 * (y - x * x)]],
    ['a*b*c*d*e1*f1*g', 'a,b,c,d,e1,f1,g', [1, 2, 3, 4, 5, 6, 7], (...v) =>
      v.map((_, i) => v.reduce((p, w, j) => (j === i ? p : p * w), 1))],
    ['-3*a*b*c*d*e1*f1', 'a,b,c,d,e1,f1', [1, -2, 3, 0.5, 5, 6], (...v) =>
      v.map((_, i) => -3 * v.reduce((p, w, j) => (j === i ? p : p * w), 1))],
    ['x^(2/3) + cbrt(x)', 'x', [-8], (x) => [(2 / 3) / Math.cbrt(x) + 1 / (3 * Math.cbrt(x) ** 2)]],
    // gamma(2) = 1, digamma(2) = 1 - (Euler's gamma), erf(0.3) = 0.328626759459127...
    ['erf(x) * gamma(y)', 'x,y', [0.3, 2], (x) => [(2 / Math.sqrt(Math.PI)) * Math.exp(-x * x), 0.3286267594591112 * (1 - 0.5772156649015329)]],
    // digamma'(1) = polygamma(1, 1) = pi^2/6; d/dy polygamma(2, y) = polygamma(3, y), pi^4 at y = 1/2
    ['digamma(x^2) + polygamma(2, y)', 'x,y', [1, 0.5], () => [(2 * Math.PI ** 2) / 6, Math.PI ** 4]],
  ];
  it.each(smooth)('of %s (%s) matches the hand-written gradient and finite differences', (src, vs, at, hand) => {
    const vars = vs.split(',');
    const out = new Float64Array(vars.length);
    const value = compileGradient(src, vars)(out, ...at);
    expect(value).toBe(compile(src, vars)(...at));
    const want = hand(...at);
    const fd = finiteDifferences(compile(src, vars), at);
    want.forEach((w, i) => {
      expect(close(out[i]!, w, 1e-12)).toBe(true);
      expect(close(out[i]!, fd[i]!, 1e-6)).toBe(true);
    });
  });

  it('of a function of 100 variables (sum of squares of linear forms) matches the hand-written gradient', () => {
    const n = 100;
    const random = createRandom(7); // seeded, so the big example is the same every run
    const rand = (): number => random.next();
    const A = Array.from({ length: 30 }, () => Array.from({ length: n }, () => Math.round(rand() * 20 - 10)));
    const xs = Array.from({ length: n }, (_, i) => sym(`x${i}`));
    const e = add(...A.map((row) => pow(add(...row.map((a, j) => mul(num(a), xs[j]!)), -1), 2)));
    const vars = xs.map((s) => (s as { name: string }).name);
    const at = Array.from({ length: n }, () => rand() - 0.5);
    const out = new Float64Array(n);
    compileGradient(e, vars)(out, ...at);
    const r = A.map((row) => row.reduce((s, a, j) => s + a * at[j]!, 0) - 1);
    const want = at.map((_, j) => A.reduce((s, row, i) => s + 2 * r[i]! * row[j]!, 0));
    want.forEach((w, j) => expect(close(out[j]!, w, 1e-12, 1)).toBe(true));
  });

  it('of an input nested 10,000 deep (iterative passes, no quadratic walks), against forward mode by hand', () => {
    // u0 = x, u(k+1) = sin(u(k)) + y/2
    let e: Expr = sym('x');
    for (let i = 0; i < 10_000; i++) e = add(sin(e), mul(num(1, 2), sym('y')));
    const out = new Float64Array(2);
    const value = compileGradient(e, ['x', 'y'])(out, 0.3, 0.1);
    let u = 0.3;
    let ux = 1;
    let uy = 0;
    for (let i = 0; i < 10_000; i++) {
      const c = Math.cos(u);
      u = Math.sin(u) + 0.1 / 2;
      ux = c * ux;
      uy = c * uy + 0.5;
    }
    expect(value).toBe(u);
    expect(close(out[0]!, ux, 1e-12)).toBe(true);
    expect(close(out[1]!, uy, 1e-12)).toBe(true);
  });

  it('is 0 for variables the expression does not use', () => {
    const out = new Float64Array([9, 9, 9]);
    expect(compileGradient('x^2', ['u', 'x', 'w'])(out, 5, 3, 7)).toBe(9);
    expect([...out]).toEqual([0, 6, 0]);
    const c = new Float64Array([5]);
    expect(compileGradient('pi', ['x'])(c, 1)).toBe(Math.PI);
    expect(c[0]).toBe(0);
  });

  it('of a variable itself is 1', () => {
    const out = new Float64Array(2);
    expect(compileGradient('y', ['x', 'y'])(out, 3, 4)).toBe(4);
    expect([...out]).toEqual([0, 1]);
  });

  it('shares the forward sweep: a subterm used twice is computed once, value and gradient alike', () => {
    const u = tan(mul(sym('x'), sym('y')));
    const e = add(mul(u, u), sin(u));
    const src = gradientFactory(e, ['x', 'y']).factory;
    expect(src.match(/Math\.tan\(/g)).toHaveLength(1); // d tan = 1 + tan^2 reuses the forward value
    expect(src.match(/Math\.sin\(/g)).toHaveLength(1);
  });

  it('follows real semantics: the cube root of a negative number and its derivative are real', () => {
    const out = new Float64Array(1);
    expect(compileGradient('cbrt(x)', ['x'])(out, -8)).toBe(-2);
    expect(out[0]).toBeCloseTo(1 / 12, 15);
    expect(compileGradient('sqrt(x)', ['x'])(out, -1)).toBeNaN();
    expect(out[0]).toBeNaN();
    expect(compileGradient('sqrt(x)', ['x'])(out, 0)).toBe(0);
    expect(out[0]).toBe(Infinity);
  });
});

describe('compileGradient: allocation-free calls', () => {
  it('fills the caller array in place and returns the value', () => {
    const g = compileGradient('x*y + z', ['x', 'y', 'z']);
    const out = new Float64Array(3);
    const same = out;
    expect(g(out, 2, 3, 4)).toBe(10);
    expect(out).toBe(same);
    expect([...out]).toEqual([3, 2, 1]);
    // a longer array: only the first entries are written
    const longer = new Float64Array([7, 7, 7, 7]);
    g(longer, 1, 1, 1);
    expect([...longer]).toEqual([1, 1, 1, 7]);
  });

  it('the generated code creates no objects: only float arithmetic on consts and out[k] writes', () => {
    fc.assert(
      fc.property(exprArb({ vars: VARS, maxDepth: 3, functions: FUNCTIONS }), (e) => {
        if (symbolicGradient(e) === null) return; // nthroot(u, 0), log(u, 1): no derivative to compile
        const src = gradientFactory(e, VARS).factory;
        // the branches of conditionals (if/else blocks) are the only braces
        const body = src
          .slice(src.indexOf('{') + 1, src.lastIndexOf('}'))
          .replace(/^\s*(?:if \(.*\) \{|\} else if \(.*\) \{|\} else \{|\})$/gm, '');
        expect(body).not.toMatch(/\bnew\b|=>|\bfunction\b|[{}]|\.\.\.|\[(?!\d+\])/);
        for (const m of body.matchAll(/\[/g)) expect(body.slice(m.index - 3, m.index)).toBe('out');
      }),
      { numRuns: 200 },
    );
  });
});

describe('compileJacobian', () => {
  it('writes one row per expression, matching compileGradient row by row', () => {
    const es = ['x*y*z', 'sin(x) + y^2', 'exp(x*y) - z', 'z'];
    const vars = ['x', 'y', 'z'];
    const at = [0.3, -1.2, 2];
    const J = new Float64Array(es.length * vars.length);
    expect(compileJacobian(es, vars)(J, ...at)).toBeUndefined();
    es.forEach((e, i) => {
      const row = new Float64Array(vars.length);
      compileGradient(e, vars)(row, ...at);
      row.forEach((v, j) => expect(J[i * vars.length + j]).toBeCloseTo(v, 14));
    });
    expect([...J.slice(9)]).toEqual([0, 0, 1]);
  });

  it('shares the forward sweep between the rows', () => {
    const u = sin(mul(sym('x'), sym('y')));
    const { factory } = (() => {
      const f = compileJacobian([mul(u, sym('x')), add(u, sym('y')), sub(u, 1)], ['x', 'y']);
      return { factory: f.toString() };
    })();
    expect(factory.match(/Math\.sin\(/g)).toHaveLength(1);
  });
});

describe('compileGradient: errors and safety', () => {
  it('refuses undefined functions and unknown variables, like compile', () => {
    expect(() => compileGradient('f(x)', ['x'])).toThrow(/undefined function 'f'/);
    expect(() => compileGradient('x + y', ['x'])).toThrow(/'y'/);
  });

  it('says which derivative it cannot compute (polygamma in its order, nthroot(x, 0))', () => {
    expect(() => compileGradient('polygamma(n, x)', ['n', 'x'])).toThrow(/derivative of polygamma.*not differentiable/);
    expect(() => compileGradient('nthroot(x, 0)', ['x'])).toThrow(/derivative of nthroot/);
  });

  it('does not ask for the partials of constant operands (polygamma(n, x) with n fixed)', () => {
    const out = new Float64Array(1);
    // pi is a constant, not a variable: polygamma(pi, x) has no value, but its x-partial is asked for alone
    expect(() => compileGradient('polygamma(pi, x)', ['x'])).not.toThrow();
    expect(compileGradient('polygamma(2, x^2)', ['x'])(out, 1)).toBe(compile('polygamma(2, x^2)', ['x'])(1));
    expect(Math.abs(out[0]! - (2 * Math.PI ** 4) / 15)).toBeLessThan(1e-13); // 2x polygamma(3, x^2) at 1
  });

  it('works with hostile variable names', () => {
    const vars = ['constructor', '__proto__', 'out', 'this', 'L', 'v0', 'a0'];
    const e = add(...vars.map((v, i) => mul(num(i + 1), pow(sym(v), 2))));
    const out = new Float64Array(vars.length);
    const at = vars.map((_, i) => i + 0.5);
    const value = compileGradient(e, vars)(out, ...at);
    expect(value).toBeCloseTo(at.reduce((s, v, i) => s + (i + 1) * v * v, 0), 12);
    at.forEach((v, i) => expect(out[i]).toBe(2 * (i + 1) * v));
  });
});

