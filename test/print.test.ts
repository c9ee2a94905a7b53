import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  add,
  call,
  derivativeCall,
  div,
  mul,
  neg,
  num,
  pow,
  sub,
  sym,
  sin,
  exp,
  sqrt,
} from '../src/core/build.js';
import type { Expr } from '../src/core/expr.js';
import { FUNCTIONS } from '../src/core/functions.js';
import { MathError } from '../src/core/rational.js';
import { parse, parseRule } from '../src/parse/parser.js';
import { toJS } from '../src/print/js.js';
import { toLatex } from '../src/print/latex.js';
import { displayTerms, splitProduct } from '../src/print/precedence.js';
import { toText } from '../src/print/text.js';
import { evaluate } from '../src/eval/evaluate.js';
import { runtime } from '../src/eval/runtime.js';
import { exprArb } from '../src/testing/arbitraries.js';

const x = sym('x');
const y = sym('y');
const z = sym('z');

// ---------------------------------------------------------------------------
// A local random-expression arbitrary, built with the builders (which fold and
// reorder, so every value is a canonical node). Operations that are undefined
// for their operands (exact division by zero) are dropped.
type Maybe = Expr | null;
const attempt = (f: () => Expr): Maybe => {
  try {
    return f();
  } catch (e) {
    if (e instanceof MathError) return null;
    throw e;
  }
};
const both = (a: Maybe, b: Maybe, f: (a: Expr, b: Expr) => Expr): Maybe => (a && b ? attempt(() => f(a, b)) : null);

// Conditions are not numbers: they are drawn well-typed by exprArb and in test/piecewise.test.ts.
const CONDITIONS = new Set(['lt', 'le', 'eq', 'ne', 'and', 'or', 'not', 'piecewise']);
const KNOWN = [...FUNCTIONS.values()].filter((f) => !CONDITIONS.has(f.name));
const leaf: fc.Arbitrary<Maybe> = fc.oneof(
  fc.constantFrom('x', 'y', 'z', 'pi', 'e', 'theta', 'x_1', 'a2').map(sym),
  fc.integer({ min: -12, max: 12 }).map((n) => num(n)),
  fc.tuple(fc.integer({ min: -9, max: 9 }), fc.integer({ min: 1, max: 8 })).map(([p, q]) => num(p, q)),
);
const smallRational = fc
  .tuple(fc.integer({ min: -5, max: 5 }), fc.integer({ min: 1, max: 6 }))
  .map(([p, q]) => num(p, q));

function localExprArb(opts: { undefinedFunctions: boolean; maxDepth: number }): fc.Arbitrary<Expr> {
  const { e } = fc.letrec<{ e: Maybe }>((tie) => {
    const sub2 = (op: (a: Expr, b: Expr) => Expr) => fc.tuple(tie('e'), tie('e')).map(([a, b]) => both(a, b, op));
    const known = fc
      .tuple(fc.constantFrom(...KNOWN), fc.array(tie('e'), { minLength: 1, maxLength: 3 }))
      .map(([f, args]) => {
        const n = Math.max(f.minArgs, Math.min(f.maxArgs, args.length));
        const used = args.slice(0, n);
        while (used.length < n) used.push(x);
        return used.every((a) => a !== null) ? attempt(() => call(f.name, ...(used as Expr[]))) : null;
      });
    const undefinedFn = fc
      .tuple(tie('e'), tie('e'), fc.array(fc.integer({ min: 0, max: 1 }), { maxLength: 3 }), fc.boolean())
      .map(([a, b, ds, unary]) => {
        if (!a || !b) return null;
        return unary
          ? derivativeCall('f', [a], ds.map(() => 0))
          : ds.length > 0
            ? derivativeCall('g', [a, b], ds)
            : call('g', a, b);
      });
    const options = [
      leaf,
      sub2(add),
      sub2(sub),
      sub2(mul),
      sub2(div),
      sub2(pow),
      fc.tuple(tie('e'), smallRational).map(([a, r]) => both(a, r, pow)),
      tie('e').map((a) => (a ? neg(a) : null)),
      known,
      ...(opts.undefinedFunctions ? [undefinedFn] : []),
    ];
    return { e: fc.oneof({ maxDepth: opts.maxDepth, depthIdentifier: 'expr' }, ...options) };
  });
  return e.filter((v): v is Expr => v !== null);
}

const anyExpr = localExprArb({ undefinedFunctions: true, maxDepth: 4 });


// ---------------------------------------------------------------------------

describe('toText', () => {
  const cases: Array<[string, Expr]> = [
    ['x - y', sub(x, y)],
    ['-x - y', sub(neg(x), y)],
    ['a/b', div(sym('a'), sym('b'))],
    ['-x^2', neg(pow(x, 2))],
    ['2*x', mul(2, x)],
    ['x/3', div(x, 3)],
    ['-2*x/3', mul(num(-2, 3), x)],
    ['1/3', num(1, 3)],
    ['-5', num(-5)],
    ['x + 1/3', add(x, num(1, 3))],
    ['x - 1/3', sub(x, num(1, 3))],
    ['sqrt(x)', sqrt(x)],
    ['1/sqrt(x)', pow(x, num(-1, 2))],
    ['cbrt(x)', pow(x, num(1, 3))],
    ['x^(3/2)', pow(x, num(3, 2))],
    ['1/x^(3/2)', pow(x, num(-3, 2))],
    ['x^(1/4)', pow(x, num(1, 4))],
    ['1/x^2', pow(x, -2)],
    ['1/x', pow(x, -1)],
    ['-1/x', neg(pow(x, -1))],
    ['2^(-x)', pow(2, neg(x))],
    ['2^x', pow(2, x)],
    ['(-2)^x', pow(-2, x)],
    ['(1/2)^x', pow(num(1, 2), x)],
    ['exp(x)', exp(x)],
    ['exp(x)', pow(sym('e'), x)],
    ['abs(x - 1)', call('abs', sub(x, 1))],
    ['factorial(x)', call('factorial', x)],
    ['polygamma(2, x + 1)', call('polygamma', 2, add(x, 1))],
    ['x^2 + 2*x + 1', add(pow(x, 2), mul(2, x), 1)],
    ['x^3 - x + 5', add(5, neg(x), pow(x, 3))],
    ['1 - x^2', sub(1, pow(x, 2))],
    ['x + 1 + 1/x', add(1, x, pow(x, -1))],
    ['pi*x', mul(sym('pi'), x)],
    ['x + pi', add(sym('pi'), x)],
    ['(x - 1)*(x + 1)', mul(sub(x, 1), add(x, 1))],
    ['-(x + 1)', neg(add(x, 1))],
    ['2*(x + 1)', mul(2, add(x, 1))],
    ['y - (x + 1)', sub(y, add(x, 1))],
    ['x/(y*z)', div(x, mul(y, z))],
    ['2/(3*y)', div(2, mul(3, y))],
    ['x*y/(z + 1)', div(mul(x, y), add(z, 1))],
    ['(x + 1)/(x - 1)', div(add(x, 1), sub(x, 1))],
    ['sin(x)^2', pow(sin(x), 2)],
    ['x^y^z', pow(x, pow(y, z))],
    ['(x^y)^z', pow(pow(x, y), z)],
    ['x^(2*y)', pow(x, mul(2, y))],
    ['x^(y + 1)', pow(x, add(y, 1))],
    ['sqrt(x*y)', sqrt(mul(x, y))],
    ['sqrt(-x)', sqrt(neg(x))],
    ['(x*y)^(3/2)', pow(mul(x, y), num(3, 2))],
    ['(-x)^(3/2)', pow(neg(x), num(3, 2))],
    ['sqrt(2)/2', div(sqrt(2), 2)],
    ['log(x, 2)', call('log', x, 2)],
    ['log(x)', call('ln', x)],
    ['atan2(y, x)', call('atan2', y, x)],
    ['min(x, y, z)', call('min', x, y, z)],
    ["f'(x)", derivativeCall('f', [x], [0])],
    ["f''(x)", derivativeCall('f', [x], [0, 0])],
    ['D(g, 1, 2)(x, y)', derivativeCall('g', [x, y], [0, 1])],
    ['D(g, 2, 2)(x, y)', derivativeCall('g', [x, y], [1, 1])],
    ['g(x, y)', call('g', x, y)],
    ['sin(sin(x))', sin(sin(x))],
    ['?a*?b', mul(sym('?a'), sym('?b'))],
  ];
  it.each(cases)('prints %s', (want, e) => {
    expect(toText(e)).toBe(want);
  });

  it('parses back to the identical node for every example', () => {
    for (const [text, e] of cases) {
      if (text.includes('?')) continue; // pattern variables only parse in rules (below)
      expect(parse(text)).toBe(e);
    }
  });

  it('round-trips pattern variables through the rule parser', () => {
    const r = parseRule('sq: ?a^2 * ?b => ?b * ?a^2');
    const again = parseRule(`sq: ${toText(r.lhs)} => ${toText(r.rhs)}`);
    expect(again.lhs).toBe(r.lhs);
    expect(toText(r.lhs)).toBe('?a^2*?b');
  });

  it('property: parse(toText(e)) === e', () => {
    fc.assert(
      fc.property(anyExpr, (e) => {
        expect(parse(toText(e))).toBe(e);
      }),
      { numRuns: 1000 },
    );
  });

  it('property: parse(toText(e)) === e on the shared expression arbitrary', () => {
    const shared = exprArb({ vars: ['x', 'y', 'alpha', 'x_1'], undefinedFunctions: ['f', 'g'], maxDepth: 4 });
    fc.assert(
      fc.property(shared, (e) => {
        expect(parse(toText(e))).toBe(e);
      }),
      { numRuns: 500 },
    );
  });

  it("order: 'ascending' prints the top-level sum in ascending powers, inner sums as usual", () => {
    const asc = { order: 'ascending', wrt: 'x' } as const;
    expect(toText(parse('x^5/120 + x^4/24 - x^3/6 - x^2/2 + x + 1'), asc)).toBe('1 + x - x^2/2 - x^3/6 + x^4/24 + x^5/120');
    // A leading minus stays in order; the factor x - pi prints as usual.
    expect(toText(parse('(x - pi)^3/6 - (x - pi)'), asc)).toBe('-(x - pi) + (x - pi)^3/6');
    // With wrt, only powers of x count: a^3 has degree 0, (x - a)^3 degree 3.
    expect(toText(parse('a^3 + 3*a^2*(x - a) + 3*a*(x - a)^2 + (x - a)^3'), asc)).toBe('a^3 + 3*a^2*(x - a) + 3*a*(x - a)^2 + (x - a)^3');
    expect(toText(parse('x^2 + 2*x + 1'), { order: 'ascending' })).toBe('1 + 2*x + x^2');
    expect(toLatex(parse('x^2/2 + x + 1'), asc)).toBe('1 + x + \\frac{x^{2}}{2}');
    // The default, and an explicit 'descending', are unchanged.
    expect(toText(parse('1 + x + x^2'), { order: 'descending' })).toBe('x^2 + x + 1');
    expect(() => toText(x, { order: 'up' as 'ascending' })).toThrow(/order must be/);
    expect(() => toText(x, { order: 'ascending', wrt: 3 as unknown as string })).toThrow(/wrt must be/);
  });

  it("property: parse(toText(e, { order: 'ascending' })) === e", () => {
    fc.assert(
      fc.property(anyExpr, fc.constantFrom(undefined, 'x', 'y'), (e, wrt) => {
        const t = toText(e, { order: 'ascending', wrt });
        expect(parse(t)).toBe(e);
      }),
      { numRuns: 500 },
    );
  });

  it('property: printing is deterministic and uses no JS-style syntax', () => {
    fc.assert(
      fc.property(anyExpr, (e) => {
        const t = toText(e);
        expect(toText(e)).toBe(t);
        expect(t).not.toMatch(/\*\*|--|\+ -|\+\+|\d\.\d/);
      }),
    );
  });
});

describe('precedence helpers', () => {
  it('split a product into sign, coefficient, numerator and denominator', () => {
    const p = splitProduct(mul(num(-2, 3), x, pow(y, -2), pow(z, num(-1, 2))));
    expect(p.negative).toBe(true);
    expect([p.coefNum, p.coefDen]).toEqual([2n, 3n]);
    expect(p.num).toEqual([{ kind: 'node', node: x }]);
    expect(p.den).toEqual([
      { kind: 'power', base: y, exp: { p: 2n, q: 1n } },
      { kind: 'power', base: z, exp: { p: 1n, q: 2n } },
    ]);
  });

  it('orders terms by degree, constants last, a positive term first', () => {
    const show = (e: Expr) => displayTerms((e as Extract<Expr, { kind: 'add' }>).args).map(toText);
    expect(show(add(1, x, pow(x, 2)))).toEqual(['x^2', 'x', '1']);
    expect(show(sub(y, x))).toEqual(['y', '-x']);
    expect(show(sub(1, pow(x, 2)))).toEqual(['1', '-x^2']);
    expect(show(add(sym('pi'), x))).toEqual(['x', 'pi']);
  });
});

// ---------------------------------------------------------------------------

describe('toLatex', () => {
  const cases: Array<[string, Expr]> = [
    ['x - y', sub(x, y)],
    ['\\frac{a}{b}', div(sym('a'), sym('b'))],
    ['-x^{2}', neg(pow(x, 2))],
    ['2 x', mul(2, x)],
    ['x y', mul(x, y)],
    ['2 \\cdot 3^{x}', mul(2, pow(3, x))],
    ['\\frac{x}{3}', div(x, 3)],
    ['-\\frac{2 x}{3}', mul(num(-2, 3), x)],
    ['\\frac{1}{3}', num(1, 3)],
    ['\\sqrt{x}', sqrt(x)],
    ['\\sqrt[3]{x}', pow(x, num(1, 3))],
    ['\\sqrt[4]{x}', pow(x, num(1, 4))],
    ['\\frac{1}{\\sqrt{x}}', pow(x, num(-1, 2))],
    ['x^{3/2}', pow(x, num(3, 2))],
    ['\\frac{1}{x^{2}}', pow(x, -2)],
    ['2^{-x}', pow(2, neg(x))],
    ['x^{y + 1}', pow(x, add(y, 1))],
    ['\\left(x + 1\\right)^{2}', pow(add(x, 1), 2)],
    ['\\left(x^{y}\\right)^{z}', pow(pow(x, y), z)],
    ['\\left(-2\\right)^{x}', pow(-2, x)],
    ['\\left(\\frac{1}{2}\\right)^{x}', pow(num(1, 2), x)],
    ['\\sin\\left(x\\right)', sin(x)],
    ['\\sin^{2}\\left(x\\right)', pow(sin(x), 2)],
    ['\\operatorname{sech}\\left(x\\right)', call('sech', x)],
    ['\\operatorname{sech}^{3}\\left(x\\right)', pow(call('sech', x), 3)],
    ['\\arctan\\left(x\\right)', call('atan', x)],
    ['\\operatorname{arsinh}\\left(x\\right)', call('asinh', x)],
    ['e^{x}', exp(x)],
    ['\\left(e^{x}\\right)^{2}', pow(exp(x), 2)],
    ['\\ln\\left(x\\right)', call('log', x)],
    ['\\log_{2}\\left(x\\right)', call('log', x, 2)],
    ['\\log_{10}\\left(x\\right)', call('log10', x)],
    ['\\left|x - 1\\right|', call('abs', sub(x, 1))],
    ['\\left\\lfloor x\\right\\rfloor', call('floor', x)],
    ['n!', call('factorial', sym('n'))],
    ['\\left(n + 1\\right)!', call('factorial', add(sym('n'), 1))],
    ['\\Gamma\\left(x\\right)', call('gamma', x)],
    ['\\psi\\left(x\\right)', call('digamma', x)],
    ['\\psi^{(1)}\\left(x\\right)', call('polygamma', 1, x)],
    ['\\psi^{(n + 1)}\\left(x^{2}\\right)', call('polygamma', add(sym('n'), 1), pow(x, 2))],
    ['\\psi^{(2)}\\left(x\\right)^{3}', pow(call('polygamma', 2, x), 3)],
    ['\\operatorname{erf}\\left(x\\right)', call('erf', x)],
    ['\\operatorname{atan2}\\left(y, x\\right)', call('atan2', y, x)],
    ['\\min\\left(x, y\\right)', call('min', x, y)],
    ['\\frac{x + 1}{x - 1}', div(add(x, 1), sub(x, 1))],
    ['\\frac{y \\left(x + 1\\right)}{z}', div(mul(add(x, 1), y), z)],
    ['x^{2} + 2 x + 1', add(pow(x, 2), mul(2, x), 1)],
    ['\\pi x', mul(sym('pi'), x)],
    ['e', sym('e')],
    ['\\alpha + \\theta', add(sym('alpha'), sym('θ'))],
    ['\\Omega', sym('Ω')],
    ['\\Gamma', sym('Gamma')],
    ['x_{1} x_{2}', mul(sym('x1'), sym('x_2'))],
    ['\\alpha_{12}', sym('alpha_12')],
    ['\\theta_{\\mathrm{max}}', sym('theta_max')],
    ['\\mathit{rate}', sym('rate')],
    ['\\operatorname{foo}\\left(x\\right)', call('foo', x)],
    ["f'\\left(x\\right)", derivativeCall('f', [x], [0])],
    ["f''\\left(x\\right)", derivativeCall('f', [x], [0, 0])],
    ['f^{(4)}\\left(x\\right)', derivativeCall('f', [x], [0, 0, 0, 0])],
    ['\\frac{\\partial^{2} g}{\\partial x \\, \\partial y}\\left(x, y\\right)', derivativeCall('g', [x, y], [0, 1])],
    ['\\frac{\\partial^{2} g}{\\partial y^{2}}\\left(x, y\\right)', derivativeCall('g', [x, y], [1, 1])],
    ['\\partial_{1} g\\left(x^{2}, y\\right)', derivativeCall('g', [pow(x, 2), y], [0])],
  ];
  it.each(cases)('prints %s', (want, e) => {
    expect(toLatex(e)).toBe(want);
  });

  it('property: braces and \\left/\\right are balanced, and every command is a real one', () => {
    fc.assert(
      fc.property(anyExpr, (e) => {
        const tex = toLatex(e);
        expect(balanced(tex), tex).toBe(true);
        for (const [cmd] of tex.matchAll(/\\[A-Za-z]+/g)) expect(LATEX_COMMANDS, tex).toContain(cmd);
      }),
      { numRuns: 1000 },
    );
  });
});

const LATEX_COMMANDS = [
  '\\frac', '\\sqrt', '\\left', '\\right', '\\cdot', '\\pi', '\\theta', '\\mathit', '\\mathrm', '\\operatorname',
  '\\sin', '\\cos', '\\tan', '\\sec', '\\csc', '\\cot', '\\arcsin', '\\arccos', '\\arctan', '\\sinh', '\\cosh',
  '\\tanh', '\\coth', '\\ln', '\\log', '\\min', '\\max', '\\lfloor', '\\rfloor', '\\lceil', '\\rceil', '\\Gamma',
  '\\psi', '\\partial', '\\le', '\\ge', '\\ne', '\\lnot', '\\text', '\\begin', '\\end',
];

/** Braces nest, and each \left pairs with a \right at the same brace depth. */
function balanced(tex: string): boolean {
  const stack: string[] = [];
  for (let i = 0; i < tex.length; i++) {
    const rest = tex.slice(i);
    if (rest.startsWith('\\{') || rest.startsWith('\\}')) {
      i++;
    } else if (rest.startsWith('\\left')) {
      stack.push('left');
      i += 5;
    } else if (rest.startsWith('\\right')) {
      if (stack.pop() !== 'left') return false;
      i += 6;
    } else if (tex[i] === '{') {
      stack.push('{');
    } else if (tex[i] === '}') {
      if (stack.pop() !== '{') return false;
    }
  }
  return stack.length === 0;
}

// ---------------------------------------------------------------------------

describe('toJS', () => {
  const run = (e: Expr, scope: Record<string, number> = {}): number => {
    const names = Object.keys(scope);
    return new Function('L', ...names, `return ${toJS(e)};`)(runtime, ...names.map((n) => scope[n])) as number;
  };

  const cases: Array<[string, Expr]> = [
    ['x - y', sub(x, y)],
    ['-2*x/3', mul(num(-2, 3), x)],
    ['Math.sqrt(x)', sqrt(x)],
    ['1/Math.sqrt(x)', pow(x, num(-1, 2))],
    ['Math.cbrt(x)', pow(x, num(1, 3))],
    ['L.rpow(x, 2, 3)', pow(x, num(2, 3))],
    ['L.rpow(x, 3, 2)', pow(x, num(3, 2))],
    ['1/L.rpow(x, 3, 2)', pow(x, num(-3, 2))],
    ['1/Math.pow(x, 2)', pow(x, -2)],
    ['Math.pow(2, -x)', pow(2, neg(x))],
    ['Math.PI*x', mul(sym('pi'), x)],
    ['Math.exp(x)', exp(x)],
    ['Math.E', sym('e')],
    ['1/Math.cos(x)', call('sec', x)],
    ['L.acot(x)', call('acot', x)],
    ['L.cot(x)', call('cot', x)],
    ['Math.asin(1/x)', call('acsc', x)],
    ['L.nthroot(x, y)', call('nthroot', x, y)],
    ['Math.acosh(1/(x + 1))', call('asech', add(x, 1))],
    ['L.log(x, 2)', call('log', x, 2)], // NaN for a base <= 0, as evaluate
    ['x/(1/Math.cos(y))', div(x, call('sec', y))],
    ['Math.min(x, y, z)', call('min', x, y, z)],
    ['L.erf(x)', call('erf', x)],
    ['L.factorial(x)', call('factorial', x)],
    ['L.polygamma(1, x)', call('polygamma', 1, x)],
  ];
  it.each(cases)('prints %s', (want, e) => {
    expect(toJS(e)).toBe(want);
  });

  it('maps variable names through options.name', () => {
    expect(toJS(add(x, sym('pi')), { name: (s) => `v_${s}` })).toBe('v_x + Math.PI');
  });

  it('computes the right numbers (expected values written by hand)', () => {
    expect(run(pow(x, num(1, 3)), { x: -8 })).toBe(-2);
    expect(run(pow(x, num(2, 3)), { x: -8 })).toBeCloseTo(4, 12);
    expect(run(pow(x, num(-1, 3)), { x: -8 })).toBe(-0.5);
    expect(run(pow(x, num(1, 5)), { x: -32 })).toBeCloseTo(-2, 12);
    expect(run(pow(x, num(1, 2)), { x: -1 })).toBeNaN();
    expect(run(pow(x, num(3, 2)), { x: -1 })).toBeNaN();
    expect(run(sub(x, y), { x: 5, y: 7 })).toBe(-2);
    expect(run(call('polygamma', 3, x), { x: 1 })).toBeCloseTo(Math.PI ** 4 / 15, 13);
    expect(run(mul(num(-2, 3), x), { x: 3 })).toBe(-2);
    expect(run(call('log', x, 2), { x: 8 })).toBeCloseTo(3, 12);
    expect(run(call('acot', x), { x: 1 })).toBeCloseTo(Math.PI / 4, 12);
    expect(run(call('acot', x), { x: -1 })).toBeCloseTo(-Math.PI / 4, 12);
    expect(run(call('sec', x), { x: Math.PI / 3 })).toBeCloseTo(2, 12);
    expect(run(call('asech', x), { x: 1 })).toBe(0);
    expect(run(call('nthroot', x, y), { x: -27, y: 3 })).toBeCloseTo(-3, 12);
    expect(run(pow(x, num(-3, 2)), { x: 4 })).toBeCloseTo(1 / 8, 15);
    expect(run(call('coth', x), { x: 1 })).toBeCloseTo(1.3130352854993312, 12);
    expect(run(call('sign', x), { x: -3 })).toBe(-1);
    expect(run(num(2n ** 200n, 3n * 2n ** 199n))).toBeCloseTo(2 / 3, 15);
    expect(run(mul(num(10n ** 400n, 3n * 10n ** 399n), x), { x: 3 })).toBeCloseTo(10, 12);
    // exponents beyond 2^53: the sign of an odd root of a negative base comes from the exact parities
    const huge = 2n ** 60n + 1n;
    expect(run(pow(x, num(1n, huge)), { x: -2 })).toBeCloseTo(-1, 12);
    expect(run(pow(x, num(2n, huge)), { x: -2 })).toBeCloseTo(1, 12);
    expect(run(pow(x, num(1n, 2n ** 60n)), { x: -2 })).toBeNaN();
    expect(run(pow(x, num(huge, 2n ** 60n)), { x: 2 })).toBeCloseTo(2, 12);
    expect(run(pow(x, num(huge)), { x: -8 })).toBe(-Infinity); // huge odd power of a negative
    expect(run(pow(x, num(huge + 1n)), { x: -8 })).toBe(Infinity);
  });

  it('refuses undefined functions with a MathError naming them', () => {
    expect(() => toJS(call('foo', x))).toThrow(MathError);
    expect(() => toJS(call('foo', x))).toThrow(/foo/);
    expect(() => toJS(add(1, derivativeCall('f', [x], [0])))).toThrow(/derivative of the undefined function f/);
  });

  const VARS = ['x', 'y', 'z', 'theta', 'x_1', 'a2'];
  // Points on a grid of eighths in [-4, 4] (0 included, for poles and 0^p): the printer orders
  // sums and products for reading, so its rounding differs from evaluate's in the last bits.
  const point = fc.tuple(...VARS.map(() => fc.integer({ min: -32, max: 32 }).map((n) => n / 8)));
  const close = (a: number, b: number): boolean =>
    Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b)) || Math.abs(a - b) <= 1e-7 * Math.max(1, Math.abs(a), Math.abs(b));

  it('property: the JavaScript computes what evaluate computes', () => {
    fc.assert(
      fc.property(localExprArb({ undefinedFunctions: false, maxDepth: 4 }), point, (e, values) => {
        const scope = Object.fromEntries(VARS.map((v, i) => [v, values[i]!]));
        const fn = new Function('L', ...VARS, `return ${toJS(e)};`) as (...a: unknown[]) => number;
        const got = fn(runtime, ...values);
        const want = evaluate(e, scope);
        if (!close(got, want)) {
          // Where moving the inputs by 1e-12 changes the value more than the tolerance, the two
          // evaluation orders may rightly disagree (cancellation, huge arguments to sin): skip.
          const nudged = evaluate(e, Object.fromEntries(VARS.map((v, i) => [v, values[i]! * (1 + 1e-12) + 1e-300])));
          fc.pre(close(nudged, want));
        }
        expect(close(got, want), `${toText(e)} at ${JSON.stringify(scope)}: js ${got}, evaluate ${want}`).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('both refuse undefined functions', () => {
    const e = add(x, call('f', x));
    expect(() => evaluate(e, { x: 1 })).toThrow(MathError);
    expect(() => toJS(e)).toThrow(MathError);
  });
});

// ---------------------------------------------------------------------------

describe('deep inputs (10,000 levels, no recursion)', () => {
  const DEPTH = 10_000;
  const nest = (f: (e: Expr) => Expr): Expr => {
    let e: Expr = x;
    for (let i = 0; i < DEPTH; i++) e = f(e);
    return e;
  };

  it('sin(sin(...sin(x)...))', () => {
    const e = nest(sin);
    const t = toText(e);
    expect(t).toBe(`${'sin('.repeat(DEPTH)}x${')'.repeat(DEPTH)}`);
    expect(parse(t)).toBe(e);
    expect(toLatex(e)).toBe(`${'\\sin\\left('.repeat(DEPTH)}x${'\\right)'.repeat(DEPTH)}`);
    expect(toJS(e)).toBe(`${'Math.sin('.repeat(DEPTH)}x${')'.repeat(DEPTH)}`);
  });

  it('((((x)))) parses to x and prints as x', () => {
    expect(toText(parse(`${'('.repeat(DEPTH)}x${')'.repeat(DEPTH)}`))).toBe('x');
  });

  it('nested sums, products, quotients and powers', () => {
    const shapes: Array<[(e: Expr) => Expr, boolean]> = [
      [(e) => mul(y, add(e, 1)), true], // y*(y*(...) + 1)
      [(e) => div(1, add(1, e)), false], // a continued fraction
      [(e) => pow(y, e), true], // a power tower
      [(e) => sub(1, sqrt(e)), false],
    ];
    for (const [shape, reparse] of shapes) {
      const e = nest(shape);
      const t = toText(e);
      if (reparse) expect(parse(t)).toBe(e); // parsing 10,000 levels is slow-ish: two shapes suffice
      expect(balanced(toLatex(e))).toBe(true);
      expect(toJS(e).length).toBeGreaterThan(DEPTH);
    }
  });
});
