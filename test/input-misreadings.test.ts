// No silent misreadings (issue 10): a known function's name is never read as a
// variable, a power with base exactly 0 differentiates to 0, and names from
// other libraries (add, pow) are flagged on the command line.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS, ALIASES } from '../src/core/functions.js';
import { derivative } from '../src/diff/derivative.js';
import { evaluate } from '../src/eval/evaluate.js';
import { parse, ParseError } from '../src/parse/parser.js';
import { simplify } from '../src/simplify/simplify.js';
import { toText } from '../src/print/text.js';
import { lookalikeWarnings } from '../src/cli/lookalikes.js';
import { KEYWORDS } from '../src/parse/lexer.js';

// and, or, not are operators (keywords), tested with the conditions
const NAMES = [...FUNCTIONS.keys(), ...ALIASES.keys()].filter((n) => !KEYWORDS.includes(n));

describe('function names are never variables', () => {
  it.each(['sin x', 'ln x', 'sin^2(x)', 'sin x * cos y', 'cos^2 x + sin^2 x', '2 exp', 'log x'])('%s is a ParseError that shows the fix', (src) => {
    let err: unknown;
    try {
      parse(src);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ParseError);
    const name = /[a-z]+/.exec(src.replace(/^2 /, ''))![0];
    expect((err as ParseError).reason).toContain(`'${name}' is a function, not a variable: write ${name}(`);
  });

  it('every known name and alias, used without parentheses, is refused at its own column', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NAMES), fc.constantFrom('x', '2', '^2(x)', 'y + 1', '|x|'), fc.constantFrom('', 'a*', '1 + '), (name, after, before) => {
        const src = `${before}${name}${after === '^2(x)' ? after : ` ${after}`}`;
        let err: unknown;
        try {
          parse(src);
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(ParseError);
        expect((err as ParseError).column).toBe(before.length + 1);
      }),
      { numRuns: 100 },
    );
  });

  it('calls still parse, with or without a space before the parenthesis', () => {
    expect(toText(parse('sin (x) * cos(y)'))).toBe(toText(parse('sin(x)*cos(y)')));
    expect(toText(parse('ln(x)'))).toBe('log(x)');
    expect(toText(parse('sin(x)^2'))).toBe('sin(x)^2');
  });
});

describe('a power with base exactly 0', () => {
  it('d/dx 0^x is 0, not 0^x*log(0)', () => {
    expect(derivative(parse('0^x'), 'x')).toBe(parse('0'));
    const d = simplify(derivative(parse('x*0^x + 0^(x^2)'), 'x'));
    expect(Number.isNaN(evaluate(d, { x: 2 }))).toBe(false);
    expect(evaluate(d, { x: 2 })).toBe(0);
  });
  it('other constant bases keep the log term', () => {
    expect(toText(simplify(derivative(parse('2^x'), 'x')))).toBe('2^x*log(2)');
  });
});

describe('names from other libraries', () => {
  it('add(x, x) and pow(x, 2) are warned about, with the leibniz spelling', () => {
    const w = lookalikeWarnings(['add(x, x) + pow(x, 2)', 'pow (y, 3)']);
    expect(w).toEqual([
      "'add' is not a leibniz function: add(...) is read as an undefined function; write a + b",
      "'pow' is not a leibniz function: pow(...) is read as an undefined function; write a^b",
    ]);
  });
  it('names that merely contain them are not', () => {
    expect(lookalikeWarnings(['padd(x) + power2(x) + f(x) + x_add(y)'])).toEqual([]);
  });
});

describe('n!! is not read as (n!)!', () => {
  it('is refused at the first !, with the spelling of what it would have meant; (n!)! and n!^2 still read', () => {
    for (const [src, col] of [['x!!', 2], ['2*n!! + 1', 4], ['x! !', 2]] as const) {
      let err: unknown;
      try {
        parse(src);
      } catch (e) {
        err = e;
      }
      expect(err, src).toBeInstanceOf(ParseError);
      expect((err as ParseError).column).toBe(col);
      expect((err as ParseError).reason).toMatch(/double factorial.*\(n!\)!/);
    }
    expect(toText(parse('(x!)!'))).toBe('factorial(factorial(x))');
    expect(toText(parse('x!^2'))).toBe('factorial(x)^2');
  });
});
