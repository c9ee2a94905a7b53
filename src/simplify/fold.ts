// Computed rewrites at a single node, where a pattern cannot say it: exact
// values of functions at exact numbers that the builders leave alone. Each
// has a name and a one-line statement like a rule, and is exact (no floats).
import { add, call, mul, num, pow } from '../core/build.js';
import type { Expr, Kind } from '../core/expr.js';
import { ratAdd, ratInv, ratMul, ratNeg, type Rational } from '../core/rational.js';
import * as P from './poly.js';
import { collectKernels, isWrittenOut, readRational } from './rational/read.js';
import { polyRoot } from './rational/root.js';
import { Writer } from './rational/write.js';
import { unsigned } from './rational/powerPart.js';
import { CONDITION_FOLDS } from './conditions.js';
import { inverseCircularValue } from './trigValues.js';
import { integerContent, rootContent, rootFactor } from './content.js';
import { trigNormalForm } from './normalForm.js';
import { rootNormalForm } from './rootForm.js';
import { sameArgumentForm } from './argumentForm.js';
import { radicandSigns } from './radicandSigns.js';

export interface NodeFold {
  readonly name: string;
  readonly group: string;
  readonly statement: string;
  /** The folded form of the node, or null when it does not apply. */
  readonly fold: (e: Expr) => Expr | null;
  /** The kinds of node it can fold (it is tried at those only); every kind when absent. */
  readonly kinds?: readonly Kind[];
  /**
   * Tried only at the top of a region of sums and products, with the code rules, not at
   * every node: a fold that reads a whole region (the normal forms) would otherwise read
   * each of its inner sums and products again, quadratic in the region's size.
   */
  readonly atRegionTop?: boolean;
}

const MAX_BITS = 256n;

const bits = (n: bigint): bigint => BigInt((n < 0n ? -n : n).toString(2).length);

/** a^k exactly, for a small integer k. */
function ratPow(a: Rational, k: number): Rational {
  const m = BigInt(Math.abs(k));
  const p = a.p ** m;
  const q = a.q ** m;
  return k >= 0 ? { p, q } : { p: q, q: p };
}

const same = (a: Rational, b: Rational): boolean => a.p === b.p && a.q === b.q;

/**
 * The exact rational k with b^k = a, for positive rationals a, b (b != 1), or
 * null: a^j = b^i for a small j > 0 and |i| <= 64 gives k = i/j.
 */
export function exactLog(a: Rational, b: Rational): Rational | null {
  if (a.p <= 0n || b.p <= 0n || (b.p === 1n && b.q === 1n)) return null;
  if (bits(a.p) + bits(a.q) > MAX_BITS || bits(b.p) + bits(b.q) > MAX_BITS) return null;
  if (a.p === 1n && a.q === 1n) return { p: 0n, q: 1n };
  // log sizes say which i/j can work: |i/j| = log|a|/log|b| approximately.
  const ratio = (Math.log(Number(a.p)) - Math.log(Number(a.q))) / (Math.log(Number(b.p)) - Math.log(Number(b.q)));
  if (!Number.isFinite(ratio)) return null;
  for (let j = 1; j <= 6; j++) {
    const i = Math.round(ratio * j);
    if (i === 0 || Math.abs(i) > 64) continue;
    if (same(ratPow(a, j), ratPow(b, i))) {
      const g = gcdInt(Math.abs(i), j);
      return { p: BigInt(i / g), q: BigInt(j / g) };
    }
  }
  return null;
}

function gcdInt(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * A product with a numeric coefficient whose sum factors (or integer powers of
 * them) have integer content, with the content moved into the coefficient:
 * 4*(6*x - 2)*y => 8*(3*x - 1)*y, 3*(2*x + 2)^2 => 12*(x + 1)^2. Exact:
 * c*(g*p)^k = (c*g^k)*p^k for every integer k.
 */
function primitiveFactors(e: Expr): Expr | null {
  if (e.kind !== 'mul' || e.args[0]!.kind !== 'num') return null;
  let coef = e.args[0].value;
  let changed = false;
  const rest = e.args.slice(1).map((f) => {
    const base = f.kind === 'pow' ? f.base : f;
    const k = f.kind === 'pow' ? f.exp : null;
    if (base.kind !== 'add') return f;
    if (k !== null && (k.kind !== 'num' || k.value.q !== 1n || k.value.p > 64n || k.value.p < -64n)) return f;
    const g = integerContent(base);
    if (g === 1n || bits(g) > 64n) return f;
    const n = k === null ? 1 : Number(k.value.p);
    changed = true;
    coef = ratMul(coef, ratPow({ p: g, q: 1n }, n));
    const primitive = add(...base.args.map((t) => mul(num(1n, g), t)));
    return k === null ? primitive : pow(primitive, k);
  });
  return changed ? mul(num(coef), ...rest) : null;
}

/**
 * A root of a sum with a factor k^q that comes out exactly: (k^q*s)^(p/q) =>
 * k^p*s^(p/q) for k > 0 (sqrt(4*x^2/9 + 1) => sqrt(4*x^2 + 9)/3).
 */
function rootContentOut(e: Expr): Expr | null {
  if (e.kind !== 'pow' || e.base.kind !== 'add' || e.exp.kind !== 'num' || e.exp.value.q === 1n) return null;
  const r = e.exp.value;
  if (r.p > 64n || r.p < -64n) return null;
  const k = rootContent(e.base, r.q);
  if (!k) return null;
  const inv = { p: k.q ** r.q, q: k.p ** r.q }; // 1/k^q
  const rest = add(...e.base.args.map((t) => mul(num(inv), t)));
  return mul(num(ratPow(k, Number(r.p))), pow(rest, e.exp));
}

/** sqrt(n) exactly for a rational n >= 0 that is a square, else null. */
function exactSqrt(n: Rational): Rational | null {
  if (n.p < 0n) return null;
  const root = (m: bigint): bigint | null => {
    if (m < 2n) return m;
    let x = BigInt(Math.floor(Math.sqrt(Number(m))));
    while (x * x > m) x--;
    while ((x + 1n) * (x + 1n) <= m) x++;
    return x * x === m ? x : null;
  };
  const p = root(n.p);
  const q = root(n.q);
  return p !== null && q !== null ? { p, q } : null;
}

/**
 * sqrt(a + b*sqrt(c)) for rationals a > 0, b, c > 0 with a^2 - b^2*c = D a
 * square: sqrt((a + sqrt(D))/2) + sign(b)*sqrt((a - sqrt(D))/2), since the
 * square of that is a + |b|*sqrt(c)*sign(b), and it is >= 0 (a >= sqrt(D)).
 * sqrt(3 + 2*sqrt(2)) => 1 + sqrt(2).
 */
function denestSqrt(e: Expr): Expr | null {
  if (e.kind !== 'pow' || e.exp.kind !== 'num' || e.exp.value.p !== 1n || e.exp.value.q !== 2n) return null;
  const s = e.base;
  if (s.kind !== 'add' || s.args.length !== 2 || s.args[0]!.kind !== 'num') return null;
  const a = s.args[0].value;
  const t = s.args[1]!;
  const [b, root] = t.kind === 'mul' && t.args.length === 2 && t.args[0]!.kind === 'num' ? [t.args[0].value, t.args[1]!] : [{ p: 1n, q: 1n }, t];
  if (root.kind !== 'pow' || root.base.kind !== 'num' || root.exp.kind !== 'num' || root.exp.value.p !== 1n || root.exp.value.q !== 2n) return null;
  const c = root.base.value;
  if (a.p <= 0n || c.p <= 0n) return null;
  if (bits(a.p) + bits(a.q) + bits(b.p) + bits(b.q) + bits(c.p) + bits(c.q) > MAX_BITS) return null;
  const d = ratAdd(ratMul(a, a), ratNeg(ratMul(ratMul(b, b), c)));
  const sd = exactSqrt(d);
  if (!sd) return null;
  const half = { p: 1n, q: 2n };
  const u = ratMul(ratAdd(a, sd), half);
  const v = ratMul(ratAdd(a, ratNeg(sd)), half);
  const sign = b.p < 0n ? -1n : 1n;
  return add(pow(num(u), num(1n, 2n)), mul(num(sign), pow(num(v), num(1n, 2n))));
}

/**
 * A root of a product whose every factor is a power that the root divides:
 * (c*x^(q*m)*y^(q*n))^(1/q) => c^(1/q)*|x|^m*|y|^n (q even: x^(q*m) >= 0;
 * no abs for q odd, where real odd roots are multiplicative), to the power p.
 * Only when every symbolic factor comes out: sqrt(x^2*y) is 0 at x = 0 for
 * every y, but abs(x)*sqrt(y) is undefined for y < 0.
 */
function rootOfPowers(e: Expr): Expr | null {
  if (e.kind !== 'pow' || e.base.kind !== 'mul' || e.exp.kind !== 'num' || e.exp.value.q === 1n) return null;
  const r = e.exp.value;
  if (r.p > 64n || r.p < -64n) return null;
  const q = r.q;
  const even = q % 2n === 0n;
  let coef: Rational = { p: 1n, q: 1n };
  const out: Expr[] = [];
  for (const f of e.base.args) {
    if (f.kind === 'num') {
      if (even && f.value.p < 0n) return null;
      coef = f.value;
      continue;
    }
    if (f.kind !== 'pow' || f.exp.kind !== 'num' || f.exp.value.q !== 1n || f.exp.value.p % q !== 0n) return null;
    const m = f.exp.value.p / q;
    out.push(pow(even ? call('abs', f.base) : f.base, num(m * r.p)));
  }
  return mul(pow(num(coef), e.exp), ...out);
}

/**
 * Roots of positive numbers in a product, combined and reduced:
 * 8^(1/2)*2^(-1/2) => 2, 2^(1/2)*6^(1/2) => 2*3^(1/2), 3*12^(1/2) => 6*3^(1/2).
 * Exact: for n, m > 0, n^(a/q)*m^(b/q) = (n^a*m^b)^(1/q), and k^q*s under a
 * q-th root is k times the root of s.
 */
function numericRadicals(e: Expr): Expr | null {
  if (e.kind !== 'mul' && !(e.kind === 'pow' && e.base.kind === 'num')) return null;
  const groups = new Map<bigint, { value: Rational; count: number; plain: boolean }>();
  const rest: Expr[] = [];
  let coef: Rational = { p: 1n, q: 1n };
  for (const f of e.kind === 'mul' ? e.args : [e]) {
    if (f.kind === 'num') coef = f.value;
    else if (f.kind === 'pow' && f.base.kind === 'num' && f.base.value.p > 0n && f.exp.kind === 'num' && f.exp.value.q !== 1n && f.exp.value.q <= 6n) {
      const { p, q } = f.exp.value;
      if (p > 6n || p < -6n || bits(f.base.value.p) + bits(f.base.value.q) > 64n) return null;
      const g = groups.get(q) ?? { value: { p: 1n, q: 1n }, count: 0, plain: true };
      g.value = ratMul(g.value, ratPow(f.base.value, Number(p)));
      g.count++;
      // already k^(1/q) of an integer k (what the fold writes)
      if (p !== 1n || f.base.value.q !== 1n) g.plain = false;
      groups.set(q, g);
    } else rest.push(f);
  }
  let changed = false;
  const radicals: Expr[] = [];
  for (const [q, g] of groups) {
    // v^(1/q) with v = a/b: a*b^(q-1) over b, then the q-th powers out of the integer.
    const n = g.value.p * g.value.q ** (q - 1n);
    const root = rootFactor(n, q);
    const inside = n / root ** q;
    const k = { p: root, q: g.value.q };
    if (g.count > 1 || root !== 1n || !g.plain) changed = true;
    coef = ratMul(coef, k);
    if (inside !== 1n) radicals.push(pow(num(inside), num(1n, q)));
  }
  return changed ? mul(num(coef), ...radicals, ...rest) : null;
}

/**
 * A root of a product of a positive rational and roots of positive integers,
 * as one root of a rational: (2*sqrt(3))^(1/2) => 12^(1/4). With L the lcm of
 * the inner roots' indices, k*n^(a/q)... is (k^L*n^(a*L/q)*...)^(1/L), so the
 * whole is that rational to the power r/L. Exact: all are positive reals.
 */
function nestedNumericRoot(e: Expr): Expr | null {
  if (e.kind !== 'pow' || e.exp.kind !== 'num' || e.exp.value.q === 1n || e.base.kind !== 'mul') return null;
  const r = e.exp.value;
  let k: Rational = { p: 1n, q: 1n };
  const roots: Array<{ n: Rational; a: bigint; q: bigint }> = [];
  for (const f of e.base.args) {
    if (f.kind === 'num' && f.value.p > 0n) k = f.value;
    else if (f.kind === 'pow' && f.base.kind === 'num' && f.base.value.p > 0n && f.exp.kind === 'num' && f.exp.value.q !== 1n) {
      roots.push({ n: f.base.value, a: f.exp.value.p, q: f.exp.value.q });
    } else return null;
  }
  if (roots.length === 0) return null;
  let L = 1n;
  for (const x of roots) L = (L / gcdBig(L, x.q)) * x.q;
  if (L > 12n) return null;
  let m = ratPow(k, Number(L));
  for (const x of roots) {
    const j = Number((x.a * L) / x.q);
    if (Math.abs(j) > 24) return null;
    m = ratMul(m, ratPow(x.n, j));
  }
  if (bits(m.p) + bits(m.q) > MAX_BITS) return null;
  return pow(num(m), num(ratMul(r, { p: 1n, q: L })));
}

const gcdBig = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcdBig(b, a % b));

/**
 * A root of a sum that is a perfect power when written out, or a quotient of
 * two: sqrt(P^2) => abs(P), cbrt(P^3) => P, and so for (P^q)^(p/q)
 * (sqrt(x^2 + 2*x + 1) => abs(x + 1), sqrt(1 + 2/x + 1/x^2) => abs(x + 1)/abs(x)),
 * abs dropped where sign.ts knows the sign. Exact wherever the node is
 * defined: (P^2/Q^2)^(1/2) = |P|/|Q| for every real P and Q != 0 (Q divides
 * the sum's denominator in lowest terms, which is not 0 where the sum is
 * defined), and real cube roots are unique.
 */
function perfectPowerRoot(e: Expr): Expr | null {
  if (e.kind !== 'pow' || e.base.kind !== 'add' || e.exp.kind !== 'num') return null;
  const r = e.exp.value;
  if ((r.q !== 2n && r.q !== 3n) || r.p > 12n || r.p < -12n || e.base.args.length > 40) return null;
  // A square or cube of a polynomial of two or more terms has three or more (its extreme
  // terms and the one next to the leading term cannot cancel): two plain monomials never are one.
  if (e.base.args.length === 2 && isWrittenOut(e.base)) return null;
  const q = Number(r.q) as 2 | 3;
  const w = new P.Work(2_000);
  try {
    const { kernels, index } = collectKernels(e.base);
    const size = kernels.length;
    if (size === 0 || size > 8) return null;
    const f = readRational(w, e.base, index, size, new Map());
    let { n, d } = f;
    const writer = new Writer(kernels, size, w);
    const out = (x: P.Poly): Expr => (q === 2 ? unsigned(writer.expanded(x)) : writer.expanded(x));
    const g = P.gcd(w, n, d, size);
    if (!P.isConstant(g)) {
      n = P.divide(w, n, g)!;
      d = P.divide(w, d, g)!;
    }
    // The denominator's content to the numerator, so a rational root of the quotient is found.
    const c = P.numericContent(d);
    const s = d[0]!.c.p < 0n ? ratNeg(ratInv(c)) : ratInv(c);
    const top = polyRoot(w, P.scale(n, s), q, size);
    const bottom = top && polyRoot(w, P.scale(d, s), q, size);
    if (!top || !bottom || (P.isConstant(bottom) && top.length < 2)) return null;
    return mul(pow(out(top), num(r.p)), pow(out(bottom), num(-r.p)));
  } catch (err) {
    if (err instanceof P.TooBig) return null;
    throw err;
  }
}

/**
 * Powers whose base's sign does not show, and roots of roots:
 * - b^(p/q) with p even and q odd is (b^(1/q))^p, an even power of the real odd root, whose
 *   sign is lost: so abs(a)^(p/q) = a^(p/q) and (-c*a)^(p/q) = (c*a)^(p/q), wherever either
 *   side is defined (the same points: a != 0 when p < 0);
 * - (a^s)^r = a^(s*r) for an exponent s with an even denominator: a^s is defined only for
 *   a >= 0, where powers multiply (a = 0 with r < 0 has no value on either side).
 */
function evenRootPower(e: Expr): Expr | null {
  if (e.kind !== 'pow' || e.exp.kind !== 'num' || e.exp.value.q === 1n) return null;
  const r = e.exp.value;
  const b = e.base;
  if (b.kind === 'pow' && b.exp.kind === 'num' && b.exp.value.q % 2n === 0n) return pow(b.base, num(ratMul(b.exp.value, r)));
  if (r.p % 2n !== 0n || r.q % 2n === 0n) return null;
  if (b.kind === 'call' && b.fn === 'abs' && b.derivs.length === 0 && b.args.length === 1) return pow(b.args[0]!, e.exp);
  if (b.kind === 'mul' && b.args[0]!.kind === 'num' && b.args[0].value.p < 0n) return pow(mul(num(ratNeg(b.args[0].value)), ...b.args.slice(1)), e.exp);
  return null;
}

export const NODE_FOLDS: readonly NodeFold[] = [
  {
    name: 'perfect-power-root',
    group: 'powers',
    statement: '(P^q)^(p/q) => abs(P)^p (q = 2) or P^p (q = 3) for a sum that is the square or cube of a polynomial P written out, or of a quotient P/Q (sqrt(x^2 + 2*x + 1) => abs(x + 1), sqrt(1 + 2/x + 1/x^2) => abs(x + 1)/abs(x)); abs only where the sign is not known',
    fold: perfectPowerRoot,
    kinds: ['pow'],
  },
  ...CONDITION_FOLDS,
  {
    name: 'root-of-powers',
    group: 'powers',
    statement: '(c*x^(q*m)*y^(q*n))^(p/q) => c^(p/q)*abs(x)^(m*p)*abs(y)^(n*p) (no abs for odd q), every symbolic factor a power the root divides (sqrt(x^2*y^2) => abs(x)*abs(y))',
    fold: rootOfPowers,
    kinds: ['pow'],
  },
  {
    name: 'even-root-power',
    group: 'powers',
    statement: 'abs(a)^(p/q) => a^(p/q) and (-c*a)^(p/q) => (c*a)^(p/q) for p even, q odd; (a^s)^r => a^(s*r) for s with an even denominator (abs(x)^(4/3) => x^(4/3), (x^(1/4))^(1/3) => x^(1/12))',
    fold: evenRootPower,
    kinds: ['pow'],
  },
  {
    name: 'numeric-radicals',
    group: 'powers',
    statement: 'n^(a/q)*m^(b/q) => k*s^(1/q) for positive rationals n, m (one or more), with k^q*s = n^a*m^b and s an integer free of q-th powers (sqrt(8)/sqrt(2) => 2, sqrt(8) => 2*sqrt(2), 1/sqrt(2) => sqrt(2)/2)',
    fold: numericRadicals,
    kinds: ['mul', 'pow'],
  },
  {
    name: 'nested-numeric-root',
    group: 'powers',
    statement: '(k*n^(a/q)*...)^r => (k^L*n^(a*L/q)*...)^(r/L), L = lcm(q), k, n > 0 (sqrt(2*sqrt(3)) => 12^(1/4))',
    fold: nestedNumericRoot,
    kinds: ['pow'],
  },
  {
    name: 'root-content',
    group: 'powers',
    statement: '(k^q*s)^(p/q) => k^p*s^(p/q) for a rational k > 0 that comes out of the sum s exactly (sqrt(4*x^2/9 + 1) => sqrt(4*x^2 + 9)/3)',
    fold: rootContentOut,
    kinds: ['pow'],
  },
  {
    name: 'denest-sqrt',
    group: 'powers',
    statement: 'sqrt(a + b*sqrt(c)) => sqrt((a + r)/2) + sign(b)*sqrt((a - r)/2) for rationals a > 0, c > 0 with r = sqrt(a^2 - b^2*c) rational (sqrt(3 + 2*sqrt(2)) => 1 + sqrt(2))',
    fold: denestSqrt,
    kinds: ['pow'],
  },
  {
    name: 'primitive-factors',
    group: 'arithmetic',
    statement: 'c*(g*p)^k => (c*g^k)*p^k for a sum g*p whose integer coefficients have the common factor g (4*(6*x - 2) => 8*(3*x - 1))',
    fold: primitiveFactors,
    kinds: ['mul'],
  },
  {
    name: 'inverse-circular-exact-value',
    group: 'trig',
    statement: 'asin, acos, atan, acot, asec, acsc at the values of sin, cos, ... at r*pi (denominators 1, 2, 3, 4, 6; the builders fold those) => the principal angle (acos(-1/2) => 2*pi/3, atan(1/sqrt(3)) => pi/6)',
    fold: (e) => (e.kind === 'call' && e.args.length === 1 && e.derivs.length === 0 ? inverseCircularValue(e.fn, e.args[0]!) : null),
    kinds: ['call'],
  },
  {
    name: 'exact-log',
    group: 'explog',
    statement: 'log(a, b) => k for positive rationals a, b with b^k = a exactly (log(9, 3) => 2, log(1/8, 2) => -3)',
    fold: (e) => {
      if (e.kind !== 'call' || e.fn !== 'log' || e.args.length !== 2 || e.derivs.length > 0) return null;
      const [a, b] = e.args as [Expr, Expr];
      if (a.kind !== 'num' || b.kind !== 'num') return null;
      const k = exactLog(a.value, b.value);
      return k ? num(k) : null;
    },
    kinds: ['call'],
  },
  {
    name: 'trig-normal-form',
    atRegionTop: true,
    group: 'trig',
    statement:
      'a sum or product of circular functions (or of hyperbolic functions and exp) of multiples of one angle, shifted by r*pi => its value as a rational function of sin and cos (exp) of that angle reduced by sin^2 = 1 - cos^2, in lowest terms, written back (cos(x) - cos(3*x) - 2*sin(x)*sin(2*x) => 0)',
    fold: trigNormalForm,
  },
  {
    name: 'root-normal-form',
    atRegionTop: true,
    group: 'powers',
    statement:
      'a sum or product with roots of sums or products => its value with each radicand B written k*W (k > 0 its numeric content, W expanded in lowest terms), R^q = W for each root R = W^(1/q), a power of R dividing the whole denominator cleared, in lowest terms, written back (1/sqrt((x + 1)^2 + 4) - 1/sqrt(x^2 + 2*x + 5) => 0)',
    fold: rootNormalForm,
  },
  {
    name: 'same-argument',
    atRegionTop: true,
    group: 'arithmetic',
    statement: 'f(a), f(b) with a = b as polynomials in the same kernels => f of the cheaper (sin(2*(x + 1)) - sin(2*x + 2) => 0)',
    fold: sameArgumentForm,
  },
  {
    name: 'radicand-signs',
    atRegionTop: true,
    group: 'powers',
    statement:
      'abs(P) => +-P, sign(P) => +-1 beside even roots W^(p/q) (W >= 0; > 0 in a divisor) when P is a product of rational multiples of such W and factors of known sign (abs(x)*sqrt(x) => x^(3/2), sign(x)/sqrt(x) => 1/sqrt(x))',
    fold: radicandSigns,
  },
];
