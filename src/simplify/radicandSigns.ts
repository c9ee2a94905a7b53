// abs and sign beside an even root whose radicand fixes their argument's sign.
// Derivatives of antiderivatives with roots come back with abs(x*(x + 1))
// next to sqrt(x)*sqrt(x + 1), or abs(W) next to sqrt(W): the root says
// where the region is defined, and there the abs is its argument.
//
// At the top of a region (a sum, product or integer power, walked through
// sums, products and integer powers' bases down to its leaves), each even
// root W^(p/q) (q even) among the leaves makes W >= 0 wherever the region is
// defined: a sum or product is defined only where all its parts are, and an
// even root only where its radicand is >= 0. W > 0 there when p < 0, or when
// the root is a factor of a divisor: reached from the base of a negative
// integer power through products and integer powers only ((a*b)^(-1) needs
// a != 0 and b != 0; (a + b)^(-1) says nothing of a). An abs(P) or sign(P)
// among the leaves then has the sign its factors give: P read as
// c*f1^k1*...*fn^kn (c a number, the k integers; P itself first, as one
// factor), each factor
//   - f = c'*W for a rational c' != 0 and an even root's radicand W, decided
//     by reading both as rational functions in common kernels: f.n*W.d =
//     c'*W.n*f.d. Where both are defined their readings are their values
//     with nonzero denominators, so f = c'*W there: the sign of c' times
//     W's (strict where W's root is);
//   - an even power f^k: >= 0, and > 0 where f != 0 (f strict, or k < 0: a
//     divisor is nonzero wherever it is defined);
//   - an odd power: f's sign (strict if f's is, or k < 0);
//   - else what sign.ts knows of f (its facts hold wherever f is defined).
// When every factor has a sign, at least one from a radicand (other rules
// see the rest), abs(P) is P where P >= 0 and -P where P <= 0; sign(P) is 1
// or -1 only where P is strictly positive or negative (sign(0) = 0). Each
// holds wherever the region is defined, which is where its leaves all are,
// abs(P) and the roots among them: the simplifier's policy (the result may
// be defined at more points, never differ where the input is defined). Odd
// roots fix no sign (x^(1/3) is real for x < 0), nor do roots of constants.
import { call, mul, num } from '../core/build.js';
import type { Expr } from '../core/expr.js';
import { ratInv, ratMul } from '../core/rational.js';
import { boundedFold, isRegionNode, replaceInRegion } from './combinators.js';
import { cost } from './cost.js';
import * as P from './poly.js';
import { kernelsOfAll, MAX_REGION, readRational, type RationalFunction } from './rational/read.js';
import { MAX_FOLD_COST } from './normalForm.js';
import { signOf } from './sign.js';

/** Most even roots and abs/sign calls read in one region, and most factors of a call's argument. */
const MAX_ROOTS = 8;
const MAX_CALLS = 12;
const MAX_FACTORS = 8;

/** An even root's radicand, and whether it is > 0 (not only >= 0) wherever the region is defined. */
interface Radicand {
  readonly w: Expr;
  strict: boolean;
}

/** A sign that holds wherever the region is defined: >= 0 (s = 1) or <= 0 (s = -1), strictly or not. */
interface Sign {
  readonly s: 1 | -1;
  readonly strict: boolean;
  /** A radicand decided it (or one of its factors). */
  readonly root: boolean;
}

const isSignCall = (x: Expr): boolean => x.kind === 'call' && (x.fn === 'abs' || x.fn === 'sign') && x.args.length === 1 && x.derivs.length === 0;

/**
 * The even roots' radicands and the abs/sign calls among the leaves of e's region, or null past
 * the bounds. A node is walked once as it is and once as a factor of a divisor, at most.
 */
function regionParts(e: Expr): { radicands: Radicand[]; calls: Expr[] } | null {
  const radicands = new Map<number, Radicand>();
  const calls = new Map<number, Expr>();
  const seen = new Set<string>();
  const stack: Array<[Expr, boolean]> = [[e, false]];
  while (stack.length > 0) {
    const [x, divisor] = stack.pop()!;
    const key = `${x.id}${divisor ? 'd' : ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (seen.size > 2 * MAX_REGION) return null;
    if (x.kind === 'add') for (const a of x.args) stack.push([a, false]);
    else if (x.kind === 'mul') for (const a of x.args) stack.push([a, divisor]);
    else if (x.kind === 'pow' && x.exp.kind === 'num' && x.exp.value.q === 1n) stack.push([x.base, divisor || x.exp.value.p < 0n]);
    else if (x.kind === 'pow' && x.exp.kind === 'num' && x.exp.value.q % 2n === 0n) {
      const strict = divisor || x.exp.value.p < 0n;
      const known = radicands.get(x.base.id);
      if (known) known.strict ||= strict;
      else radicands.set(x.base.id, { w: x.base, strict });
      if (radicands.size > MAX_ROOTS) return null;
    } else if (isSignCall(x)) {
      calls.set(x.id, x);
      if (calls.size > MAX_CALLS) return null;
    }
  }
  return { radicands: [...radicands.values()], calls: [...calls.values()] };
}

/** The ratio c with a = c*b for polynomials (b != 0), or null when they are not proportional. */
function ratio(a: P.Poly, b: P.Poly): { p: bigint; q: bigint } | null {
  if (P.isZero(a) || P.isZero(b) || a.length !== b.length) return null;
  const c = ratMul(a[0]!.c, ratInv(b[0]!.c));
  return P.equals(a, P.scale(b, c)) ? c : null;
}

/** The signs of factors in one region: the radicands read once in common kernels with the calls' arguments. */
class Signs {
  private readonly w = new P.Work(P.LIMITS.work);
  private readonly memo = new Map<number, RationalFunction>();
  private readonly index: Map<string, number>;
  private readonly size: number;
  private readonly roots: Array<{ r: Radicand; f: RationalFunction }>;

  constructor(radicands: readonly Radicand[], calls: readonly Expr[]) {
    const { kernels, index } = kernelsOfAll([...radicands.map((r) => r.w), ...calls.map((c) => (c as Expr & { kind: 'call' }).args[0]!)]);
    this.index = index;
    this.size = kernels.length;
    // A constant radicand fixes no sign of anything.
    this.roots = radicands.map((r) => ({ r, f: this.read(r.w) })).filter(({ f }) => !(P.isConstant(f.n) && P.isConstant(f.d)));
  }

  private read(x: Expr): RationalFunction {
    return readRational(this.w, x, this.index, this.size, this.memo);
  }

  /** f's sign from a radicand it is a rational multiple of, or null. */
  private fromRadicand(f: Expr): Sign | null {
    const a = this.read(f);
    for (const { r, f: w } of this.roots) {
      const c = ratio(P.mul(this.w, a.n, w.d), P.mul(this.w, w.n, a.d));
      if (c) return { s: c.p > 0n ? 1 : -1, strict: r.strict, root: true };
    }
    return null;
  }

  /** The sign of f wherever the region is defined, or null when it does not follow. */
  of(f: Expr, depth = 0): Sign | null {
    if (f.kind === 'num') return f.value.p === 0n ? null : { s: f.value.p > 0n ? 1 : -1, strict: true, root: false };
    const known = this.fromRadicand(f);
    if (known) return known;
    if (depth > 2) return null;
    if (f.kind === 'mul') return this.product(f.args, depth + 1);
    if (f.kind === 'pow' && f.exp.kind === 'num' && f.exp.value.q === 1n) {
      const k = f.exp.value.p;
      const b = this.of(f.base, depth + 1);
      if (k % 2n === 0n) return { s: 1, strict: k < 0n || (b?.strict ?? signOf(f.base).nonzero), root: b?.root ?? false };
      return b && { s: b.s, strict: b.strict || k < 0n, root: b.root };
    }
    const facts = signOf(f);
    if (facts.nonnegative) return { s: 1, strict: facts.positive, root: false };
    if (facts.nonpositive) return { s: -1, strict: facts.negative, root: false };
    return null;
  }

  private product(fs: readonly Expr[], depth: number): Sign | null {
    if (fs.length > MAX_FACTORS) return null;
    let s: 1 | -1 = 1;
    let strict = true;
    let root = false;
    for (const f of fs) {
      const x = this.of(f, depth);
      if (!x) return null;
      if (x.s < 0) s = s === 1 ? -1 : 1;
      strict &&= x.strict;
      root ||= x.root;
    }
    return { s, strict, root };
  }
}

/** What an abs or sign call is where its argument's sign is known, or null. */
function rewritten(c: Expr & { kind: 'call' }, sign: Sign | null): Expr | null {
  if (!sign?.root) return null;
  const a = c.args[0]!;
  if (c.fn === 'abs') return sign.s > 0 ? a : mul(num(-1n), a);
  return sign.strict ? num(BigInt(sign.s)) : null;
}

const SIGNS = boundedFold((e: Expr) => fold(e));

/** e with each abs(P) and sign(P) whose P's sign its region's even roots fix written without them, or null. */
export function radicandSigns(e: Expr): Expr | null {
  if (!isRegionNode(e) || cost(e) > MAX_FOLD_COST) return null;
  return SIGNS(e);
}

function fold(e: Expr): Expr | null {
  const parts = regionParts(e);
  if (!parts || parts.radicands.length === 0 || parts.calls.length === 0) return null;
  const signs = new Signs(parts.radicands, parts.calls);
  const replace = new Map<number, Expr>();
  for (const c of parts.calls as Array<Expr & { kind: 'call' }>) {
    const out = rewritten(c, signs.of(c.args[0]!));
    if (out) replace.set(c.id, out);
  }
  return replace.size === 0 ? null : replaceInRegion(e, replace);
}
