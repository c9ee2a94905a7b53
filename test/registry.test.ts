// The function registry (src/core/functions.ts): every registered function has
// every part, and the parts agree with each other: its JavaScript computes its
// float value exactly, its exact values are its float values, its sign facts
// hold wherever it is defined, and its derivative line exists.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, call, exp, mul, neg, num, pow, sym } from '../src/core/build.js';
import type { Expr } from '../src/core/expr.js';
import { ALIASES, FUNCTIONS, spellingFor, type FunctionInfo } from '../src/core/functions.js';
import { MathError, ratToNumber } from '../src/core/rational.js';
import { STRUCTURAL, tableEntry } from '../src/diff/table.js';
import { evaluate } from '../src/eval/evaluate.js';
import { runtime } from '../src/eval/runtime.js';
import { toJS } from '../src/print/js.js';
import { toLatex } from '../src/print/latex.js';
import { signOf } from '../src/simplify/sign.js';
import { domainArb, domainKey } from './domains.js';

const NAMES = ['a', 'b', 'c', 'd'];
/** The arities a test exercises: each fixed one, and 2 to 4 arguments for a variadic function. */
const arities = (f: FunctionInfo): number[] => {
  const out: number[] = [];
  for (let n = f.minArgs; n <= Math.min(f.maxArgs, 4); n++) out.push(n);
  return out;
};
const staysCall = (f: FunctionInfo, n: number): boolean => call(f.name, ...NAMES.slice(0, n).map(sym)).kind === 'call';
const same = (a: number, b: number): boolean => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));

describe('function registry', () => {
  const all = [...FUNCTIONS.values()];

  it('has every part for every function', () => {
    expect(all.length).toBeGreaterThan(40);
    for (const f of all) {
      expect(f.name, f.name).toMatch(/^[a-z][a-z0-9]*$/);
      expect(f.minArgs, f.name).toBeGreaterThanOrEqual(1);
      expect(f.maxArgs, f.name).toBeGreaterThanOrEqual(f.minArgs);
      expect(typeof f.float, f.name).toBe('function');
      expect(typeof f.sign, f.name).toBe('function');
      for (const n of arities(f)) {
        expect(spellingFor(f.js, n), `${f.name}/${n}: JavaScript`).toBeTypeOf('string');
        expect(spellingFor(f.latex, n), `${f.name}/${n}: LaTeX`).toBeTypeOf('string');
        if (!staysCall(f, n)) continue; // lowered by the builders (sqrt, cbrt, min of one)
        // piecewise is differentiated piece by piece (src/diff/piecewise.ts; test/piecewise.test.ts)
        if (!STRUCTURAL.has(f.name)) expect(() => tableEntry(f.name, n), `${f.name}/${n}: derivative line`).not.toThrow();
        const key = `${f.name}/${f.maxArgs === Infinity ? 'n' : n}`;
        expect(f.test.some((d) => domainKey(f, d) === key), `${key}: test domain`).toBe(true);
      }
    }
  });

  it('spells calls of the runtime only with helpers the runtime has', () => {
    for (const f of all) {
      const spellings = typeof f.js === 'string' ? [f.js] : Object.values(f.js);
      for (const s of spellings) {
        for (const [, name] of s.matchAll(/\bL\.(\w+)/g)) expect(typeof (runtime as Record<string, unknown>)[name!], `${f.name}: L.${name}`).toBe('function');
        for (const [, name] of s.matchAll(/\bMath\.(\w+)/g)) expect(typeof (Math as unknown as Record<string, unknown>)[name!], `${f.name}: Math.${name}`).toBe('function');
      }
    }
  });

  it('maps every alias to a registered function, and no alias is itself a name', () => {
    expect(ALIASES.get('ln')).toBe('log');
    expect(ALIASES.get('arsinh')).toBe('asinh');
    for (const [alias, name] of ALIASES) {
      expect(FUNCTIONS.has(name), alias).toBe(true);
      expect(FUNCTIONS.has(alias), alias).toBe(false);
    }
  });

  it('property: the JavaScript spelling computes the float value exactly, inside the test domain', () => {
    for (const f of all) {
      for (const d of f.test) {
        const n = 'variadic' in d ? 3 : d.args.length;
        const vars = NAMES.slice(0, n);
        const e = call(f.name, ...vars.map(sym));
        const js = new Function('L', ...vars, `return ${toJS(e)};`) as (...a: unknown[]) => number;
        fc.assert(
          fc.property(domainArb(d).filter((xs) => xs.length >= n), (xs) => {
            const got = js(runtime, ...xs.slice(0, n));
            const want = f.float(...xs.slice(0, n));
            expect(same(got, want), `${f.name}(${xs.slice(0, n).join(', ')}): ${got} vs ${want}`).toBe(true);
          }),
          { numRuns: 30 },
        );
      }
    }
  });

  it('its exact values are its float values', () => {
    const points = [-3, -2, -1, 0, 1, 2, 3, 5].map((k) => num(k)).concat([num(1, 2), num(-7, 3)]);
    let folded = 0;
    for (const f of all) {
      if (!f.exact) continue;
      for (const n of arities(f).slice(0, 2)) {
        for (let i = 0; i < points.length; i++) {
          const args = Array.from({ length: n }, (_, k) => points[(i + 3 * k) % points.length]!);
          let e: Expr;
          try {
            e = call(f.name, ...args);
          } catch (err) {
            // a call with no real value anywhere (log base 0 or 1) is refused where it is built
            if (err instanceof MathError) continue;
            throw err;
          }
          if (e.kind !== 'num') continue;
          folded++;
          const want = f.float(...args.map((a) => ratToNumber((a as Expr & { kind: 'num' }).value)));
          expect(Math.abs(ratToNumber(e.value) - want), `${f.name}(${args.map((a) => toJS(a)).join(', ')})`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want)));
        }
      }
    }
    expect(folded).toBeGreaterThan(30);
  });

  it('property: its sign facts hold wherever it is defined', () => {
    const x = sym('x');
    // Arguments whose own facts are known: any, >= 0, > 0, < 0, >= 1, an integer >= 0.
    const ARGS: Expr[] = [x, pow(x, 2), exp(x), neg(exp(x)), add(1, pow(x, 2)), mul(-1, pow(x, 2)), call('floor', pow(x, 2)), call('abs', x)];
    let checked = 0;
    for (const f of all) {
      for (const n of arities(f).slice(0, 2)) {
        for (const u of ARGS) {
          const e = call(f.name, ...Array.from({ length: n }, (_, k) => (k === 0 ? u : add(u, k))));
          if (e.kind !== 'call') continue;
          const facts = signOf(e);
          fc.assert(
            fc.property(fc.double({ min: -6, max: 6, noNaN: true }), (t) => {
              const v = evaluate(e, { x: t });
              if (!Number.isFinite(v)) return;
              checked++;
              if (facts.positive) expect(v, `${toLatex(e)} at ${t}`).toBeGreaterThan(0);
              if (facts.nonnegative) expect(v, `${toLatex(e)} at ${t}`).toBeGreaterThanOrEqual(0);
              if (facts.negative) expect(v, `${toLatex(e)} at ${t}`).toBeLessThan(0);
              if (facts.nonpositive) expect(v, `${toLatex(e)} at ${t}`).toBeLessThanOrEqual(0);
              if (facts.nonzero) expect(v, `${toLatex(e)} at ${t}`).not.toBe(0);
              if (facts.integer) expect(Number.isInteger(v), `${toLatex(e)} at ${t}`).toBe(true);
              if (facts.atLeastOne) expect(v, `${toLatex(e)} at ${t}`).toBeGreaterThanOrEqual(1);
            }),
            { numRuns: 20 },
          );
        }
      }
    }
    expect(checked).toBeGreaterThan(2000);
  });
});
