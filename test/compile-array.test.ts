// The array calling convention (f(x), grad(out, x)), compileHessian, and
// functions of more variables than JavaScript allows parameters.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, mul, num, pow, sym } from '../src/core/build.js';
import { compile } from '../src/compile/compile.js';
import { compileGradient, compileJacobian } from '../src/compile/gradient.js';
import { compileHessian, hessianFactory } from '../src/compile/hessian.js';
import { moduleSource } from '../src/compile/module.js';
import { hessian } from '../src/diff/multivariate.js';
import { evaluate } from '../src/eval/evaluate.js';
import { MathError } from '../src/core/rational.js';
import { ALL_FUNCTIONS, exprArb, maybePointArb } from '../src/testing/arbitraries.js';

const VARS = ['x', 'y', 'z'];
const same = (a: number, b: number): boolean => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b)) || a === b;
const close = (a: number, b: number, tol: number, scale = 1): boolean =>
  a === b || (Number.isNaN(a) && Number.isNaN(b)) || Math.abs(a - b) <= tol * Math.max(Math.abs(a), Math.abs(b), scale);

describe('the array convention', () => {
  it('computes the same numbers as the positional one, value and gradient, on random expressions', () => {
    const case_ = exprArb({ vars: VARS, maxDepth: 3, functions: ALL_FUNCTIONS }).chain((e) =>
      maybePointArb(e, VARS).map((p) => ({ e, p })),
    );
    fc.assert(
      fc.property(case_, ({ e, p }) => {
        if (p === null) return;
        const at = VARS.map((v) => p[v]!);
        let positional: number;
        try {
          positional = compile(e, VARS)(...at);
        } catch (err) {
          if (err instanceof MathError) return; // not compilable: the array form must refuse too
          throw err;
        }
        expect(same(compile(e, VARS, { args: 'array' })(at), positional)).toBe(true);
        expect(same(compile(e, VARS, { args: 'array' })(Float64Array.from(at)), positional)).toBe(true);
        let g1: Float64Array;
        let v1: number;
        try {
          g1 = new Float64Array(3);
          v1 = compileGradient(e, VARS)(g1, ...at);
        } catch (err) {
          if (err instanceof MathError) return;
          throw err;
        }
        const g2 = new Float64Array(3);
        const v2 = compileGradient(e, VARS, { args: 'array' })(g2, at);
        expect(same(v1, v2)).toBe(true);
        for (let k = 0; k < 3; k++) expect(same(g1[k]!, g2[k]!)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('reads the variables in vars order, and ignores extra entries', () => {
    const f = compile('x - 2*y', ['y', 'x'], { args: 'array' });
    expect(f([1, 10, 99])).toBe(8);
    const out = [0, 0];
    expect(compileGradient('x^2*y', ['y', 'x'], { args: 'array' })(out, [3, 2])).toBe(12);
    expect(out).toEqual([4, 12]);
    const J = new Float64Array(4);
    compileJacobian(['x*y', 'x + y'], ['x', 'y'], { args: 'array' })(J, [2, 5]);
    expect([...J]).toEqual([5, 2, 1, 1]);
  });

  it('refuses an unknown convention', () => {
    expect(() => compile('x', ['x'], { args: 'list' as never })).toThrow(/args must be 'positional' or 'array'/);
  });

  it('takes more variables than JavaScript allows parameters (70,000)', () => {
    const n = 70_000;
    const names = Array.from({ length: n }, (_, i) => `x${i}`);
    const e = add(...names.map((v, i) => mul(num(i % 7), sym(v))));
    const x = Float64Array.from({ length: n }, (_, i) => (i % 3) - 1);
    let want = 0;
    for (let i = 0; i < n; i++) want += (i % 7) * x[i]!;
    expect(compile(e, names, { args: 'array' })(x)).toBe(want);
  });

  it('gives the gradient of a function of 5,000 variables, whose temporaries outgrow a stack frame', () => {
    const n = 5_000;
    const names = Array.from({ length: n }, (_, i) => `w${i}`);
    // sum of (w_i - i)^2 * w_(i+1): several named temporaries per variable
    const e = add(...names.map((v, i) => mul(pow(add(sym(v), num(-i)), 2), sym(names[(i + 1) % n]!))));
    const x = Float64Array.from({ length: n }, (_, i) => i + 0.5);
    const out = new Float64Array(n);
    const value = compileGradient(e, names, { args: 'array' })(out, x);
    let want = 0;
    for (let i = 0; i < n; i++) want += 0.25 * x[(i + 1) % n]!;
    expect(close(value, want, 1e-12)).toBe(true);
    // d/dw_i = 2 (w_i - i) w_(i+1) + (w_(i-1) - (i-1))^2
    for (const i of [0, 1, 2500, n - 1]) {
      const g = 2 * 0.5 * x[(i + 1) % n]! + 0.25;
      expect(close(out[i]!, g, 1e-12)).toBe(true);
    }
  });
});

describe('compileHessian', () => {
  it('equals the symbolic Hessian on random expressions, in both conventions, and is symmetric', () => {
    const case_ = exprArb({ vars: ['x', 'y'], maxDepth: 3, functions: ['sin', 'cos', 'exp', 'log', 'sqrt', 'atan', 'tanh'] }).chain((e) =>
      maybePointArb(e, ['x', 'y'], { values: fc.integer({ min: -3000, max: 3000 }).map((k) => k / 997) }).map((p) => ({ e, p })),
    );
    fc.assert(
      fc.property(case_, ({ e, p }) => {
        if (p === null) return;
        const H = hessian(e, ['x', 'y']);
        const want = H.flat().map((h) => evaluate(h, p));
        if (!want.every(Number.isFinite)) return;
        const out = new Float64Array(4);
        const value = compileHessian(e, ['x', 'y'])(out, p.x!, p.y!);
        expect(close(value, evaluate(e, p), 1e-9)).toBe(true);
        const scale = Math.max(1, ...want.map(Math.abs));
        want.forEach((w, k) => {
          if (!close(out[k]!, w, 1e-6, scale)) throw new Error(`${hessianFactory(e, ['x', 'y']).factory}\n${[...out]} vs ${want}`);
        });
        expect(out[1]).toBe(out[2]);
        const out2 = new Float64Array(4);
        compileHessian(e, ['x', 'y'], { args: 'array' })(out2, [p.x!, p.y!]);
        for (let k = 0; k < 4; k++) expect(same(out[k]!, out2[k]!)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('matches the hand-written Hessian of the Rosenbrock function', () => {
    const hess = compileHessian('(1 - x)^2 + 100*(y - x^2)^2', ['x', 'y']);
    const out = new Float64Array(4);
    const [x, y] = [-1.2, 1];
    hess(out, x, y);
    expect([...out]).toEqual([2 - 400 * (y - x * x) + 800 * x * x, -400 * x, -400 * x, 200]);
  });

  it('writes each pair once in the code, and zeroes the entries that are exactly 0', () => {
    const { factory } = hessianFactory('x^3 + y^2 + z', ['x', 'y', 'z']);
    expect(factory).toContain('out.fill(0, 0, 9)');
    const out = new Float64Array(9).fill(7);
    compileHessian('x^3 + y^2 + z', ['x', 'y', 'z'])(out, 2, 3, 4);
    expect([...out]).toEqual([12, 0, 0, 0, 2, 0, 0, 0, 0]);
    const dense = hessianFactory('exp(x*y*z)', ['x', 'y', 'z']).factory;
    expect(dense.match(/out\[\d+\] = out\[\d+\] =/g)?.length).toBe(3); // the three off-diagonal pairs, each once
  });

  it('is offered by moduleSource, in the array convention too', async () => {
    const src = moduleSource('x^2*y', ['x', 'y'], { hessian: true, args: 'array' });
    expect(src).toMatch(/export const hess/);
    const mod = (await import(`data:text/javascript,${encodeURIComponent(src)}`)) as {
      f: (x: number[]) => number;
      hess: (out: number[], x: number[]) => number;
    };
    const out = [0, 0, 0, 0];
    expect(mod.f([3, 2])).toBe(18);
    expect(mod.hess(out, [3, 2])).toBe(18);
    expect(out).toEqual([4, 6, 6, 0]);
  });
});
