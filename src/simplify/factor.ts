// Factoring a sum as it stands, without expanding its terms: the common
// numeric factor, and the bases every term (or a group of terms) has, pulled
// out: 2*a*x + 2*b*x = 2*x*(a + b), cos(x)/x - sin(x)/x^2 = (cos(x) - sin(x)/x)/x,
// a*b + a*c + d = a*(b + c) + d (a group's base to one power only: no Horner form). Sound everywhere: t = f*(t/f) with the
// builders cancelling f's factors exactly.
import { add, mul, num, ONE, pow } from '../core/build.js';
import { makeMul, type Expr, type Num } from '../core/expr.js';
import { gcd, MathError, rat, ratAdd, ratInv, ratMul, ratNeg, type Rational } from '../core/rational.js';
import { isRecoverable } from '../core/budget.js';
import { cost } from './cost.js';

interface Factors {
  readonly coef: Rational;
  /** key (powerKey) -> [base, exponent] */
  readonly powers: ReadonlyMap<number, readonly [Expr, Expr]>;
}

/**
 * A product may hold one base twice, to a symbolic and to a numeric power
 * (x^n*cbrt(x): the builders do not merge them, x^(n + 1/3) being undefined
 * for x < 0): so powers are keyed by base and by whether the exponent is a
 * number (only numeric exponents are compared, symbolic ones must be equal).
 */
const powerKey = (base: Expr, exp: Expr): number => (exp.kind === 'num' ? base.id : -base.id - 1);

function factorsOf(t: Expr): Factors {
  let coef = rat(1n);
  const powers = new Map<number, readonly [Expr, Expr]>();
  for (const f of t.kind === 'mul' ? t.args : [t]) {
    if (f.kind === 'num') coef = f.value;
    else if (f.kind === 'pow') powers.set(powerKey(f.base, f.exp), [f.base, f.exp]);
    else powers.set(f.id, [f, num(1)]);
  }
  return { coef, powers };
}

/** The exponent two terms share of a base: the one nearer 0 of two numbers of one sign, or equal ones. */
function sharedExponent(a: Expr, b: Expr): Expr | null {
  if (a === b) return a;
  if (a.kind !== 'num' || b.kind !== 'num') return null;
  const x = a.value;
  const y = b.value;
  if (x.p > 0n && y.p > 0n) return x.p * y.q <= y.p * x.q ? a : b;
  if (x.p < 0n && y.p < 0n) return x.p * y.q >= y.p * x.q ? a : b;
  return null;
}

interface Common {
  readonly coef: Rational;
  readonly powers: ReadonlyMap<number, readonly [Expr, Expr]>;
}

/** The common factor of some terms: gcd of the coefficients (sign pulled out when all are negative) and shared powers. */
function commonFactor(terms: readonly Factors[]): Common {
  let g = 0n;
  let l = 1n;
  for (const t of terms) {
    g = gcd(g, t.coef.p);
    l = (l / gcd(l, t.coef.q)) * t.coef.q;
  }
  // The gcd of p_i/q_i is gcd(p_i)/lcm(q_i); a minus comes out only when every term has one.
  const negative = terms.every((t) => t.coef.p < 0n);
  const powers = new Map<number, readonly [Expr, Expr]>();
  const [first, ...rest] = terms;
  for (const [id, [base, exp]] of first!.powers) {
    let shared: Expr | null = exp;
    for (const t of rest) {
      const other = t.powers.get(id);
      shared = other && shared ? sharedExponent(shared, other[1]) : null;
      if (!shared) break;
    }
    if (shared) powers.set(id, [base, shared]);
  }
  return { coef: rat(negative ? -g : g, l), powers };
}

/**
 * A term divided by the common factor, power by power (equal exponents cancel
 * exactly). The term's factors are those of a normalised product, in order:
 * when each factor is either dropped or kept as it is, what is left is
 * normalised already (any part of a normalised product is), so the quotient
 * is built from that list directly, as mul would build it, instead of being
 * re-normalised (a wide sum has many terms of many factors). A changed
 * exponent goes through mul (x^(4/3)/x^(1/3) = x may merge with x^n).
 */
function divideTerm(t: Factors, c: Common): Expr {
  const coef = ratMul(t.coef, ratInv(c.coef));
  const parts: Expr[] = [num(coef)];
  let direct = coef.p !== 0n;
  for (const [id, [base, exp]] of t.powers) {
    const shared = c.powers.get(id);
    let part: Expr;
    if (!shared) {
      part = pow(base, exp);
      // The factor itself (base, or the power base^exp), not a folded form of it.
      if (exp === ONE ? part !== base || base.kind === 'num' || base.kind === 'mul' : part.kind !== 'pow' || part.base !== base || part.exp !== exp) direct = false;
    } else if (shared[1] !== exp) {
      part = pow(base, num(ratAdd((exp as Num).value, ratNeg((shared[1] as Num).value))));
      direct = false;
    } else continue;
    parts.push(part);
  }
  if (!direct) return mul(...parts);
  if (parts.length === 1) return parts[0]!;
  if (coef.p === 1n && coef.q === 1n) return parts.length === 2 ? parts[1]! : makeMul(parts.slice(1));
  return makeMul(parts);
}

/** c*(t1/c + t2/c + ...), or null when c is 1. */
function pullOut(terms: readonly Factors[], c: Common): Expr | null {
  if (c.powers.size === 0 && c.coef.p === 1n && c.coef.q === 1n) return null;
  const f = mul(num(c.coef), ...[...c.powers.values()].map(([b, e]) => pow(b, e)));
  return mul(f, add(...terms.map((t) => divideTerm(t, c))));
}

/** Most groups of terms whose common base is pulled out, per sum. */
const MAX_GROUPS = 8;
/** How far above twice a rival's cost a group's estimated form may be and still be built. */
const FAR = 10;

/**
 * Ways to factor a sum as it stands: all its terms, or each group of terms
 * that share a base (the largest MAX_GROUPS). `rival` is the cost of the
 * cheapest form another rule has for e: a group whose form would cost far
 * more (pulling a base out of k terms saves about k - 1 copies of it) is not
 * built, since finishing it seldom closes such a gap (the product rule on
 * (x + 1)*...*(x + 60): 60 groups of 59 terms of 58 factors, where the
 * expanded polynomial is 40 times cheaper).
 */
export function factorings(e: Expr, rival = Infinity): Expr[] {
  if (e.kind !== 'add' || e.args.length > 64) return [];
  try {
    const terms = e.args;
    const fs = terms.map(factorsOf);
    const out: Expr[] = [];
    const all = pullOut(fs, commonFactor(fs));
    if (all) out.push(all);
    // Groups: the terms that contain a given base, when that is more than one and not all.
    const groups: Array<{ id: number; inGroup: Factors[] }> = [];
    const seen = new Set<number>();
    for (const f of fs) {
      for (const id of f.powers.keys()) {
        if (seen.has(id)) continue;
        seen.add(id);
        const inGroup = fs.filter((g) => g.powers.has(id));
        if (inGroup.length < 2 || inGroup.length === terms.length) continue;
        // Only a base the group has to one power: x^2 - 2*x - 5 is not x*(x - 2) - 5 (Horner's
        // form, which nobody writes), while a*b + a*c + d is a*(b + c) + d.
        const exp = inGroup[0]!.powers.get(id)![1];
        if (inGroup.some((g) => g.powers.get(id)![1] !== exp)) continue;
        groups.push({ id, inGroup });
      }
    }
    // Building a group's form divides each of its terms: with a base per factor of a wide sum
    // (the product rule on n factors: n groups of n - 1 terms of n - 1 factors) that is cubic.
    // Past MAX_GROUPS only the largest groups are built (the simplifier finishes only the
    // cheapest few forms anyway, and pulling a base out of more terms saves more).
    if (groups.length > MAX_GROUPS) {
      groups.sort((a, b) => b.inGroup.length - a.inGroup.length);
      groups.length = MAX_GROUPS;
    }
    const whole = cost(e);
    for (const { id, inGroup } of groups) {
      const [base, exp] = inGroup[0]!.powers.get(id)!;
      if (whole - (inGroup.length - 1) * cost(pow(base, exp)) > 2 * rival + FAR) continue;
      const pulled = pullOut(inGroup, commonFactor(inGroup));
      if (pulled) out.push(add(pulled, ...terms.filter((_, i) => !fs[i]!.powers.has(id))));
    }
    return out;
  } catch (err) {
    if (isRecoverable(err)) return [];
    throw err;
  }
}
