// Exact values of the circular functions at rational multiples of pi whose
// sines are square roots of rationals (denominators 1, 2, 3, 4, 6): the
// builders fold sin(2*pi/3) to sqrt(3)/2 as they fold sin(0) to 0. The value
// is found from the exact angle (no floats): sin(r*pi) is reduced to r in
// [0, 1/2] by sin(-t) = -sin(t), sin(t + 2) = sin(t), sin(1 - t) = sin(t).
// Where the denominator (cos for tan and sec, sin for cot and csc) is 0 there is
// a pole (tan(pi/2), cot(0)), which the builders refuse as they refuse 1/0.
import type { Expr } from './expr.js';
import { rat, ratAdd, ratCmp, ratInv, ratMul, ratNeg, type Rational } from './rational.js';

/** r with e = r*pi exactly (e = 0 gives 0), else null. */
export function piMultiple(e: Expr): Rational | null {
  if (e.kind === 'sym') return e.name === 'pi' ? rat(1n) : null;
  if (e.kind === 'num') return e.value.p === 0n ? rat(0n) : null;
  const [c, p] = e.kind === 'mul' && e.args.length === 2 ? e.args : [];
  return c?.kind === 'num' && p?.kind === 'sym' && p.name === 'pi' ? c.value : null;
}

/** The functions with values here, and their inverses (whose values at these surds a simplifier fold gives). */
export const CIRCULAR: ReadonlySet<string> = new Set(['sin', 'cos', 'tan', 'cot', 'sec', 'csc']);
export const INVERSE_CIRCULAR: ReadonlySet<string> = new Set(['asin', 'acos', 'atan', 'acot', 'asec', 'acsc']);

/** a*sqrt(n) for a rational a and n in 1, 2, 3: the values of sin and cos at these angles. */
export interface Surd {
  readonly a: Rational;
  readonly n: 1n | 2n | 3n;
}

const surd = (a: Rational, n: 1n | 2n | 3n = 1n): Surd => ({ a, n });
const isZeroSurd = (x: Surd): boolean => x.a.p === 0n;

/** x/y exactly, rationalised: (a*sqrt(n))/(b*sqrt(m)) = (a/(b*m))*sqrt(n*m). */
function quotient(x: Surd, y: Surd): Surd {
  const nm = x.n * y.n;
  const a = ratMul(x.a, ratInv(ratMul(y.a, rat(y.n))));
  if (nm === 4n) return surd(ratMul(a, rat(2n)));
  if (nm === 9n) return surd(ratMul(a, rat(3n)));
  return surd(a, nm as 1n | 2n | 3n);
}

/** sin(t*pi) for t in [0, 1/2] with 12*t an integer of {0, 2, 3, 4, 6}, else null. */
function firstQuadrantSine(t: Rational): Surd | null {
  if ((t.p * 12n) % t.q !== 0n) return null;
  switch ((t.p * 12n) / t.q) {
    case 0n:
      return surd(rat(0n));
    case 2n:
      return surd(rat(1n, 2n));
    case 3n:
      return surd(rat(1n, 2n), 2n);
    case 4n:
      return surd(rat(1n, 2n), 3n);
    case 6n:
      return surd(rat(1n));
    default:
      return null;
  }
}

/** sin(r*pi) exactly, or null. */
function sinePi(r: Rational): Surd | null {
  // t in [0, 2): the remainder of r modulo 2.
  const twoQ = 2n * r.q;
  let p = r.p % twoQ;
  if (p < 0n) p += twoQ;
  let t = rat(p, r.q);
  let negative = false;
  if (ratCmp(t, rat(1n)) >= 0) {
    t = ratAdd(t, rat(-1n));
    negative = true;
  }
  if (ratCmp(t, rat(1n, 2n)) > 0) t = ratAdd(rat(1n), ratNeg(t));
  const v = firstQuadrantSine(t);
  return v === null ? null : negative ? surd(ratNeg(v.a), v.n) : v;
}

const cosinePi = (r: Rational): Surd | null => sinePi(ratAdd(r, rat(1n, 2n)));

const ONE_SURD = surd(rat(1n));

/** f(r*pi) as a surd for a circular f; 'pole' where its denominator is 0; null where unknown (r*pi = pi/5). */
export function circularSurd(fn: string, r: Rational): Surd | 'pole' | null {
  const s = sinePi(r);
  const c = cosinePi(r);
  if (s === null || c === null) return null;
  const over = (x: Surd, y: Surd): Surd | 'pole' => (isZeroSurd(y) ? 'pole' : quotient(x, y));
  switch (fn) {
    case 'sin':
      return s;
    case 'cos':
      return c;
    case 'tan':
      return over(s, c);
    case 'cot':
      return over(c, s);
    case 'sec':
      return over(ONE_SURD, c);
    case 'csc':
      return over(ONE_SURD, s);
    default:
      return null;
  }
}
