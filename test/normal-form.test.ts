// trig-normal-form (src/simplify/normalForm.ts): circular functions of multiples of one
// angle (shifted by r*pi), and hyperbolic functions with exp, read as a rational function of
// sin and cos (exp) of the base angle, reduced by sin^2 = 1 - cos^2. The fold's result equals
// the node wherever the node is defined, and the simplifier finds the identities it is for.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, call, mul, num, pow, sym, PI } from '../src/core/build.js';
import type { Expr } from '../src/core/expr.js';
import { toText } from '../src/print/text.js';
import { simplify } from '../src/simplify/simplify.js';
import { NODE_FOLDS } from '../src/simplify/fold.js';
import { circularCanonical, MAX_FOLD_COST, normalFormOf } from '../src/simplify/normalForm.js';
import { cost } from '../src/simplify/cost.js';
import { rootNormalFormOf } from '../src/simplify/rootForm.js';
import { agreeAt, checkRule } from '../src/testing/checkRule.js';
import { coordinateArb } from '../src/testing/arbitraries.js';
import { listRules } from '../src/simplify/simplify.js';
import { exactOn } from './agreement.js';

const fold = NODE_FOLDS.find((f) => f.name === 'trig-normal-form')!.fold;
const x = sym('x');


const safe = (f: () => Expr): Expr | null => {
  try {
    return f();
  } catch {
    return null; // a pole the builders refuse (tan(pi/2))
  }
};

// c*f(k*x + r*pi)^p: circular functions of multiples of x, shifted.
const circularTerm = fc
  .tuple(
    fc.integer({ min: -3, max: 3 }).filter((c) => c !== 0),
    fc.constantFrom('sin', 'cos', 'tan', 'cot', 'sec', 'csc'),
    fc.constantFrom(num(1), num(2), num(3), num(1, 2), num(-1)),
    fc.constantFrom(num(0), num(1, 2), num(1, 4), num(1), num(-1, 3), num(3, 2)),
    fc.integer({ min: -2, max: 3 }).filter((p) => p !== 0),
  )
  .map(([c, f, k, r, p]) => safe(() => mul(c, pow(call(f, add(mul(k, x), mul(r, PI))), p))));
// c*f(k*x)^p for hyperbolic f and exp.
const hyperbolicTerm = fc
  .tuple(
    fc.integer({ min: -3, max: 3 }).filter((c) => c !== 0),
    fc.constantFrom('sinh', 'cosh', 'tanh', 'coth', 'sech', 'csch', 'exp'),
    fc.constantFrom(num(1), num(2), num(1, 2), num(-1), num(3, 2)),
    fc.integer({ min: -2, max: 3 }).filter((p) => p !== 0),
  )
  .map(([c, f, k, p]) => safe(() => mul(c, pow(call(f, mul(k, x)), p))));
const product = (term: fc.Arbitrary<Expr | null>) => fc.array(term, { minLength: 1, maxLength: 2 }).map((ts) => (ts.includes(null) ? null : safe(() => mul(...(ts as Expr[])))));
const region = fc
  .oneof(fc.array(product(circularTerm), { minLength: 1, maxLength: 3 }), fc.array(product(hyperbolicTerm), { minLength: 1, maxLength: 3 }))
  .map((ts) => (ts.includes(null) ? null : safe(() => add(...(ts as Expr[])))))
  .filter((e): e is Expr => e !== null);
// The same regions, some as a factor of a product ((sum)/4, cos(2*x)*(sum)): a product with a sum is read too.
const scaledRegion = fc
  .tuple(region, fc.oneof(fc.constant(null), fc.constantFrom(num(1, 4), num(-2)), circularTerm))
  .map(([e, f]) => (f ? safe(() => mul(f, e)) : e))
  .filter((e): e is Expr => e !== null);

describe('trig-normal-form', () => {
  it('is listed as a code rule', () => {
    expect(listRules().some((r) => r.name === 'trig-normal-form' && r.kind === 'code')).toBe(true);
  });

  it('equals the node wherever the node is defined (the normal form written back, whatever its cost, and the fold)', () => {
    const { folded, compared } = exactOn(scaledRegion, [normalFormOf, fold], 1000);
    expect(folded).toBeGreaterThan(200);
    expect(compared).toBeGreaterThan(150);
  });

  it('finds the identities of sums that no single-node rule sees (each checked as a rule too)', () => {
    const zeros = [
      '(cos(x) - cos(3*x))/2 - sin(x)*sin(2*x)', // product to sum
      '2*sin(x) - sec(x)*sin(2*x)', // double angle under a reciprocal
      'sec(x)^2 - csc(x)^2*tan(x)^2',
      'cot(x/3 + pi/4)^4 - cot(x/3 - 3*pi/4)^4', // shifted by pi
      '-sin(3*x - pi/12)^3 - sin(pi/12 - 3*x)^3', // pi/12 (no exact value) as a term of the angle
      '(sin(y) + sin(y + 2*x))/2 - cos(x)*sin(y + x)', // sums of angles
      'sin(3*x) - 3*sin(x) + 4*sin(x)^3',
      // squares only once written out, met in any order (Rubi: Stewart 221, Timofeev 493)
      '(3*sin(x) - 4*cos(x))/(cos(x)*(7*cos(x) - 24*sin(x)) + 9) + 1/(4*cos(x) - 3*sin(x))',
      'x^2/(cos(x)*(x^2*cos(x) - 2*x*sin(x) - cos(x)) + 1) - x^2/(x*cos(x) - sin(x))^2',
      '(sin(2*x)*(1 - 4*sin(x)*sin(3*x)) + sin(4*x) - sin(6*x))/4', // a sum as a factor (Rubi, Hearn 142)
      'cos(x)*(2*cos(x)^2 - cos(2*x) - 1)/(5*cos(x)^2 - 3)^(3/2)', // (Rubi, Timofeev 423)
      'sin(x)*(cos(x)^4 - 2*cos(x)^2 + 1) - sin(x)^5',
      'tan(x) - cos(x)^2*tan(x)^3 - cos(x)*sin(x)',
      'exp(x)/(cosh(x) - 1) - 2*exp(2*x)/(exp(x) - 1)^2', // hyperbolic with exp
      '16*exp(6*x)/(exp(2*x) - 1)^4 - csch(x)^4*exp(2*x)',
      'sinh(x)*(cosh(x)^4 - 2*cosh(x)^2 + 1) - sinh(x)^5',
      'exp(x) - exp(-x/2)*(exp(x/2) - 1)^3 - 3*exp(x/2) + 3 - 1/exp(x/2)', // fractional multiples of exp
    ];
    for (const z of zeros) {
      expect(toText(simplify(z)), z).toBe('0');
      const stats = { compared: 0, skipped: 0 };
      fc.assert(checkRule(`zero: ${z} => 0`, { stats }), { numRuns: 40 });
      expect(stats.compared, z).toBeGreaterThan(10);
    }
  });

  it('writes the simplified forms, and leaves alone what has nothing to find', () => {
    const table: Array<[string, string]> = [
      ['b + b*(-cot(y)^2 - 1)/csc(y)^2', '0'],
      ['(a - (a + sech(y)) + 1/cosh(y))/sqrt(x)', '0'],
      // one unit w*t + p: not split into cos(w*t)*cos(p) - ...
      ['b*cos(w*t + p) + w*sin(w*t + p)', 'b*cos(t*w + p) + w*sin(t*w + p)'],
      ['cos(2*x)*sin(x)', 'cos(2*x)*sin(x)'],
      ['sin(x) + cos(y)', 'cos(y) + sin(x)'],
    ];
    for (const [input, out] of table) expect(toText(simplify(input)), input).toBe(out);
    // Regions past MAX_FOLD_COST operations are not read (each reading is tried at every node).
    const big = add(...Array.from({ length: 30 }, (_, k) => mul(k + 1, sym(`y${k}`), pow(call('sec', x), 2))), mul(-1, pow(call('tan', x), 2)), -1);
    expect(cost(big)).toBeGreaterThan(MAX_FOLD_COST);
    expect(fold(big)).toBeNull();
    expect(fold(add(pow(call('sec', x), 2), mul(-1, pow(call('tan', x), 2)), mul(2, call('sin', x), call('cos', x)), mul(-1, call('sin', mul(2, x)))))).toEqual(num(1));
    // The fold itself: nothing to find in one call, or in calls of unrelated angles.
    expect(fold(add(call('sin', x), call('cos', sym('y'))))).toBeNull();
    expect(fold(mul(2, call('sin', x)))).toBeNull();
  });
});

/** a*b written out (both sums of monomials in x). */
const expandProduct = (a: Expr, b: Expr): Expr => add(...(a.kind === 'add' ? a.args : [a]).flatMap((s) => (b.kind === 'add' ? b.args : [b]).map((t) => mul(s, t))));

// root-normal-form (src/simplify/rootForm.ts): radicands in one form (k*W), R^q = W, powers of R
// dividing the denominator cleared.
describe('root-normal-form', () => {
  const rootFold = NODE_FOLDS.find((f) => f.name === 'root-normal-form')!.fold;
  const X = sym('x');
  // The same radicands in different dress: expanded, factored, shifted square, scaled by a square.
  const radicand = fc.constantFrom<Expr>(
    add(pow(X, 2), mul(2, X), 5),
    add(pow(add(X, 1), 2), 4),
    mul(4, add(pow(X, 2), mul(2, X), 5)),
    mul(X, add(2, mul(-1, X))),
    add(mul(2, X), mul(-1, pow(X, 2))),
    add(3, mul(-1, pow(X, 2))),
    add(9, mul(-3, pow(X, 2))),
    add(mul(pow(X, -1)), -1),
    mul(add(1, mul(-1, X)), pow(X, -1)),
  );
  const term = fc
    .tuple(fc.integer({ min: -3, max: 3 }).filter((c) => c !== 0), fc.integer({ min: -1, max: 2 }), radicand, fc.constantFrom(num(1, 2), num(-1, 2), num(3, 2), num(-3, 2), num(1, 3), num(2, 3)))
    .map(([c, k, b, r]) => safe(() => mul(c, pow(X, k), pow(b, r))));
  const rootRegion = fc
    .array(term, { minLength: 2, maxLength: 3 })
    .map((ts) => (ts.includes(null) ? null : safe(() => add(...(ts as Expr[])))))
    .filter((e): e is Expr => e !== null && e.kind === 'add');

  it('equals the node wherever the node is defined (whatever its cost, and the fold)', () => {
    const { folded, compared } = exactOn(rootRegion, [rootNormalFormOf, rootFold], 600);
    expect(folded).toBeGreaterThan(200);
    expect(compared).toBeGreaterThan(100);
  });

  it('splits a root of a product or quotient of radicands it holds the roots of, exactly', () => {
    // Radicands A, B, A*B written out and A/B, roots of each mixed in sums.
    const pair = fc.constantFrom<[Expr, Expr]>(
      [add(X, 1), add(1, mul(-1, X))],
      [add(pow(X, 2), 1), add(1, mul(-1, pow(X, 2)))],
      [X, add(X, 1)],
      [add(mul(2, X), 3), add(X, -2)],
    );
    const region = fc
      .tuple(
        pair,
        fc.array(
          fc.tuple(fc.integer({ min: -3, max: 3 }).filter((c) => c !== 0), fc.integer({ min: 0, max: 3 }), fc.constantFrom(num(1, 2), num(-1, 2), num(1, 3), num(3, 2))),
          { minLength: 3, maxLength: 4 },
        ),
      )
      .map(([[a, b], ts]) => {
        const radicands = [a, b, expandProduct(a, b), mul(a, pow(b, -1))];
        return safe(() => add(...ts.map(([c, which, r], i) => mul(c, pow(radicands[(which + i) % 4]!, r)))));
      })
      .filter((e): e is Expr => e !== null && e.kind === 'add');
    const { folded, compared } = exactOn(region, [rootNormalFormOf, rootFold], 500);
    expect(folded).toBeGreaterThan(100);
    expect(compared).toBeGreaterThan(50);
  });

  it('finds roots equal in different dress (each checked as a rule too)', () => {
    const zeros = [
      '1/sqrt(x^2 + 2*x + 5) - 1/sqrt((x + 1)^2 + 4)', // expanded and completed square
      '1/sqrt(3 - x^2) - sqrt(3)/sqrt(9 - 3*x^2)', // a numeric factor out of the radicand
      '2*sqrt(3)/sqrt(12*(x^2 + x + 1)) - 1/sqrt(x^2 + x + 1)',
      'x*(2 - x)/sqrt(x*(2 - x)) - sqrt(x*(2 - x))', // R^2 = W after clearing the denominator
      'x*(x^2 + 2*x + 1)/(x^2 + x)^(3/2) - sqrt(x^2 + x)/x', // (x^2 + x)^(3/2) = (x^2 + x)*R
      'sqrt(1/x - 1) - sqrt((1 - x)/x)', // a rational radicand in lowest terms
      '(x^2/sqrt(x^2 + 3) - sqrt(x^2 + 3) + 3*sqrt(3)/sqrt(3*x^2 + 9))/2',
      'sin(2*x)*(sqrt(4 - 3*sin(x)^2) - sqrt(3*cos(x)^2 + 1))', // circular radicands in one form
      'sqrt(1 + tan(x)^2) - sqrt(sec(x)^2)',
      'x/(sqrt(x^2 + 1)*sqrt(1 - x^2)) - x/sqrt(1 - x^4)', // a radicand the product of two others'
      'sqrt(x + 1)/sqrt(2*x + 3) - sqrt((x + 1)/(2*x + 3))', // ... or their quotient
      'sqrt(2)/sqrt(4 - 2*(x + 1)^2) - 1/sqrt(1 - 2*x - x^2)', // a numeric root beside one root of a sum
    ];
    for (const z of zeros) {
      expect(toText(simplify(z)), z).toBe('0');
      const stats = { compared: 0, skipped: 0 };
      fc.assert(checkRule(`zero: ${z} => 0`, { stats }), { numRuns: 40 });
      expect(stats.compared, z).toBeGreaterThan(10);
    }
  });

  it('writes circular radicands in one form equal to them wherever they are defined', () => {
    let written = 0;
    fc.assert(
      fc.property(region, coordinateArb(), fc.integer(), (e, at, seed) => {
        if (e.kind !== 'add' || e.args.some((t) => toText(t).includes('h(') || toText(t).includes('exp'))) return;
        const out = circularCanonical(e);
        if (!out) return;
        written++;
        const v = agreeAt(e, out, { x: at }, { seed, tolerance: 1e-8 });
        if (v !== 'skip' && !v.ok) throw new Error(`${toText(e)} = ${v.l} but ${toText(out)} = ${v.r} at x = ${at}`);
      }),
      { numRuns: 500 },
    );
    expect(written).toBeGreaterThan(50);
    expect(circularCanonical(add(4, mul(-3, pow(call('sin', X), 2))))).toBe(circularCanonical(add(1, mul(3, pow(call('cos', X), 2)))));
  });

  it('reduces a single root against its radicand in the region (R^q = W)', () => {
    const table: Array<[string, string]> = [
      ['x*(x + 1)/(x^2 + x)^(3/2)', '1/sqrt(x^2 + x)'],
      ['(x^4 + 2*x^2 + 1)/((x^2 + 1)^(3/2)*(x^2 + 2))', 'sqrt(x^2 + 1)/(x^2 + 2)'],
      ['x*(1 - x^2)/(x*(1 - x^2))^(2/3)', 'cbrt(x - x^3)'],
    ];
    for (const [input, expected] of table) {
      expect(toText(simplify(input)), input).toBe(expected);
      const stats = { compared: 0, skipped: 0 };
      fc.assert(checkRule(`single-root: ${input} => ${expected}`, { stats }), { numRuns: 40 });
      expect(stats.compared, input).toBeGreaterThan(10);
    }
  });

  it('keeps a radicand as written where that is cheaper, and leaves one root alone', () => {
    // (x - 1)^3*(x + 2)^5 is the radicand's cheapest form: not written out.
    expect(toText(simplify('1/((x - 1)^3*(x + 2)^5)^(1/4) + 2/((x - 1)^3*(x + 2)^5)^(1/4)'))).toBe('3/((x - 1)^3*(x + 2)^5)^(1/4)');
    expect(rootFold(add(pow(add(pow(X, 2), 1), num(1, 2)), X))).toBeNull();
  });
});

// Products of unequal powers of a function and its reciprocal (data rules, each also checked by
// the rule soundness loop in simplify-rules.test.ts).
describe('reciprocal powers', () => {
  const table: Array<[string, string]> = [
    ['cosh(x)*sech(x)^2', 'sech(x)'],
    ['cosh(x)*sech(x)^2 - sech(x)', '0'],
    ['csch(x)^2*sinh(x) - csch(x)', '0'],
    ['cos(x)^3*sec(x)^5', 'sec(x)^2'],
    ['sin(x)^3*csc(x)', 'sin(x)^2'],
    ['csc(x)^2*tan(x)^2', 'sec(x)^2'],
    ['cot(x)^3*sec(x)^3', 'csc(x)^3'],
    ['sec(x)^2 - csc(x)^2*tan(x)^2', '0'],
    ['(tan(x) + cot(x))*sin(x)', 'sec(x)'],
    ['x*(abs(x) - x*sign(x))', '0'], // self-times-sign
  ];
  for (const [input, out] of table) it(`${input} => ${out}`, () => expect(toText(simplify(input))).toBe(out));
});
