// radicand-signs (src/simplify/radicandSigns.ts): abs(P) and sign(P) beside even roots whose
// radicands fix P's sign. The forms the simplifier gives, the places it must not fire, and
// the fold's result equal to its input wherever the input is defined (fixed seed).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, call, mul, num, pow, sin, sym } from '../src/core/build.js';
import type { Expr } from '../src/core/expr.js';
import { parse } from '../src/parse/parser.js';
import { toText } from '../src/print/text.js';
import { simplify } from '../src/simplify/simplify.js';
import { NODE_FOLDS } from '../src/simplify/fold.js';
import { agreeAt } from '../src/testing/checkRule.js';
import { coordinateArb } from '../src/testing/arbitraries.js';

const fold = NODE_FOLDS.find((f) => f.name === 'radicand-signs')!.fold;
const simplified = (s: string): string => toText(simplify(parse(s)));
const x = sym('x');

describe('radicand-signs: forms', () => {
  it.each([
    ['abs(x)*sqrt(x)', 'x^(3/2)'],
    ['abs(x) + sqrt(x)', 'x + sqrt(x)'],
    ['sign(x)/sqrt(x)', '1/sqrt(x)'],
    ['sign(x) + x^(-1/2)', '1 + 1/sqrt(x)'],
    ['abs(x*(1 - x))/(sqrt(x)*sqrt(1 - x))', 'sqrt(x*(1 - x))'],
    ['abs(x - 1) + sqrt(1 - x)', 'sqrt(1 - x) - x + 1'],
    ['abs(sec(x)^4 - 1)/sqrt(sec(x)^4 - 1)', 'sqrt(sec(x)^4 - 1)'],
    // Moses 38 of the Rubi suites: d - integrand of x^(1/2)*(1 + x)^(5/2)
    ['15*(abs(x*(x + 1)) - x^2 - x)/(64*sqrt(x)*sqrt(x + 1))', '0'],
  ])('%s => %s', (input, out) => {
    expect(simplified(input)).toBe(out);
  });

  it('abs(x*(1 - x)) beside sqrt(x)*sqrt(1 - x) loses its abs', () => {
    const e = parse('abs(x*(1 - x)) + sqrt(x)*sqrt(1 - x)');
    const out = fold(e);
    expect(out && toText(out)).not.toContain('abs');
  });

  it.each([
    'abs(x) + sqrt(x^2)', // x^2 >= 0 says nothing of x
    'abs(x) + x^(1/3)', // an odd root is real for x < 0
    'abs(x)*x^(2/3)',
    'abs(x - 1) + sqrt(x)', // x >= 0 says nothing of x - 1
    'sign(x)*sqrt(x)', // x = 0 is allowed: sign(0) = 0
    'sign(x)/(sqrt(x) + 1)', // the root is in a sum in the divisor: x = 0 still allowed
    'sign(x*(1 - x))*sqrt(x)/sqrt(1 - x)', // x = 0 allowed
    'abs(x*y) + sqrt(x)', // nothing known of y
    'abs(x) + sqrt(2)', // a constant radicand
    'abs(x) + sqrt(sin(x))', // sin(x) >= 0 says nothing of x
  ])('%s is left alone', (input) => {
    expect(fold(parse(input))).toBeNull();
  });

  it('only the leaves of the region are rewritten (not an abs inside a call)', () => {
    const out = fold(parse('abs(x) + sqrt(x) + sin(abs(x))'));
    expect(out && toText(out)).toBe('x + sin(abs(x)) + sqrt(x)');
  });

  it('is named among the rules, in its group', () => {
    const f = NODE_FOLDS.find((r) => r.name === 'radicand-signs')!;
    expect(f.atRegionTop).toBe(true);
    expect(f.group).toBe('powers');
  });
});

describe('radicand-signs: soundness', () => {
  const one = num(1);
  const radicands: Expr[] = [x, add(one, mul(-1, x)), add(x, 2), add(mul(x, x), -1), mul(x, add(x, 1)), sin(x), num(3)];
  const radicand = fc.constantFrom(...radicands);
  // Even and odd roots, some in a divisor: the fold must tell them apart.
  const root = fc.tuple(radicand, fc.constantFrom(num(1, 2), num(-1, 2), num(3, 2), num(1, 4), num(1, 3), num(2, 3), num(-1, 3))).map(([w, r]) => pow(w, r));
  // Factors of an abs or sign argument: radicands up to a rational factor, even powers, and
  // factors whose sign nothing fixes, to an integer power.
  const factor = fc
    .tuple(
      fc.oneof(radicand, fc.constantFrom<Expr>(add(x, -1), add(mul(x, x), 1), mul(x, x), sym('y'))),
      fc.constantFrom(num(1), num(-1), num(3), num(-1, 2)),
      fc.constantFrom(1, 1, -1, 2, 3),
    )
    .map(([f, c, k]) => pow(mul(c, f), k));
  const argument = fc.array(factor, { minLength: 1, maxLength: 3 }).map((fs) => mul(...fs));
  const signCall = fc.tuple(fc.constantFrom('abs', 'sign'), argument).map(([fn, a]) => call(fn, a));
  // abs or sign of a multiple of a radicand beside its own root: as a factor, a divisor, or in a sum in a divisor.
  const own = fc
    .tuple(fc.constantFrom('abs', 'sign'), radicand, fc.constantFrom(num(1, 2), num(-1, 2), num(1, 4), num(1, 3)), fc.constantFrom(1, -2), fc.constantFrom(0, 1, 2))
    .map(([fn, w, r, c, where]) => {
      const a = call(fn, mul(c, w));
      const rt = pow(w, r);
      return where === 0 ? mul(a, rt) : where === 1 ? mul(a, pow(rt, -1)) : mul(a, pow(add(rt, 1), -1));
    });
  const term = fc.oneof(
    root,
    own,
    signCall,
    fc.tuple(signCall, root).map(([c, r]) => mul(c, r)),
    fc.tuple(signCall, root).map(([c, r]) => mul(c, pow(r, -1))),
    fc.tuple(signCall, root).map(([c, r]) => mul(c, pow(add(r, 1), -1))),
  );
  const region = fc
    .tuple(fc.constantFrom('add', 'mul'), fc.array(fc.tuple(fc.integer({ min: -3, max: 3 }).filter((c) => c !== 0), term), { minLength: 2, maxLength: 3 }))
    .map(([kind, ts]) => {
      const parts = ts.map(([c, t]) => mul(c, t));
      return kind === 'add' ? add(...parts) : mul(...parts);
    });
  // Whole numbers often: the edges of the radicands' domains (x = 0, 1, -1, -2) are where a wrong rewrite shows.
  const point = fc.oneof(coordinateArb(), fc.constantFrom(0, 1, -1, -2, 2, 0.5));

  it('the fold equals its input wherever the input is defined', () => {
    let folded = 0;
    let compared = 0;
    fc.assert(
      fc.property(region, point, fc.constantFrom(0.5, 2, -1), fc.integer(), (e, at, y, seed) => {
        let out: Expr | null;
        try {
          out = fold(e);
        } catch {
          return; // a pole the builders refuse
        }
        if (!out) return;
        folded++;
        const v = agreeAt(e, out, { x: at, y }, { seed, tolerance: 1e-9 });
        if (v === 'skip') return;
        compared++;
        if (!v.ok) throw new Error(`${toText(e)} = ${v.l} but ${toText(out)} = ${v.r} at x = ${at}, y = ${y}`);
      }),
      { numRuns: 3000 },
    );
    expect(folded).toBeGreaterThan(200);
    expect(compared).toBeGreaterThan(100);
  });
});
