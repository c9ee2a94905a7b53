// Writing a rational function back as an expression: in the cheapest of a
// few layouts, chosen on estimated costs (cost.ts rules) before anything is
// built: one fraction, a sum of terms over a monomial, or with its common and
// known factors pulled out and the rest collected. Only the chosen forms are built.
import { add, mul, num, pow, ONE } from '../../core/build.js';
import type { Expr } from '../../core/expr.js';
import { ratInv, ratMul, ratNeg, type Rational } from '../../core/rational.js';
import { cost } from '../cost.js';
import * as P from '../poly.js';
import type { Poly, Work } from '../poly.js';
import type { Kernel } from './read.js';

/** How to write polynomials back: the kernels, and a memo of each kernel power and its cost. */
export class Writer {
  // By kernel, then by power (powers in polynomials are positive).
  private readonly powers: Expr[][];
  private readonly powerCost: number[][];
  constructor(
    readonly kernels: readonly Kernel[],
    readonly size: number,
    /** The polynomial work writing may spend (splitting and dividing out factors). */
    readonly work: Work,
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
    return this.shape(e).ops;
  }

  /**
   * The factors a monomial shows and their total cost: one per kernel, except that an atom
   * (read.ts) may merge with its base or other atoms (x*x^(n - 1) is x^n, a^x*a^y is a^(x + y)),
   * and then the built product tells.
   */
  private shape(e: readonly number[]): { factors: number; ops: number } {
    let ops = 0;
    let factors = 0;
    let merging = false;
    for (let i = 0; i < e.length; i++) {
      if (e[i] === 0) continue;
      ops += this.kernelCost(i, e[i]!);
      factors++;
      if (this.kernels[i]!.merges) merging = true;
    }
    if (!merging || factors < 2) return { factors, ops };
    const m = this.monomial(e);
    const fs = m.kind === 'mul' ? m.args : [m];
    return { factors: fs.length, ops: fs.reduce((s, f) => s + cost(f), 0) };
  }

  /** Estimated cost of each term of p printed on its own, without its sign. */
  termOps(p: Poly): number[] {
    const out = new Array<number>(p.length);
    for (let j = 0; j < p.length; j++) {
      const { factors, ops } = this.shape(p[j]!.e);
      out[j] = productOps(p[j]!.c, factors, ops);
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

/** Of two plans, the cheaper for each sign. */
const cheaperPlan = (a: Plan, b: Plan): Plan => ({
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
    return cheaperPlan(expanded, {
      ops,
      opsNeg: Math.min(negOuter, negInner),
      build: (negated) =>
        !negated
          ? mul(num(cn), w.monomial(mono), inner.build(false))
          : negOuter <= negInner
            ? mul(num(ratNeg(cn)), w.monomial(mono), inner.build(false))
            : mul(num(cn), w.monomial(mono), inner.build(true)),
    });
  }
  // The kernel whose split is estimated cheapest, then both parts planned in turn. Not in
  // the only kernel of a polynomial in one kernel: that is Horner's form, x*(x - 2) + 5,
  // which nobody writes for x^2 - 2*x + 5 (with others, x1*(w*x1 + b) + c collects x1).
  let best: { ops: number; i: number } | null = null;
  const only = soleKernel(p);
  for (let i = 0; i < w.size; i++) {
    if (i === only) continue;
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
  const { a, b, m } = splitIn(w.work, p, best.i, w.size);
  const pa = planPoly(a, w, depth - 1);
  const pb = planPoly(b, w, depth - 1);
  const mc = w.kernelCost(best.i, m[best.i]!);
  return cheaperPlan(expanded, {
    ops: 2 + mc + pa.ops + pb.ops,
    opsNeg: 2 + mc + pa.opsNeg + pb.opsNeg,
    build: (negated) => add(mul(w.monomial(m), pa.build(negated)), pb.build(negated)),
  });
}

/** The one kernel all terms of p are powers of (constants aside), or -1. */
function soleKernel(p: Poly): number {
  let only = -1;
  for (const t of p) {
    for (let i = 0; i < t.e.length; i++) {
      if (t.e[i] === 0) continue;
      if (only === -1) only = i;
      else if (only !== i) return -1;
    }
  }
  return only;
}

/** p = v^m*a + b with v the i-th kernel, m its least power among the terms that have it. */
function splitIn(work: Work, p: Poly, i: number, size: number): { a: Poly; b: Poly; m: number[] } {
  const withV = p.filter((t) => t.e[i]! > 0);
  const m = new Array<number>(size).fill(0);
  m[i] = Math.min(...withV.map((t) => t.e[i]!));
  return { a: divMono(P.fromTerms(work, withV), m), b: P.fromTerms(work, p.filter((t) => t.e[i]! === 0)), m };
}

const divMono = P.divideMonomial;

/** p split into known factors (each to a power) and what is left. */
function splitFactors(work: Work, p: Poly, known: readonly Poly[]): { factors: Array<[Poly, number]>; rest: Poly } {
  const factors: Array<[Poly, number]> = [];
  let rest = p;
  for (const f of known) {
    let k = 0;
    while (!P.isConstant(rest) && rest.length >= f.length) {
      const q = P.divide(work, rest, f);
      if (!q) break;
      rest = q;
      k++;
    }
    if (k > 0) factors.push([f, k]);
  }
  return { factors, rest };
}

/** One way to write a side of a fraction (numerator or denominator): monomial, known factors, the rest planned; either sign of the rest. */
interface SideForm {
  readonly ops: number;
  /** The rest is negated: the coefficient takes a -1. */
  readonly flipped: boolean;
  readonly build: () => Expr;
}

/** The ways worth comparing to write one side of a fraction: the monomial, then the rest with or without the known factors divided out. */
function sideForms(p: Poly, mono: readonly number[], w: Writer, known: readonly Poly[]): SideForm[] {
  const out: SideForm[] = [];
  for (const useKnown of known.length > 0 ? [false, true] : [false]) {
    const sp = useKnown ? splitFactors(w.work, p, known) : { factors: [], rest: p };
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

/** dp/dv. */
function derivativeIn(work: Work, p: Poly, v: number): Poly {
  const ts = [];
  for (const t of p) {
    const k = t.e[v]!;
    if (k === 0) continue;
    const e = [...t.e];
    e[v] = k - 1;
    ts.push({ e, c: ratMul(t.c, { p: BigInt(k), q: 1n }) });
  }
  return P.fromTerms(work, ts);
}

/** Most terms of a side looked at for repeated factors, and most multiplicity. */
const MAX_SQUAREFREE_TERMS = 24;
const MAX_MULTIPLICITY = 12;

/**
 * The factors of p of multiplicity 2 or more that hold a kernel other than a symbol ((x + exp(x))^2
 * written out is x^2 + 2*x*exp(x) + exp(2*x)): Yun's square-free decomposition in the first kernel
 * they can hold. A polynomial in symbols alone stays as written (x^3 + 3*x^2 + 3*x + 1 is a form a
 * person writes; the preferred-forms table): only calls and powers are worth a factored power.
 * Each is a factor of p exactly (sideForms divides by it), so the form is p's value wherever p is;
 * the factors are distinct (Yun's have distinct multiplicities).
 */
export function repeatedFactors(p: Poly, w: Writer): Poly[] {
  if (p.length < 3 || p.length > MAX_SQUAREFREE_TERMS) return [];
  const work = w.work;
  const opaque = (i: number): boolean => w.kernels[i]!.node.kind !== 'sym';
  for (let v = 0; v < w.size; v++) {
    if (!opaque(v) || P.degreeIn(p, v) < 2) continue;
    const dp = derivativeIn(work, p, v);
    const g = P.gcd(work, p, dp, w.size);
    if (P.isConstant(g)) continue;
    const out: Poly[] = [];
    let rest = P.divide(work, p, g);
    let y = P.divide(work, dp, g);
    if (!rest || !y) return [];
    let z = P.sub(work, y, derivativeIn(work, rest, v));
    for (let i = 1; !P.isConstant(rest) && i <= MAX_MULTIPLICITY; i++) {
      const a = P.gcd(work, rest, z, w.size);
      if (i >= 2 && !P.isConstant(a)) out.push(P.normalise(a));
      rest = P.divide(work, rest, a)!;
      y = P.divide(work, z, a)!;
      if (!rest || !y) break;
      z = P.sub(work, y, derivativeIn(work, rest, v));
    }
    return out;
  }
  return [];
}

/**
 * The layouts of c*n/d (n, d coprime, normalised) worth comparing: the best
 * fraction (numerator and denominator each as cheap as found), and a sum of
 * terms over a monomial when the denominator is one.
 */
export function layouts(
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
  // With an atom among the kernels a side may be cheaper whole (x^n - n*x, not
  // x*(x^(n - 1) - n)): its monomial content merges into it.
  const merging = w.kernels.some((k) => k.merges);
  const forms = (whole: Poly, rest: Poly, mono: readonly number[]): SideForm[] =>
    merging && mono.some((x) => x > 0)
      ? [...sideForms(rest, mono, w, known), ...sideForms(whole, new Array<number>(w.size).fill(0), w, known)]
      : sideForms(rest, mono, w, known);
  for (const t of forms(n, n2, mn)) {
    for (const b of forms(d, d2, md)) {
      const sign = t.flipped !== b.flipped ? -1n : 1n;
      const ops = t.ops + (b.ops > 0 || !P.isConstant(d2) || md.some((x) => x > 0) ? b.ops + 1 : 0) + (c.p * sign < 0n ? 1 : 0);
      if (!best || ops < best.ops) {
        best = { ops, build: () => mul(num(ratMul(c, { p: sign, q: 1n })), t.build(), pow(b.build(), -1)) };
      }
    }
  }
  const rule: RuleName = cancelled ? 'cancel-common-factors' : isSum && !P.isConstant(d2) ? 'combine-fractions' : 'factor-common';
  // Each term gets the monomial's division: one /, its kernels' costs, a * between two of them.
  const mdFactors = factorCount(md);
  const mdCost = mdFactors > 0 ? mdFactors + w.monomialOps(md) : 0;
  const ck = P.isConstant(d2) ? ratMul(c, ratInv(d2[0]!.c)) : c;
  const scaled = P.isConstant(d2) ? P.scale(n, ck) : n;
  const expandedOps = P.isConstant(d2) ? expandedPlan(scaled, w, w.termOps(scaled)).ops + n.length * mdCost : Infinity;
  // The fraction's coefficient: a * before the numerator, a / for its denominator.
  const coefOps = (c.p !== 1n && c.p !== -1n ? 1 : 0) + (c.q !== 1n && P.isConstant(d2) && !md.some((x) => x > 0) ? 1 : 0);
  // With nothing below the line, 2*(2*x^3 + 15*x^2) is a fraction too: not when the sum written out is cheaper.
  const fractionLoses = P.isConstant(d2) && !md.some((x) => x > 0) && expandedOps < best!.ops + coefOps;
  if (best!.ops <= limit && !fractionLoses) out.push({ rule, e: best!.build() });
  if (P.isConstant(d2) && expandedOps <= limit + 2) {
    // A sum of terms over a monomial: 2*x + 8/x^3 rather than (2*x^4 + 8)/x^3.
    const over = pow(w.monomial(md), -1);
    out.push({ rule: 'expand-products', e: add(...n.map((t) => mul(num(ratMul(ck, t.c)), w.monomial(t.e), over))) });
  }
  return out;
}

export type RuleName = 'cancel-common-factors' | 'combine-fractions' | 'factor-common' | 'expand-products' | 'simplify-parts';

/** A form of a node proposed by a code rule. */
export interface Layout {
  readonly rule: RuleName;
  readonly e: Expr;
}
