// Every line of the derivative table, every argument, against a central
// finite difference at random points of the function's domain. The domains
// (each function's `test` in src/core/functions.ts) keep a margin from poles,
// branch points and jumps, so that the finite difference itself is
// trustworthy there; a point where it is not is a failure.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, call, sym, ZERO } from '../src/core/build.js';
import type { Expr } from '../src/core/expr.js';
import { FUNCTIONS } from '../src/core/functions.js';
import { MathError } from '../src/core/rational.js';
import { postorder } from '../src/core/traverse.js';
import { partial } from '../src/diff/partials.js';
import { derivativeTable, STRUCTURAL, tableEntry, type TableEntry } from '../src/diff/table.js';
import { evaluate } from '../src/eval/evaluate.js';
import { NUMERIC } from '../src/eval/numeric.js';
import { centralDifference, judge } from './diff-helpers.js';
import { domainArb, domainKey } from './domains.js';

/**
 * Domains from the registry, keyed like the table: name/arity, or name/n for variadic
 * functions; only arities that stay a call (sqrt and cbrt are lowered to powers).
 */
const DOMAIN: Record<string, fc.Arbitrary<number[]>> = Object.fromEntries(
  [...FUNCTIONS.values()].flatMap((f) =>
    f.test
      .filter((d) => call(f.name, ...['a', 'b'].slice(0, 'variadic' in d ? 2 : d.args.length).map(sym)).kind === 'call')
      .map((d) => [domainKey(f, d), domainArb(d)]),
  ),
);

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
        if (node.kind !== 'call' || STRUCTURAL.has(name)) continue; // piecewise: test/piecewise.test.ts
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
    for (const k of Object.keys(DOMAIN)) expect(entries.some((e) => keyOf(e) === k) || STRUCTURAL.has(k.split('/')[0]!), k).toBe(true);
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
