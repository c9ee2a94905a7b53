// gradient, jacobian, hessian and taylor. Exact expected formulas where the
// formula is the point (the Taylor polynomials of the seed exercise, the
// Jacobians of exercise 5.5); elsewhere values derived by hand.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ONE, ZERO, add, mul, num, pow, sub, sym } from '../src/core/build.js';
import type { Expr } from '../src/core/expr.js';
import { MathError } from '../src/core/rational.js';
import { derivative } from '../src/diff/derivative.js';
import { gradient, hessian, jacobian, taylor } from '../src/diff/multivariate.js';
import { substitute } from '../src/diff/substitute.js';
import { evaluate } from '../src/eval/evaluate.js';
import { parse } from '../src/parse/parser.js';

const x = sym('x');

describe('gradient', () => {
  it('5.5: the gradient of sin(x1) cos(x2) is [cos(x1) cos(x2), -sin(x1) sin(x2)]', () => {
    expect(gradient('sin(x1) cos(x2)')).toEqual([parse('cos(x1) cos(x2)'), parse('-sin(x1) sin(x2)')]);
  });

  it('defaults to the free symbols sorted with digit runs as numbers (x2 before x10); constants excluded', () => {
    expect(gradient('x10 + 2 x2 + y^2 + pi')).toEqual([num(2), ONE, parse('2y')]);
    expect(gradient('x y', ['y'])).toEqual([x]);
    expect(gradient('x', ['x', 'z'])).toEqual([ONE, ZERO]);
  });

  it('refuses constants, bad names and repeated variables', () => {
    expect(() => gradient('x', ['pi'])).toThrow(MathError);
    expect(() => gradient('x', ['x', 'x'])).toThrow(/twice/);
    expect(() => gradient('x', ['2'])).toThrow(MathError);
  });
});

describe('jacobian', () => {
  it('5.5: f2 = x^T y for n = 3 has gradients y (in x) and x (in y)', () => {
    const f2 = 'x1 y1 + x2 y2 + x3 y3';
    const [row] = jacobian([f2], ['x1', 'x2', 'x3', 'y1', 'y2', 'y3']);
    expect(row).toEqual(['y1', 'y2', 'y3', 'x1', 'x2', 'x3'].map(sym));
  });

  it('5.5: f3 = x x^T for n = 2: d(x_i x_j)/dx_k = delta_ik x_j + delta_jk x_i, a 4 x 2 Jacobian', () => {
    const entries = ['x1^2', 'x1 x2', 'x2 x1', 'x2^2'];
    expect(jacobian(entries, ['x1', 'x2'])).toEqual([
      [parse('2 x1'), ZERO],
      [sym('x2'), sym('x1')],
      [sym('x2'), sym('x1')],
      [ZERO, parse('2 x2')],
    ]);
  });

  it('defaults to the free symbols of all the expressions', () => {
    expect(jacobian(['x y', 'z'])).toEqual([
      [sym('y'), x, ZERO],
      [ZERO, ZERO, ONE],
    ]);
  });
});

describe('hessian', () => {
  it('of x^2 y^3 is [[2 y^3, 6 x y^2], [6 x y^2, 6 x^2 y]]', () => {
    expect(hessian('x^2 y^3')).toEqual([
      [parse('2 y^3'), parse('6 x y^2')],
      [parse('6 x y^2'), parse('6 x^2 y')],
    ]);
  });

  it('is symmetric, and each entry is the repeated derivative', () => {
    const e = parse('exp(x y) sin(z) + x^3 log(y)');
    const vs = ['x', 'y', 'z'];
    const h = hessian(e, vs);
    const scope = { x: 0.3, y: 1.7, z: -0.4 };
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        expect(h[i]![j]).toBe(h[j]![i]);
        const other = derivative(derivative(e, vs[j]!), vs[i]!);
        expect(evaluate(h[i]![j]!, scope)).toBeCloseTo(evaluate(other, scope), 12);
      }
    }
  });
});

describe('taylor', () => {
  it('5.4: T0..T5 of sin(x) + cos(x) at 0, exactly', () => {
    const expected = [
      '1',
      '1 + x',
      '1 + x - x^2/2',
      '1 + x - x^2/2 - x^3/6',
      '1 + x - x^2/2 - x^3/6 + x^4/24',
      '1 + x - x^2/2 - x^3/6 + x^4/24 + x^5/120',
    ];
    expected.forEach((src, n) => expect(taylor('sin(x) + cos(x)', 'x', 0, n)).toBe(parse(src)));
  });

  it('is exact at a decimal point (0.1 is 1/10) and keeps powers of (x - a)', () => {
    expect(taylor('x^3', 'x', 0.1, 3)).toBe(parse('1/1000 + 3/100 (x - 1/10) + 3/10 (x - 1/10)^2 + (x - 1/10)^3'));
  });

  it('at a symbolic point: log(x) about a', () => {
    const t = taylor('log(x)', 'x', 'a', 3);
    // by hand: log a + (x - a)/a - (x - a)^2/(2 a^2) + (x - a)^3/(3 a^3)
    const hand = (xv: number, a: number): number =>
      Math.log(a) + (xv - a) / a - (xv - a) ** 2 / (2 * a * a) + (xv - a) ** 3 / (3 * a ** 3);
    expect(evaluate(t, { x: 2.3, a: 2 })).toBeCloseTo(hand(2.3, 2), 14);
  });

  it('reproduces a polynomial of degree <= order about any point', () => {
    const coef = fc.integer({ min: -9, max: 9 });
    fc.assert(
      fc.property(fc.array(coef, { minLength: 1, maxLength: 5 }), fc.integer({ min: -4, max: 4 }), fc.integer({ min: -3, max: 3 }), (cs, a, t) => {
        const p = add(...cs.map((c, k) => mul(c, pow(x, k))));
        const tp = taylor(p, 'x', a, cs.length - 1);
        // exact: both sides at an integer point are exact rationals
        expect(substitute(tp, { x: t })).toBe(substitute(p, { x: t }));
      }),
      { numRuns: 40 },
    );
  });

  it('refuses a point where a derivative is undefined, a point that contains the variable, a bad order', () => {
    expect(() => taylor('sqrt(x)', 'x', 0, 2)).toThrow(/undefined there/);
    expect(() => taylor('1/x', 'x', 0, 1)).toThrow(MathError);
    expect(() => taylor('sin(x)', 'x', 'x + 1', 2)).toThrow(/must not contain x/);
    expect(() => taylor('sin(x)', 'x', 0, -1)).toThrow(/whole number/);
  });

  it('stops early when the derivatives vanish', () => {
    expect(taylor('x^2', 'x', 1, 50)).toBe(add(1, mul(2, sub(x, 1)), pow(sub(x, 1), 2)));
  });
});

describe('substitute', () => {
  it('replaces simultaneously and renormalises', () => {
    const e = parse('x - y + sin(x)');
    expect(substitute(e, { x: sym('y'), y: x })).toBe(parse('y - x + sin(y)'));
    expect(substitute(parse('sin(x) + x^2'), { x: 0 })).toBe(ZERO);
    expect(substitute(e, new Map<string, Expr>([['x', num(1)]]))).toBe(parse('1 - y + sin(1)'));
  });

  it('refuses to substitute a constant, and division by an exact zero is a MathError', () => {
    expect(() => substitute(parse('pi'), { pi: 3 })).toThrow(MathError);
    expect(() => substitute(parse('1/x'), { x: 0 })).toThrow(MathError);
  });
});
