// Roots of sums and products in a region (a sum or product, with its integer
// powers) brought to one form each, so that the same root in different dress
// is one kernel: every radicand B is read as a rational function in lowest
// terms and written k*W, with k > 0 its numeric content and W expanded
// (sqrt((x + 1)^2 + 4) and sqrt(x^2 + 2*x + 5) are both sqrt(x^2 + 2*x + 5);
// sqrt(9 - 3*x^2) is sqrt(3)*sqrt(3 - x^2)), the q-th power part of its
// denominator out of the root (sqrt(1 - 1/x^2) is sqrt(x^2 - 1)/abs(x); not
// of circular radicands), its own roots in their forms. The region is then
// read as a rational function of its kernels, abs(m) as the root of m^2 (so
// abs(x)^2 = x^2), a root whose radicand is the product or
// quotient of two others' written as theirs (splitProducts), a root R =
// W^(1/q) to a power q or more reduced by R^q = W, a power of R dividing the
// whole denominator cleared (x*(2 - x)/sqrt(x*(2 - x)) is sqrt(x*(2 - x))),
// and written back. One root is enough: it may meet its own radicand.
//
// Exact wherever the node is defined: B = k*W wherever B is defined, and W (in
// lowest terms, of B's kernels) is defined there too; (k*W)^(p/q) =
// k^(p/q)*W^(p/q) for k > 0; the power part out as canonical says;
// abs(m)^2 = m^2 everywhere; R^q = W wherever R is defined; multiplying a
// numerator and denominator by a power of R changes nothing where R != 0,
// which holds wherever R is in a denominator.
import { add, mul, num, pow } from '../core/build.js';
import type { Expr } from '../core/expr.js';
import { isRecoverable } from '../core/budget.js';
import { ratInv, type Rational } from '../core/rational.js';
import * as P from './poly.js';
import { collectKernels, isWrittenOut, kernelsOfAll, knownFactors, readRational, type RationalFunction } from './rational/read.js';
import { Writer } from './rational/write.js';
import { outOfRoot, powerPart } from './rational/powerPart.js';
import { circularCanonical, isCircularCall, MAX_FOLD_COST, rootCount, writeBack } from './normalForm.js';
import { compareCost, cost } from './cost.js';
import { boundedFold, regionLeaves, replaceInRegion } from './combinators.js';

type PowNode = Expr & { kind: 'pow' };
const MAX_ROOTS = 8;

/** A sum or product, or an integer power of one (sqrt(1/(x + 1)) meets sqrt(x + 1)). */
const isRootBase = (b: Expr): boolean => b.kind === 'add' || b.kind === 'mul' || isCircularCall(b) || (b.kind === 'pow' && b.exp.kind === 'num' && b.exp.value.q === 1n && isRootBase(b.base));

/** The distinct roots of sums and products in the region of e, or null past the bounds. */
function regionRoots(e: Expr): PowNode[] | null {
  const leaves = regionLeaves(e, 300);
  if (!leaves) return null;
  const out: PowNode[] = [];
  for (const x of leaves) {
    if (x.kind !== 'pow' || x.exp.kind !== 'num' || !isRootBase(x.base)) continue;
    if (x.exp.value.p > 12n || x.exp.value.p < -12n || x.exp.value.q > 6n) return null;
    out.push(x);
    if (out.length > MAX_ROOTS) return null;
  }
  return out;
}

/** A root's radicand in one form (canonical). */
interface Canonical {
  readonly k: Rational;
  readonly W: Expr;
  readonly out: Expr | null;
  readonly plain: boolean;
}

/**
 * The form a root takes: k^(p/q)*W^(p/q)*out^p, with W itself or the representative the region
 * shows for it; a number when nothing is left under the root.
 */
function rootOf(x: PowNode, c: Canonical, W: Expr): Expr {
  return mul(pow(num(c.k), x.exp), pow(W, x.exp), c.out ? pow(c.out, num((x.exp as Expr & { kind: 'num' }).value.p)) : num(1));
}

/**
 * The radicand with its own roots in their forms, so the same root in
 * different dress under two roots is one (sqrt(sqrt((x + 1)/x) + 1/x) and sqrt(sqrt(1 + 1/x) + 1/x)).
 * Exact: each inner root is replaced by its value wherever it is defined.
 */
function withInnerForms(radicand: Expr, depth: number): Expr {
  const inner = depth < 2 ? regionRoots(radicand) : null;
  if (!inner || inner.length === 0) return radicand;
  const forms = new Map<number, Expr>();
  for (const x of inner) {
    const c = canonical(x.base, Number((x.exp as Expr & { kind: 'num' }).value.q), depth + 1);
    if (!c || (c.W.kind === 'num' && !c.out)) continue;
    const form = rootOf(x, c, c.W);
    if (form !== x) forms.set(x.id, form);
  }
  return forms.size === 0 ? radicand : replaceInRegion(radicand, forms);
}

/**
 * B^(1/q) as k^(1/q)*W^(1/q)*F: k > 0 its numeric content, W in lowest terms written out (key:
 * W's node), F the q-th power part of B's denominator (and, where nothing else is left under the
 * root or q is odd, of its numerator) taken out of the root: sqrt((x^2 + 1)/x^2) is
 * sqrt(x^2 + 1)/abs(x), cbrt((x + 1)/x^3) is cbrt(x + 1)/x (outOfRoot); W a number when nothing
 * is left. Null when B is not a rational function within bounds. plain: B itself is W (k = 1, no
 * denominator to cancel, so defined wherever W is), and may stand for W where it is cheaper.
 *
 * Exact where B^(1/q) is defined: B = k*N*L^q/(D*M^q) there with M != 0 (the denominator in lowest
 * terms divides B's); q odd: real odd roots are multiplicative; q even: M^q > 0, so N*L^q/D >= 0,
 * and L comes out only when N/D is a number, then > 0 (L = 0 would leave N/D < 0 undefined), so
 * (N*L^q/(D*M^q))^(1/q) = (N/D)^(1/q)*|L|/|M|.
 */
function canonical(radicand: Expr, q: number, depth: number): Canonical | null {
  const own = withInnerForms(radicand, depth);
  // Circular functions in one form first (4 - 3*sin(x)^2 is 3*cos(x)^2 + 1).
  const circular = circularCanonical(own);
  const b = circular ?? own;
  const { kernels, index } = collectKernels(b);
  const size = kernels.length;
  if (size === 0 || size > 12) return null;
  const w = new P.Work(P.LIMITS.work);
  const f = readRational(w, b, index, size, new Map());
  if (P.isZero(f.n)) return null;
  let { n, d } = f;
  const polynomial = P.isConstant(d);
  const g = P.gcd(w, n, d, size);
  if (!P.isConstant(g)) {
    n = P.divide(w, n, g)!;
    d = P.divide(w, d, g)!;
  }
  const cn = P.numericContent(n); // > 0
  const cd = P.numericContent(d);
  const k = { p: cn.p * cd.q, q: cn.q * cd.p };
  const writer = new Writer(kernels, size, w);
  let top = P.scale(n, { p: cn.q, q: cn.p });
  let bottom = P.scale(d, { p: cd.q, q: cd.p });
  // The q-th powers out: the denominator's always, the numerator's where q is odd or nothing else stays.
  // Not of circular radicands: abs(cos(x)) out of sqrt(tan(x)^2 + 2*tan(x) + 2) among tangents and
  // secants has nothing to meet, and blocks the form the trig rules find (Rubi, Charlwood 8).
  const outs: Expr[] = [];
  const below = circular ? null : powerPart(w, bottom, q, size);
  if (below) {
    outs.push(pow(outOfRoot(below, q, writer), -1));
    bottom = below.rest;
  }
  const above = circular ? null : powerPart(w, top, q, size);
  if (above && (q % 2 === 1 || (P.isConstant(above.rest) && P.isConstant(bottom) && above.rest[0]!.c.p * bottom[0]!.c.p > 0n))) {
    outs.push(outOfRoot(above, q, writer));
    top = above.rest;
  }
  const written = (t: P.Poly, u: P.Poly): Expr =>
    P.isConstant(u) ? mul(num(ratInv(u[0]!.c)), writer.expanded(t)) : mul(writer.expanded(t), pow(writer.expanded(u), -1));
  const W = written(top, bottom);
  const out = outs.length === 0 ? null : mul(...outs);
  return { k, W, out, plain: !circular && own === radicand && polynomial && k.p === k.q && !out };
}

/** The roots' parts of a reading: the kernel index of each root W^(1/q), its q, and W read in the same kernels. */
interface RootKernel {
  readonly i: number;
  readonly q: number;
  readonly w: RationalFunction;
}

/** f with R^q = W applied until no root kernel has a power q or more (the root's W may hold other roots). */
function reduceRoots(w: P.Work, f: RationalFunction, roots: readonly RootKernel[], size: number): RationalFunction {
  let { n, d } = f;
  for (let round = 0; round < 8; round++) {
    let changed = false;
    for (const r of roots) {
      const rn = reduceOne(w, n, r);
      const rd = reduceOne(w, d, r);
      if (rn.s === 0 && rd.s === 0) continue;
      changed = true;
      // n = rn.p/dW^sn, d = rd.p/dW^sd
      n = P.mul(w, rn.p, P.pow(w, r.w.d, rd.s, size));
      d = P.mul(w, rd.p, P.pow(w, r.w.d, rn.s, size));
    }
    if (!changed) break;
  }
  return { n, d };
}

/** p = out/dW^s with no power of the root's kernel q or more in out. */
function reduceOne(w: P.Work, p: P.Poly, r: RootKernel): { p: P.Poly; s: number } {
  let s = 0;
  let cur = p;
  while (cur.some((t) => t.e[r.i]! >= r.q)) {
    if (++s > 12) throw new P.TooBig('root powers');
    const low = cur.filter((t) => t.e[r.i]! < r.q);
    const high = cur
      .filter((t) => t.e[r.i]! >= r.q)
      .map((t) => {
        const e = [...t.e];
        e[r.i] = e[r.i]! - r.q;
        return { e, c: t.c };
      });
    cur = P.add(w, P.mul(w, P.fromTerms(w, low), r.w.d), P.mul(w, P.fromTerms(w, high), r.w.n));
  }
  return { p: cur, s };
}

/**
 * f with each root whose radicand is the product (quotient) of two others'
 * radicands, of the same index q, written as the product (quotient) of their
 * roots: sqrt(1 - x^4) is sqrt(x^2 + 1)*sqrt(1 - x^2), sqrt((x + 1)/(2*x + 3))
 * is sqrt(x + 1)/sqrt(2*x + 3), in a region holding those roots. Exact
 * wherever the region is defined: it holds all three, so (q even) the two
 * radicands are >= 0 there (a divisor's > 0, the quotient being defined),
 * where W1^(1/q)*W2^(1/q) = (W1*W2)^(1/q) and W1^(1/q)/W2^(1/q) = (W1/W2)^(1/q);
 * for q odd they hold wherever both sides are defined. So for a root of the
 * reciprocal of another's radicand W (sqrt(1/(x + 1)) is 1/sqrt(x + 1)):
 * (1/W)^(1/q) = 1/W^(1/q) where the left is defined (W > 0 for q even).
 */
function splitProducts(w: P.Work, f: RationalFunction, roots: readonly RootKernel[]): RationalFunction {
  // How each split root is written: kernel a times kernel b, or a over b (1 over b where a < 0).
  // The parts are roots of polynomials (sqrt(x + 1) is not split into sqrt((x + 1)/(1 - x))*sqrt(1 - x)),
  // and no split root is a part of another split (no chains).
  const into = new Map<number, { a: number; b: number; over: boolean }>();
  const parts = new Set<number>();
  const times = (x: P.Poly, y: P.Poly, z: P.Poly): P.Poly => P.mul(w, P.mul(w, x, y), z);
  const polynomial = roots.filter((r) => P.isConstant(r.w.d));
  for (const r of roots) {
    if (parts.has(r.i)) continue;
    // r = 1/a: r.n*a.n = r.d*a.d (sqrt(1/(x + 1)) beside sqrt(x + 1); a the divisor, nothing over it).
    const inverse = P.isConstant(r.w.d) ? undefined : roots.find((a) => a !== r && a.q === r.q && !into.has(a.i) && P.equals(P.mul(w, r.w.n, a.w.n), P.mul(w, r.w.d, a.w.d)));
    if (inverse) {
      into.set(r.i, { a: -1, b: inverse.i, over: true });
      parts.add(inverse.i);
      continue;
    }
    search: for (const a of polynomial) {
      for (const b of polynomial) {
        if (a === b || a === r || b === r || a.q !== r.q || b.q !== r.q || into.has(a.i) || into.has(b.i)) continue;
        // r = a*b: r.n*a.d*b.d = r.d*a.n*b.n (each pair once); r = a/b: r.n*a.d*b.n = r.d*a.n*b.d.
        if (a.i < b.i && P.equals(times(r.w.n, a.w.d, b.w.d), times(r.w.d, a.w.n, b.w.n))) {
          into.set(r.i, { a: a.i, b: b.i, over: false });
          parts.add(a.i).add(b.i);
          break search;
        }
        if (P.equals(times(r.w.n, a.w.d, b.w.n), times(r.w.d, a.w.n, b.w.d))) {
          into.set(r.i, { a: a.i, b: b.i, over: true });
          parts.add(a.i).add(b.i);
          break search;
        }
      }
    }
  }
  if (into.size === 0) return f;
  // A quotient's divisor is cleared: numerator and denominator both times b^K, K the root's highest power.
  const highest = new Map<number, number>();
  for (const t of [...f.n, ...f.d]) for (const i of into.keys()) highest.set(i, Math.max(highest.get(i) ?? 0, t.e[i]!));
  const split = (p: P.Poly): P.Poly =>
    P.fromTerms(
      w,
      p.map((t) => {
        const e = [...t.e];
        for (const [i, { a, b, over }] of into) {
          const k = e[i]!;
          e[i] = 0;
          if (a >= 0) e[a] = e[a]! + k;
          e[b] = e[b]! + (over ? highest.get(i)! - k : k);
        }
        return { e, c: t.c };
      }),
    );
  return { n: split(f.n), d: split(f.d) };
}

const ROOT_FORM = boundedFold((e: Expr) => rootForm(e, false));

/** The root normal form of e written back in its cheapest layout when strictly cheaper, or null. */
export function rootNormalForm(e: Expr): Expr | null {
  // The size first: the screen recurses on the region, which the size bounds.
  if ((e.kind !== 'add' && e.kind !== 'mul') || cost(e) > MAX_FOLD_COST || rootCount(e) < 1) return null;
  return ROOT_FORM(e);
}

/** The same whatever its cost (for tests). */
export function rootNormalFormOf(e: Expr): Expr | null {
  if ((e.kind !== 'add' && e.kind !== 'mul') || rootCount(e) < 1) return null;
  try {
    return rootForm(e, true);
  } catch (err) {
    if (err instanceof P.TooBig || isRecoverable(err)) return null;
    throw err;
  }
}

function rootForm(e: Expr, any: boolean): Expr | null {
  const roots = regionRoots(e);
  if (!roots || roots.length === 0) return null;
  // One root alone can only meet its radicand through a power of it to be reduced (R^q = W) or
  // cleared from a denominator: a root to a power 0 < p < q among other factors has nothing to meet.
  // A radicand not written out is read all the same: its denominator may have a power to take out.
  if (!any && roots.length === 1 && rootCount(e) === 1 && isWrittenOut(roots[0]!.base)) {
    const r = (roots[0]!.exp as Expr & { kind: 'num' }).value;
    if (r.p > 0n && r.p < r.q) return null;
  }
  // Each root with its radicand in one form; the region rewritten with them.
  const forms = new Map<number, Expr>();
  const radicands: Expr[] = [];
  const met: Array<{ x: PowNode; c: Canonical }> = [];
  // Each radicand's form: W, or the cheapest of the plain radicands that are W ((x - 1)^3*(x + 2)^5 stays).
  const shown = new Map<number, Expr>();
  for (const x of roots) {
    const c = canonical(x.base, Number((x.exp as Expr & { kind: 'num' }).value.q), 0);
    if (!c || (c.W.kind === 'num' && !c.out)) continue;
    met.push({ x, c });
    const now = shown.get(c.W.id) ?? c.W;
    shown.set(c.W.id, c.plain && compareCost(x.base, now) < 0 ? x.base : now);
  }
  for (const { x, c } of met) {
    const rep = shown.get(c.W.id)!;
    forms.set(x.id, rootOf(x, c, rep));
    if (rep.kind !== 'num') radicands.push(rep);
  }
  if (forms.size === 0) return null;
  const r = replaceInRegion(e, forms);
  if (r.kind === 'num') return r;
  // abs(m) is the root sqrt(m^2): abs(m)^2 = m^2 (sqrt((x^2 + 1)/x^2) came out as sqrt(x^2 + 1)/abs(x)).
  const absCalls = (regionLeaves(r, 300) ?? []).filter((x): x is Expr & { kind: 'call' } => x.kind === 'call' && x.fn === 'abs' && x.args.length === 1 && x.derivs.length === 0);
  // One kernel index for the region, the radicands and the abs arguments (their kernels may not be in the region).
  const { kernels, index } = kernelsOfAll([r, ...radicands, ...absCalls.map((x) => x.args[0]!)]);
  const size = kernels.length;
  if (size === 0 || size > 12) return null;
  const w = new P.Work(P.LIMITS.work);
  const memo = new Map<number, RationalFunction>();
  const f = readRational(w, r, index, size, memo);
  const rootKernels: RootKernel[] = [];
  for (const W of new Set(radicands)) {
    for (const q of new Set(roots.map((x) => Number((x.exp as Expr & { kind: 'num' }).value.q)))) {
      const i = index.get(`r${W.id}/${q}`);
      if (i === undefined) continue;
      rootKernels.push({ i, q, w: readRational(w, W, index, size, memo) });
    }
  }
  // Exact everywhere: abs(m) = (m^2)^(1/2) for every real m.
  const absKernels: RootKernel[] = [];
  for (const x of absCalls) {
    const i = index.get(`k${x.id}`);
    if (i === undefined) continue;
    const m = readRational(w, x.args[0]!, index, size, memo);
    absKernels.push({ i, q: 2, w: { n: P.mul(w, m.n, m.n), d: P.mul(w, m.d, m.d) } });
  }
  const reducible = [...rootKernels, ...absKernels];
  const g = reduceRoots(w, splitProducts(w, f, rootKernels), reducible, size);
  // The radicands are factors to show (1/(x^2 + 1)^3, not its expansion).
  const known = (): P.Poly[] => {
    const out = knownFactors(w, r, index, size, memo);
    for (const rk of rootKernels) {
      // With the radicand's own sign (not normalised): W^2*sqrt(W) is then one power, W^(5/2),
      // where (-W)^2*sqrt(W) would stay two factors.
      const c = P.numericContent(rk.w.n);
      const p = P.scale(rk.w.n, { p: c.q, q: c.p });
      if (!P.isConstant(p) && !out.some((x) => P.equals(x, p))) out.push(p);
    }
    return out;
  };
  const plain = writeBack(e, { kernels, size, w, n: g.n, d: g.d, known, back: (x) => x, any });
  if (plain && !any) return plain;
  // A power of a root that divides the whole denominator, cleared (multiplied through to R^q = W):
  // x*(2 - x)/sqrt(x*(2 - x)) is sqrt(x*(2 - x)). Tried only where the plain form is no improvement.
  let h = g;
  for (const rk of reducible) {
    const j = Math.min(...h.d.map((t) => t.e[rk.i]!));
    if (j % rk.q === 0) continue;
    const m = P.variable(size, rk.i, rk.q - (j % rk.q));
    h = reduceRoots(w, { n: P.mul(w, h.n, m), d: P.mul(w, h.d, m) }, reducible, size);
  }
  if (h === g) return plain;
  const cleared = writeBack(e, { kernels, size, w, n: h.n, d: h.d, known, back: (x) => x, any });
  if (!cleared) return plain;
  return !plain || compareCost(cleared, plain) < 0 ? cleared : plain;
}
