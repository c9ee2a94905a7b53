// The code rules: rewrites that need arithmetic on whole polynomials rather
// than a pattern. A sum, product or power is read as a rational function p/q
// over Q in its "kernels" (symbols, function calls, roots; exp(k*u) is
// exp(u)^k and x^(p/q) is (x^(1/q))^p), brought to lowest terms with a
// polynomial gcd, and written back in the cheapest of a few layouts: one
// fraction, a sum of terms over a monomial, or with its common and known
// factors pulled out and the rest collected Horner-like. With factor.ts's
// factorings of a sum as it stands, these are the code rules (CODE_RULES),
// each with a name and a one-line statement. The simplifier keeps a result
// only when it is an improvement. All of it is bounded (poly.ts LIMITS, the
// region size, a work budget per simplify call): past the bounds the node is
// left as it is.
import { add, call, mul, num, pow, rebuild, ONE } from '../core/build.js';
import type { Expr } from '../core/expr.js';
import { compare } from '../core/order.js';
import { isInteger, MathError, ratInv, ratMul, type Rational } from '../core/rational.js';
import { compareCost, cost } from './cost.js';
import * as P from './poly.js';
import type { Poly } from './poly.js';
import { factorings } from './factor.js';
import type { CodeRule } from './rewrite.js';

/** A kernel: an opaque factor, and how to write it to an integer power. */
interface Kernel {
  /** The node the kernel stands for (to the power 1). */
  readonly node: Expr;
  readonly power: (k: number) => Expr;
}

const MAX_REGION = 300; // nodes of a region read as one rational function
const MAX_DEPTH = 40;
const MAX_POWER = 12;

interface RF {
  readonly n: Poly;
  readonly d: Poly;
}

/** How a node of a region is read: a part of the rational structure, or a kernel to a power. */
type Reading =
  | { readonly t: 'num'; readonly v: Rational }
  | { readonly t: 'add' | 'mul'; readonly xs: readonly Expr[] }
  | { readonly t: 'pow'; readonly base: Expr; readonly k: number }
  | KernelPower
  | { readonly t: 'kernels'; readonly parts: readonly KernelPower[] };

interface KernelPower {
  readonly t: 'kernel';
  readonly key: string;
  readonly make: () => Kernel;
  readonly k: number;
}

/**
 * exp(k1*u1 + k2*u2 + ...) = exp(u1)^k1*exp(u2)^k2*... for small integers k:
 * so exp(-x) is 1/exp(x) and exp(x + y) shares the factor exp(x) with exp(x).
 */
function expParts(arg: Expr): KernelPower[] {
  const terms = arg.kind === 'add' ? arg.args : [arg];
  return terms.map((u): KernelPower => {
    let k = 1;
    let unit = u;
    const lead = u.kind === 'mul' ? u.args[0]! : u;
    const c = lead.kind === 'num' ? smallInt(lead.value) : null;
    if (c !== null && c !== 0) {
      k = c;
      unit = u.kind === 'mul' ? (u.args.length === 2 ? u.args[1]! : mul(...u.args.slice(1))) : ONE;
    }
    const unitNode = unit;
    return {
      t: 'kernel',
      key: `e${unitNode.id}`,
      k,
      make: () => ({ node: call('exp', unitNode), power: (j) => call('exp', mul(j, unitNode)) }),
    };
  });
}

const smallInt = (r: Rational): number | null =>
  isInteger(r) && r.p >= BigInt(-MAX_POWER) && r.p <= BigInt(MAX_POWER) ? Number(r.p) : null;

function read(e: Expr): Reading {
  switch (e.kind) {
    case 'num':
      return { t: 'num', v: e.value };
    case 'add':
    case 'mul':
      return { t: e.kind, xs: e.args };
    case 'pow': {
      if (e.exp.kind === 'num') {
        const r = e.exp.value;
        const k = smallInt(r);
        if (k !== null) return { t: 'pow', base: e.base, k };
        const p = smallInt({ p: r.p, q: 1n });
        if (p !== null) {
          // x^(p/q) = (x^(1/q))^p: one kernel for all powers of the same root.
          const q = r.q;
          const base = e.base;
          return {
            t: 'kernel',
            key: `r${base.id}/${q}`,
            k: p,
            make: () => ({ node: pow(base, num(1n, q)), power: (j) => pow(base, num(BigInt(j), q)) }),
          };
        }
      }
      break;
    }
    case 'call':
      if (e.fn === 'exp' && e.derivs.length === 0) return { t: 'kernels', parts: expParts(e.args[0]!) };
      break;
  }
  return { t: 'kernel', key: `k${e.id}`, k: 1, make: () => ({ node: e, power: (j) => pow(e, j) }) };
}

/** The kernels of a region, in the canonical order of their nodes. */
function collectKernels(root: Expr): { kernels: Kernel[]; index: Map<string, number> } {
  const found = new Map<string, Kernel>();
  let visited = 0;
  const stack: Array<[Expr, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [e, depth] = stack.pop()!;
    if (++visited > MAX_REGION || depth > MAX_DEPTH) throw new P.TooBig('region too large');
    const r = read(e);
    if (r.t === 'add' || r.t === 'mul') for (const x of r.xs) stack.push([x, depth + 1]);
    else if (r.t === 'pow') stack.push([r.base, depth + 1]);
    else {
      for (const part of r.t === 'kernels' ? r.parts : r.t === 'kernel' ? [r] : []) {
        if (!found.has(part.key)) found.set(part.key, part.make());
      }
    }
  }
  const entries = [...found].sort((a, b) => compare(a[1].node, b[1].node));
  return { kernels: entries.map((x) => x[1]), index: new Map(entries.map(([k], i) => [k, i])) };
}

/** Reads a region as a rational function (numerator and denominator expanded). */
function toRF(e: Expr, index: Map<string, number>, n: number, memo: Map<number, RF>, depth = 0): RF {
  if (depth > MAX_DEPTH) throw new P.TooBig('too deep');
  const seen = memo.get(e.id);
  if (seen) return seen;
  const out = readRF(e, index, n, memo, depth);
  memo.set(e.id, out);
  return out;
}

function readRF(e: Expr, index: Map<string, number>, n: number, memo: Map<number, RF>, depth: number): RF {
  const r = read(e);
  switch (r.t) {
    case 'num':
      return { n: P.constant(n, r.v), d: P.constant(n, P.ONE_R) };
    case 'kernel':
    case 'kernels': {
      const top = new Array<number>(n).fill(0);
      const bottom = new Array<number>(n).fill(0);
      for (const part of r.t === 'kernels' ? r.parts : [r]) {
        const i = index.get(part.key)!;
        if (part.k >= 0) top[i]! += part.k;
        else bottom[i]! -= part.k;
      }
      return { n: [{ e: top, c: P.ONE_R }], d: [{ e: bottom, c: P.ONE_R }] };
    }
    case 'add':
      return r.xs.map((x) => toRF(x, index, n, memo, depth + 1)).reduce(addRF);
    case 'mul':
      return r.xs.map((x) => toRF(x, index, n, memo, depth + 1)).reduce(mulRF);
    case 'pow': {
      const b = toRF(r.base, index, n, memo, depth + 1);
      const k = Math.abs(r.k);
      const out = { n: P.pow(b.n, k, n), d: P.pow(b.d, k, n) };
      if (r.k >= 0) return out;
      if (P.isZero(out.n)) throw new P.TooBig('division by zero');
      return { n: out.d, d: out.n };
    }
  }
}

function addRF(a: RF, b: RF): RF {
  if (P.equals(a.d, b.d)) return { n: P.add(a.n, b.n), d: a.d };
  const n = a.n[0]?.e.length ?? b.n[0]?.e.length ?? a.d[0]!.e.length;
  const g = P.gcd(a.d, b.d, n);
  const ad = P.divide(a.d, g)!;
  const bd = P.divide(b.d, g)!;
  return { n: P.add(P.mul(a.n, bd), P.mul(b.n, ad)), d: P.mul(a.d, bd) };
}

const mulRF = (a: RF, b: RF): RF => ({ n: P.mul(a.n, b.n), d: P.mul(a.d, b.d) });

/** Sums (and bases of powers) met in a region: candidates to show as factors. */
function knownFactors(root: Expr, index: Map<string, number>, n: number, memo: Map<number, RF>): Poly[] {
  const out: Poly[] = [];
  const stack: Expr[] = [root];
  let visited = 0;
  while (stack.length > 0 && visited++ < MAX_REGION) {
    const e = stack.pop()!;
    const r = read(e);
    if (r.t === 'add' && e !== root) {
      // The numerator of the sum over its common denominator, without monomial factors: 1 + 1/x gives x + 1.
      const f = toRF(e, index, n, memo);
      const m = P.monomialContent(f.n, n);
      const p = P.normalise(P.divideMonomial(f.n, m));
      if (!P.isConstant(p) && !out.some((q) => P.equals(p, q))) out.push(p);
    }
    if (r.t === 'add' || r.t === 'mul') stack.push(...r.xs);
    else if (r.t === 'pow') stack.push(r.base);
  }
  return out;
}

/** How to write polynomials back: the kernels, and a memo of each kernel power and its cost. */
class Writer {
  // By kernel, then by power (powers in polynomials are positive).
  private readonly powers: Expr[][];
  private readonly powerCost: number[][];
  constructor(
    readonly kernels: readonly Kernel[],
    readonly size: number,
  ) {
    this.powers = kernels.map(() => []);
    this.powerCost = kernels.map(() => []);
  }

  kernelPower(i: number, k: number): Expr {
    const powers = this.powers[i]!;
    return (powers[k] ??= this.kernels[i]!.power(k));
  }

  /** Cost of kernel i to the power k, as a factor. */
  kernelCost(i: number, k: number): number {
    const costs = this.powerCost[i]!;
    let c = costs[k];
    if (c === undefined) {
      c = cost(this.kernelPower(i, k));
      costs[k] = c;
    }
    return c;
  }

  monomial(e: readonly number[]): Expr {
    const fs: Expr[] = [];
    for (let i = 0; i < e.length; i++) if (e[i] !== 0) fs.push(this.kernelPower(i, e[i]!));
    return fs.length === 0 ? ONE : mul(...fs);
  }

  /** Total cost of a monomial's kernel powers as factors. */
  monomialOps(e: readonly number[]): number {
    let ops = 0;
    for (let i = 0; i < e.length; i++) if (e[i] !== 0) ops += this.kernelCost(i, e[i]!);
    return ops;
  }

  /** Estimated cost of each term of p printed on its own, without its sign. */
  termOps(p: Poly): number[] {
    const out = new Array<number>(p.length);
    for (let j = 0; j < p.length; j++) {
      const e = p[j]!.e;
      out[j] = productOps(p[j]!.c, factorCount(e), this.monomialOps(e));
    }
    return out;
  }

  /** The polynomial as a sum of monomials. */
  expanded(p: Poly): Expr {
    return add(...p.map((t) => mul(num(t.c), this.monomial(t.e))));
  }
}

/** The number of kernels in a monomial. */
function factorCount(e: readonly number[]): number {
  let n = 0;
  for (let i = 0; i < e.length; i++) if (e[i] !== 0) n++;
  return n;
}

/**
 * Estimated cost of c*f1*...*fk printed (cost.ts rules), without the sign:
 * the numerator's multiplications, the denominator's division, the factors'
 * own costs (`factorOps` in all).
 */
function productOps(c: Rational, factors: number, factorOps: number): number {
  const top = (c.p === 1n || c.p === -1n ? 0 : 1) + factors;
  return Math.max(0, top - 1) + (c.q !== 1n ? 1 : 0) + factorOps;
}

/** A way to write a polynomial (or its negative): estimated costs, and how to build either. */
interface Plan {
  readonly ops: number;
  readonly opsNeg: number;
  readonly build: (negated: boolean) => Expr;
}

/** The expanded sum, from its terms' costs (w.termOps(p)): (n - 1) signs, the terms, and a leading minus when all terms are negative. */
function expandedPlan(p: Poly, w: Writer, termOps: readonly number[]): Plan {
  let ops = p.length - 1;
  let allNegative = true;
  let allPositive = true;
  for (let j = 0; j < p.length; j++) {
    ops += termOps[j]!;
    if (p[j]!.c.p < 0n) allPositive = false;
    else allNegative = false;
  }
  return {
    ops: ops + (allNegative ? 1 : 0),
    opsNeg: ops + (allPositive ? 1 : 0),
    build: (negated) => w.expanded(negated ? P.neg(p) : p),
  };
}

const better = (a: Plan, b: Plan): Plan => ({
  ops: Math.min(a.ops, b.ops),
  opsNeg: Math.min(a.opsNeg, b.opsNeg),
  build: (negated) => ((negated ? b.opsNeg < a.opsNeg : b.ops < a.ops) ? b : a).build(negated),
});

/** Estimated cost of splitting p in kernel i (v^m*A + B), from the terms' costs, without building A and B. */
function splitEstimate(p: Poly, termOps: readonly number[], i: number, m: number, w: Writer): number {
  let ops = 2 + w.kernelCost(i, m);
  let inA = 0;
  let inB = 0;
  for (let j = 0; j < p.length; j++) {
    const k = p[j]!.e[i]!;
    if (k > 0) {
      inA++;
      ops += termOps[j]! - w.kernelCost(i, k) + (k > m ? w.kernelCost(i, k - m) : -1);
    } else {
      inB++;
      ops += termOps[j]!;
    }
  }
  return ops + Math.max(0, inA - 1) + Math.max(0, inB - 1);
}

/**
 * The cheapest way found to write a polynomial: expanded, or with its numeric
 * and monomial content pulled out, or collected in the kernel that splits it
 * best (v^m*A + B), recursively to a small depth (Horner-like:
 * c^(1-eta)*(log(c)*(eta - 1) + 1) - 1 rather than four expanded terms).
 * Chosen on estimated costs; only the chosen form is built.
 */
function planPoly(p: Poly, w: Writer, depth = 3): Plan {
  const termOps = w.termOps(p);
  const expanded = expandedPlan(p, w, termOps);
  if (depth === 0 || p.length < 2 || p.length > 24) return expanded;
  const cn = P.numericContent(p);
  const mono = P.monomialContent(p, w.size);
  if (cn.p !== 1n || cn.q !== 1n || mono.some((x) => x > 0)) {
    const inner = planPoly(P.scale(divMono(p, mono), ratInv(cn)), w, depth - 1);
    // The content cn is positive: c*m*(inner) shows no sign of its own.
    const factors = factorCount(mono) + 1;
    const monoOps = w.monomialOps(mono);
    const ops = productOps(cn, factors, monoOps + inner.ops);
    const negOuter = ops + 1; // -c*m*(inner)
    const negInner = productOps(cn, factors, monoOps + inner.opsNeg); // c*m*(-inner)
    return better(expanded, {
      ops,
      opsNeg: Math.min(negOuter, negInner),
      build: (negated) =>
        !negated
          ? mul(num(cn), w.monomial(mono), inner.build(false))
          : negOuter <= negInner
            ? mul(num(ratNegate(cn)), w.monomial(mono), inner.build(false))
            : mul(num(cn), w.monomial(mono), inner.build(true)),
    });
  }
  // The kernel whose split is estimated cheapest, then both parts planned in turn.
  let best: { ops: number; i: number } | null = null;
  for (let i = 0; i < w.size; i++) {
    let withV = 0;
    let m = Infinity;
    for (const t of p) {
      const k = t.e[i]!;
      if (k > 0) {
        withV++;
        if (k < m) m = k;
      }
    }
    if (withV < 2 || withV === p.length) continue;
    const ops = splitEstimate(p, termOps, i, m, w);
    if (!best || ops < best.ops) best = { ops, i };
  }
  if (!best || best.ops >= expanded.ops + 2) return expanded;
  const { a, b, m } = splitIn(p, best.i, w.size);
  const pa = planPoly(a, w, depth - 1);
  const pb = planPoly(b, w, depth - 1);
  const mc = w.kernelCost(best.i, m[best.i]!);
  return better(expanded, {
    ops: 2 + mc + pa.ops + pb.ops,
    opsNeg: 2 + mc + pa.opsNeg + pb.opsNeg,
    build: (negated) => add(mul(w.monomial(m), pa.build(negated)), pb.build(negated)),
  });
}

const ratNegate = (r: Rational): Rational => ({ p: -r.p, q: r.q });

/** p = v^m*a + b with v the i-th kernel, m its least power among the terms that have it. */
function splitIn(p: Poly, i: number, size: number): { a: Poly; b: Poly; m: number[] } {
  const withV = p.filter((t) => t.e[i]! > 0);
  const m = new Array<number>(size).fill(0);
  m[i] = Math.min(...withV.map((t) => t.e[i]!));
  return { a: divMono(P.fromTerms(withV), m), b: P.fromTerms(p.filter((t) => t.e[i]! === 0)), m };
}

const divMono = P.divideMonomial;

/** p split into known factors (each to a power) and what is left. */
function splitFactors(p: Poly, known: readonly Poly[]): { factors: Array<[Poly, number]>; rest: Poly } {
  const factors: Array<[Poly, number]> = [];
  let rest = p;
  for (const f of known) {
    let k = 0;
    while (!P.isConstant(rest) && rest.length >= f.length) {
      const q = P.divide(rest, f);
      if (!q) break;
      rest = q;
      k++;
    }
    if (k > 0) factors.push([f, k]);
  }
  return { factors, rest };
}

/** A factor of a fraction (numerator or denominator): monomial, known factors, the rest planned; either sign of the rest. */
interface Side {
  readonly ops: number;
  /** The rest is negated: the coefficient takes a -1. */
  readonly flipped: boolean;
  readonly build: () => Expr;
}

function sides(p: Poly, mono: readonly number[], w: Writer, known: readonly Poly[]): Side[] {
  const out: Side[] = [];
  for (const useKnown of known.length > 0 ? [false, true] : [false]) {
    const sp = useKnown ? splitFactors(p, known) : { factors: [], rest: p };
    if (useKnown && sp.factors.length === 0) continue;
    const fs = sp.factors.map(([f, k]) => ({ plan: planPoly(f, w), k }));
    // The monomial's kernels and the known factors (a power costs one more).
    const fixed = factorCount(mono) + fs.length;
    const fixedOps = fs.reduce((s, { plan, k }) => s + plan.ops + (k === 1 ? 0 : 1), w.monomialOps(mono));
    const constantRest = P.isConstant(sp.rest);
    const rest = constantRest ? null : planPoly(sp.rest, w);
    for (const flipped of constantRest ? [false] : [false, true]) {
      const restOps = rest ? (flipped ? rest.opsNeg : rest.ops) : null;
      out.push({
        ops: restOps === null ? productOps(P.ONE_R, fixed, fixedOps) : productOps(P.ONE_R, fixed + 1, fixedOps + restOps),
        flipped,
        build: () =>
          mul(
            w.monomial(mono),
            ...fs.map(({ plan, k }) => pow(plan.build(false), k)),
            rest ? rest.build(flipped) : P.isZero(sp.rest) ? ONE : num(sp.rest[0]!.c),
          ),
      });
    }
  }
  return out;
}

/**
 * The layouts of c*n/d (n, d coprime, normalised) worth comparing: the best
 * fraction (numerator and denominator each as cheap as found), and a sum of
 * terms over a monomial when the denominator is one.
 */
function layouts(
  c: Rational,
  n: Poly,
  d: Poly,
  w: Writer,
  known: Poly[],
  isSum: boolean,
  cancelled: boolean,
  limit: number,
): Layout[] {
  // Only layouts estimated within `limit` operations are built (building is the costly part).
  const out: Layout[] = [];
  const mn = P.monomialContent(n, w.size);
  const md = P.monomialContent(d, w.size);
  const n2 = divMono(n, mn);
  const d2 = divMono(d, md);
  let best: { ops: number; build: () => Expr } | null = null;
  for (const t of sides(n2, mn, w, known)) {
    for (const b of sides(d2, md, w, known)) {
      const sign = t.flipped !== b.flipped ? -1n : 1n;
      const ops = t.ops + (b.ops > 0 || !P.isConstant(d2) || md.some((x) => x > 0) ? b.ops + 1 : 0) + (c.p * sign < 0n ? 1 : 0);
      if (!best || ops < best.ops) {
        best = { ops, build: () => mul(num(ratMul(c, { p: sign, q: 1n })), t.build(), pow(b.build(), -1)) };
      }
    }
  }
  const rule: RuleName = cancelled ? 'cancel-common-factors' : isSum && !P.isConstant(d2) ? 'combine-fractions' : 'factor-common';
  if (best!.ops <= limit) out.push({ rule, e: best!.build() });
  // Each term gets the monomial's division: one /, its kernels' costs, a * between two of them.
  const mdFactors = factorCount(md);
  const mdCost = mdFactors > 0 ? mdFactors + w.monomialOps(md) : 0;
  if (P.isConstant(d2) && expandedPlan(n, w, w.termOps(n)).ops + n.length * mdCost <= limit + 2) {
    // A sum of terms over a monomial: 2*x + 8/x^3 rather than (2*x^4 + 8)/x^3.
    const ck = ratMul(c, ratInv(d2[0]!.c));
    const over = pow(w.monomial(md), -1);
    out.push({ rule: 'expand-products', e: add(...n.map((t) => mul(num(ratMul(ck, t.c)), w.monomial(t.e), over))) });
  }
  return out;
}

type RuleName = 'cancel-common-factors' | 'combine-fractions' | 'factor-common' | 'expand-products' | 'simplify-parts';

interface Layout {
  readonly rule: RuleName;
  readonly e: Expr;
}

// Polynomial work left for the current simplify call (set by simplify.ts in
// proportion to the input's size), so that a huge input spends bounded time here.
let budgetLeft = Infinity;
/** What one layouts computation costs beyond its polynomial work (reading, writing back), in the same units. */
const CALL_COST = 300;
export function setRationalBudget(work: number): void {
  budgetLeft = work;
}

/** The layouts of e read as a rational function in lowest terms; none when out of bounds, null when out of budget. */
function rationalLayouts(e: Expr): Layout[] | null {
  if (budgetLeft <= 0) return null;
  try {
    P.startWork(Math.min(P.LIMITS.work, budgetLeft));
    return rationalLayoutsWithin(e);
  } finally {
    budgetLeft -= P.workDone() + CALL_COST;
  }
}

function rationalLayoutsWithin(e: Expr): Layout[] {
  try {
    const { kernels, index } = collectKernels(e);
    const size = kernels.length;
    if (size === 0 || size > 12) return [];
    const memo = new Map<number, RF>();
    const f = toRF(e, index, size, memo);
    if (P.isZero(f.n)) return [{ rule: 'expand-products', e: num(0) }];
    const g = P.gcd(f.n, f.d, size);
    const cancelled = !P.isConstant(g);
    const n = cancelled ? P.divide(f.n, g)! : f.n;
    const d = cancelled ? P.divide(f.d, g)! : f.d;
    // c*n1/d1 with n1, d1 of coprime integer coefficients and d1 led by a positive one.
    const cn = P.numericContent(n);
    const cd = P.numericContent(d);
    const dc = { p: cd.p * (d[0]!.c.p < 0n ? -1n : 1n), q: cd.q };
    const c = ratMul(cn, ratInv(dc));
    const n1 = P.scale(n, ratInv(cn));
    const d1 = P.scale(d, ratInv(dc));
    const known = knownFactors(e, index, size, memo);
    return layouts(c, n1, d1, new Writer(kernels, size), known, e.kind === 'add', cancelled, cost(e) + 8);
  } catch (err) {
    if (err instanceof P.TooBig) return [];
    throw err;
  }
}

const hasSum = (f: Expr): boolean => f.kind === 'add' || (f.kind === 'pow' && f.base.kind === 'add');

/** A factor that makes a rational layout worth computing: a sum, or a division (x^-k, exp(-u)). */
const isRich = (f: Expr): boolean =>
  hasSum(f) ||
  (f.kind === 'pow' && f.exp.kind === 'num' && f.exp.value.p < 0n) ||
  (f.kind === 'call' && f.fn === 'exp' && (f.args[0]!.kind === 'add' || (f.args[0]!.kind === 'mul' && f.args[0]!.args[0]!.kind === 'num')));

const termIsRich = (t: Expr): boolean => (t.kind === 'mul' ? t.args.some(isRich) : isRich(t));
const sumOf = (f: Expr): Expr | null => (f.kind === 'add' ? f : f.kind === 'pow' && f.base.kind === 'add' ? f.base : null);

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
      return e.args.some(termIsRich);
    case 'mul': {
      const sums = e.args.map(sumOf).filter((x): x is Expr => x !== null);
      if (sums.length === 0) return false;
      const division = e.args.some((f) => f.kind === 'pow' && f.exp.kind === 'num' && f.exp.value.p < 0n);
      return division || sums.length > 1 || sums.some((x) => (x as { args: readonly Expr[] }).args.some(termIsRich));
    }
    case 'pow':
      return e.base.kind === 'add' && e.exp.kind === 'num' && e.base.args.some(termIsRich);
    default:
      return false;
  }
}

// The layouts of a node are worked out once and shared by the rules below.
const cache = new Map<number, Layout[]>();
function layoutsOf(e: Expr): Layout[] {
  let ls = cache.get(e.id);
  if (!ls) {
    if (cache.size > 100_000) cache.clear();
    const found = isRegionRoot(e) ? rationalLayouts(e) : [];
    if (!found) return []; // out of budget: not remembered, a later call may have the budget
    ls = found;
    cache.set(e.id, ls);
  }
  return ls;
}

const isRegionNode = (e: Expr): boolean =>
  e.kind === 'add' || e.kind === 'mul' || (e.kind === 'pow' && e.exp.kind === 'num' && e.exp.value.q === 1n);

/** The parts of a region node that are region nodes themselves (the base of a power, the terms, the factors). */
const regionParts = (e: Expr): readonly Expr[] => (e.kind === 'pow' ? [e.base] : e.kind === 'add' || e.kind === 'mul' ? e.args : []);

const MAX_PIECE_DEPTH = 12;
const bestCache = new Map<number, Expr>();

/** The node with each inner sum, product or power at its own best, or null if none improves. */
function piecewise(e: Expr, depth: number): Expr | null {
  if (depth <= 0) return null;
  const parts = regionParts(e);
  const better = parts.map((p) => (isRegionNode(p) ? bestForm(p, depth - 1) : p));
  if (better.every((p, i) => p === parts[i])) return null;
  try {
    return e.kind === 'pow' ? pow(better[0]!, e.exp) : rebuild(e, better);
  } catch (err) {
    if (err instanceof MathError) return null;
    throw err;
  }
}

/**
 * The cheapest form found for a region node on its own: its rational
 * layouts, or its parts each at their best (so 1/(y + (x + y)/2) inside a
 * longer sum becomes 2/(x + 3*y) without writing the whole sum over one
 * denominator). Depth-bounded, memoised by id.
 */
function bestForm(e: Expr, depth: number): Expr {
  const seen = bestCache.get(e.id);
  if (seen) return seen;
  let best = e;
  for (const l of layoutsOf(e)) if (compareCost(l.e, best) < 0) best = l.e;
  const pw = piecewise(e, depth);
  if (pw && compareCost(pw, best) < 0) best = pw;
  if (bestCache.size > 100_000) bestCache.clear();
  bestCache.set(e.id, best);
  return best;
}

/** The layouts of the node made by the named rule. */
const layoutsBy =
  (rule: RuleName) =>
  (e: Expr): Expr[] =>
    layoutsOf(e)
      .filter((l) => l.rule === rule)
      .map((l) => l.e);

const codeRule = (name: RuleName, statement: string, more?: (e: Expr) => Expr[]): CodeRule => ({
  name,
  group: name === 'expand-products' || name === 'factor-common' ? 'arithmetic' : 'fractions',
  statement,
  candidates: more ? (e) => [...layoutsBy(name)(e), ...more(e)] : layoutsBy(name),
});

export const CODE_RULES: readonly CodeRule[] = [
  codeRule('cancel-common-factors', 'p/q => (p/g)/(q/g) where g = gcd(p, q), polynomials over Q in the kernels (x, f(x), x^(1/n), exp(x))'),
  codeRule('combine-fractions', 'a/b + c/d => (a*(d/g) + c*(b/g))/(b*d/g) where g = gcd(b, d), when cheaper'),
  codeRule(
    'factor-common',
    'a*b + a*c => a*(b + c) for common numbers, powers and polynomial factors of all or some terms, when cheaper',
    factorings,
  ),
  codeRule('expand-products', '(a + b)*c => a*c + b*c and integer powers of sums expanded, like terms collected, when cheaper'),
  {
    name: 'simplify-parts',
    group: 'fractions',
    statement: "a + b => a' + b' (also products and powers) with each inner sum, product or power at its own best, where the whole is too big to treat as one",
    candidates: (e) => {
      // Only where the whole is out of bounds for one rational function (too big, too much work):
      // otherwise the whole's layouts already say what lowest terms can do, and parts seldom add to it.
      if (layoutsOf(e).length > 0 || !isRegionRoot(e)) return [];
      const pw = piecewise(e, MAX_PIECE_DEPTH);
      return pw ? [pw] : [];
    },
  },
];
