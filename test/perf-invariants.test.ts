// Speed, as far as a test can see it. The fast paths of the hot code agree
// with the plain definitions they replace (property tests, fixed seed), and
// the simplifier's work on the benchmark's inputs is counted (rules tried
// per node), never timed: a bound fails when someone reintroduces a loop
// that retries rules on unchanged nodes or grows faster than the input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, mul, num, ONE, pow, sym } from '../src/core/build.js';
import type { Expr } from '../src/core/expr.js';
import { compare } from '../src/core/order.js';
import { ratCmp } from '../src/core/rational.js';
import { compareNames, postorder } from '../src/core/traverse.js';
import { factorings } from '../src/simplify/factor.js';
import { cost } from '../src/simplify/cost.js';
import { exprArb } from '../src/testing/arbitraries.js';
import { ITEMS } from '../bench/corpus.js';
import { derivativeOnce } from '../src/diff/derivative.js';
import { parse } from '../src/parse/parser.js';
import { evaluate } from '../src/eval/evaluate.js';
import { resetSimplifyMemo, simplify } from '../src/simplify/simplify.js';
import type { SimplifyStats } from '../src/simplify/work.js';

const RANK = { num: 0, sym: 1, call: 2, add: 3, pow: 4, mul: 5 } as const;
const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);

/** The node order as order.ts documents it, by plain recursion (inputs here are shallow). */
function reference(a: Expr, b: Expr): number {
  if (a === b) return 0;
  const list = (xs: readonly Expr[], ys: readonly Expr[]): number => {
    for (let k = 0; k < Math.min(xs.length, ys.length); k++) {
      const c = reference(xs[k]!, ys[k]!);
      if (c !== 0) return c;
    }
    return sign(xs.length - ys.length);
  };
  if (a.kind === 'mul' || b.kind === 'mul') {
    const split = (e: Expr): [Expr | null, readonly Expr[]] =>
      e.kind === 'mul' && e.args[0]!.kind === 'num' ? [e.args[0]!, e.args.slice(1)] : [null, e.kind === 'mul' ? e.args : [e]];
    const [ca, fa] = split(a);
    const [cb, fb] = split(b);
    const byFactors = list(fa, fb);
    if (byFactors !== 0) return byFactors;
    const one = (c: Expr | null) => (c === null ? { p: 1n, q: 1n } : (c as Expr & { kind: 'num' }).value);
    return ratCmp(one(ca), one(cb));
  }
  if (a.kind === 'pow' || b.kind === 'pow') {
    const base = (e: Expr) => (e.kind === 'pow' ? e.base : e);
    const c = reference(base(a), base(b));
    if (c !== 0) return c;
    const ex = (e: Expr) => (e.kind === 'pow' ? e.exp : ONE);
    const ea = ex(a);
    const eb = ex(b);
    return reference(ea, eb);
  }
  if (a.kind !== b.kind) return sign(RANK[a.kind] - RANK[b.kind]);
  switch (a.kind) {
    case 'num':
      return ratCmp(a.value, (b as typeof a).value);
    case 'sym':
      return compareNames(a.name, (b as typeof a).name);
    case 'add': {
      const y = b as typeof a;
      return a.height !== y.height ? sign(a.height - y.height) : list(a.args, y.args);
    }
    case 'call': {
      const y = b as typeof a;
      const byName = compareNames(a.fn, y.fn);
      if (byName !== 0) return byName;
      if (a.height !== y.height) return sign(a.height - y.height);
      const byDerivs = sign(a.derivs.length - y.derivs.length) || sign(a.derivs.join().localeCompare(y.derivs.join()));
      return byDerivs || list(a.args, y.args);
    }
    default:
      return 0;
  }
}

describe('order.ts compare (lazy operand lists)', () => {
  it('agrees with the plain recursive definition of the order', () => {
    const e = exprArb({ maxDepth: 3 });
    // Products and sums that share operands exercise the skipped prefixes.
    const pair = fc.oneof(
      fc.tuple(e, e),
      fc.tuple(fc.array(e, { minLength: 1, maxLength: 5 }), e, e).map(([common, u, v]) => [mul(...common, u), mul(...common, v)] as [Expr, Expr]),
      fc.tuple(fc.array(e, { minLength: 1, maxLength: 5 }), e, e).map(([common, u, v]) => [add(...common, u), add(...common, v)] as [Expr, Expr]),
    );
    fc.assert(
      fc.property(pair, ([a, b]) => {
        expect(sign(compare(a, b))).toBe(sign(reference(a, b)));
      }),
    );
  });
});

describe('factor.ts factorings (quotients built directly)', () => {
  it('returns normalised nodes: each sum and product is what the builders make of its operands', () => {
    // Powers of few bases, symbolic and numeric, roots among them (x^n*cbrt(x) holds x twice).
    const x = sym('x');
    const base = fc.constantFrom<Expr>(x, sym('y'), add(x, 1), num(-8), num(2));
    const exponent = fc.oneof(fc.integer({ min: -3, max: 3 }).map((k) => num(k)), fc.constantFrom(num(1, 3), num(1, 2), num(4, 3), sym('n'), add(sym('n'), -1)));
    const power = fc.tuple(base, exponent).map(([b, k]) => pow(b, k));
    const e = fc.oneof(exprArb({ maxDepth: 2 }), power, power);
    const term = fc.tuple(fc.integer({ min: -6, max: 6 }), fc.array(e, { minLength: 0, maxLength: 4 })).map(([c, fs]) => mul(c, ...fs));
    const sum = fc.array(term, { minLength: 2, maxLength: 6 }).map((ts) => add(...ts));
    fc.assert(
      fc.property(sum, (s) => {
        for (const f of factorings(s)) {
          for (const n of postorder(f)) {
            if (n.kind === 'add' || n.kind === 'mul') expect(n.kind === 'add' ? add(...n.args) : mul(...n.args)).toBe(n);
          }
        }
      }),
    );
  });
});

describe('factor.ts factorings (work on wide sums)', () => {
  it('the product rule on n factors (n groups of n - 1 terms) builds the largest 8 groups, not n: quadratic, not cubic', () => {
    const x = sym('x');
    for (const n of [6, 12, 40]) {
      const factors = Array.from({ length: n }, (_, i) => add(x, i + 1));
      const raw = derivativeOnce(mul(...factors), 'x');
      expect(raw.kind).toBe('add');
      const forms = factorings(raw);
      expect(forms.length, `n = ${n}`).toBe(Math.min(n, 8));
      // Each is the sum itself, pulled apart: the same value at a point.
      const at = (e: Expr): number => Number(evaluate(e, { x: 0.37 }));
      for (const f of forms) expect(Math.abs(at(f) / at(raw) - 1)).toBeLessThan(1e-12);
    }
  });

  it('builds no group form when another rule already has a form far cheaper (the expanded polynomial)', () => {
    const x = sym('x');
    const raw = derivativeOnce(mul(...Array.from({ length: 40 }, (_, i) => add(x, i + 1))), 'x');
    const expanded = simplify(raw);
    // Each group form keeps 39 terms of 38 factors: far above the expanded polynomial's cost.
    expect(cost(expanded) * 10).toBeLessThan(cost(raw));
    expect(factorings(raw, cost(expanded))).toEqual([]);
    // A rival near the sum's own cost leaves them all.
    expect(factorings(raw, cost(raw))).toHaveLength(8);
  });
});

describe('simplifier work on the benchmark inputs (rules tried per distinct node)', () => {
  const spent = (raw: Expr, local = false): Required<SimplifyStats> => {
    resetSimplifyMemo();
    const stats: Required<SimplifyStats> = { nodes: 0, rewrites: 0, attempts: 0, polyWork: 0, regions: 0 };
    simplify(raw, { stats, local });
    return stats;
  };

  it('the corpus derivatives: a few dozen rules tried per node at most, about 8 on average', () => {
    // Measured when this test was written: 16,587 tries on 1,051 nodes, at most 32 per node on one item;
    // 21,040 with 13 folds (each tried once at every node visited) and the abs and log-base rules;
    // 8,222 once each fold is tried only at the kinds of node it can fold (23,569 before, with 16 folds).
    let nodes = 0;
    let attempts = 0;
    for (const item of ITEMS) {
      const s = spent(derivativeOnce(parse(item.entry.src), item.wrt));
      expect(s.attempts, `${item.entry.name} d/d${item.wrt}`).toBeLessThanOrEqual(48 * s.nodes);
      nodes += s.nodes;
      attempts += s.attempts;
    }
    expect(nodes).toBeGreaterThan(800);
    expect(attempts).toBeGreaterThan(4 * nodes); // the count counts
    expect(attempts).toBeLessThanOrEqual(12 * nodes);
  });

  it('d/dx (x + 1)*...*(x + n): rules tried grow linearly with n', () => {
    const product = (n: number) => derivativeOnce(parse(Array.from({ length: n }, (_, i) => `(x + ${i + 1})`).join('*')), 'x');
    const a = spent(product(30));
    const b = spent(product(60));
    expect(b.attempts).toBeLessThanOrEqual(2.5 * a.attempts);
    expect(b.attempts).toBeLessThanOrEqual(16 * b.nodes); // 5,766 on 182 nodes when written; 7,373 with the inverse-circular fold tried at every node; 1,482 with folds by kind
  });

  it('a sum of n terms (local cleaning, as derivative does past its size limit): linear in n', () => {
    const sum = (n: number) => derivativeOnce(parse(Array.from({ length: n }, (_, k) => `sin(${k + 1}*x)*exp(-x/${k + 1})`).join(' + ')), 'x');
    const a = spent(sum(250), true);
    const b = spent(sum(500), true);
    expect(b.attempts).toBeLessThanOrEqual(2.2 * a.attempts);
    expect(b.attempts).toBeLessThanOrEqual(8 * b.nodes); // 47,003 on 4,500 nodes when written, 18,005 with folds by kind
  });
});
