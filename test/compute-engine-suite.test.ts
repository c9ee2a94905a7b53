// The readers of the Compute Engine measurement (bench/suites/compute-engine.js):
// its LaTeX as the Compute Engine reads it (bench/suites/latex.js: implicit
// products, \frac34, \sqrt2x, |x| bars, e and i, \log's bases, a function's
// argument without parentheses), its MathJSON, and the cases of its test file
// in both layouts. Each conversion is checked twice: the text written, and
// that leibniz reads that text as the same expression as an explicitly
// parenthesised reading of the LaTeX.
import { describe, expect, it } from 'vitest';
import { parse } from '../src/parse/parser.js';
import { freeSymbols } from '../src/core/traverse.js';
import { latexToLeibniz, mathJsonToLeibniz } from '../bench/suites/latex.js';
import { convertCases, numericCheck, readCases } from '../bench/suites/compute-engine.js';

// [LaTeX, leibniz text written, the meaning with every grouping explicit]
const TABLE: [string, string, string][] = [
  ['2x\\times x \\times 3', '2*x*x*3', '((2*x)*x)*3'],
  ['xy+(x+1)y', 'x*y + (x + 1)*y', '(x*y) + ((x + 1)*y)'],
  ['x(-2)', 'x*(-2)', 'x*(-2)'],
  ['-x^2', '-x^2', '-(x^2)'],
  ['2/3*5/x', '2/3*5/x', '((2/3)*5)/x'],
  ['-1/2*x', '-1/2*x', '((-1)/2)*x'],
  ['\\frac34 + \\frac{x}{y+1}', '3/4 + x/(y + 1)', '(3/4) + (x/(y + 1))'],
  ['\\sqrt2x + \\sqrt{x+1} + \\sqrt[3]{x} + \\sqrt[4]{x}', 'sqrt(2)*x + sqrt(x + 1) + cbrt(x) + nthroot(x, 4)', '(sqrt(2)*x) + sqrt(x + 1) + x^(1/3) + x^(1/4)'],
  ['2\\left(13.1+x\\right)\\cdot y', '2*(13.1 + x)*y', '(2*(131/10 + x))*y'],
  ['|2x|-2|x|', 'abs(2*x) - 2*abs(x)', 'abs(2*x) - (2*abs(x))'],
  ['||x|+1|', 'abs(abs(x) + 1)', 'abs(abs(x) + 1)'],
  ['|x||y|-|-|-x||', 'abs(x)*abs(y) - abs(-abs(-x))', '(abs(x)*abs(y)) - abs(-abs(-x))'],
  ['e^x e^{-x} + e^\\ln(x)', 'e^x*e^(-x) + e^log(x)', '(exp(x)*exp(-x)) + exp(log(x))'],
  ['\\ln(x^\\sqrt{2})', 'log(x^sqrt(2))', 'log(x^(sqrt(2)))'],
  ['\\log_c(x) + \\log_{1/2}(x) + \\log(y, c) + \\log(x)', 'log(x, c) + log(x, 1/2) + log(y, c) + log10(x)', 'log(x, c) + log(x, 1/2) + log(y, c) + log10(x)'],
  ['\\sin^2(x)+\\cos(x)^2', 'sin(x)^2 + cos(x)^2', '(sin(x)^2) + (cos(x)^2)'],
  ['\\frac{r\\cos\\theta}{r\\sin^2\\theta}', 'r*cos(theta)/(r*sin(theta)^2)', '(r*cos(theta))/(r*(sin(theta)^2))'],
  ['\\sin x \\cos 2x', 'sin(x)*cos(2*x)', 'sin(x)*cos(2*x)'],
  ['|\\operatorname{arccoth}(x)| + \\arcsinh(x) + \\arcctg(x)', 'abs(acoth(x)) + asinh(x) + acot(x)', 'abs(acoth(x)) + asinh(x) + acot(x)'],
  ['2a < 4b', '2*a < 4*b', '(2*a) < (4*b)'],
];

describe('LaTeX to leibniz', () => {
  it.each(TABLE)('%s is %s', (src, text, meaning) => {
    const out = latexToLeibniz(src);
    expect(out.reasons).toEqual([]);
    expect(out.text).toBe(text);
    expect(parse(out.text!)).toBe(parse(meaning));
  });

  it.each([
    ['\\infty - x', ['\\infty']],
    ['\\tilde\\infty', ['\\tilde\\infty']],
    ['\\operatorname{NaN} + 2i', ['NaN', 'i (the imaginary unit)']],
    ['\\zeta(x)', ['\\zeta']],
    ['x_1 + 1', ['subscript']],
    ['(x+1', ['LaTeX syntax: expected ), got the end at 4']],
  ])('%s is refused: %j', (src, reasons) => {
    expect(latexToLeibniz(src)).toEqual({ text: null, reasons });
  });
});

describe('MathJSON to leibniz', () => {
  it.each([
    [['Power', ['Abs', 'x'], ['Rational', 3, 2]], 'abs(x)^(3/2)'],
    [['Multiply', 'x', ['Exp', ['Negate', ['Power', 'y', 2]]]], 'x*exp(-y^2)'],
    [['Sin', ['Subtract', 'x', 'y']], 'sin(x - y)'],
    [['Add', 1, 2, 1.0001], '1 + 2 + 1.0001'],
    [['Log', 'x', 'Pi'], 'log(x, pi)'],
    [{ num: '1.76' }, '1.76'],
    [-23, '-23'],
  ])('%j is %s', (json, text) => {
    expect(mathJsonToLeibniz(json)).toEqual({ text, reasons: [] });
  });

  it('refuses what leibniz lacks', () => {
    expect(mathJsonToLeibniz(Number.NaN).reasons).toEqual(['NaN']);
    expect(mathJsonToLeibniz(['Zeta', 'x']).reasons).toEqual(['Zeta']);
  });
});

describe('the cases of the test file', () => {
  const calls = [
    "describe('Powers', () => {",
    "  test('x*x = x^2', () => checkSimplify('x*x', 'x^2'));",
    "  test.skip('not yet', () =>",
    "    checkSimplify(",
    "      '\\\\frac{1}{x}', // a comment",
    "      ['Power', 'x', -1]",
    '    ));',
    "  test('huge', () => checkSimplify(`\\\\ln(${p})`, 40));",
    "  test('fu', () => { fuTestHelper('2-2\\\\sin^2(x)', '2\\\\cos^2(x)'); });",
    "  test('nan', () => checkSimplify('0/0', NaN));",
    '});',
  ].join('\n');
  const table = [
    'const RULE_TEST_CASES: TestCase[] = [',
    '  [`',
    '    // Roots',
    '  `],',
    "  ['\\\\sqrt{x^4}', 'x^2'],",
    "  ['x/x', 1, 'skip: not now'],",
    '];',
  ].join('\n');

  it('reads checkSimplify and fuTestHelper calls, with their tests', () => {
    const cases = convertCases(readCases(`function checkSimplify(a, b) {}\n${calls}`));
    expect(cases.map((c) => [c.line, c.inputText ?? null, c.expectedText ?? null, c.ceSkipped, c.strategy ?? null])).toEqual([
      [3, 'x*x', 'x^2', false, null],
      [5, '1/x', 'x^(-1)', true, null],
      [9, null, null, false, null],
      [10, '2 - 2*sin(x)^2', '2*cos(x)^2', false, 'fu'],
      [11, null, null, false, null],
    ]);
    expect(cases[0]!.describe).toBe('Powers');
    expect(cases[0]!.test).toBe('x*x = x^2');
    expect(cases[2]!.reasons).toEqual(['computed in the test: `\\\\ln(${p})`']);
    expect(cases[4]!.reasons).toEqual(['NaN']);
  });

  it('reads the tables of the earlier layout: headings skipped, "skip" comments kept', () => {
    const cases = convertCases(readCases(table));
    expect(cases.map((c) => [c.line, c.inputText, c.expectedText, c.ceSkipped])).toEqual([
      [5, 'sqrt(x^4)', 'x^2', false],
      [6, 'x/x', '1', true],
    ]);
    expect(cases[0]!.describe).toBe('RULE_TEST_CASES: Roots');
  });
});

describe('the numeric check', () => {
  const L = { freeSymbols: (e: Parameters<typeof freeSymbols>[0]) => freeSymbols(e) };

  it('agrees where the forms are equal, and ignores points where the input is undefined', () => {
    const r = numericCheck(L, parse('log(x^2)'), parse('2*log(abs(x))'), 1);
    expect(r.disagree).toEqual([]);
    expect(r.points).toBe(8);
    const s = numericCheck(L, parse('exp(log(x))'), parse('x'), 2);
    expect(s.disagree).toEqual([]);
    expect(s.points).toBeGreaterThan(0);
    expect(s.points).toBeLessThan(8);
  });

  it('flags a wrong result, and a result undefined where the input is defined', () => {
    expect(numericCheck(L, parse('sqrt(x^2)'), parse('x'), 3).disagree.length).toBeGreaterThan(0);
    expect(numericCheck(L, parse('x'), parse('exp(log(x))'), 4).lost).toBeGreaterThan(0);
  });
});
