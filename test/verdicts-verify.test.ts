// Verdicts you can trust (issue 10): verify and the precise evaluator behind it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, call, mul, num, pow, sub, sym } from '../src/core/build.js';
import type { Expr } from '../src/core/expr.js';
import { rat, ratToNumber } from '../src/core/rational.js';
import { verifyDerivative } from '../src/check/verify.js';
import { derivative } from '../src/diff/derivative.js';
import { evaluate } from '../src/eval/evaluate.js';
import { decideSign, preciseValue, rationalOf, type Dyadic } from '../src/eval/precise.js';
import { parse } from '../src/parse/parser.js';

import { exprArb } from '../src/testing/arbitraries.js';

const x = sym('x');
const value = (d: Dyadic): number => Number(d.m) * 2 ** d.e; // for mantissas of few bits only

describe('the precise evaluator', () => {
  it('brackets each elementary function (Math.* within a few ulps lies in its interval, widened by 4 ulps)', () => {
    const fns: Array<[string, (t: number) => number, number, number]> = [
      ['exp', Math.exp, -30, 30], ['log', Math.log, 1e-3, 1e3], ['sin', Math.sin, -100, 100], ['cos', Math.cos, -100, 100],
      ['atan', Math.atan, -50, 50], ['sqrt', Math.sqrt, 0, 1e4], ['tanh', Math.tanh, -5, 5], ['asinh', Math.asinh, -20, 20],
      ['asin', Math.asin, -0.99, 0.99], ['sinh', Math.sinh, -20, 20], ['acosh', Math.acosh, 1.01, 50], ['atanh', Math.atanh, -0.99, 0.99],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...fns), fc.double({ min: 0, max: 1, noNaN: true }), ([name, f, lo, hi], u) => {
        const t = lo + (hi - lo) * Math.abs(u); // fc.double can give -0; sqrt(-0) is -0, the exact 0 is 0
        // a subnormal has few bits: its shortest decimal (what rationalOf reads) is not the double
        if (t !== 0 && Math.abs(t) < 2 ** -1022) return;
        const r = preciseValue(call(name, num(rationalOf(t))), {}, 80);
        if (r.kind === 'exact') {
          expect(ratToNumber(r.value)).toBe(f(t)); // (not returned: fast-check reads any returned value but true as a failure)
          return;
        }
        expect(r.kind).toBe('interval');
        if (r.kind !== 'interval') return;
        const m = f(t);
        const ulp = 4 * Number.EPSILON * Math.abs(m) + 1e-300;
        const l = Number(r.lo.m) * 2 ** r.lo.e;
        const h = Number(r.hi.m) * 2 ** r.hi.e;
        expect(l - ulp).toBeLessThanOrEqual(m);
        expect(h + ulp).toBeGreaterThanOrEqual(m);
        expect(h - l).toBeLessThanOrEqual(1e-15 * (Math.abs(m) + 1)); // and it is narrow
      }),
      { numRuns: 150 },
    );
  });

  it('pi and e to 20 digits', () => {
    const pi = preciseValue(parse('pi'), {}, 80);
    expect(pi.kind === 'interval' && value({ m: pi.lo.m >> 20n, e: pi.lo.e + 20 })).toBeCloseTo(Math.PI, 14);
  });

  it('decides signs float64 gets wrong, and stays undecided at 0', () => {
    expect(decideSign(parse('tan(pi/2 + 10^-20)'))).toBe(-1);
    expect(decideSign(parse('exp(-800) - exp(-801)'))).toBe(1);
    expect(decideSign(parse('cosh(20)^2 - sinh(20)^2 - 1'))).toBeUndefined();
    expect(decideSign(parse('sqrt(2)^2 - 2'))).toBe(0); // an exact root: exact arithmetic
    expect(decideSign(parse('log(-1)'))).toBeUndefined();
  });

});

describe('verify: the issue examples', () => {
  it('accepts a correct derivative that float64 cancels', () => {
    const v = verifyDerivative('sinh(x)*(cosh(x) + sinh(x))', '-(x/2) + 1/2*cosh(x)*sinh(x) + sinh(x)^2/2', 'x');
    expect(v.verdict).toBe('correct');
  });
  it('refutes 2x(1 + 1e-12) exactly', () => {
    const v = verifyDerivative('2x*(1+1e-12)', 'x^2', 'x');
    expect(v.verdict).toBe('wrong');
    expect(v.method).toBe('exact');
    const c = v.counterexample!;
    expect(c.claimed).not.toBe(c.actual);
    expect(c.claimedText).not.toBe(c.actualText);
  });
  it("refutes f(x) f'(x) for f(x)^2 by substituting a concrete f, and accepts 2 f(x) f'(x)", () => {
    const v = verifyDerivative("f(x) f'(x)", 'f(x)^2', 'x');
    expect(v.verdict).toBe('wrong');
    expect(Object.keys(v.counterexample!.substituted!)).toEqual(['f']);
    expect(verifyDerivative("2 f(x) f'(x)", 'f(x)^2', 'x').verdict).toBe('correct');
    expect(verifyDerivative('D(g, 1)(x, x) + D(g, 2)(x, x)', 'g(x, x)', 'x').verdict).toBe('correct');
    expect(verifyDerivative('D(g, 1)(x, x)', 'g(x, x)', 'x').verdict).toBe('wrong');
  });
  it("the notebook's 5.1 fudge and 5.3 slip are wrong with the default options", () => {
    expect(verifyDerivative('1/(x^4 + 0.0001)*4x^3 sin(x^3) + log(x^4)*3x^2 cos(x^3)', 'log(x^4)*sin(x^3)', 'x').verdict).toBe('wrong');
    expect(verifyDerivative('-(x - u)*(-1/2*s**2)*exp(-(x - u)^2/(2*s^2))', 'exp(-(x - u)^2/(2*s^2))', 'x').verdict).toBe('wrong');
    expect(verifyDerivative('exp(-1/2*s**2*(x - u)^2)*(-1/s^2)*(x - u)', 'exp(-(x - u)^2/(2*s^2))', 'x').verdict).toBe('wrong');
  });
  it('never calls a float64-only disagreement wrong', () => {
    const v = verifyDerivative('4/sqrt(pi)*exp(-x^2)*erf(x)*1.0000001', 'erf(x)^2', 'x');
    expect(v.verdict).toBe('undecided');
    expect(v.reason).toMatch(/erf/);
  });
  it('is undecided when too few points are defined', () => {
    const v = verifyDerivative('1/(2*sqrt(x - 10^6))', 'sqrt(x - 10^6)', 'x');
    expect(v.verdict === 'correct' || v.verdict === 'undecided').toBe(true);
    expect(verifyDerivative('0', 'sqrt(-1 - x^2)', 'x').verdict).toBe('undecided');
  });
});

// Random expressions in functions with certified evaluation; leibniz's own derivative,
// rewritten by sound identities, is correct; perturbed versions are wrong.
const FNS = ['sin', 'cos', 'exp', 'atan', 'sinh', 'tanh'];
const exprs = exprArb({ vars: ['x'], functions: FNS, maxDepth: 3, constants: false }).filter((e) => {
  try {
    const d = derivative(e, 'x');
    return d.kind !== 'num' && [0.3, 1.7, -2.2].every((t) => Number.isFinite(evaluate(e, { x: t })) && Number.isFinite(evaluate(d, { x: t })));
  } catch {
    return false;
  }
});
const ONE_IDENTITIES: Array<(d: Expr) => Expr> = [
  (d) => mul(d, add(pow(call('sin', x), 2), pow(call('cos', x), 2))),
  (d) => add(d, sub(pow(call('cosh', x), 2), add(pow(call('sinh', x), 2), 1))),
  (d) => mul(add(mul(d, x), d), pow(add(x, 1), -1)),
  (d) => mul(d, call('exp', x), call('exp', mul(-1, x))),
];

describe('verify: random claims', () => {
  it('a correct derivative, rewritten by sound identities, is never wrong', () => {
    fc.assert(
      fc.property(exprs, fc.constantFrom(...ONE_IDENTITIES.keys()), (e, k) => {
        const claim = ONE_IDENTITIES[k]!(derivative(e, 'x'));
        const v = verifyDerivative(claim, e, 'x', { agreements: 4 });
        expect(v.verdict).toBe('correct');
      }),
      { numRuns: 25 },
    );
  });
  const WRONG: Array<[string, (d: Expr) => Expr]> = [
    ['a perturbed coefficient', (d) => mul(num(1001, 1000), d)],
    ['a sign flip', (d) => mul(-1, d)],
    ['a fudge term 1e-4 small', (d) => add(d, mul(num(1, 10000), pow(add(pow(x, 2), 1), -1)))],
    ['a dropped term', (d) => (d.kind === 'add' ? add(...d.args.slice(1)) : mul(num(1, 2), d))],
  ];
  it('a wrong claim (perturbed, sign flip, 1e-4 fudge, dropped term) is wrong', () => {
    fc.assert(
      fc.property(exprs, fc.constantFrom(...WRONG), (e, [, wrong]) => {
        const claim = wrong(derivative(e, 'x'));
        const v = verifyDerivative(claim, e, 'x', { agreements: 4 });
        expect(v.verdict).toBe('wrong');
      }),
      { numRuns: 25 },
    );
  });
});

void rat;
