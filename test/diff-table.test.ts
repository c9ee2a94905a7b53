// Every line of the derivative table, every argument, against a central
// finite difference at random points of the function's domain. The domains
// below keep a margin from poles, branch points and jumps, so that the finite
// difference itself is trustworthy there; a point where it is not is a failure.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, call, sym, ZERO } from '../src/core/build.js';
import type { Expr } from '../src/core/expr.js';
import { FUNCTIONS } from '../src/core/functions.js';
import { MathError } from '../src/core/rational.js';
import { postorder } from '../src/core/traverse.js';
import { partial } from '../src/diff/partials.js';
import { derivativeTable, tableEntry, type TableEntry } from '../src/diff/table.js';
import { evaluate } from '../src/eval/evaluate.js';
import { NUMERIC } from '../src/eval/numeric.js';
import { centralDifference, judge } from './diff-helpers.js';

const real = (min: number, max: number): fc.Arbitrary<number> => fc.double({ min, max, noNaN: true });
/** |u| in [min, max], either sign. */
const away = (min: number, max: number): fc.Arbitrary<number> =>
  fc.tuple(real(min, max), fc.boolean()).map(([m, s]) => (s ? -m : m));
/** Away from the integers: k + f, f in [0.1, 0.9]. */
const offInteger = (min: number, max: number): fc.Arbitrary<number> =>
  fc.tuple(fc.integer({ min, max }), real(0.1, 0.9)).map(([k, f]) => k + f);
const one = (a: fc.Arbitrary<number>): fc.Arbitrary<number[]> => a.map((u) => [u]);
/** Variadic arguments without near-ties (a tie is where min and max are not differentiable). */
const distinct = (n: number): fc.Arbitrary<number[]> =>
  fc
    .tuple(fc.uniqueArray(fc.integer({ min: -100, max: 100 }), { minLength: n, maxLength: n }), real(0, 0.04))
    .map(([ks, jitter]) => ks.map((k) => k / 10 + jitter));

/** Domains, keyed like the table: name/arity, or name/n for variadic functions. */
const DOMAIN: Record<string, fc.Arbitrary<number[]>> = {
  'sin/1': one(real(-20, 20)),
  'cos/1': one(real(-20, 20)),
  'tan/1': one(real(-1.4, 1.4)),
  'sec/1': one(real(-1.4, 1.4)),
  'csc/1': one(away(0.1, 3)),
  'cot/1': one(away(0.1, 3)),
  'asin/1': one(real(-0.95, 0.95)),
  'acos/1': one(real(-0.95, 0.95)),
  'atan/1': one(real(-20, 20)),
  'asec/1': one(away(1.05, 20)),
  'acsc/1': one(away(1.05, 20)),
  'acot/1': one(away(0.05, 20)),
  'atan2/2': fc
    .tuple(real(-5, 5), real(-5, 5))
    .filter(([y, x]) => Math.hypot(x, y) > 0.2 && !(x < 0 && Math.abs(y) < 0.05)),
  'sinh/1': one(real(-10, 10)),
  'cosh/1': one(real(-10, 10)),
  'tanh/1': one(real(-10, 10)),
  'sech/1': one(real(-10, 10)),
  'csch/1': one(away(0.05, 10)),
  'coth/1': one(away(0.05, 10)),
  'asinh/1': one(real(-20, 20)),
  'acosh/1': one(real(1.05, 20)),
  'atanh/1': one(real(-0.95, 0.95)),
  'asech/1': one(real(0.05, 0.95)),
  'acsch/1': one(away(0.05, 20)),
  'acoth/1': one(away(1.05, 20)),
  'exp/1': one(real(-20, 20)),
  'log/1': one(real(0.01, 100)),
  'log/2': fc.tuple(real(0.01, 100), fc.oneof(real(0.1, 0.9), real(1.1, 20))),
  'log10/1': one(real(0.01, 100)),
  'log2/1': one(real(0.01, 100)),
  'nthroot/2': fc.tuple(real(0.05, 50), real(0.3, 7)),
  'abs/1': one(away(0.01, 20)),
  'sign/1': one(away(0.01, 20)),
  'floor/1': one(offInteger(-10, 10)),
  'ceil/1': one(offInteger(-10, 10)),
  'min/n': fc.oneof(distinct(2), distinct(3), distinct(4)),
  'max/n': fc.oneof(distinct(2), distinct(3), distinct(4)),
  'erf/1': one(real(-4, 4)),
  'gamma/1': one(fc.oneof(real(0.05, 12), offInteger(-5, -1))),
  'digamma/1': one(fc.oneof(real(0.05, 12), offInteger(-5, -1))),
  // the order n is an integer (no derivative in n: that partial must be refused)
  'polygamma/2': fc.tuple(fc.integer({ min: 0, max: 6 }), fc.oneof(real(0.05, 12), offInteger(-5, -1))),
  'factorial/1': one(fc.oneof(real(-0.95, 11), offInteger(-5, -2))),
};

const keyOf = (e: TableEntry): string => `${e.fn}/${e.variadic ? 'n' : e.params.length}`;
const NAMES = ['a', 'b', 'c', 'd'];

/**
 * Checks d/d(arg i) fn(args) against a finite difference at `point`, or, where the
 * table says the function is not differentiable in that argument, that asking is
 * refused; throws with the details on failure.
 */
function checkPartial(entry: TableEntry, point: readonly number[], i: number): void {
  const fn = entry.fn;
  const vars = point.map((_, k) => NAMES[k]!);
  const node = call(fn, ...vars.map(sym));
  expect(node.kind).toBe('call');
  if (!entry.variadic && entry.partials[i] === null) {
    expect(() => partial(node, i)).toThrow(MathError);
    return;
  }
  const d: Expr = partial(node, i);
  const scope = Object.fromEntries(vars.map((v, k) => [v, point[k]!]));
  const f = (t: number): number => evaluate(node, { ...scope, [vars[i]!]: t });
  const fx = evaluate(node, scope);
  const fd = centralDifference(f, point[i]!);
  const exact = evaluate(d, scope);
  const verdict = judge(exact, fd, fx);
  if (verdict !== 'agree') {
    throw new Error(`${fn}(${point.join(', ')}), argument ${i + 1}: formula ${exact}, finite difference ${fd.value} (${verdict})`);
  }
}

describe('derivative table', () => {
  it('has a line for every known function and arity that stays a call', () => {
    for (const [name, info] of FUNCTIONS) {
      for (let n = info.minArgs; n <= Math.min(info.maxArgs, 4); n++) {
        const node = call(name, ...NAMES.slice(0, n).map(sym));
        // sqrt, cbrt, min(u) ... are lowered by the builders and never reach the table
        if (node.kind !== 'call') continue;
        expect(() => tableEntry(name, n), `${name}/${n}`).not.toThrow();
      }
    }
  });

  it('names only known functions, and each has a domain here', () => {
    const entries = derivativeTable();
    expect(entries.length).toBeGreaterThan(40);
    for (const e of entries) {
      expect(FUNCTIONS.has(e.fn), e.fn).toBe(true);
      expect(DOMAIN[keyOf(e)], `no test domain for ${e.source}`).toBeDefined();
    }
    for (const k of Object.keys(DOMAIN)) expect(entries.some((e) => keyOf(e) === k), k).toBe(true);
  });

  it('refuses arities it has no line for', () => {
    expect(() => tableEntry('sin', 2)).toThrow(MathError);
  });

  it('can evaluate every formula it gives', () => {
    for (const e of derivativeTable()) {
      for (const p of e.partials) {
        if (p === null) continue;
        for (const n of postorder(p)) if (n.kind === 'call') expect(NUMERIC.has(n.fn), `${n.fn} in ${e.source}`).toBe(true);
      }
    }
  });

  for (const entry of derivativeTable()) {
    const domain = DOMAIN[keyOf(entry)];
    if (!domain) continue; // reported by the test above
    it(`${entry.source} matches finite differences in every argument`, () => {
      fc.assert(
        fc.property(domain, (point) => {
          if (!entry.variadic) expect(point.length).toBe(entry.params.length);
          for (let i = 0; i < point.length; i++) checkPartial(entry, point, i);
        }),
        { numRuns: 150 },
      );
    });
  }

  it('digamma differentiates to polygamma(1, u), the trigamma function', () => {
    const d = partial(call('digamma', sym('u')), 0);
    expect(d).toBe(call('polygamma', 1, sym('u')));
  });

  it('polygamma(n, u) differentiates in u to polygamma(n + 1, u), and not in n', () => {
    const [n, u] = [sym('n'), sym('u')];
    expect(partial(call('polygamma', 2, u), 1)).toBe(call('polygamma', 3, u));
    expect(partial(call('polygamma', n, u), 1)).toBe(call('polygamma', add(n, 1), u));
    expect(partial(call('polygamma', 2, u), 0)).toBe(ZERO); // a number never varies
    expect(() => partial(call('polygamma', n, u), 0)).toThrow(/not differentiable with respect to its argument 1/);
  });
});
