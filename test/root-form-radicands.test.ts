// Radicands with a denominator in the root normal form (src/simplify/rootForm.ts canonical,
// rational/powerPart.ts): the q-th power part of a radicand's denominator comes out of the root
// (with abs where q is even and the sign is not known), a perfect-power numerator too, abs(m) is
// read as the root of m^2, and a radicand's own roots are in their forms; the perfect-power-root
// fold reads sums over a denominator. Each checked for its value at random points where the input
// is defined (fixed seed), with examples.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, call, mul, num, pow, sym } from '../src/core/build.js';
import type { Expr } from '../src/core/expr.js';
import { parse } from '../src/parse/parser.js';
import { toText } from '../src/print/text.js';
import { simplify } from '../src/simplify/simplify.js';
import { NODE_FOLDS } from '../src/simplify/fold.js';
import { rootNormalFormOf } from '../src/simplify/rootForm.js';
import { agreeAt, checkRule } from '../src/testing/checkRule.js';
import { coordinateArb } from '../src/testing/arbitraries.js';
import { exactOn } from './agreement.js';

const x = sym('x');
const fold = (name: string) => NODE_FOLDS.find((f) => f.name === name)!.fold;

const safe = (f: () => Expr): Expr | null => {
  try {
    return f();
  } catch {
    return null; // 0 to a negative power
  }
};


describe('roots of radicands over a denominator', () => {
  // N/(c*m^j) in dress: a numerator (some perfect powers, some of either sign), a factor m of the
  // denominator to a power j, a constant c; written as a quotient or as A + B/(c*m^j).
  const small = fc.integer({ min: -3, max: 3 });
  const numerator = fc.constantFrom<Expr>(
    add(pow(x, 2), 1),
    add(pow(x, 2), -1),
    add(1, mul(-1, pow(x, 2))),
    add(x, 1),
    add(mul(2, x), 3),
    add(pow(x, 2), mul(2, x), 1),
    add(pow(x, 3), mul(3, pow(x, 2)), mul(3, x), 1),
    // A square times what is negative where the square is 0 (at x = 0, x = 2): it stays under an even root.
    mul(pow(x, 2), add(x, -1)),
    mul(pow(add(x, -2), 2), add(1, mul(-1, x))),
    mul(pow(x, 3), add(x, 2)),
    num(4),
    num(-1),
    // Roots inside: their own forms (sqrt(1 + 1/x) is sqrt(x + 1)/sqrt(x)... and sqrt(x^2 - 1)/abs(x)).
    add(pow(add(1, pow(x, -1)), num(1, 2)), pow(x, -1)),
    add(pow(add(1, mul(-1, pow(x, -2))), num(1, 2)), 1),
  );
  const factor = fc.constantFrom<Expr>(x, add(x, 1), add(x, -2), add(mul(-1, x), 3));
  const radicand = fc
    .tuple(numerator, factor, fc.integer({ min: 1, max: 6 }), fc.constantFrom(num(1), num(2), num(4), num(1, 3)), fc.boolean(), small)
    .map(([n, m, j, c, quotient, a]) =>
      safe(() => (quotient ? mul(n, pow(mul(c, pow(m, j)), -1)) : add(a, mul(n, pow(mul(c, pow(m, j)), -1))))),
    );
  const exponent = fc.constantFrom(num(1, 2), num(-1, 2), num(3, 2), num(1, 3), num(-2, 3), num(1, 4), num(5, 3));
  // Terms c*x^k*B^r, some beside abs of the denominator's factor (what the root may meet).
  const term = fc
    .tuple(small.filter((c) => c !== 0), fc.integer({ min: -1, max: 2 }), radicand, exponent, fc.option(factor, { nil: undefined }))
    .map(([c, k, b, r, m]) => (b ? safe(() => mul(c, pow(x, k), pow(b, r), m ? call('abs', m) : num(1))) : null));
  const region = fc
    .array(term, { minLength: 1, maxLength: 3 })
    .map((ts) => (ts.includes(null) ? null : safe(() => (ts.length === 1 ? mul(sym('y'), ts[0]!) : add(...(ts as Expr[]))))))
    .filter((e): e is Expr => e !== null && (e.kind === 'add' || e.kind === 'mul'));

  // The zeros of the factors and numerators often: where a form may be less defined than the node.
  const point = fc.oneof(coordinateArb(), fc.constantFrom(0, 1, -1, 2, -2, 3));

  it('takes the denominator power (and a perfect-power numerator) out exactly wherever the node is defined', () => {
    // The root normal form whatever its cost, and the fold (only where cheaper).
    let folded = 0;
    let compared = 0;
    fc.assert(
      fc.property(region, point, coordinateArb(), fc.integer(), (e, at, y, seed) => {
        for (const out of [rootNormalFormOf(e), fold('root-normal-form')(e)]) {
          if (!out) continue;
          folded++;
          const v = agreeAt(e, out, { x: at, y }, { seed, tolerance: 1e-8 });
          if (v === 'skip') continue;
          compared++;
          if (!v.ok) throw new Error(`${toText(e)} = ${v.l} but ${toText(out)} = ${v.r} at x = ${at}, y = ${y}`);
        }
      }),
      { numRuns: 700 },
    );
    expect(folded).toBeGreaterThan(300);
    expect(compared).toBeGreaterThan(150);
  });

  it('keeps under an even root what may be negative where a square beside it is 0', () => {
    // y*(L^2*N/(c*m^j))^r: at a zero of L the node is 0 whatever the sign of N, so L stays under the root
    // unless N/(c*m^j) has no zeros left (a number), where it is > 0.
    const square = fc
      .tuple(
        fc.constantFrom<Expr>(x, add(x, -2)),
        fc.constantFrom<Expr>(add(x, -1), add(1, mul(-1, x)), add(x, 1), num(3), num(-2)),
        fc.constantFrom<Expr>(num(1), add(x, 1), add(x, -3)),
        fc.constantFrom(2, 4),
        fc.constantFrom(num(1, 2), num(3, 2), num(1, 4)),
      )
      .map(([L, n, m, j, r]) => safe(() => mul(sym('y'), pow(mul(pow(L, 2), n, pow(m, -j)), r))))
      .filter((e): e is Expr => e !== null && e.kind === 'mul');
    let compared = 0;
    fc.assert(
      fc.property(square, fc.constantFrom(0, 2, 1, -1, 3, 0.5), fc.integer(), (e, at, seed) => {
        const out = rootNormalFormOf(e);
        if (!out) return;
        const v = agreeAt(e, out, { x: at, y: 1 }, { seed, tolerance: 1e-8 });
        if (v === 'skip') return;
        compared++;
        if (!v.ok) throw new Error(`${toText(e)} = ${v.l} but ${toText(out)} = ${v.r} at x = ${at}`);
      }),
      { numRuns: 300 },
    );
    expect(compared).toBeGreaterThan(100);
  });

  it('writes the forms', () => {
    const y = sym('y');
    const form = (e: Expr): string | null => {
      const out = rootNormalFormOf(e);
      return out && toText(out);
    };
    expect(form(mul(y, pow(mul(add(pow(x, 2), 1), pow(x, -2)), num(1, 2))))).toBe('y*sqrt(x^2 + 1)/abs(x)');
    expect(form(mul(y, pow(add(1, mul(-1, pow(x, -2))), num(1, 2))))).toBe('y*sqrt(x^2 - 1)/abs(x)');
    expect(form(mul(y, pow(mul(add(x, 1), pow(x, -3)), num(1, 3))))).toBe('y*cbrt(x + 1)/x');
    // An even power comes out without abs; an odd root takes the numerator's cube out too.
    expect(form(mul(y, pow(mul(add(x, 1), pow(x, -4)), num(1, 2))))).toBe('y*sqrt(x + 1)/x^2');
    expect(form(mul(y, pow(mul(x, pow(add(x, 1), -4)), num(1, 2))))).toBe('sqrt(x)*y/(x + 1)^2');
    expect(form(mul(y, pow(mul(pow(x, 3), add(x, 1)), num(1, 3))))).toBe('x*y*cbrt(x + 1)');
    // Not under an even root: x^2*(x - 1) is 0 at x = 0, where sqrt(x - 1) is not defined.
    expect(form(mul(y, pow(mul(pow(x, 2), add(x, -1)), num(1, 2))))).not.toContain('abs');
  });

  it('finds the roots equal in different dress (each checked as a rule too)', () => {
    const zeros = [
      'abs(x)*sqrt(1 - 1/x^2) - sqrt(x^2 - 1)',
      'x*cbrt((x + 1)/x^3) - cbrt(x + 1)',
      'sign(x)/sqrt(x^2 - 1) - 1/(x*sqrt(1 - 1/x^2))', // Rubi, Apostol 83
      '(x^2 + 1)*(sqrt(x^2 - 1) - abs(x)*sqrt(1 - 1/x^2))/(2*abs(x)*sqrt(x^4 - 1))', // Charlwood 22
      'sqrt(sqrt((x + 1)/x) + 1/x) - sqrt(sqrt(1 + 1/x) + 1/x)', // a radicand's own root in its form
      'x^2*sqrt((x^2 + 1)/x^2) - abs(x)*sqrt(x^2 + 1)', // abs(x)^2 = x^2
    ];
    for (const z of zeros) {
      expect(toText(simplify(z)), z).toBe('0');
      const stats = { compared: 0, skipped: 0 };
      fc.assert(checkRule(`zero: ${z} => 0`, { stats }), { numRuns: 40 });
      expect(stats.compared, z).toBeGreaterThan(10);
    }
  });
});

describe('reciprocal roots', () => {
  // Roots of W and of 1/W (written 1/W, W^-1 or its quotient turned over) of one index, mixed in sums.
  const W = fc.constantFrom<Expr>(add(x, 1), add(pow(x, 2), 1), add(1, mul(-1, x)), mul(x, pow(add(x, 2), -1)), add(mul(2, x), -3));
  const region = fc
    .tuple(
      W,
      fc.constantFrom(2n, 3n, 4n),
      fc.array(fc.tuple(fc.integer({ min: -3, max: 3 }).filter((c) => c !== 0), fc.integer({ min: -2, max: 3 }), fc.boolean(), fc.integer({ min: 0, max: 2 })), {
        minLength: 2,
        maxLength: 3,
      }),
    )
    .map(([w, q, ts]) => safe(() => add(...ts.map(([c, p, inverse, k]) => mul(c, pow(x, k), pow(inverse ? pow(w, -1) : w, num(BigInt(p), q)))))))
    .filter((e): e is Expr => e !== null && e.kind === 'add');

  it('reads a root of 1/W as the reciprocal of the root of W, exactly where the node is defined', () => {
    const { folded, compared } = exactOn(region, [rootNormalFormOf, fold('root-normal-form')], 500);
    expect(folded).toBeGreaterThan(200);
    expect(compared).toBeGreaterThan(100);
  });

  it('finds them equal', () => {
    for (const z of ['sqrt(1/(x + 1))*(x + 1) - sqrt(x + 1)', 'y*(sqrt(1/(x^2 + 1))*(x^2 + 1) - sqrt(x^2 + 1))', 'cbrt(1/(x - 2))*cbrt(x - 2)*y - y']) {
      expect(toText(rootNormalFormOf(parse(z)) ?? parse(z)), z).toBe('0');
      expect(toText(simplify(z)), z).toBe('0');
    }
  });
});

describe('roots of circular calls', () => {
  // Roots of single circular calls and of their reciprocals in other dress, mixed in sums.
  const radicand = fc.constantFrom<Expr>(
    call('sec', x),
    pow(call('cos', x), -1),
    call('cos', x),
    call('tan', x),
    call('cot', x),
    mul(call('sin', x), pow(call('cos', x), -1)),
    call('sin', mul(2, x)),
    call('csc', mul(2, x)),
    mul(call('sin', x), call('cos', x)),
  );
  const term = fc
    .tuple(fc.integer({ min: -3, max: 3 }).filter((c) => c !== 0), radicand, fc.constantFrom(num(1, 2), num(-1, 2), num(3, 2), num(1, 3), num(1, 4)), fc.integer({ min: 0, max: 2 }))
    .map(([c, b, r, k]) => safe(() => mul(c, pow(call('cos', x), k), pow(b, r))));
  const region = fc
    .array(term, { minLength: 2, maxLength: 3 })
    .map((ts) => (ts.includes(null) ? null : safe(() => add(...(ts as Expr[])))))
    .filter((e): e is Expr => e !== null && e.kind === 'add');

  it('brings them to one form, exactly where the node is defined', () => {
    const { folded, compared } = exactOn(region, [rootNormalFormOf, fold('root-normal-form')], 500);
    expect(folded).toBeGreaterThan(200);
    expect(compared).toBeGreaterThan(100);
  });

  it('finds them equal', () => {
    const y = sym('y');
    expect(toText(rootNormalFormOf(mul(y, add(pow(call('sec', x), num(1, 2)), mul(-1, pow(pow(call('cos', x), -1), num(1, 2)))))) ?? '')).toBe('0');
    // Rubi, Timofeev 409: sqrt(csc(2*x)) is 1/sqrt(sin(2*x)), and (2*cos^3 - 2*cos)/sqrt(sin(2*x)) + sin*sqrt(sin(2*x)) is 0.
    expect(toText(simplify('sec(x)^4*(4*cos(x)^2 + 3)*(sqrt(csc(2*x))*(2*cos(x)^3 - 2*cos(x)) + sin(x)*sqrt(sin(2*x)))/5'))).toBe('0');
  });
});

describe('perfect-power-root over a denominator', () => {
  const perfect = fold('perfect-power-root');
  const small = fc.integer({ min: -3, max: 3 });
  // (P/Q)^q written out as a sum over Q^q: P = a*x + b, Q = x or x + c.
  const quotient = fc
    .tuple(small, small, fc.integer({ min: 0, max: 2 }), fc.constantFrom(2, 3), fc.constantFrom(num(1, 2), num(-1, 2), num(3, 2), num(1, 3), num(-2, 3)))
    .map(([a, b, c, q, r]) =>
      safe(() => {
        const Q = c === 0 ? x : add(x, c);
        // The binomial expansion of (a*x + b)^q, each term over Q^q.
        const terms = q === 2 ? [mul(a * a, pow(x, 2)), mul(2 * a * b, x), num(b * b)] : [mul(a ** 3, pow(x, 3)), mul(3 * a * a * b, pow(x, 2)), mul(3 * a * b * b, x), num(b ** 3)];
        const base = add(...terms.map((t) => mul(t, pow(Q, -q))));
        return pow(base, num(r.q === BigInt(q) ? r.p : 1n, BigInt(q)));
      }),
    )
    .filter((e): e is Expr => e !== null && e.kind === 'pow' && e.base.kind === 'add');

  it('takes exact roots of quotients, with abs where the sign is not known', () => {
    const { folded, compared } = exactOn(quotient, [perfect], 500);
    expect(folded).toBeGreaterThan(100);
    expect(compared).toBeGreaterThan(50);
  });

  it('writes the forms', () => {
    const f = (s: string): string | null => {
      const out = perfect(parse(s));
      return out && toText(out);
    };
    expect(f('sqrt(1 + 2/x + 1/x^2)')).toBe('abs(x + 1)/abs(x)');
    expect(f('cbrt(1 + 3/x + 3/x^2 + 1/x^3)')).toBe('(x + 1)/x');
    // x^2 + 1 > 0 and x^2 >= 0: no abs.
    expect(f('sqrt(x^2 + 2 + 1/x^2)')).toBe('(x^2 + 1)/abs(x)');
    expect(f('sqrt(x^4 + 2*x^2 + 1)')).toBe('x^2 + 1');
    expect(f('sqrt(1 + 2/x + 2/x^2)')).toBeNull();
  });
});
