// A sum of calls written out that is a power of a sum (x^2 + 2*x*sin(x) + sin(x)^2) is written as
// the power (src/simplify/rational/write.ts repeatedFactors, read where rules.ts mayBePower lets
// it). Polynomials in symbols alone stay as written (the preferred-forms table in simplify.test.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, call, mul, num, sym } from '../src/core/build.js';
import type { Expr } from '../src/core/expr.js';
import { toText } from '../src/print/text.js';
import { simplify } from '../src/simplify/simplify.js';
import { agreesWhereDefined } from './agreement.js';

const x = sym('x');

/** The product of sums written out, as a sum of monomials (the builders collect like terms). */
const termsOf = (e: Expr): readonly Expr[] => (e.kind === 'add' ? e.args : [e]);
const expandProduct = (...fs: Expr[]): Expr => add(...fs.reduce<Expr[]>((acc, f) => acc.flatMap((s) => termsOf(f).map((t) => mul(s, t))), [num(1)]));

describe('powers of sums of calls, written out', () => {
  it('are written as the power, the form a person writes (Rubi: Stewart 66, 315)', () => {
    const table: Array<[string, string]> = [
      ['2*x*sin(x) + x^2 + sin(x)^2', '(x + sin(x))^2'],
      ['sin(2*x)^2 - 2*sin(2*x) + 1', '(sin(2*x) - 1)^2'],
      ['sin(y)^3 + 3*sin(y)^2*x + 3*sin(y)*x^2 + x^3', '(x + sin(y))^3'],
      // not a power: left as it is, not laid out in Horner form
      ['sin(x)^2 + 2*sin(x) + 3', 'sin(x)^2 + 2*sin(x) + 3'],
      ['x^3 + 3*x^2 + 3*x + 1', 'x^3 + 3*x^2 + 3*x + 1'],
    ];
    for (const [input, out] of table) expect(toText(simplify(input)), input).toBe(out);
  });

  // (a*x + b*f(x) + c)^k * (d*f(x) + 1), written out: the simplified form has its value at random x.
  const f = fc.constantFrom('sin', 'cos', 'exp', 'atan');
  const small = fc.integer({ min: -3, max: 3 });
  const written = fc.tuple(small, small.filter((b) => b !== 0), small, fc.integer({ min: 2, max: 3 }), f, small).map(([a, b, c, k, fn, d]) => {
    const u = call(fn, x);
    const base = add(mul(a, x), mul(b, u), num(c));
    return expandProduct(...Array.from({ length: k }, () => base), add(mul(d, u), 1));
  });

  // The candidate factors are only tried: each is divided out exactly or not used, so a wrong one
  // cannot change a value; this checks the whole path (reading, layouts, writing back).
  it('equal the sum wherever it is defined (fixed seed)', () => {
    expect(agreesWhereDefined(written, simplify, 300)).toBeGreaterThan(200);
  });
});
