import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  abs,
  add,
  call,
  derivativeCall,
  div,
  exp,
  log,
  mul,
  neg,
  num,
  pow,
  sin,
  sqrt,
  sub,
  sym,
} from '../src/core/build.js';
import type { Expr } from '../src/core/expr.js';
import { dagSize } from '../src/core/traverse.js';
import { MAX_INPUT_LENGTH, ParseError, parse, parseRule, parseTrees } from '../src/parse/parser.js';

const x = sym('x');
const y = sym('y');
const a = sym('a');
const b = sym('b');

describe('syntax', () => {
  const table: Array<[string, Expr]> = [
    ['x - y', sub(x, y)],
    ['x + -y', sub(x, y)],
    ['a / b', div(a, b)],
    ['2x', mul(2, x)],
    ['2 x y', mul(2, x, y)],
    ['3(x+1)', mul(3, add(x, 1))],
    ['(x+1)(x-1)', mul(add(x, 1), sub(x, 1))],
    ['2sin(x)', mul(2, sin(x))],
    ['x sin(x)', mul(x, sin(x))],
    ['xy', sym('xy')],
    ['x y', mul(x, y)],
    ['x(y+1)', call('x', add(y, 1))],
    ['-x^2', neg(pow(x, 2))],
    ['2^-x', pow(2, neg(x))],
    ['2^-x^2', pow(2, neg(pow(x, 2)))],
    ['x**2', pow(x, 2)],
    ['x^y^2', pow(x, pow(y, 2))],
    ['2^3^2', num(512)],
    ['x^2y', mul(pow(x, 2), y)],
    ['1/2x', mul(num(1, 2), x)],
    ['0.1', num(1, 10)],
    ['1.5e-3', num(3, 2000)],
    ['2.5E+2', num(250)],
    ['.5', num(1, 2)],
    ['123456789012345678901234567890', num(123456789012345678901234567890n)],
    ['2e3x', mul(2000, x)],
    ['atan2(y, x)', call('atan2', y, x)],
    ['log(x, b)', log(x, b)],
    ['ln(x)', log(x)],
    ['log(x, e)', log(x)],
    ['min(a, b, x)', call('min', a, b, x)],
    ['|x|', abs(x)],
    ['|x - |y||', abs(sub(x, abs(y)))],
    ['|x| y', mul(abs(x), y)],
    ['x!', call('factorial', x)],
    ['2x!', mul(2, call('factorial', x))],
    ['arcsin(x)', call('asin', x)],
    ['sqrt(x)', sqrt(x)],
    ['sqrt(x)', pow(x, num(1, 2))],
    ['cbrt(x)', pow(x, num(1, 3))],
    ['nthroot(x, 5)', pow(x, num(1, 5))],
    ['cbrt(-8)', num(-2)],
    ['(-8)^(1/3)', num(-2)],
    ['e^x', exp(x)],
    ['pi + π', mul(2, sym('pi'))],
    ['α + θ', add(sym('α'), sym('θ'))],
    ['theta_1 * x1', mul(sym('theta_1'), sym('x1'))],
    ['f(x)', call('f', x)],
    ['g(x, y)', call('g', x, y)],
    ["f'(x)", derivativeCall('f', [x], [0])],
    ["f''(sin(x))", derivativeCall('f', [sin(x)], [0, 0])],
    ['D(g, 1, 2)(x, y)', derivativeCall('g', [x, y], [0, 1])],
    ['D(g, 2)(x, y)', derivativeCall('g', [x, y], [1])],
    ['sin (x)', sin(x)],
    ['x\n + y', add(x, y)],
    ['2 × x ÷ y − 1', sub(div(mul(2, x), y), 1)],
  ];
  it.each(table)('%s', (src, expected) => {
    expect(parse(src)).toBe(expected);
  });

  it('lowers subtraction, division and negation into the core', () => {
    const e = parse('a - b/c');
    expect(e.kind).toBe('add');
    expect(JSON.stringify(parse('-x'), (_, v) => (typeof v === 'bigint' ? String(v) : v))).toContain('"kind":"mul"');
  });

  it('builds each node once: equal inputs give the same object', () => {
    expect(parse('sin(x)^2 + y')).toBe(parse('y + sin(x)**2'));
    expect(parse('x*y')).toBe(parse('y x'));
  });
});

describe('errors', () => {
  const table: Array<[string, RegExp, number]> = [
    ['', /empty input/, 1],
    ['   ', /empty input/, 4],
    ['x +', /unexpected end of input after '\+'; expected an expression/, 4],
    ['(x + 1', /unbalanced '\('/, 1],
    ['x + 1)', /unbalanced '\)'/, 6],
    ['sin(x, y)', /sin takes 1 argument, but was given 2/, 1],
    ['atan2(x)', /atan2 takes 2 arguments/, 1],
    ['x / 0', /division by zero/, 3],
    ['1/(2-2)', /division by zero/, 2],
    ['0^-1', /division by zero/, 2],
    ['2 $ 3', /unexpected character '\$'/, 3],
    ['2 3', /unexpected number 3/, 3],
    ['x ^', /unexpected end of input/, 4],
    ['sin()', /unexpected '\)'/, 5],
    ['|a|b|c|', /unexpected '\|'/, 5],
    ['?a + 1', /pattern variables/, 1],
    ["sin'(x)", /differentiate sin instead/, 1],
    ["f'(x, y)", /D\(f, i\)/, 1],
    ['D(g, 3)(x, y)', /argument number 3/, 1],
    ['x * * y', /unexpected '\*'/, 5],
  ];
  it.each(table)('%j', (src, message, column) => {
    let err: unknown;
    try {
      parse(src);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ParseError);
    const pe = err as ParseError;
    expect(pe.message).toMatch(message);
    expect(pe.column).toBe(column);
    expect(pe.line).toBe(1);
    // The message shows the input with a caret under the column.
    const lines = pe.message.split('\n');
    expect(lines[2]!.indexOf('^')).toBe(lines[1]!.length >= 2 ? 2 + pe.column - 1 : 2);
  });

  it('reports line and column on multi-line input', () => {
    try {
      parse('x +\n  * y');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ParseError);
      expect((e as ParseError).line).toBe(2);
      expect((e as ParseError).column).toBe(3);
      expect((e as ParseError).offset).toBe(6);
    }
  });

  it('lists what was expected, briefly: every operator that may follow an operand is "an operator"', () => {
    const refusal = (src: string): ParseError => {
      try {
        parse(src);
      } catch (e) {
        if (e instanceof ParseError) return e;
        throw e;
      }
      throw new Error(`${src} parsed`);
    };
    expect(refusal('(x').expected).toContain("')'");
    expect(refusal('x +').expected).toEqual(['an expression']);
    expect(refusal('2 3').expected).toEqual(['an operator']);
    expect(refusal('x > 0 ? 1').expected).toEqual(['an operator', "':'"]);
    // a lone = is a comparison or a definition written in the wrong place
    expect(refusal('x = 1').reason).toMatch(/comparison is written ==; a definition f\(x\) = \.\.\. is given with --define/);
  });

  it('refuses inputs beyond the size limit with a ParseError', () => {
    expect(() => parse('x+'.repeat(MAX_INPUT_LENGTH / 2 + 1) + 'x')).toThrow(ParseError);
  });

  it('never lets anything but ParseError escape, on random strings', () => {
    const alphabet = fc.constantFrom(...'xy12.e^*/+-()|!,sin cos ?a_\'π×$\n'.split(''), 'log', 'sqrt', 'D(', '**');
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 30 }), fc.array(alphabet, { maxLength: 25 }).map((t) => t.join(''))), (s) => {
        try {
          parse(s);
        } catch (e) {
          if (!(e instanceof ParseError)) throw e;
          expect(e.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('no ambiguity', () => {
  // Random token soup biased towards valid expressions, with juxtaposition,
  // bars, signs, towers and calls: every input has at most one parse.
  const atom = fc.constantFrom('x', 'y', '2', '0.5', 'pi', 'e', '?a');
  const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
    e: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      atom,
      fc.tuple(tie('e'), fc.constantFrom('+', '-', '*', '/', '^', '**', ' ', '', ' -', '^-', '.*', './', '.^', '^T', "'"), tie('e')).map(([l, o, r]) => l + o + r),
      tie('e').map((s) => `(${s})`),
      tie('e').map((s) => `|${s}|`),
      tie('e').map((s) => `-${s}`),
      tie('e').map((s) => `${s}!`),
      tie('e').map((s) => `${s}'`),
      fc.tuple(fc.constantFrom('sin', 'f', 'atan2', 'D'), tie('e'), tie('e')).map(([f, l, r]) => `${f}(${l}, ${r})`),
      tie('e').map((s) => `sin(${s})`),
    ),
  })).e;

  it('has at most one parse on a large random sample', () => {
    let parsed = 0;
    fc.assert(
      fc.property(expr, (s) => {
        const src = s.replace(/\?a/g, 'a');
        try {
          const n = parseTrees(src).length;
          expect(n).toBe(1);
          parsed++;
        } catch (e) {
          if (!(e instanceof ParseError)) throw e;
        }
      }),
      { numRuns: 3000 },
    );
    expect(parsed).toBeGreaterThan(1000);
  });
});

describe('deep and long inputs', () => {
  it('parses sin nested 10,000 deep with shared structure', () => {
    const e = parse('sin('.repeat(10_000) + 'x' + ')'.repeat(10_000));
    expect(dagSize(e)).toBe(10_001);
  });
  it('parses 10,000 nested parentheses', () => {
    expect(parse('('.repeat(10_000) + 'x + 1' + ')'.repeat(10_000))).toBe(add(x, 1));
  });
  it('parses a power tower 10,000 high, right-associative', () => {
    const e = parse('x^'.repeat(10_000) + 'x');
    let depth = 0;
    for (let cur: Expr = e; cur.kind === 'pow'; cur = cur.exp) depth++;
    expect(depth).toBe(10_000);
  });
  it('parses a sum of 10,000 terms into one n-ary add', () => {
    const e = parse(Array.from({ length: 10_000 }, (_, i) => `x${i}`).join(' - '));
    expect(e.kind === 'add' && e.args.length).toBe(10_000);
  });
});

describe('rules', () => {
  it('parses name, sides and guards', () => {
    const r = parseRule('pow-pow: (?x^?a)^?n => ?x^(?a*?n) if ?n integer and ?a > 0');
    expect(r.name).toBe('pow-pow');
    expect(r.lhs).toBe(pow(pow(sym('?x'), sym('?a')), sym('?n')));
    expect(r.rhs).toBe(pow(sym('?x'), mul(sym('?a'), sym('?n'))));
    expect(r.guards).toEqual([
      { v: '?n', test: 'integer' },
      { v: '?a', test: '>0' },
    ]);
  });
  it('parses every guard form', () => {
    const r = parseRule('g: ?a + ?b + ?c + ?d => 0 if ?a >= 0 and ?b != 0 and ?c even and ?d constant');
    expect(r.guards.map((g) => g.test)).toEqual(['>=0', '!=0', 'even', 'constant']);
  });
  it.each([
    ['bad: ?x => ?y', /\?y appears on the right side but not on the left/],
    ['bad: ?x => 1 if ?x positive', /unknown guard 'positive'/],
    ['bad: ?x => 1 if ?y > 0', /guard on \?y/],
    ['bad: ?x => 1 if ?x > 1', /unexpected|expected/],
    ['?x => 1', /unexpected|expected/],
  ])('%s', (src, message) => {
    expect(() => parseRule(src)).toThrow(message);
  });
});

describe('error excerpts', () => {
  it('show control characters as visible symbols, keeping the caret in its column', () => {
    try {
      parse('x\u001b[2J + $');
      expect.unreachable();
    } catch (e) {
      const lines = (e as ParseError).message.split('\n');
      expect(lines[1]).not.toMatch(/\u001b/);
      expect(lines[1]).toContain('\u241b');
      expect(lines[2]!.indexOf('^')).toBe(2 + (e as ParseError).column - 1);
    }
  });
});
