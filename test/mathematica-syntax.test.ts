// The Mathematica reader of the Rubi measurement (bench/suites/mathematica.js):
// Mathematica's precedences (unary minus below ^, Divide above Times, a space
// is a product), its argument orders (Log[b, x], ArcTan[x, y]), and what it
// refuses. Each conversion is checked twice: the text it writes, and that
// leibniz reads that text as the same expression as an explicitly
// parenthesised reading of the Mathematica input.
import { describe, expect, it } from 'vitest';
import { ALIASES, FUNCTIONS } from '../src/core/functions.js';
import { CONSTANTS } from '../src/core/traverse.js';
import { KEYWORDS } from '../src/parse/lexer.js';
import { evaluate } from '../src/eval/evaluate.js';
import { parse } from '../src/parse/parser.js';
import { LEIBNIZ_RESERVED, parseMathematica, toLeibniz, topLevelExpressions } from '../bench/suites/mathematica.js';

// [Mathematica, leibniz text written, the meaning with every grouping explicit]
const TABLE: [string, string, string][] = [
  ['-x^2', '-x^2', '-(x^2)'],
  ['-2^x', '-2^x', '-(2^x)'],
  ['a/b c', 'a/b*c', '(a/b)*c'],
  ['a b/c d', 'a*b/c*d', 'a*(b/c)*d'],
  ['2/3 x', '2/3*x', '(2/3)*x'],
  ['-a/b', '-a/b', '(-a)/b'],
  ['a/b/c', 'a/b/c', '(a/b)/c'],
  ['a - b - c', 'a - b - c', '(a - b) - c'],
  ['a - (b - c)', 'a - (b - c)', 'a - (b - c)'],
  ['x^-2 y', 'x^(-2)*y', '(x^(-2))*y'],
  ['a^b^c', 'a^b^c', 'a^(b^c)'],
  ['(a^b)^c', '(a^b)^c', '(a^b)^c'],
  ['x^(1/2)', 'x^(1/2)', 'sqrt(x)'],
  ['E^x', 'e^x', 'exp(x)'],
  ['(-(1/2))*Csc[x]^2', '-1/2*csc(x)^2', '(-1/2)*(csc(x)^2)'],
  ['Sqrt[a + b x]', 'sqrt(a + b*x)', 'sqrt(a + (b*x))'],
  ['x (1 + x) Pi', 'x*(1 + x)*pi', '(x*(1 + x))*pi'],
  ['a*-b', 'a*(-b)', 'a*(-b)'],
  ['Log[b, x]', 'log(x, b)', 'log(x, b)'],
  ['ArcTan[x, y] + ArcTanh[x] + ArcSec[x]', 'atan2(y, x) + atanh(x) + asec(x)', 'atan2(y, x) + atanh(x) + asec(x)'],
  ['Sech[x]^2 - ArcCoth[x] + Abs[x] Sign[x]', 'sech(x)^2 - acoth(x) + abs(x)*sign(x)', '(sech(x)^2) - acoth(x) + (abs(x)*sign(x))'],
  ['e^2 + Gamma[x]', 'e_^2 + gamma(x)', 'e_^2 + gamma(x)'],
];

describe('Mathematica to leibniz', () => {
  it.each(TABLE)('%s is %s', (src, text, meaning) => {
    const out = toLeibniz(src);
    expect(out.reasons).toEqual([]);
    expect(out.text).toBe(text);
    expect(parse(out.text!)).toBe(parse(meaning));
  });

  it('keeps the arguments in their places: Log[base, x], ArcTan[x, y] (the angle of the point)', () => {
    const value = (src: string) => evaluate(parse(toLeibniz(src).text!), {});
    expect(value('Log[2, 8]')).toBeCloseTo(3, 12);
    expect(value('ArcTan[-1, 1]')).toBeCloseTo((3 * Math.PI) / 4, 12);
    expect(value('ArcTan[1, -1]')).toBeCloseTo(-Math.PI / 4, 12);
  });

  it.each([
    ['PolyLog[2, x] + Gamma[a, x]', ['Gamma of 2 arguments', 'PolyLog']],
    ['I x + EllipticF[x, 2]', ['EllipticF', 'I']],
    ['a -> b', ['Rule']],
    ['f[x]', ['undefined function f']],
    ['1 + (x', ['Mathematica syntax: expected ) at 6, got the end']],
  ])('%s is refused: %j', (src, reasons) => {
    expect(toLeibniz(src)).toEqual({ text: null, reasons });
  });

  it('decides If[$VersionNumber < 9, old, new] for version 13 unless told another', () => {
    expect(toLeibniz('If[$VersionNumber<9, Log[x], Sqrt[x]]').text).toBe('sqrt(x)');
    expect(toLeibniz('If[$VersionNumber<9, Log[x], Sqrt[x]]', { version: 8 }).text).toBe('log(x)');
    expect(toLeibniz('If[x < 9, Log[x], Sqrt[x]]').reasons).toEqual(['If']);
  });

  it('renames every variable leibniz would read as a function, constant or keyword', () => {
    const names = [...FUNCTIONS.keys(), ...ALIASES.keys(), ...CONSTANTS, ...KEYWORDS];
    expect(names.filter((n) => !LEIBNIZ_RESERVED.has(n))).toEqual([]);
  });

  it('reads the problems of a file: one per top-level expression, comments (nested) skipped', () => {
    const file = '(* ::Title:: *)\n(* a (* nested *) comment {1, x, 1, x} *)\n{Sqrt[x],\n  x, 1, (2/3)*x^(3/2)}\n{x, x, 1, x^2/2} (* trailing *)\n';
    const problems = topLevelExpressions(file);
    expect(problems.map((p) => p.line)).toEqual([3, 5]);
    const first = parseMathematica(problems[0]!.src);
    expect(first.t === 'list' && first.items.length).toBe(4);
  });
});
