// Conditions and piecewise values through the pipeline: the grammar (one parse
// each), the core (conditions are calls of lt, le, eq, ne, and, or, not; a
// conditional is piecewise), evaluation with undefined conditions, text (that
// parses back to the same node) and LaTeX, derivatives piece by piece with the
// seams checked, and compiled code.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { call, sym } from '../src/core/build.js';
import type { Expr } from '../src/core/expr.js';
import { compile, compileGradient } from '../src/compile/index.js';
import { derivative } from '../src/diff/derivative.js';
import { simplify } from '../src/simplify/simplify.js';
import { exprArb } from '../src/testing/arbitraries.js';
import { evaluate } from '../src/eval/evaluate.js';
import { parse, parseTrees, ParseError } from '../src/parse/parser.js';
import { toLatex } from '../src/print/latex.js';
import { toText } from '../src/print/text.js';
import { toJS } from '../src/print/js.js';
import { runtime } from '../src/eval/runtime.js';
import { centralDifference, judge } from './diff-helpers.js';

const x = sym('x');

describe('grammar and core', () => {
  const inputs = [
    'x > 0 ? x^2 : -x',
    'x>0?a:b',
    '0 < x < 1',
    'not x > 0',
    'x > 0 and y < 1 or z == 2',
    'not (x > 0 and y > 1)',
    'piecewise(x < 0, -1, x > 0, 1)',
    'c > 0 ? a : d > 0 ? b : e',
    'c > 0 ? d > 0 ? a : b : e',
    'x >= 2*y ? (y > 0 ? 1 : 2) : 3',
    '2*(x > 1 ? x : 1)^2',
    'sin(x != 1 ? x : 0)',
    '|x| <= 1 ? 1 : 0',
    'x ≤ 1 ? 1 : 0',
  ];

  it.each(inputs)('%s has exactly one parse', (src) => {
    expect(parseTrees(src)).toHaveLength(1);
  });

  it('builds the small core: comparisons, connectives, piecewise', () => {
    expect(parse('x > 0')).toBe(call('lt', 0, x));
    expect(parse('x >= 1')).toBe(call('le', 1, x));
    expect(parse('x > 0 ? x : -x')).toBe(call('piecewise', call('lt', 0, x), x, parse('-x')));
    expect(parse('0 < x < 1')).toBe(call('and', call('lt', 0, x), call('lt', x, 1)));
    // c1 ? a : c2 ? b : d is one piecewise; nested conditionals flatten
    expect(parse('x > 0 ? a : x < 0 ? b : d')).toBe(parse('piecewise(x > 0, a, x < 0, b, d)'));
    // not goes into a comparison; == and != are symmetric
    expect(parse('not x > 0')).toBe(parse('x <= 0'));
    expect(parse('not not (x == 1)')).toBe(parse('1 == x'));
    // decided conditions fold
    expect(parse('1 < 2 ? a : b')).toBe(sym('a'));
    expect(parse('x > 0 and 1 > 2')).toBe(parse('0'));
    expect(parse('x == x')).toBe(parse('1'));
  });

  it('keeps `?` for pattern variables in rules, and the conditional in expressions', () => {
    expect(() => parse('?a + 1')).toThrow(/pattern variables like \?a are only allowed in rules/);
    expect(parse('x>0?y:z')).toBe(parse('x > 0 ? y : z'));
  });

  it.each([
    ['(x > 0) + 1', /'>' makes a condition \(true or false\), which is not a number/],
    ['a ? b : c', /the condition before '\?' must be a condition/],
    ['x > 0 and 2', /each side of 'and' must be a condition/],
    ['sin(x > 0)', /makes a condition/],
    ['piecewise(x, 1, 2)', /argument 1 of piecewise/],
    ['x > 0 ? y < 1 : 2', /makes a condition/],
    ['or + 1', /unexpected/],
    ['x > 0 ?', /end of input/],
  ])('%s is a ParseError that says where and what', (src, message) => {
    let err: unknown;
    try {
      parse(src);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ParseError);
    expect((err as ParseError).message).toMatch(message);
  });
});

describe('printing', () => {
  it.each([
    ['x > 0 ? x^2 : -x', 'x > 0 ? x^2 : -x', '\\begin{cases} x^{2} & \\text{if } x > 0 \\\\ -x & \\text{otherwise} \\end{cases}'],
    ['0 < x < 1', 'x > 0 and x < 1', 'x > 0 \\text{ and } x < 1'],
    ['not (x > 0 and y > 1)', 'not (x > 0 and y > 1)', '\\lnot \\left(x > 0 \\text{ and } y > 1\\right)'],
    ['(x >= 0 or y != 2) and z <= 1', '(x >= 0 or y != 2) and z <= 1', '\\left(x \\ge 0 \\text{ or } y \\ne 2\\right) \\text{ and } z \\le 1'],
    ['piecewise(x < 0, -1, x > 0, 1)', 'piecewise(x < 0, -1, x > 0, 1)', '\\begin{cases} -1 & \\text{if } x < 0 \\\\ 1 & \\text{if } x > 0 \\end{cases}'],
    ['2*(x > 1 ? x : 1)^2', '2*(x > 1 ? x : 1)^2', '2 \\left(\\begin{cases} x & \\text{if } x > 1 \\\\ 1 & \\text{otherwise} \\end{cases}\\right)^{2}'],
    ['c > 0 ? (d > 0 ? a : b) : e', 'c > 0 ? (d > 0 ? a : b) : e', undefined],
    ['relu(x) + heaviside(x)', 'heaviside(x) + relu(x)', '\\theta\\left(x\\right) + \\operatorname{relu}\\left(x\\right)'],
  ])('%s prints as %s', (src, text, latex) => {
    const e = parse(src);
    expect(toText(e)).toBe(text);
    expect(parse(toText(e))).toBe(e);
    if (latex !== undefined) expect(toLatex(e)).toBe(latex);
  });
});

describe('evaluation', () => {
  const at = (src: string, scope: Record<string, number>): number => evaluate(parse(src), scope);

  it('takes the first piece whose condition holds, the otherwise when none does', () => {
    expect(at('x > 0 ? x^2 : -x', { x: 3 })).toBe(9);
    expect(at('x > 0 ? x^2 : -x', { x: -3 })).toBe(3);
    expect(at('piecewise(x < 0, -1, x > 0, 1)', { x: 0 })).toBeNaN(); // no piece, no otherwise: undefined
    expect(at('0 < x < 1 ? 1 : 0', { x: 0.5 })).toBe(1);
    expect(at('0 < x < 1 ? 1 : 0', { x: 1 })).toBe(0);
  });

  it('a condition on an undefined value is undefined, and so is the value it decides', () => {
    expect(at('sqrt(x) > 1 ? 1 : 2', { x: -1 })).toBeNaN();
    expect(at('sqrt(x) > 1', { x: -1 })).toBeNaN();
    // Kleene's logic: false and undefined is false, true or undefined is true
    expect(at('x > 0 and sqrt(x - 5) > 1 ? 1 : 2', { x: -1 })).toBe(2);
    expect(at('x < 0 or sqrt(x) > 1 ? 1 : 2', { x: -1 })).toBe(1);
    expect(at('x > 0 and sqrt(-x) > 1 ? 1 : 2', { x: 1 })).toBeNaN();
  });

  it('heaviside is 1/2 at 0, relu is max(x, 0)', () => {
    expect([-2, 0, 2].map((v) => at('heaviside(x)', { x: v }))).toEqual([0, 0.5, 1]);
    expect([-2, 0, 2].map((v) => at('relu(x)', { x: v }))).toEqual([0, 0, 2]);
    expect(parse('heaviside(0)')).toBe(parse('1/2'));
  });
});

describe('derivatives piece by piece', () => {
  it.each([
    // continuous with equal one-sided slopes at the seam: one formula
    ['x > 0 ? x^2 : 0', 'x > 0 ? 2*x : 0'],
    ['x >= 1 ? x^2 : 2*x - 1', 'x >= 1 ? 2*x : 2'],
    ['x > a ? (x - a)^2 : 0', 'a < x ? 2*(x - a) : 0'],
    // a kink or a jump: undefined on the seam
    ['x > 0 ? x : -x', 'piecewise(x > 0, 1, x < 0, -1)'],
    ['x > 0 ? 1 : 0', 'piecewise(x > 0, 0, x < 0, 0)'],
    ['relu(x)', 'piecewise(x > 0, 1, x < 0, 0)'],
    ['heaviside(x)', 'piecewise(x != 0, 0)'],
    // a removable point: the derivative of what is around it
    ['x == 0 ? 0 : x', '1'],
    ['x == 0 ? 5 : x', 'piecewise(x != 0, 1)'],
    // no otherwise: defined inside the pieces only
    ['piecewise(x > 0, log(x))', 'piecewise(x > 0, 1/x)'],
    // compound conditions: undefined on every seam
    ['x > 0 and x < 1 ? x : 0', 'piecewise(x > 0 and x < 1, 1, x < 0 or x > 1, 0)'],
  ])('d/dx %s = %s', (src, want) => {
    expect(toText(derivative(src, 'x'))).toBe(want);
  });

  it('the Huber loss is continuously differentiable: its seam is checked with d := |r| exactly', () => {
    const d = derivative('|r| <= d ? r^2/2 : d*(|r| - d/2)', 'r');
    for (const [r, dd] of [[1, 1], [-1, 1], [0.5, 1], [3, 1], [-3, 2]] as const) {
      const want = Math.abs(r) <= dd ? r : dd * Math.sign(r);
      expect(evaluate(d, { r, d: dd })).toBeCloseTo(want, 12);
    }
  });

  it('on a seam: undefined where the one-sided slopes differ, the slope where they agree', () => {
    const d = derivative('x < -1 ? -1 : x < 1 ? x^3 : 1', 'x');
    expect(evaluate(d, { x: -1 })).toBeNaN();
    expect(evaluate(d, { x: 1 })).toBeNaN();
    expect(evaluate(d, { x: 0.5 })).toBe(0.75);
    const smooth = derivative('x < 0 ? sin(x) : x - x^3', 'x'); // both slopes 1 at 0, both values 0
    expect(evaluate(smooth, { x: 0 })).toBe(1);
  });

  const SEAMED = [
    'x > 0 ? x^2 : -x',
    'x > 1 ? log(x) : x - 1',
    'x < -1 ? -1 : x < 1 ? x^3 : 1',
    'sin(x) > 0 and x < 2 ? exp(x) : cos(x)',
    'not x > 0.5 ? x*y : y^2',
    'relu(x - y) + heaviside(x)*y',
    'x*y > 1 or y < 0 ? x*y : x + y',
  ];

  it.each(SEAMED)('property: d/dx and d/dy of %s match finite differences away from the seams', (src) => {
    const e = parse(src);
    const dx = derivative(e, 'x');
    const dy = derivative(e, 'y');
    const gradient = compileGradient(e, ['x', 'y']);
    let compared = 0;
    // Away from the seams (they lie at x, y in {0, 1/2, 1, ...} and x = y, and where x*y = 1 or sin(x) = 0):
    const coord = fc.double({ min: -3, max: 3, noNaN: true }).filter((v) => Math.abs(v - Math.round(v * 2) / 2) > 1e-3 && Math.abs(v - Math.PI) > 1e-3);
    fc.assert(
      fc.property(coord, coord, (px, py) => {
        fc.pre(Math.abs(px - py) > 1e-3 && Math.abs(px * py - 1) > 1e-3);
        const scope = { x: px, y: py };
        const out = [0, 0];
        const value = gradient(out, px, py);
        expect(value).toBeCloseTo(evaluate(e, scope), 10);
        for (const [v, d, g] of [['x', dx, out[0]!], ['y', dy, out[1]!]] as const) {
          const f = (t: number): number => evaluate(e, { ...scope, [v]: t });
          const fd = centralDifference(f, scope[v]);
          const exact = evaluate(d, scope);
          if (judge(exact, fd, evaluate(e, scope)) === 'not-smooth') continue; // a seam within the step
          expect(judge(exact, fd, evaluate(e, scope)), `${v} at (${px}, ${py}): ${exact} vs ${fd.value}`).toBe('agree');
          // the compiled gradient agrees (test/piecewise-seams.test.ts: on the seams too)
          expect(g).toBeCloseTo(exact, 8);
          compared++;
        }
      }),
      { numRuns: 100 },
    );
    expect(compared).toBeGreaterThan(150); // of 200
  });

  it('property: every piecewise derivative is undefined (never a number) on a seam where its slopes differ', () => {
    const d = derivative('x > c ? 2*x : x + c', 'x'); // continuous at x = c, slopes 2 and 1
    fc.assert(
      fc.property(fc.integer({ min: -100, max: 100 }), (c) => {
        expect(evaluate(d, { x: c, c })).toBeNaN();
      }),
      { numRuns: 50 },
    );
  });
});

describe('simplification', () => {
  it.each([
    ['x^2 + 1 > 0 ? a : b', 'a'], // decided by the sign analysis
    ['exp(x) <= 0 ? a : b', 'b'],
    ['abs(x) + 1 == 0 ? 1 : 2', '2'],
    ['x^2 < 0 or z > 1 ? 1 : 2', 'z > 1 ? 1 : 2'],
    ['x > 0 ? y : y', 'y'], // identical pieces merge
    ['x > 0 ? 1 : x < 0 ? 2 : 2', 'x > 0 ? 1 : 2'],
    ['x > 0 ? sin(x)^2 + cos(x)^2 : 1', '1'], // inside the pieces, then merged
    ['piecewise(x > 0, 0, x < 0, 0)', 'piecewise(x > 0, 0, x < 0, 0)'], // undefined at 0: not 0
    ['x > 0 ? a : b', 'x > 0 ? a : b'], // undecided: kept
  ])('%s simplifies to %s', (src, want) => {
    expect(toText(simplify(parse(src)))).toBe(want);
  });

  it('property: simplified conditionals have the value of the input wherever it is defined', () => {
    const arb = exprArb({ vars: ['x', 'y'], functions: ['piecewise', 'lt', 'le', 'eq', 'ne', 'and', 'or', 'not', 'exp', 'abs', 'relu', 'heaviside'], maxDepth: 4 });
    let compared = 0;
    fc.assert(
      fc.property(arb, fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true }), (e, x, y) => {
        const before = evaluate(e, { x, y });
        if (!Number.isFinite(before)) return;
        const after = evaluate(simplify(e), { x, y });
        expect(Math.abs(after - before)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(before)));
        compared++;
      }),
      { numRuns: 300 },
    );
    expect(compared).toBeGreaterThan(150);
  });
});

describe('compiled conditionals', () => {
  const cases = [
    'x > 0 ? x^2 : -x',
    'piecewise(x < 0, -1, x > 0, 1)',
    'sqrt(x) > 1 ? 1 : 2',
    'x > 0 and sqrt(x - 5) > 1 ? log(x) : exp(x)',
    '0 < x < 1 ? x : relu(x - 2)',
    'sqrt(x) == 1 ? 1 : sqrt(x) != 2 ? 2 : 3', // == and != of an undefined value: undefined
    'x >= 2 ? x : x <= -1 ? -x : 0',
  ];

  it.each(cases)('%s: compile and toJS compute what evaluate does, undefined conditions included', (src) => {
    const e = parse(src);
    const f = compile(e, ['x']);
    const js = new Function('L', 'x', `return ${toJS(e)};`) as (l: unknown, x: number) => number;
    for (const v of [-7, -1, -0.5, 0, 0.5, 1, 2, 4, 6, 30, NaN]) {
      const want = evaluate(e, { x: v });
      expect(f(v)).toBe(want);
      expect(js(runtime, v)).toBe(want);
    }
  });

  it('computes only the piece taken: each piece, shared subterms included, inside its branch', () => {
    const src = compile(parse('x > 0 ? log(x)^2 + log(x) : (x < -1 ? exp(x)*exp(x) : cos(x)) + 1'), ['x']).toString();
    const lines = src.split('\n').map((l) => l.trim());
    const at = (s: string): number => lines.findIndex((l) => l.includes(s));
    const firstIf = at('if (');
    const elseIf = at('} else if');
    expect(firstIf).toBeGreaterThan(0);
    // log(x) is named once (used twice), inside the first branch; exp(x) inside the nested one
    expect(at('Math.log(v0)')).toBeGreaterThan(firstIf);
    expect(at('Math.log(v0)')).toBeLessThan(elseIf);
    expect(at('Math.exp(v0)')).toBeGreaterThan(elseIf);
    expect(lines.filter((l) => l.includes('Math.log(v0)'))).toHaveLength(1);
    const f = compile(parse('x > 0 ? log(x)^2 + log(x) : (x < -1 ? exp(x)*exp(x) : cos(x)) + 1'), ['x']);
    for (const v of [2, -2, -0.5, NaN]) expect(f(v)).toBe(evaluate(parse('x > 0 ? log(x)^2 + log(x) : (x < -1 ? exp(x)*exp(x) : cos(x)) + 1'), { x: v }));
  });
});

describe('the registry entries', () => {
  it('conditions are 0 or 1 wherever they are defined', () => {
    const conds: Expr[] = ['x < y', 'x <= y', 'x == y', 'x != y', 'x < 1 and y > 0', 'x < 1 or y > 0', 'not (x < 1 or y > 0)'].map((s) => parse(s));
    for (const c of conds) {
      for (const [a, b] of [[0, 1], [1, 0], [1, 1], [-2, 3]]) expect([0, 1]).toContain(evaluate(c, { x: a!, y: b! }));
    }
  });
});
