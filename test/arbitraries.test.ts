import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { add, call, log, mul, num, pow, sqrt, sub, sym } from '../src/core/build.js';
import type { Expr } from '../src/core/expr.js';
import { children, freeSymbols, postorder } from '../src/core/traverse.js';
import { evaluate } from '../src/eval/evaluate.js';
import type { Guard } from '../src/parse/rule.js';
import {
  ALL_FUNCTIONS,
  bindingsArb,
  exprArb,
  exprReporter,
  exprWithPointArb,
  maybePointArb,
  pointArb,
} from '../src/testing/index.js';

const sample = <T>(arb: fc.Arbitrary<T>, n: number): T[] => fc.sample(arb, { numRuns: n, seed: 42 });

/** Longest root-to-leaf path, in nodes (iterative, memoised). */
function depth(e: Expr): number {
  const d = new Map<number, number>();
  for (const n of postorder(e)) d.set(n.id, 1 + Math.max(0, ...children(n).map((c) => d.get(c.id)!)));
  return d.get(e.id)!;
}

const calls = (e: Expr) => postorder(e).filter((n) => n.kind === 'call');

describe('exprArb', () => {
  test('uses only the given variables and functions', () => {
    fc.assert(
      fc.property(exprArb({ vars: ['a', 'b'], functions: ['sin', 'exp'], constants: false }), (e) => {
        for (const v of freeSymbols(e)) expect(['a', 'b']).toContain(v);
        for (const c of calls(e)) expect(['sin', 'exp']).toContain(c.fn);
        for (const n of postorder(e)) if (n.kind === 'sym') expect(['pi', 'e']).not.toContain(n.name);
      }),
    );
  });

  test('maxDepth bounds the depth; 0 gives leaves', () => {
    for (const e of sample(exprArb({ maxDepth: 0 }), 100)) expect(['num', 'sym']).toContain(e.kind);
    for (const maxDepth of [1, 2, 4]) {
      const es = sample(exprArb({ maxDepth }), 300);
      // a level adds at most 3 nodes of depth (a - b = a + (-1)*b^1, a/b = a*b^-1, ...), and a
      // conditional's condition up to 4 (not (x < 1 and y > 2) ? u : v)
      for (const e of es) expect(depth(e)).toBeLessThanOrEqual(3 * maxDepth + 4);
      expect(Math.max(...es.map(depth))).toBeGreaterThanOrEqual(maxDepth + 1);
    }
  });

  test('produces every node kind, multi-argument functions, rational powers and constants', () => {
    const es = sample(exprArb({ functions: ['atan2', 'min', 'max', 'log', 'sin'] }), 1500);
    const all = es.flatMap((e) => postorder(e));
    for (const kind of ['num', 'sym', 'add', 'mul', 'pow', 'call']) expect(all.some((n) => n.kind === kind), kind).toBe(true);
    for (const fn of ['atan2', 'min', 'max', 'log']) {
      expect(all.some((n) => n.kind === 'call' && n.fn === fn && n.args.length >= 2), fn).toBe(true);
    }
    expect(all.some((n) => n.kind === 'pow' && n.exp.kind === 'num' && n.exp.value.q !== 1n)).toBe(true);
    expect(all.some((n) => n.kind === 'pow' && n.exp.kind !== 'num')).toBe(true);
    expect(all.some((n) => n.kind === 'num' && n.value.q !== 1n)).toBe(true);
    expect(all.some((n) => n.kind === 'sym' && n.name === 'pi')).toBe(true);
  });

  test('by default draws from every known function', () => {
    const seen = new Set(sample(exprArb({ maxDepth: 2 }), 3000).flatMap((e) => calls(e).map((c) => (c.kind === 'call' ? c.fn : ''))));
    // sqrt, cbrt and integer nthroot become powers
    const lowered = new Set(['sqrt', 'cbrt']);
    for (const f of ALL_FUNCTIONS) if (!lowered.has(f)) expect(seen.has(f), f).toBe(true);
  });

  test('undefined functions, with derivatives', () => {
    const all = sample(exprArb({ undefinedFunctions: ['f', 'g'], functions: [] }), 800).flatMap(calls);
    expect(all.some((c) => c.kind === 'call' && c.fn === 'f' && c.derivs.length === 0)).toBe(true);
    expect(all.some((c) => c.kind === 'call' && c.fn === 'g' && c.derivs.length === 1)).toBe(true);
    expect(() => exprArb({ undefinedFunctions: ['sin'] })).toThrow(/known function/);
  });

  test('unknown function names are rejected, and custom number leaves are used', () => {
    expect(() => exprArb({ functions: ['sine'] })).toThrow(/'sine' is not a known function/);
    const es = sample(exprArb({ vars: [], constants: false, numbers: fc.constant(num(7)), maxDepth: 0 }), 20);
    for (const e of es) expect(e).toBe(num(7));
  });

  test('empty vars give constant expressions', () => {
    for (const e of sample(exprArb({ vars: [] }), 200)) expect(freeSymbols(e)).toEqual([]);
  });
});

describe('pointArb', () => {
  const x = sym('x');
  const y = sym('y');

  test('points are in the domain', () => {
    const e = add(log(x), sqrt(sub(1, pow(y, 2))), pow(sub(x, 1), -1));
    fc.assert(
      fc.property(pointArb(e), (p) => {
        expect(Object.keys(p).sort()).toEqual(['x', 'y']);
        expect(Number.isFinite(evaluate(e, p))).toBe(true);
      }),
    );
  });

  test('coordinates include negatives, values near 0 and large values', () => {
    const xs = sample(pointArb(x), 1000).map((p) => p.x!);
    expect(xs.some((v) => v < 0)).toBe(true);
    expect(xs.some((v) => v !== 0 && Math.abs(v) < 1e-6)).toBe(true);
    expect(xs.some((v) => Math.abs(v) > 1000)).toBe(true);
    expect(xs.some((v) => Number.isInteger(v))).toBe(true);
  });

  test('require: further expressions must be finite too', () => {
    const e = sqrt(x);
    const derivative = mul(num(1, 2), pow(x, num(-1, 2)));
    fc.assert(
      fc.property(pointArb(e, ['x'], { require: [derivative] }), (p) => {
        expect(p.x).toBeGreaterThan(0);
      }),
    );
  });

  test('extra variables get values too', () => {
    for (const p of sample(pointArb(x, ['x', 'z']), 20)) expect(Object.keys(p).sort()).toEqual(['x', 'z']);
  });

  test('an empty domain throws a clear error (bounded, never hangs); maybePointArb gives null', () => {
    const empty = sqrt(sub(-1, pow(x, 2)));
    expect(() => sample(pointArb(empty, ['x'], { tries: 30 }), 1)).toThrow(/none of 30 random points over \(x\)/);
    expect(sample(maybePointArb(empty, ['x'], { tries: 30 }), 3)).toEqual([null, null, null]);
  });

  test('shrinking stays inside the domain', () => {
    const e = log(sub(x, 3));
    const r = fc.check(
      fc.property(pointArb(e), (p) => p.x! < 5),
      { seed: 1 },
    );
    expect(r.failed).toBe(true);
    const [p] = r.counterexample!;
    expect(p.x).toBeGreaterThan(3);
    expect(p.x).toBeGreaterThanOrEqual(5);
  });

  test('exprWithPointArb: an expression and a point where it is finite', () => {
    fc.assert(
      fc.property(exprWithPointArb({ vars: ['x', 'y'], maxDepth: 3 }), ({ expr, point }) => {
        expect(Number.isFinite(evaluate(expr, point))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('bindingsArb', () => {
  const guard = (v: string, test: Guard['test']): Guard => ({ v, test });
  const vals = (e: Expr, n = 40): number[] => {
    const vars = freeSymbols(e);
    const pts = fc.sample(fc.tuple(...vars.map(() => fc.double({ min: -10, max: 10, noNaN: true }))), { numRuns: n, seed: 3 });
    return pts.map((xs) => evaluate(e, Object.fromEntries(vars.map((v, i) => [v, xs[i]!])))).filter(Number.isFinite);
  };

  test("binds every pattern variable of a rule's sides", () => {
    const rule = { lhs: add(sym('?a'), mul(sym('?b'), sym('x'))), rhs: sym('?c') };
    for (const b of sample(bindingsArb(rule), 50)) expect(Object.keys(b).sort()).toEqual(['?a', '?b', '?c']);
    for (const b of sample(bindingsArb(['?u']), 10)) expect(Object.keys(b)).toEqual(['?u']);
  });

  test('guards hold for the bound expressions', () => {
    const rule = {
      lhs: call('f', sym('?p'), sym('?q'), sym('?z'), sym('?n'), sym('?m'), sym('?o'), sym('?k'), sym('?c')),
      guards: [
        guard('?p', '>0'),
        guard('?q', '>=0'),
        guard('?z', '!=0'),
        guard('?n', 'integer'),
        guard('?m', 'even'),
        guard('?o', 'odd'),
        guard('?k', 'integer'),
        guard('?k', '>0'),
        guard('?c', 'constant'),
        guard('?c', '>0'),
      ],
    };
    fc.assert(
      fc.property(bindingsArb(rule), (b) => {
        for (const v of vals(b['?p']!)) expect(v).toBeGreaterThan(0);
        for (const v of vals(b['?q']!)) expect(v).toBeGreaterThanOrEqual(0);
        for (const v of vals(b['?z']!)) expect(v).not.toBe(0);
        for (const [name, ok] of [
          ['?n', () => true],
          ['?m', (n: bigint) => n % 2n === 0n],
          ['?o', (n: bigint) => n % 2n !== 0n],
          ['?k', (n: bigint) => n > 0n],
        ] as const) {
          const e = b[name]!;
          expect(e.kind).toBe('num');
          if (e.kind === 'num') {
            expect(e.value.q).toBe(1n);
            expect(ok(e.value.p)).toBe(true);
          }
        }
        expect(freeSymbols(b['?c']!)).toEqual([]);
        expect(evaluate(b['?c']!, {})).toBeGreaterThan(0);
      }),
      { numRuns: 100 },
    );
  });

  test('bindings are over the chosen variables; contradictory guards are refused', () => {
    for (const b of sample(bindingsArb(['?a'], { vars: ['t'] }), 50)) for (const v of freeSymbols(b['?a']!)) expect(v).toBe('t');
    expect(() => bindingsArb(['?n'], { guards: [guard('?n', 'even'), guard('?n', 'odd')] })).toThrow(/cannot all hold/);
  });
});

describe('exprReporter', () => {
  test('prints expressions in a counterexample as text, and the property error as the cause', () => {
    const x = sym('x');
    const e = call('csc', mul(pow(sym('pi'), -2), pow(x, -2)));
    const property = fc.property(fc.constant({ e, p: [e, 0.5] }), () => {
      throw new Error('the property says no');
    });
    const out = fc.check(property, { seed: 1 });
    let thrown: unknown;
    try {
      exprReporter(out);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(Error);
    const message = (thrown as Error).message;
    expect(message).toContain('Counterexample: [{"e":csc(1/(pi^2*x^2)),"p":[csc(1/(pi^2*x^2)),0.5]}]');
    expect(message).not.toContain('"height"');
    expect(message).toContain('seed: 1');
    expect(((thrown as Error).cause as Error).message).toBe('the property says no');
    expect(() => exprReporter(fc.check(fc.property(fc.constant(e), () => true)))).not.toThrow();
  });
});
