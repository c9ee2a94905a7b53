// The code rules: rewrites that need arithmetic on whole polynomials rather
// than a pattern. A sum, product or power is read as a rational function in
// lowest terms (read.ts, with a polynomial gcd) and written back in the
// cheapest of a few layouts (write.ts). With factor.ts's factorings of a sum
// as it stands, these are the code rules (CODE_RULES), each with a name and a
// one-line statement. The simplifier keeps a result only when it is an
// improvement. All of it is bounded (poly.ts LIMITS, the region size, the
// polynomial work of the call's SimplifyWork): past the bounds the node is
// left as it is.
import { nodeMemo } from '../../core/memo.js';
import { num, pow, rebuild } from '../../core/build.js';
import type { Expr } from '../../core/expr.js';
import { gcd, MathError, ratInv, ratMul } from '../../core/rational.js';
import { isRegionNode } from '../combinators.js';
import { compareCost, cost } from '../cost.js';
import { factorings } from '../factor.js';
import * as P from '../poly.js';
import type { CodeRule } from '../rewrite.js';
import type { SimplifyWork } from '../work.js';
import { collectKernels, isPositiveBase, isWrittenOut, knownFactors, plainReading, readRational, type RationalFunction } from './read.js';
import { layouts, repeatedFactors, Writer, type Layout, type RuleName } from './write.js';
import { reduceNumericRoots } from './root.js';
import { isRecoverable } from '../../core/budget.js';

/** What one layouts computation costs beyond its polynomial work (reading, writing back), in the same units. */
const CALL_COST = 300;
/** Polynomial work a region may spend per edge, beyond LIMITS.work. */
const PER_EDGE = 8;

/**
 * Layouts worked out with the full polynomial allowance (LIMITS.work) depend
 * on the node alone, so every call may share them (a derivative's parts recur
 * in the next derivative); a layout cut short by a call's own budget is kept
 * for that call only. A shared layout is charged to the call that reuses it
 * as if worked out again (the same work, the same condition), so what a call
 * can afford, and so its answer, does not depend on what ran before. Keyed by
 * the node (core/memo.ts): an entry goes when its node does.
 */
interface SharedLayouts {
  readonly layouts: readonly Layout[];
  /** The allowance it was worked out within (a call with less would not have found it). */
  readonly limit: number;
  /** The polynomial work it took. */
  readonly done: number;
}
const SHARED_LAYOUTS = nodeMemo<SharedLayouts>();

/** The layouts of e read as a rational function in lowest terms; none when out of bounds, null when out of budget. */
function rationalLayouts(e: Expr, work: SimplifyWork): readonly Layout[] | null {
  if (work.polyLeft <= 0) return null;
  const shared = SHARED_LAYOUTS.get(e);
  if (shared && work.polyLeft >= shared.limit) {
    work.polyLeft -= shared.done + CALL_COST;
    work.spent.poly += shared.done;
    work.spent.regions++;
    return shared.layouts;
  }
  let region: ReturnType<typeof collectKernels>;
  try {
    region = collectKernels(e);
  } catch (err) {
    if (err instanceof P.TooBig) return [];
    throw err;
  }
  // A region's allowance grows with its size: reading a sum of n products of n factors is O(n^2) edges.
  const limit = P.LIMITS.work + PER_EDGE * region.edges;
  const full = work.polyLeft >= limit;
  const w = new P.Work(Math.min(limit, work.polyLeft));
  try {
    const out = rationalLayoutsWithin(e, w, region);
    // Powers read through atoms (u^(p + 1) as u*u^p, u^(2*x) as (u^x)^2) cancel where a plain
    // reading cannot, but may write a region less cheaply: both readings' layouts compete.
    const plain = plainReading(region.index);
    if (plain) out.push(...rationalLayoutsWithin(e, w, plain));
    if (full) SHARED_LAYOUTS.set(e, { layouts: out, limit, done: w.done });
    return out;
  } finally {
    work.polyLeft -= w.done + CALL_COST;
    work.spent.poly += w.done;
    work.spent.regions++;
    work.meter.spend(w.done + 1);
  }
}

function rationalLayoutsWithin(e: Expr, w: P.Work, { kernels, index }: ReturnType<typeof collectKernels>): Layout[] {
  try {
    const size = kernels.length;
    if (size === 0 || size > 12) return [];
    const memo = new Map<number, RationalFunction>();
    const read = readRational(w, e, index, size, memo);
    // Numeric roots to their index or more are numbers ((1 - sqrt(2)*x)^2 + 1 is 2*(x^2 - sqrt(2)*x + 1)):
    // where that changes the reading, its layouts compete with the plain reading's.
    const reduced = { n: reduceNumericRoots(w, read.n, kernels), d: reduceNumericRoots(w, read.d, kernels) };
    if (reduced.n === read.n && reduced.d === read.d) return fromReading(e, w, read, kernels, index, memo);
    if (P.isZero(reduced.d)) return [];
    if (P.isZero(reduced.n)) return [{ rule: 'expand-products', e: num(0) }];
    return [...fromReading(e, w, read, kernels, index, memo), ...fromReading(e, w, reduced, kernels, index, memo)];
  } catch (err) {
    if (err instanceof P.TooBig) return [];
    throw err;
  }
}

function fromReading(
  e: Expr,
  w: P.Work,
  f: RationalFunction,
  kernels: ReturnType<typeof collectKernels>['kernels'],
  index: Map<string, number>,
  memo: Map<number, RationalFunction>,
): Layout[] {
  const size = kernels.length;
  try {
    if (P.isZero(f.n)) return [{ rule: 'expand-products', e: num(0) }];
    const g = P.gcd(w, f.n, f.d, size);
    const cancelled = !P.isConstant(g);
    const n = cancelled ? P.divide(w, f.n, g)! : f.n;
    const d = cancelled ? P.divide(w, f.d, g)! : f.d;
    // c*n1/d1 with n1, d1 of coprime integer coefficients and d1 led by a positive one.
    const cn = P.numericContent(n);
    const cd = P.numericContent(d);
    const dc = { p: cd.p * (d[0]!.c.p < 0n ? -1n : 1n), q: cd.q };
    const c = ratMul(cn, ratInv(dc));
    const n1 = P.scale(n, ratInv(cn));
    const d1 = P.scale(d, ratInv(dc));
    const writer = new Writer(kernels, size, w);
    // A sum written out (read only where it may be a power, mayBePower) may be a power of a sum;
    // where it is not, it stays as it is (no other layout: sec(x)^2*tan(x)^2 - sec(x)^2 + 1 is for the rules).
    const powerOnly = readAsPower(e);
    const known = powerOnly ? repeatedFactors(n1, writer) : knownFactors(w, e, index, size, memo);
    if (powerOnly && known.length === 0) return [];
    return layouts(c, n1, d1, writer, known, e.kind === 'add', cancelled, cost(e) + 8);
  } catch (err) {
    if (err instanceof P.TooBig) return [];
    throw err;
  }
}

const hasSum = (f: Expr): boolean => f.kind === 'add' || (f.kind === 'pow' && f.base.kind === 'add');

/** A factor that makes a rational layout worth computing: a sum, or a division (x^-k, exp(-u)). */
const hasSumOrDivision = (f: Expr): boolean =>
  hasSum(f) ||
  (f.kind === 'pow' && f.exp.kind === 'num' && f.exp.value.p < 0n) ||
  (f.kind === 'call' && f.fn === 'exp' && (f.args[0]!.kind === 'add' || (f.args[0]!.kind === 'mul' && f.args[0]!.args[0]!.kind === 'num')));

const termHasSumOrDivision = (t: Expr): boolean => (t.kind === 'mul' ? t.args.some(hasSumOrDivision) : hasSumOrDivision(t));
/**
 * Two powers of one base to symbolic exponents among the terms (2^(x + 1) - 2*2^x,
 * y^x + y^(x + 1)): a reading may relate them (read.ts), so layouts are worth computing.
 */
function sharesSymbolicPowerBase(terms: readonly Expr[]): boolean {
  const bases = new Set<number>();
  let constant = 0;
  for (const t of terms) {
    for (const f of t.kind === 'mul' ? t.args : [t]) {
      if (f.kind === 'call' && f.fn === 'exp') constant++;
      if (f.kind !== 'pow' || f.exp.kind === 'num') continue;
      if (bases.has(f.base.id)) return true;
      bases.add(f.base.id);
      if (isPositiveBase(f.base)) constant++;
    }
  }
  // Powers of constant bases (exp among them) relate through their factors: 10^x*exp(x) and (10*e)^x.
  return constant > 1;
}

/**
 * A sum that may be a power of a sum of calls written out (x^2 + 2*x*sin(x) + sin(x)^2): 3 to 12
 * terms, two or more of them powers (exponents with a common factor; a number counts), and a call
 * among the factors. The layouts may then write it as the power (write.ts, repeatedFactors).
 */
function mayBePower(terms: readonly Expr[]): boolean {
  if (terms.length < 3 || terms.length > 12) return false;
  let powers = 0;
  let calls = false;
  for (const t of terms) {
    // The gcd of the term's exponents (0: a number alone): 2 or more, a power.
    let g = 0n;
    for (const f of t.kind === 'mul' ? t.args : [t]) {
      if (f.kind === 'num') continue;
      const base = f.kind === 'pow' ? f.base : f;
      if (base.kind === 'call') calls = true;
      g = gcd(g, f.kind === 'pow' && f.exp.kind === 'num' && f.exp.value.q === 1n && f.exp.value.p > 0n ? f.exp.value.p : 1n);
    }
    if (g !== 1n) powers++;
  }
  return calls && powers >= 2;
}

/**
 * The sum a factor of a product is read as: itself, or the base of an integer
 * power. A root of a sum (sqrt(1 - x^2)) is read as a kernel, so a product
 * of such factors and monomials reads as a monomial, which no layout writes
 * more cheaply than it stands (-x/sqrt(1 - x^2), m*v/(1 - v^2/c^2)^(3/2)).
 */
const sumOf = (f: Expr): Expr | null =>
  f.kind === 'add' ? f : f.kind === 'pow' && f.base.kind === 'add' && f.exp.kind === 'num' && f.exp.value.q === 1n ? f.base : null;

/** Terms of a sum that make its layouts worth computing whether or not it is a power. */
const sumWorthLayouts = (terms: readonly Expr[]): boolean => terms.some(termHasSumOrDivision) || sharesSymbolicPowerBase(terms);

/** A sum read only because it may be a power (mayBePower), nothing else in it for a layout. */
const readAsPower = (e: Expr): boolean => e.kind === 'add' && isWrittenOut(e) && !sumWorthLayouts(e.args) && mayBePower(e.args);

/**
 * Where a rational layout can differ from the node (a cheap screen, since
 * layouts cost polynomial arithmetic): a sum with a term that has a sum or a
 * division in it; a product with a sum and something to combine it with (a
 * division, another sum, a sum that holds a fraction); a power of a sum that
 * holds a fraction. A sum of plain monomials is left to factor.ts.
 */
function isRegionRoot(e: Expr): boolean {
  switch (e.kind) {
    case 'add':
      return sumWorthLayouts(e.args) || mayBePower(e.args);
    case 'mul': {
      const sums = e.args.map(sumOf).filter((x): x is Expr => x !== null);
      if (sums.length === 0) return false;
      const division = e.args.some((f) => f.kind === 'pow' && f.exp.kind === 'num' && f.exp.value.p < 0n);
      return division || sums.length > 1 || sums.some((x) => (x as { args: readonly Expr[] }).args.some(termHasSumOrDivision));
    }
    case 'pow':
      return e.base.kind === 'add' && e.exp.kind === 'num' && e.base.args.some(termHasSumOrDivision);
    default:
      return false;
  }
}

/** The layouts of a node, worked out once per call and shared by the rules below. */
function layoutsOf(e: Expr, work: SimplifyWork): readonly Layout[] {
  let ls = work.layouts.get(e.id);
  if (!ls) {
    const found = isRegionRoot(e) ? rationalLayouts(e, work) : [];
    if (!found) return []; // out of budget
    ls = found;
    work.layouts.set(e.id, ls);
  }
  return ls;
}

/** The parts of a region node that are region nodes themselves (the base of a power, the terms, the factors). */
const regionParts = (e: Expr): readonly Expr[] => (e.kind === 'pow' ? [e.base] : e.kind === 'add' || e.kind === 'mul' ? e.args : []);

const MAX_PART_DEPTH = 12;

/** The node with each inner sum, product or power at its own best (part by part), or null if none improves. */
function partByPart(e: Expr, depth: number, work: SimplifyWork): Expr | null {
  if (depth <= 0) return null;
  const parts = regionParts(e);
  const better = parts.map((p) => (isRegionNode(p) ? bestForm(p, depth - 1, work) : p));
  if (better.every((p, i) => p === parts[i])) return null;
  try {
    return e.kind === 'pow' ? pow(better[0]!, e.exp) : rebuild(e, better);
  } catch (err) {
    if (isRecoverable(err)) return null;
    throw err;
  }
}

/**
 * The cheapest form found for a region node on its own: its rational
 * layouts, or its parts each at their best (so 1/(y + (x + y)/2) inside a
 * longer sum becomes 2/(x + 3*y) without writing the whole sum over one
 * denominator). Depth-bounded, memoised by id for the call.
 */
function bestForm(e: Expr, depth: number, work: SimplifyWork): Expr {
  const seen = work.best.get(e.id);
  if (seen) return seen;
  let best = e;
  for (const l of layoutsOf(e, work)) if (compareCost(l.e, best) < 0) best = l.e;
  const pw = partByPart(e, depth, work);
  if (pw && compareCost(pw, best) < 0) best = pw;
  work.best.set(e.id, best);
  return best;
}

/** The layouts of the node made by the named rule. */
const layoutsBy =
  (rule: RuleName) =>
  (e: Expr, work: SimplifyWork): Expr[] =>
    layoutsOf(e, work)
      .filter((l) => l.rule === rule)
      .map((l) => l.e);

const codeRule = (name: RuleName, statement: string, more?: (e: Expr, work: SimplifyWork) => Expr[]): CodeRule => ({
  name,
  group: name === 'expand-products' || name === 'factor-common' ? 'arithmetic' : 'fractions',
  statement,
  candidates: more ? (e, work) => [...layoutsBy(name)(e, work), ...more(e, work)] : layoutsBy(name),
});

/** The cost of the cheapest layout of e (Infinity when it has none): what a factoring must come near to matter. */
function cheapestLayout(e: Expr, work: SimplifyWork): number {
  let c = Infinity;
  for (const l of layoutsOf(e, work)) c = Math.min(c, cost(l.e));
  return c;
}

export const CODE_RULES: readonly CodeRule[] = [
  codeRule('cancel-common-factors', 'p/q => (p/g)/(q/g) where g = gcd(p, q), polynomials over Q in the kernels (x, f(x), x^(1/n), exp(x))'),
  codeRule('combine-fractions', 'a/b + c/d => (a*(d/g) + c*(b/g))/(b*d/g) where g = gcd(b, d), when cheaper'),
  codeRule(
    'factor-common',
    'a*b + a*c => a*(b + c) for common numbers, powers and polynomial factors of all or some terms, when cheaper',
    (e, work) => factorings(e, cheapestLayout(e, work)),
  ),
  codeRule('expand-products', '(a + b)*c => a*c + b*c and integer powers of sums expanded, like terms collected, when cheaper'),
  {
    name: 'simplify-parts',
    group: 'fractions',
    statement: "a + b => a' + b' (also products and powers) with each inner sum, product or power at its own best, where the whole is too big to treat as one",
    candidates: (e, work) => {
      // Only where the whole is out of bounds for one rational function (too big, too much work):
      // otherwise the whole's layouts already say what lowest terms can do, and parts seldom add to it.
      if (layoutsOf(e, work).length > 0 || !isRegionRoot(e)) return [];
      const pw = partByPart(e, MAX_PART_DEPTH, work);
      return pw ? [pw] : [];
    },
  },
];
