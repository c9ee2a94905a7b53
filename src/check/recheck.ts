// The high-precision re-check of a gradient-check line, for checks of expressions
// (the CLI's `check`, checkExpression): before a line is called bad, and where
// float64 could not decide, the comparison is redone with the values of
// src/eval/precise.ts (exact rationals or certain intervals, 256 bits) at the same
// point, taken exactly as the rational it is.
//
// The derivative of f is estimated by central differences of the precise values at
// steps h, h/2, h/4, h/8 with h = 2^-30 max(|x|, 1) (2^-30 |x| for 0 < |x| < 1),
// extrapolated twice (Richardson): no rounding is left at 256 bits, and the
// truncation error, of order h^6, is bounded by the distances to the once-extrapolated
// value and to the twice-extrapolated value of the larger steps. The claimed derivative is evaluated precisely at the point. The same rules
// as in float64 then decide (see gradcheck.ts), with these far smaller errors. Where
// precise evaluation is impossible (a function without certified evaluation, a
// point next to a domain edge), the re-check declines and the float64 verdict stands.
import { arg, argError, expectExpr, expectObject, expectString } from '../core/check-args.js';
import { intern } from '../core/build.js';
import type { Call, Expr, Pow } from '../core/expr.js';
import { rat, ratAdd, ratCmp, ratMul, ratNeg, ratToNumber, type Rational } from '../core/rational.js';
import { freeSymbols, postorder } from '../core/traverse.js';
import { certainSign, preciseBounds, preciseDifference, preciseText, preciseValue, rationalOf, type Precise } from '../eval/precise.js';
import { DEFAULT_TOLERANCE, MARGIN, UNDECIDED, checkOptions, trueRelError, type CheckOptions } from './gradcheck.js';
import { expectLine, type CheckLine } from './report.js';

const BITS = 256;
const STEP = 2 ** -30;

/** A real number as a rational midpoint and a radius bound (also rational). */
interface Ball {
  readonly mid: Rational;
  readonly rad: Rational;
}

const half = rat(1n, 2n);
const absR = (r: Rational): Rational => (r.p < 0n ? ratNeg(r) : r);
const sub = (a: Rational, b: Rational): Rational => ratAdd(a, ratNeg(b));
const maxR = (a: Rational, b: Rational): Rational => (ratCmp(a, b) >= 0 ? a : b);

function ball(p: Precise): Ball {
  const [lo, hi] = preciseBounds(p);
  return { mid: ratMul(ratAdd(lo, hi), half), rad: ratMul(sub(hi, lo), half) };
}

/** a*x + b*y as balls, for rational constants a, b. */
function combine(a: Rational, x: Ball, b: Rational, y: Ball): Ball {
  return { mid: ratAdd(ratMul(a, x.mid), ratMul(b, y.mid)), rad: ratAdd(ratMul(absR(a), x.rad), ratMul(absR(b), y.rad)) };
}

function valueAt(e: Expr, scope: Record<string, Rational>): Ball | undefined {
  const r = preciseValue(e, scope, BITS);
  return r.kind === 'exact' || r.kind === 'interval' ? ball(r) : undefined;
}

/** The precise derivative of f in `v` at the scope, with a bound on its error; undefined when f cannot be evaluated precisely nearby. */
export function preciseDerivative(f: Expr, v: string, scope: Readonly<Record<string, Rational>>): Ball | 'kink' | undefined {
  f = intern(expectExpr(f, 'preciseDerivative', arg(1, 'f')));
  expectString(v, 'preciseDerivative', arg(2, 'v'), 'a variable name');
  expectObject(scope, 'preciseDerivative', arg(3, 'scope'), "an object of the symbols' exact values ({ p, q } of bigints)");
  for (const k of Object.keys(scope)) {
    const r = scope[k] as unknown as { p?: unknown; q?: unknown } | null;
    if (typeof r !== 'object' || r === null || typeof r.p !== 'bigint' || typeof r.q !== 'bigint') throw argError('preciseDerivative', `${arg(3, 'scope')}.${k}`, 'an exact value { p, q } of bigints', r);
  }
  const x0 = scope[v];
  if (x0 === undefined) return undefined;
  const ax = Math.abs(ratToNumber(x0));
  // Relative to |x| (on its own side of a singularity at 0) unless x is 1 or more, or so small that the step would underflow.
  const h0 = rationalOf(STEP * (ax >= 1 || ax < 2 ** -1000 ? Math.max(ax, 1) : ax));
  // Only the branch points that move with v: ceil(pi) or abs(s) are the same all along the step.
  const kinks = postorder(f).filter(
    (n): n is Call | Pow =>
      ((n.kind === 'call' && KINKS.has(n.fn)) || (n.kind === 'pow' && !(n.exp.kind === 'num' && n.exp.value.q === 1n))) && freeSymbols(n).includes(v),
  );
  if (kinks.length > 0) {
    const at = [sub(x0, h0), x0, ratAdd(x0, h0)].map((t) => branches(kinks, { ...scope, [v]: t }));
    if (at.some((b) => b === undefined) || at[0] !== at[1] || at[1] !== at[2]) return 'kink';
  }
  const cds: Ball[] = [];
  for (let k = 0, h = h0; k < LEVELS; k++, h = ratMul(h, half)) {
    const plus = valueAt(f, { ...scope, [v]: ratAdd(x0, h) });
    const minus = valueAt(f, { ...scope, [v]: sub(x0, h) });
    if (!plus || !minus) return undefined;
    const inv2h = rat(h.q, 2n * h.p);
    cds.push(combine(inv2h, plus, ratNeg(inv2h), minus));
  }
  if (!asymptotic(cds)) return { mid: cds.at(-1)!.mid, rad: INFINITE };
  const third = rat(1n, 3n);
  const r1 = cds.slice(1).map((cd, k) => combine(ratMul(rat(4n), third), cd, ratNeg(third), cds[k]!));
  const r2 = r1.slice(1).map((r, k) => combine(rat(16n, 15n), r, rat(-1n, 15n), r1[k]!));
  const best = r2.at(-1)!;
  // Truncation: bounded by the distance to the once-extrapolated value and to the
  // twice-extrapolated one of the larger steps. A jump or a kink off the point makes
  // the differences grow as the steps shrink, and this bound with them.
  const trunc = maxR(absR(sub(best.mid, r1.at(-1)!.mid)), absR(sub(best.mid, r2.at(-2)!.mid)));
  return { mid: best.mid, rad: ratAdd(best.rad, trunc) };
}

/** The functions with a kink or a jump (and the conditions): where their branch changes, f need not be differentiable. */
const KINKS = new Set(['abs', 'sign', 'floor', 'ceil', 'min', 'max', 'atan2', 'acot', 'cbrt', 'nthroot', 'heaviside', 'relu', 'lt', 'le', 'eq', 'ne', 'piecewise']);

/**
 * The branch every non-smooth call takes at a point, as a key (the signs of the
 * arguments of abs and sign and of the bases of fractional powers, the integer of
 * floor and ceil, which argument of min or max is the extreme one, the signs of
 * a - b in comparisons, which conditions of a piecewise value hold), or undefined
 * where it is at a branch point or cannot be told.
 */
function branches(calls: readonly (Call | Pow)[], scope: Readonly<Record<string, Rational>>): string | undefined {
  const parts: string[] = [];
  const signOf = (e: Expr): number | undefined => {
    const s = certainSign(preciseValue(e, scope, 128));
    return s === undefined || s === 0 ? undefined : s;
  };
  for (const c of calls) {
    if (c.kind === 'pow') {
      // u^p for p not an integer: a branch point (a cusp, x^(2/3)) where u = 0
      const s = signOf(c.base);
      if (s === undefined) return undefined;
      parts.push(String(s));
    } else if (c.fn === 'nthroot') {
      const s = signOf(c.args[0]!);
      if (s === undefined) return undefined;
      parts.push(String(s));
    } else if (c.fn === 'floor' || c.fn === 'ceil') {
      const r = preciseValue(c, scope, 128);
      if (r.kind !== 'exact') return undefined;
      parts.push(`${r.value.p}/${r.value.q}`);
    } else if (c.fn === 'piecewise') {
      // A condition that is a comparison (or and/or/not of comparisons) is covered by
      // its comparisons, listed on their own; any other condition counts by its sign.
      for (let i = 0; i + 1 < c.args.length; i += 2) {
        const cond = c.args[i]!;
        if (cond.kind === 'call' && LOGIC.has(cond.fn)) continue;
        const s = signOf(cond);
        if (s === undefined) return undefined;
        parts.push(String(s));
      }
    } else if (c.fn === 'min' || c.fn === 'max' || c.fn === 'lt' || c.fn === 'le' || c.fn === 'eq' || c.fn === 'ne') {
      for (let i = 0; i < c.args.length; i++) {
        for (let j = i + 1; j < c.args.length; j++) {
          const s = certainSign(preciseDifference(c.args[i]!, c.args[j]!, scope, 128));
          if (s === undefined || s === 0) return undefined;
          parts.push(String(s));
        }
      }
    } else {
      // abs, sign, acot, cbrt, heaviside and relu of u: the sign of u; atan2(y, x): the signs of both
      for (const a of c.args) {
        const s = signOf(a);
        if (s === undefined) return undefined;
        parts.push(String(s));
      }
    }
  }
  return parts.join(',');
}

const LOGIC = new Set(['lt', 'le', 'eq', 'ne', 'and', 'or', 'not']);

/** Stands for an error bound that says nothing (f is not smooth within the steps). */
const INFINITE: Rational = rat(10n ** 400n);

/**
 * Whether the central differences are in their asymptotic regime, where each
 * halving of the step shrinks their change fourfold (error c*h^2): then Richardson's
 * error estimate holds. A jump, a kink or a pole within the step breaks the pattern
 * (a pole makes the differences grow fourfold instead, a kink twofold), and so would
 * fool the extrapolation into a confident wrong value.
 */
function asymptotic(cds: readonly Ball[]): boolean {
  const changes = cds.slice(1).map((cd, k) => ({ d: absR(sub(cd.mid, cds[k]!.mid)), noise: ratMul(rat(4n), ratAdd(cd.rad, cds[k]!.rad)) }));
  for (let k = 0; k + 1 < changes.length; k++) {
    const [a, b] = [changes[k]!, changes[k + 1]!];
    const aZero = ratCmp(a.d, a.noise) <= 0;
    const bZero = ratCmp(b.d, b.noise) <= 0;
    if (bZero) continue; // converged (or exact: a polynomial of degree 2)
    if (aZero) return false; // changes that grow from nothing
    // 2.5 |b| <= |a| <= 6 |b|: the fourfold shrinking, with room for the next order
    if (ratCmp(a.d, ratMul(rat(5n, 2n), b.d)) < 0 || ratCmp(a.d, ratMul(rat(6n), b.d)) > 0) return false;
  }
  return true;
}

/** Steps h, h/2, h/4, h/8 of the precise central differences. */
const LEVELS = 4;

export interface RecheckInput {
  readonly f: Expr;
  /** The derivative whose values are checked (leibniz's, or a claimed one). */
  readonly claim: Expr;
  /** The variable of this line. */
  readonly v: string;
  /** Every symbol's value at the point (the variables and the fixed parameters). */
  readonly scope: Readonly<Record<string, number>>;
}

/**
 * The line re-judged at high precision, or undefined when precise evaluation is
 * impossible there (then the float64 verdict stands).
 */
export function recheckLine(line: CheckLine, input: RecheckInput, options: CheckOptions = {}): CheckLine | undefined {
  expectLine(line, 'recheckLine', arg(1, 'line'));
  const i = expectObject(input, 'recheckLine', arg(2, 'input'), 'a re-check input { f, claim, v, scope }');
  expectExpr(i.f, 'recheckLine', `${arg(2, 'input')}.f`);
  expectExpr(i.claim, 'recheckLine', `${arg(2, 'input')}.claim`);
  expectString(i.v, 'recheckLine', `${arg(2, 'input')}.v`, 'a variable name');
  expectObject(i.scope, 'recheckLine', `${arg(2, 'input')}.scope`, "an object of the symbols' values");
  options = checkOptions(options, 'recheckLine');
  const tol = (Object.hasOwn(options, 'tolerance') ? options.tolerance : undefined) ?? DEFAULT_TOLERANCE;
  const scope: Record<string, Rational> = Object.create(null) as Record<string, Rational>;
  for (const [k, x] of Object.entries(input.scope)) {
    if (!Number.isFinite(x)) return undefined;
    scope[k] = rationalOf(x);
  }
  let claimed: Ball | undefined;
  let numerical: Ball | 'kink' | undefined;
  try {
    claimed = valueAt(input.claim, scope);
    numerical = preciseDerivative(input.f, input.v, scope);
  } catch {
    return undefined; // an exact evaluation that cannot be done (a division by an exact 0): float64 stands
  }
  if (numerical === 'kink') {
    const { reason: _float, ...rest } = line;
    return { ...rest, verdict: 'undecided', reason: UNDECIDED.kink, precise: true, pass: false };
  }
  if (!claimed || !numerical) return undefined;
  const d = absR(sub(numerical.mid, claimed.mid));
  const err = ratMul(rat(BigInt(MARGIN)), ratAdd(numerical.rad, claimed.rad));
  const m = maxR(absR(numerical.mid), absR(claimed.mid));
  const tolR = rationalOf(tol);
  const allowed = ratMul(tolR, m);
  const n = ratToNumber(numerical.mid);
  const a = ratToNumber(claimed.mid);
  let verdict: CheckLine['verdict'];
  let reason: string | undefined;
  if (ratCmp(d, allowed) > 0 && ratCmp(d, err) > 0) verdict = 'bad';
  else if (ratCmp(d, allowed) <= 0 && ratCmp(err, allowed) <= 0 && m.p !== 0n) verdict = 'good';
  else {
    verdict = 'undecided';
    const unresolved = numerical.rad === INFINITE || ratCmp(ratMul(rat(2n), numerical.rad), absR(numerical.mid)) >= 0;
    reason = m.p !== 0n && unresolved ? UNDECIDED.diverge : UNDECIDED.zero;
  }
  const { reason: _float, ...rest } = line;
  const sum = ratAdd(absR(numerical.mid), absR(claimed.mid));
  // Where the two round to one float64, or to 0, the precise values are what is shown.
  const lost = (x: number, r: Rational): boolean => r.p !== 0n && Math.abs(x) < 2.2250738585072014e-308;
  const shown: readonly [string, string] | undefined =
    (n === a && d.p !== 0n) || lost(n, numerical.mid) || lost(a, claimed.mid)
      ? [preciseText({ kind: 'exact', value: numerical.mid }, 17), preciseText({ kind: 'exact', value: claimed.mid }, 17)]
      : undefined;
  return {
    ...rest,
    numerical: n,
    analytic: a,
    relError: sum.p === 0n ? 0 : ratToNumber(ratMul(d, rat(sum.q, sum.p))),
    absError: ratToNumber(d),
    numericalError: ratToNumber(numerical.rad),
    bound: ratToNumber(err),
    verdict,
    ...(reason !== undefined ? { reason } : {}),
    ...(shown ? { shown } : {}),
    precise: true,
    pass: verdict === 'good',
  };
}
