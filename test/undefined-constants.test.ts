// A constant part with no real value makes the input undefined everywhere, so
// it has no derivative anywhere: the derivative entry points refuse it, naming
// the part, never answering d/dx (x + log(-1)) = 1 or d/dx log(-1) = 0.
// Which constants are undefined is known here independently (the function's
// domain on the reals), not computed by leibniz.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { derivative, gradient, hessian, jacobian, parse, taylor, toText } from '../src/index.js';

// [function, an argument outside its real domain, one inside]
const DOMAINS: ReadonlyArray<[string, string, string]> = [
  ['log', '-1', '2'],
  ['sqrt', '-2', '2'],
  ['asin', '2', '1'],
  ['acos', '-3/2', '-1'],
  ['acosh', '1/2', '1'],
  ['atanh', '3/2', '1/2'],
  ['log', '-pi', 'pi'],
  ['log', '3 - pi', 'pi - 3'],
  ['sqrt', '1 - e', 'e - 1'],
];

const refusal = (f: () => unknown): string | null => {
  try {
    f();
    return null;
  } catch (e) {
    return (e as Error).message;
  }
};

describe('constant parts with no real value', () => {
  it('property: the derivative of any expression holding one is refused with that part named; inside its domain it is derived', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DOMAINS), fc.constantFrom('', 'x + ', 'sin(x)*', 'x^2 - 3*'), fc.constantFrom('', '*x', ' + y'), ([f, bad, good], before, after) => {
        const part = toText(parse(`${f}(${bad})`));
        const m = refusal(() => derivative(`${before}${f}(${bad})${after}`, 'x'));
        expect(m, `${before}${f}(${bad})${after}`).not.toBeNull();
        expect(m!.startsWith(`${part} has no real value (`)).toBe(true);
        expect(m).toMatch(/undefined everywhere and has no derivative/);
        expect(refusal(() => derivative(`${before}${f}(${good})${after}`, 'x'))).toBeNull();
      }),
      { numRuns: 80 },
    );
  });

  it('gradient, jacobian, hessian and taylor refuse them too; parse, simplify and evaluate read them (evaluate gives NaN)', () => {
    expect(refusal(() => gradient('x*y + log(-1)'))).toMatch(/^log\(-1\) has no real value \(log of a number <= 0\).*no gradient/);
    expect(refusal(() => jacobian(['x', 'sqrt(-2)*x']))).toMatch(/no Jacobian/);
    expect(refusal(() => hessian('x^2*asin(2)'))).toMatch(/no Hessian/);
    expect(refusal(() => taylor('exp(x) + asin(2)', 'x', 0, 3))).toMatch(/no Taylor polynomial/);
    expect(toText(parse('x + log(-1)'))).toBe('x + log(-1)');
  });

  it('a branch that may never be taken is not refused', () => {
    expect(toText(derivative('x > 0 ? x^2 : log(-1)', 'x'))).toMatch(/2\*x/);
  });

  it('a pole at an exact argument is refused where it is built, as 1/0 is: log(0), cot(0), tan(pi/2), gamma(-1)', () => {
    for (const [src, f] of [['log(0)', 'log'], ['x + cot(0)', 'cot'], ['tan(pi/2)*x', 'tan'], ['sec(-3*pi/2)', 'sec'], ['csc(2*pi)', 'csc'], ['gamma(-1)', 'gamma'], ['atanh(1)', 'atanh'], ['log1p(-1)', 'log1p']]) {
      expect(refusal(() => parse(src!)), src).toMatch(new RegExp(`is undefined: ${f} has a pole there`));
    }
    // next to a pole, defined
    for (const src of ['log(1/2)', 'cot(1)', 'tan(pi/3)', 'gamma(-1/2)', 'atanh(1/2)']) expect(refusal(() => parse(src)), src).toBeNull();
  });

  it('a pole that only exact simplification shows is refused by the derivative (intervals cannot tell cos(asin(1)) from 0)', () => {
    // sin(pi) is 0 where built, so log(sin(pi)) is log(0), refused at once
    expect(refusal(() => parse('x + log(sin(pi))'))).toMatch(/log\(0\) is undefined: log has a pole there/);
    expect(refusal(() => derivative('tan(2*atan(1))*x', 'x'))).toMatch(/^tan\(2\*atan\(1\)\) has no real value \(exactly: 2\*atan\(1\) = pi\/2, and tan\(pi\/2\) is undefined/);
    expect(refusal(() => derivative('x/cos(asin(1))', 'x'))).toMatch(/exactly: .*division by zero/);
    expect(refusal(() => derivative('x + log(acos(1))', 'x'))).toMatch(/exactly: acos\(1\) = 0, and log\(0\) is undefined/);
  });

  it('what neither intervals nor the simplifier can decide is derived (tan(pi/2 + 10^-40) is defined, and far too close for 96 bits)', () => {
    expect(refusal(() => derivative('tan(pi/2 + 10^-40)*x', 'x'))).toBeNull();
  });
});

describe('polygamma(n, x)', () => {
  it('takes a whole order n >= 0 only: any other exact n has no value anywhere, and is refused where written', () => {
    for (const n of ['3/2', '-1', '1.5']) expect(() => parse(`polygamma(${n}, x)`), n).toThrow(/order n must be a whole number >= 0/);
    expect(toText(derivative('polygamma(2, x)', 'x'))).toBe('polygamma(3, x)');
    expect(toText(derivative('polygamma(n, x)', 'x'))).toBe('polygamma(n + 1, x)');
  });
});
