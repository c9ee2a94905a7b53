// Cost on large inputs, as node counts (time belongs to `npm run bench`):
// derivatives of shared graphs stay shared graphs, depth never touches the JS
// stack, and the n-th derivative does not iterate where the result repeats.
import { describe, expect, it } from 'vitest';
import { add, cos, mul, sin, sym } from '../src/core/build.js';
import type { Expr } from '../src/core/expr.js';
import { dagSize } from '../src/core/traverse.js';
import { derivative, derivativeOnce, SIMPLIFY_MAX_NODES } from '../src/diff/derivative.js';
import { cost } from '../src/simplify/cost.js';
import { simplify } from '../src/simplify/simplify.js';
import type { SimplifyStats } from '../src/simplify/work.js';
import { toText } from '../src/print/text.js';
import { jacobian } from '../src/diff/multivariate.js';
import { evaluate } from '../src/eval/evaluate.js';
import { parse } from '../src/parse/parser.js';

const x = sym('x');

function nestedSin(depth: number): Expr {
  let e: Expr = x;
  for (let i = 0; i < depth; i++) e = sin(e);
  return e;
}

/** d/dx of sin nested n deep at t, by hand: the product of cos(s_k) over the inner values s_k. */
function nestedSinSlope(depth: number, t: number): number {
  let s = t;
  let slope = 1;
  for (let i = 0; i < depth; i++) {
    slope *= Math.cos(s);
    s = Math.sin(s);
  }
  return slope;
}

describe('derivatives at scale', () => {
  it('sin nested 400 deep: O(400) distinct nodes, and the right value', () => {
    const d = derivative(parse(`${'sin('.repeat(400)}x${')'.repeat(400)}`), 'x');
    // the 400 sin nodes of the input, 400 cos nodes, x and the product: about 2 per level
    expect(dagSize(d)).toBeLessThanOrEqual(2 * 400 + 10);
    expect(evaluate(d, { x: 0.7 })).toBeCloseTo(nestedSinSlope(400, 0.7), 12);
  });

  it('sin nested 10,000 deep works (no stack overflow), still about 2 nodes per level', () => {
    const d = derivative(nestedSin(10_000), 'x');
    expect(dagSize(d)).toBeLessThanOrEqual(2 * 10_000 + 10);
    expect(evaluate(d, { x: 1.1 })).toBeCloseTo(nestedSinSlope(10_000, 1.1), 12);
  });

  it('a shared graph whose tree is exponential: g_k = sin(g_(k-1)) * cos(g_(k-1)), 300 levels', () => {
    let g: Expr = x;
    for (let k = 0; k < 300; k++) g = mul(sin(g), cos(g));
    const d = derivative(g, 'x');
    // the tree has ~2^300 leaves; the graph, and so its derivative, grows linearly
    expect(dagSize(d)).toBeLessThanOrEqual(12 * 300);
    // by hand: g_k' = cos(2 g_(k-1)) g_(k-1)' (sin cos = sin(2u)/2), 1e-6 relative after 300 levels
    let v = 0.3;
    let slope = 1;
    for (let k = 0; k < 300; k++) {
      slope *= Math.cos(2 * v);
      v = Math.sin(v) * Math.cos(v);
    }
    expect(evaluate(d, { x: 0.3 }) / slope).toBeCloseTo(1, 6);
  });

  it('the 100,000th derivative of sin(x) is sin(x)', () => {
    expect(derivative('sin(x)', 'x', 100_000)).toBe(sin(x));
  });

  it("12-link planar arm: the Jacobian of the end effector's position, entry by entry", () => {
    const n = 12;
    const qs = Array.from({ length: n }, (_, i) => `q${i + 1}`);
    const angle = (i: number): string => qs.slice(0, i + 1).join(' + ');
    const px = parse(qs.map((_, i) => `l${i + 1}*cos(${angle(i)})`).join(' + '));
    const py = parse(qs.map((_, i) => `l${i + 1}*sin(${angle(i)})`).join(' + '));
    const J = jacobian([px, py], qs);
    expect(J.length).toBe(2);
    expect(J.every((row) => row.length === n)).toBe(true);
    // the Jacobian reuses the input's angle sums and calls: no more nodes than twice the input
    expect(dagSize(...J.flat())).toBeLessThanOrEqual(2 * dagSize(px, py));
    // by hand: dx/dq_j = -sum_{i >= j} l_i sin(Q_i), dy/dq_j = sum_{i >= j} l_i cos(Q_i), Q_i = q_1 + ... + q_i
    const scope: Record<string, number> = {};
    qs.forEach((q, i) => {
      scope[q] = Math.sin(3 * i + 1);
      scope[`l${i + 1}`] = 1 + i / 10;
    });
    const Q = qs.map((_, i) => qs.slice(0, i + 1).reduce((s, q) => s + scope[q]!, 0));
    for (let j = 0; j < n; j++) {
      let dx = 0;
      let dy = 0;
      for (let i = j; i < n; i++) {
        dx -= scope[`l${i + 1}`]! * Math.sin(Q[i]!);
        dy += scope[`l${i + 1}`]! * Math.cos(Q[i]!);
      }
      expect(evaluate(J[0]![j]!, scope)).toBeCloseTo(dx, 12);
      expect(evaluate(J[1]![j]!, scope)).toBeCloseTo(dy, 12);
    }
    // the last column is the last link alone
    expect(J[0]![n - 1]).toBe(parse(`-l12*sin(${angle(n - 1)})`));
  });

  it('a sum of 5000 terms: linear, about 4 nodes per term', () => {
    const e = add(...Array.from({ length: 5000 }, (_, k) => sin(mul(k + 1, x))));
    const d = derivative(e, 'x');
    // per term: the number k, k*x, cos(k*x) and k*cos(k*x)
    expect(dagSize(d)).toBeLessThanOrEqual(4 * 5000 + 10);
    const hand = Array.from({ length: 5000 }, (_, k) => (k + 1) * Math.cos((k + 1) * 0.001)).reduce((a, b) => a + b, 0);
    expect(evaluate(d, { x: 0.001 }) / hand).toBeCloseTo(1, 10);
  });

  it('large derivatives are simplified too: local cleaning beyond the full simplifier, linear work', () => {
    const sum = (n: number, v = 'x'): Expr => parse(Array.from({ length: n }, (_, k) => `exp(${k + 2}*${v})/exp(${v})`).join(' + '));
    const e = sum(1500);
    const raw = derivativeOnce(e, 'x');
    expect(dagSize(raw)).toBeGreaterThan(SIMPLIFY_MAX_NODES);
    const d = derivative(e, 'x');
    // each term's (k + 1)*exp((k + 1)*x) instead of a quotient rule: a third cheaper
    expect(cost(d)).toBeLessThan(0.7 * cost(raw));
    expect(toText(d)).toMatch(/^exp\(x\) \+ 2\*exp\(2\*x\) \+ 3\*exp\(3\*x\)/);
    expect(evaluate(d, { x: -0.01 }) / evaluate(raw, { x: -0.01 })).toBeCloseTo(1, 10);
    // Doubling the input doubles the work (rewrites), not more.
    // (each in its own variable: no memo from a previous call helps)
    const work = (n: number, v: string): SimplifyStats => {
      const stats = { nodes: 0, rewrites: 0, polyWork: 0, regions: 0 };
      simplify(derivativeOnce(sum(n, v), v), { local: true, stats });
      return stats;
    };
    const [a, b] = [work(1000, 'u'), work(2000, 'v')];
    expect(b.nodes / a.nodes).toBeCloseTo(2, 0);
    expect(b.rewrites).toBeLessThanOrEqual(2.2 * a.rewrites);
    expect(a.rewrites).toBeGreaterThanOrEqual(1000);
  });

  it('d/dx (x + 1)*(x + 2)*...*(x + 60) is the expanded polynomial, in work linear in the printed input', () => {
    const product = (n: number): Expr => parse(Array.from({ length: n }, (_, i) => `(x + ${i + 1})`).join('*'));
    const d = derivative(product(60), 'x');
    expect(d.kind).toBe('add');
    expect(toText(d).length).toBeLessThan(4000); // the raw derivative prints 30,984 characters; x^58's coefficient is 59*(1 + ... + 60)
    expect(toText(d)).toMatch(/^60\*x\^59 \+ 107970\*x\^58 \+/);
    // exact values at small integers: the product rule by hand
    const at = (t: number): bigint => {
      let s = 0n;
      for (let i = 1; i <= 60; i++) {
        let p = 1n;
        for (let j = 1; j <= 60; j++) if (j !== i) p *= BigInt(t + j);
        s += p;
      }
      return s;
    };
    const value = (t: number): bigint => {
      // Horner over the exact coefficients read back from the text
      const coef = new Map<number, bigint>();
      for (const m of toText(d).replace(/ - /g, ' + -').split(' + ')) {
        const [c, pow] = m.includes('x') ? [m.split('*x')[0]!, m.includes('^') ? Number(m.split('^')[1]) : 1] : [m, 0];
        coef.set(pow, BigInt(c === '' || c === 'x' ? '1' : c));
      }
      let v = 0n;
      for (let k = 59; k >= 0; k--) v = v * BigInt(t) + (coef.get(k) ?? 0n);
      return v;
    };
    for (const t of [0, 1, -3, 7]) expect(value(t)).toBe(at(t));
    // The polynomial work per argument slot of the raw derivative stays bounded as n doubles.
    const perEdge = (n: number): number => {
      const raw = derivativeOnce(product(n), 'x');
      const stats = { nodes: 0, rewrites: 0, polyWork: 0, regions: 0 };
      simplify(raw, { stats });
      return stats.polyWork / (n * n);
    };
    expect(perEdge(60)).toBeLessThanOrEqual(2 * perEdge(30));
  });
});
