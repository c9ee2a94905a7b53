// Decimal printing: toText / toLatex with { numbers: 'decimal' }.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { derivative } from '../src/diff/derivative.js';
import { evaluate } from '../src/eval/evaluate.js';
import { parse } from '../src/parse/parser.js';
import { decimalText } from '../src/print/decimal.js';
import { toLatex } from '../src/print/latex.js';
import { toText } from '../src/print/text.js';
import { ratToNumber } from '../src/core/rational.js';
import { exprArb, maybePointArb } from '../src/testing/arbitraries.js';

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

describe('decimalText', () => {
  it('reads back as the nearest double of the exact fraction, terminating or not', () => {
    const frac = fc
      .tuple(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.oneof(fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.tuple(fc.nat(60), fc.nat(30)).map(([a, b]) => 2n ** BigInt(a) * 5n ** BigInt(b))))
      .map(([p, q]) => {
        const g = gcd(p, q) || 1n;
        return { p: p / g, q: q / g };
      });
    fc.assert(
      fc.property(frac, ({ p, q }) => {
        expect(Number(decimalText(p, q))).toBe(ratToNumber({ p, q }));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes terminating fractions exactly and others to 17 digits', () => {
    expect(decimalText(314159n, 50000n)).toBe('6.28318');
    expect(decimalText(1n, 1024n)).toBe('0.0009765625');
    expect(decimalText(1n, 3n)).toBe('0.3333333333333333');
    expect(decimalText(12n, 1n)).toBe('12');
  });
});

describe("toText and toLatex with { numbers: 'decimal' }", () => {
  const decimal = { numbers: 'decimal' } as const;
  it('print the derivative of 3.14159*x^2 as 6.28318*x, and exact by default', () => {
    const d = derivative('3.14159*x^2', 'x');
    expect(toText(d)).toBe('314159*x/50000');
    expect(toText(d, decimal)).toBe('6.28318*x');
    expect(toLatex(d, decimal)).toBe('6.28318 x');
    expect(toText(parse('x/3 - 1/2'), decimal)).toBe('0.3333333333333333*x - 0.5');
    expect(toText(parse('-0.25*x^(3/2)/y'), decimal)).toBe('-0.25*x^(3/2)/y');
  });

  it('print text that parses to an expression of (nearly) the same value', () => {
    const vars = ['x', 'y'];
    const c = exprArb({ vars, maxDepth: 3, functions: ['sin', 'exp', 'log', 'sqrt'] }).chain((e) => maybePointArb(e, vars).map((p) => ({ e, p })));
    fc.assert(
      fc.property(c, ({ e, p }) => {
        if (p === null) return;
        const back = parse(toText(e, decimal));
        const a = evaluate(e, p);
        const b = evaluate(back, p);
        if (!Number.isFinite(a)) return;
        expect(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('refuse an unknown style', () => {
    expect(() => toText(parse('x/3'), { numbers: 'roman' as never })).toThrow(/numbers must be/);
  });
});
