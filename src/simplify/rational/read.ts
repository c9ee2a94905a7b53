// Reading a region (a maximal subgraph of sums, products and integer powers)
// as a rational function p/q over Q in its "kernels": symbols, function calls,
// roots; exp(k*u) is exp(u)^k and x^(p/q) is (x^(1/q))^p. All of it is bounded
// (the region's size and depth, and the caller's polynomial Work): past the
// bounds it throws TooBig and the caller leaves the node as it is.
import { add, call, mul, num, pow, ONE } from '../../core/build.js';
import type { Expr } from '../../core/expr.js';
import { compare } from '../../core/order.js';
import { gcd, rat, ratInv, ratMul, ratPow, type Rational } from '../../core/rational.js';
import { intWithin, relateForms, type LinearForm } from './exponents.js';
import * as P from '../poly.js';
import type { Poly, Work } from '../poly.js';

/** A kernel: an opaque factor, and how to write it to an integer power. */
export interface Kernel {
  /** The node the kernel stands for (to the power 1). */
  readonly node: Expr;
  readonly power: (k: number) => Expr;
  /** A power to a symbolic exponent that others are read through (atomsOf): the builders may merge it with its base (x*x^(n - 1) is x^n) and with others. */
  readonly merges?: boolean;
}

export const MAX_REGION = 300; // nodes of a region read as one rational function
const MAX_DEPTH = 40;
const MAX_POWER = 12;

/** A rational function: numerator and denominator, expanded polynomials in the kernels. */
export interface RationalFunction {
  readonly n: Poly;
  readonly d: Poly;
}

/** How a node of a region is read: a part of the rational structure, or a kernel to a power. */
type Reading =
  | { readonly t: 'num'; readonly v: Rational }
  | { readonly t: 'add' | 'mul'; readonly xs: readonly Expr[] }
  | { readonly t: 'pow'; readonly base: Expr; readonly k: number }
  | KernelPower
  | { readonly t: 'kernels'; readonly parts: readonly KernelPower[]; readonly coef?: Rational }
  // u^(c1*a1 + ... + cn*an + k) read as the kernels u^ai (atoms: powers in the region) to the ci, times u^k (atomsOf).
  | Through;

interface Through {
  readonly t: 'through';
  readonly atoms: readonly Expr[];
  readonly coefs: readonly number[];
  readonly base: Expr;
  readonly k: number;
}

interface KernelPower {
  readonly t: 'kernel';
  readonly key: string;
  readonly make: () => Kernel;
  readonly k: number;
}

/**
 * exp(k1*u1 + k2*u2 + ...) = exp(u1)^k1*exp(u2)^k2*... for small integers k:
 * so exp(-x) is 1/exp(x) and exp(x + y) shares the factor exp(x) with exp(x).
 * The same for b^(...) with b > 0 a constant (2^(x + 1) is 2*2^x), `tag`
 * naming the base and `power(unit, j)` writing b^(j*unit).
 */
function expParts(arg: Expr, tag = 'e', power = (unit: Expr, j: number): Expr => call('exp', mul(j, unit))): KernelPower[] {
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
      key: `${tag}${unitNode.id}`,
      k,
      make: () => ({ node: power(unitNode, 1), power: (j) => power(unitNode, j) }),
    };
  });
}

/** A factor of a positive constant base: a rational > 0 other than 1, pi or e. */
const isPositiveConstant = (f: Expr): boolean =>
  f.kind === 'num' ? f.value.p > 0n && !(f.value.p === 1n && f.value.q === 1n) : f.kind === 'sym' && (f.name === 'pi' || f.name === 'e');

/** Is b a positive constant base (2, pi, e, 10*e), whose powers b^u the reading splits like exp's? */
export const isPositiveBase = (b: Expr): boolean => (b.kind === 'mul' ? b.args : [b]).every(isPositiveConstant);

/** The factors of a positive constant base: b^u is the product of their powers. */
const positiveBase = (b: Expr): readonly Expr[] | null => (isPositiveBase(b) ? (b.kind === 'mul' ? b.args : [b]) : null);

/** A factor with no sum to expand in it: an atom, a call, a root, or an integer power >= 0 of one. */
const isPlainFactor = (f: Expr): boolean =>
  f.kind !== 'add' && f.kind !== 'mul' && !(f.kind === 'pow' && f.exp.kind === 'num' && f.exp.value.q === 1n && (f.exp.value.p < 0n || !isPlainFactor(f.base)));

const isMonomial = (t: Expr): boolean => (t.kind === 'mul' ? t.args.every(isPlainFactor) : isPlainFactor(t));

/** A sum of monomials, or a monomial: what the builders make of an expanded polynomial, read term for term. */
export const isWrittenOut = (a: Expr): boolean => (a.kind === 'add' ? a.args.every(isMonomial) : isMonomial(a));

/** Largest numerator or denominator bits of a rational coefficient b^c kept exact in a reading. */
const MAX_COEF_BITS = 256;

/**
 * b^(k1*u1 + ... + c) for a positive constant b: the parts of each factor of
 * b (exp's for e), with b^c as a coefficient for a rational b and an integer
 * c. Exact: b^(u + v) = b^u*b^v and b^(k*u) = (b^u)^k for every real u, v
 * when b > 0. Null past the bounds.
 */
function constantBaseParts(b: Expr, exponent: Expr): { parts: KernelPower[]; coef: Rational } | null {
  const factors = positiveBase(b);
  if (!factors) return null;
  const { rest, c } = offsetOf(exponent);
  let coef: Rational = { p: 1n, q: 1n };
  const parts: KernelPower[] = [];
  for (const f of factors) {
    if (f.kind === 'sym' && f.name === 'e') {
      parts.push(...expParts(exponent));
      continue;
    }
    const base = f;
    parts.push(...expParts(f.kind === 'num' ? rest : exponent, `b${base.id}:`, (unit, j) => pow(base, mul(j, unit))));
    if (f.kind === 'num' && c !== 0) {
      const m = BigInt(Math.abs(c));
      const p = f.value.p ** m;
      const q = f.value.q ** m;
      if (p.toString(2).length > MAX_COEF_BITS || q.toString(2).length > MAX_COEF_BITS) return null;
      coef = c > 0 ? { p: coef.p * p, q: coef.q * q } : { p: coef.p * q, q: coef.q * p };
    }
  }
  return { parts, coef };
}

/** An exponent as its symbolic part and its integer offset: r + c with c a small integer (0 when none). */
function offsetOf(x: Expr): { rest: Expr; c: number } {
  if (x.kind === 'add' && x.args[0]!.kind === 'num') {
    const k = smallInt(x.args[0].value);
    if (k !== null) return { rest: x.args.length === 2 ? x.args[1]! : add(...x.args.slice(1)), c: k };
  }
  return { rest: x, c: 0 };
}

const smallInt = (r: Rational): number | null => intWithin(r, MAX_POWER);

/** n = a^k with k >= 2 as large as can be, for an integer n > 3 of at most 53 bits; null when n is no such power. */
function leastPowerBase(n: Rational): { a: bigint; k: number } | null {
  if (n.q !== 1n || n.p < 4n || n.p > 2n ** 53n) return null;
  for (let k = Math.floor(Math.log2(Number(n.p))); k >= 2; k--) {
    const a = ratPow(n, rat(1n, BigInt(k)));
    if (a) return { a: a.p, k };
  }
  return null;
}

/** How one node of a region is read (`through`: the region's powers read through atoms). */
function readingOf(e: Expr, through?: Throughs): Reading {
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
          // x^(p/q) = (x^(1/q))^p: one kernel for all powers of the same root; a number's
          // root as one of the least base it is a power of (cbrt(4) = cbrt(2)^2: 4 = 2^2 > 0).
          const q = r.q;
          const least = e.base.kind === 'num' ? leastPowerBase(e.base.value) : null;
          const base = least ? num(least.a) : e.base;
          return {
            t: 'kernel',
            key: `r${base.id}/${q}`,
            k: p * (least?.k ?? 1),
            make: () => ({ node: pow(base, num(1n, q)), power: (j) => pow(base, num(BigInt(j), q)) }),
          };
        }
        break;
      }
      const split = constantBaseParts(e.base, e.exp);
      if (split) return { t: 'kernels', parts: split.parts, coef: split.coef };
      const atoms = through?.get(e.id);
      if (atoms) return atoms;
      break;
    }
    case 'call':
      if (e.fn === 'exp' && e.derivs.length === 0) return { t: 'kernels', parts: expParts(e.args[0]!) };
      break;
  }
  return { t: 'kernel', key: `k${e.id}`, k: 1, make: () => ({ node: e, power: (j) => pow(e, j) }) };
}

/** The readings through atoms of a region, by node id (see Reading). */
export type Throughs = ReadonlyMap<number, Through>;

/** Most distinct powers of one base related by atomsOf (it tries each basis among them). */
const MAX_GROUP = 8;

/**
 * Powers of one base u to symbolic exponents, related through atoms: each
 * exponent read as a linear form (exponentForms), a few powers chosen as atoms
 * (relateForms), and each other power u^(c1*a1 + ... + cn*an + k) that it can
 * be, with integers c_i and k all >= 0 or all <= 0, read as the product of
 * (u^ai)^ci times u^k. So u^(2*x) is (u^x)^2, a^(x + y) is a^x*a^y, u^(-x) is
 * 1/u^x, u^(p + 1) is u*u^p. Exact wherever the region is defined (on the
 * reals, x^y as Math.pow: real for x > 0, for x = 0 at y >= 0 with 0^0 = 1,
 * for x < 0 at integer y), because the atoms are powers of the region itself,
 * so they are defined wherever it is:
 * - u > 0: u^(s + t) = u^s*u^t and u^(c*s) = (u^s)^c for all reals.
 * - u < 0: the atoms' exponents are integers there, so the combination is, and
 *   the same laws hold for integer exponents (u^ai != 0).
 * - u = 0: each atom's exponent is >= 0 (0^ai is 0, or 1 at ai = 0). With all
 *   c_i, k >= 0 the exponent is >= 0, and both sides are 1 when every term
 *   c_i*ai and k is 0, else 0. With all <= 0 the exponent is <= 0, so where the
 *   power is defined the exponent is 0, every term is 0 and both sides are 1
 *   (and a negative k means u != 0 wherever the power is defined).
 * Mixed signs are not read so: u^(x - y) at u = 0, x > y > 0 is 0 but
 * u^x/u^y is 0/0; nor a negative offset with positive c (u^(x - 1) is 0 at
 * u = 0, x = 2, but u^x/u is 0/0).
 */
function atomsOf(pows: readonly (Expr & { kind: 'pow' })[]): Map<number, Through> | undefined {
  const groups = new Map<number, Array<Expr & { kind: 'pow' }>>();
  for (const e of pows) {
    const g = groups.get(e.base.id);
    if (g) g.push(e);
    else groups.set(e.base.id, [e]);
  }
  const related = [...groups.values()].filter((g) => g.length > 1 && g.length <= MAX_GROUP);
  if (related.length === 0) return undefined;
  let forms: Map<number, LinearForm>;
  try {
    forms = exponentForms(related.flatMap((g) => g.map((e) => e.exp)));
  } catch (err) {
    if (err instanceof P.TooBig) return undefined; // exponents too large to read: none related
    throw err;
  }
  let out: Map<number, Through> | undefined;
  for (const g of related) {
    const members = g.sort((a, b) => compare(a.exp, b.exp));
    for (const [i, c] of relateForms(members.map((e) => forms.get(e.exp.id)!), MAX_POWER) ?? []) {
      const e = members[i]!;
      (out ??= new Map()).set(e.id, { t: 'through', atoms: c.atoms.map((j) => members[j]!), coefs: c.coefs, base: e.base, k: c.offset });
    }
  }
  return out;
}

/** Polynomial work reading a region's exponents may take (they are small: x, n - 1, x*(k + 2*l)). */
const EXPONENT_WORK = 2_000;

/**
 * Exponents as linear forms: over the monomials of their reading as
 * polynomials in one index of their kernels (x*(k + 2*l) is x*k + 2*x*l), or,
 * where that is not a polynomial, the symbolic part r of r + c as one
 * coordinate of its own. Exact: a form equals its exponent wherever that is
 * defined, so a relation among forms holds among the exponents.
 */
function exponentForms(exps: readonly Expr[]): Map<number, LinearForm> {
  const out = new Map<number, LinearForm>();
  const { kernels, index } = kernelsOfAll(exps);
  const w = new P.Work(EXPONENT_WORK);
  const memo = new Map<number, RationalFunction>();
  for (const x of exps) if (!out.has(x.id)) out.set(x.id, polynomialForm(readRational(w, x, index, kernels.length, memo)) ?? offsetForm(x));
  return out;
}

/** A reading with a constant denominator, not constant itself, as a linear form in its monomials. */
function polynomialForm(f: RationalFunction): LinearForm | null {
  if (!P.isConstant(f.d)) return null;
  const s = ratInv(f.d[0]!.c);
  const v = new Map<string, Rational>();
  let c: Rational = rat(0n);
  for (const t of f.n) {
    if (t.e.every((k) => k === 0)) c = ratMul(t.c, s);
    else v.set(t.e.join(','), ratMul(t.c, s));
  }
  return v.size > 0 ? { v, c } : null;
}

const offsetForm = (x: Expr): LinearForm => {
  const { rest, c } = offsetOf(x);
  return { v: new Map([[`n${rest.id}`, P.ONE_R]]), c: rat(BigInt(c)) };
};

/** Most edges (argument slots) of a region: its distinct nodes are bounded by MAX_REGION, its printed size by this. */
export const MAX_EDGES = 8_000;

/** The kernels of a region, as collectKernels gives them. */
export type RegionKernels = { kernels: Kernel[]; index: Map<string, number>; edges: number };

/**
 * A region read otherwise than plainly (powers through atoms, roots as powers of a common root):
 * its readings through atoms, and its plain reading (the first walk), by the index collectKernels
 * made for it (the index is the call's own object).
 */
const THROUGH = new WeakMap<Map<string, number>, { through: Throughs; plain: RegionKernels }>();
/** The plain reading of a region read otherwise (its layouts may differ), or undefined. */
export const plainReading = (index: Map<string, number>): RegionKernels | undefined => THROUGH.get(index)?.plain;

/**
 * The kernels of a region, in the canonical order of their nodes, and the
 * region's size in edges (what reading it costs beyond polynomial work).
 * Each distinct node is visited once. Where the region has powers of one base
 * whose symbolic exponents relate, it is walked again with them read through
 * atoms (atomsOf); roots of one base with several indices are read as powers
 * of one root (withCommonRoots).
 */
export function collectKernels(root: Expr): RegionKernels {
  const pows: Array<Expr & { kind: 'pow' }> = [];
  const plain = walkRegion(root, undefined, pows);
  const through = pows.length > 1 ? atomsOf(pows) : undefined;
  const out = withCommonRoots(through ? walkRegion(root, through, []) : plain);
  if (out !== plain) THROUGH.set(out.index, { through: through ?? NO_THROUGH, plain });
  return out;
}

const NO_THROUGH: Throughs = new Map();

/** Most index of the one root a base's roots are read as powers of (x^(1/4), x^(1/6): x^(1/12)). */
const MAX_COMMON_ROOT = 12;

/**
 * Roots of one base with several indices, read as powers of one root by the region's index (see
 * withCommonRoots): a root's key, the key of the common root and the power it is of it.
 */
const COMMON_ROOTS = new WeakMap<Map<string, number>, Map<string, { key: string; k: number }>>();

/**
 * A region's roots of one base b with several indices q (x^(1/4), cbrt(x), x^(1/6)) read as powers
 * of one root b^(1/L), L the least common multiple of the q (x^(1/12)^3, ^4, ^2), so that
 * 1/(x^(1/3) + x^(1/4)) and x^(1/12) meet; the base itself, where it is a kernel, is b^(1/L) to the
 * power L. Exact wherever the region is defined: for L odd every q
 * is odd, and real odd roots are (b^(1/L))^(L/q) for every real b; for L even some q is even, so
 * b >= 0 wherever that root, in the region, is defined, and there b^(p/q) = (b^(1/L))^(p*L/q) (q = 1 too).
 * The roots keep their own kernels too (unused in this reading).
 */
function withCommonRoots(rk: RegionKernels): RegionKernels {
  const byBase = new Map<string, number[]>();
  for (const key of rk.index.keys()) {
    if (key[0] !== 'r') continue;
    const slash = key.indexOf('/');
    const base = key.slice(1, slash);
    const q = Number(key.slice(slash + 1));
    const qs = byBase.get(base);
    if (qs) qs.push(q);
    else byBase.set(base, [q]);
  }
  let aliases: Map<string, { key: string; k: number }> | undefined;
  const added: Array<[string, Kernel]> = [];
  for (const [base, qs] of byBase) {
    // The base itself, where it is a kernel, is its root to the power L.
    const plain = rk.index.get(`k${base}`);
    if (plain !== undefined && rk.kernels[plain]!.node.kind === 'sym') qs.push(1);
    if (qs.length < 2) continue;
    const L = qs.reduce((a, b) => (a / Number(gcd(BigInt(a), BigInt(b)))) * b);
    if (L > MAX_COMMON_ROOT) continue;
    const key = `r${base}/${L}`;
    if (!rk.index.has(key)) {
      const b = (rk.kernels[rk.index.get(`r${base}/${qs[0]}`)!]!.node as Expr & { kind: 'pow' }).base;
      added.push([key, { node: pow(b, num(1n, BigInt(L))), power: (j) => pow(b, num(BigInt(j), BigInt(L))) }]);
    }
    for (const q of qs) if (q !== L) (aliases ??= new Map()).set(q === 1 ? `k${base}` : `r${base}/${q}`, { key, k: L / q });
  }
  if (!aliases) return rk;
  const entries: Array<[string, Kernel]> = [...[...rk.index].map(([k, i]): [string, Kernel] => [k, rk.kernels[i]!]), ...added];
  entries.sort((a, b) => compare(a[1].node, b[1].node));
  const index = new Map(entries.map(([k], i) => [k, i]));
  COMMON_ROOTS.set(index, aliases);
  return { kernels: entries.map((x) => x[1]), index, edges: rk.edges };
}

function walkRegion(root: Expr, through: Throughs | undefined, pows: Array<Expr & { kind: 'pow' }>): RegionKernels {
  const found = new Map<string, Kernel>();
  const seen = new Set<number>([root.id]);
  let edges = 0;
  const stack: Array<[Expr, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [e, depth] = stack.pop()!;
    if (seen.size > MAX_REGION || depth > MAX_DEPTH) throw new P.TooBig('region too large');
    const r = readingOf(e, through);
    const next = r.t === 'add' || r.t === 'mul' ? r.xs : r.t === 'pow' || (r.t === 'through' && r.k !== 0) ? [r.base] : r.t === 'through' ? [] : null;
    if (r.t === 'through') {
      // The atoms are powers of the region (walked as kernels too): here marked as merging.
      r.atoms.forEach((a, i) => {
        if (r.coefs[i] !== 0) found.set(`k${a.id}`, { node: a, power: (j) => pow(a, j), merges: true });
      });
    }
    if (next) {
      edges += next.length;
      if (edges > MAX_EDGES) throw new P.TooBig('region too large');
      for (const x of next) {
        if (seen.has(x.id)) continue;
        seen.add(x.id);
        stack.push([x, depth + 1]);
      }
    } else {
      if (e.kind === 'pow' && r.t === 'kernel' && e.exp.kind !== 'num') pows.push(e);
      for (const part of r.t === 'kernels' ? r.parts : r.t === 'kernel' ? [r] : []) {
        if (!found.has(part.key)) found.set(part.key, part.make());
      }
    }
  }
  const entries = [...found].sort((a, b) => compare(a[1].node, b[1].node));
  return { kernels: entries.map((x) => x[1]), index: new Map(entries.map(([k], i) => [k, i])), edges };
}

/**
 * One kernel index for several regions (a region and the radicands or angles it is read
 * with, whose kernels it may not have), in the canonical order of the kernels' nodes.
 * Read plainly (the index has no readings through atoms).
 */
export function kernelsOfAll(parts: readonly Expr[]): { kernels: Kernel[]; index: Map<string, number> } {
  const found = new Map<string, Kernel>();
  for (const part of parts) {
    const c = walkRegion(part, undefined, []);
    for (const [key, i] of c.index) if (!found.has(key)) found.set(key, c.kernels[i]!);
  }
  const entries = [...found].sort((a, b) => compare(a[1].node, b[1].node));
  return { kernels: entries.map((x) => x[1]), index: new Map(entries.map(([k], i) => [k, i])) };
}

/** Reads a region as a rational function (numerator and denominator expanded). */
export function readRational(w: Work, e: Expr, index: Map<string, number>, n: number, memo: Map<number, RationalFunction>, depth = 0): RationalFunction {
  if (depth > MAX_DEPTH) throw new P.TooBig('too deep');
  const seen = memo.get(e.id);
  if (seen) return seen;
  const out = readNode(w, e, index, n, memo, depth);
  memo.set(e.id, out);
  return out;
}

function readNode(w: Work, e: Expr, index: Map<string, number>, n: number, memo: Map<number, RationalFunction>, depth: number): RationalFunction {
  const r = readingOf(e, e.kind === 'pow' && e.exp.kind !== 'num' ? THROUGH.get(index)?.through : undefined);
  switch (r.t) {
    case 'num':
      return { n: P.constant(n, r.v), d: P.constant(n, P.ONE_R) };
    case 'kernel':
    case 'kernels': {
      const top = new Array<number>(n).fill(0);
      const bottom = new Array<number>(n).fill(0);
      const common = COMMON_ROOTS.get(index);
      for (const part of r.t === 'kernels' ? r.parts : [r]) {
        const alias = common?.get(part.key);
        const i = index.get(alias ? alias.key : part.key)!;
        const k = alias ? part.k * alias.k : part.k;
        if (k >= 0) top[i]! += k;
        else bottom[i]! -= k;
      }
      const c = r.t === 'kernels' && r.coef ? r.coef : P.ONE_R;
      return { n: [{ e: top, c }], d: [{ e: bottom, c: P.ONE_R }] };
    }
    case 'through': {
      const top = new Array<number>(n).fill(0);
      const bottom = new Array<number>(n).fill(0);
      r.atoms.forEach((a, i) => {
        const k = r.coefs[i]!;
        if (k > 0) top[index.get(`k${a.id}`)!] += k;
        else if (k < 0) bottom[index.get(`k${a.id}`)!] -= k;
      });
      const atoms = { n: [{ e: top, c: P.ONE_R }], d: [{ e: bottom, c: P.ONE_R }] };
      return r.k === 0 ? atoms : mulRF(w, atoms, integerPower(w, readRational(w, r.base, index, n, memo, depth + 1), r.k, n));
    }
    case 'add':
      return readSum(w, r.xs, index, n, memo, depth);
    case 'mul':
      return r.xs.map((x) => readRational(w, x, index, n, memo, depth + 1)).reduce((a, b) => mulRF(w, a, b));
    case 'pow':
      return integerPower(w, readRational(w, r.base, index, n, memo, depth + 1), r.k, n);
  }
}

/** b^k for an integer k. */
function integerPower(w: Work, b: RationalFunction, k: number, n: number): RationalFunction {
  const m = Math.abs(k);
  const out = { n: P.pow(w, b.n, m, n), d: P.pow(w, b.d, m, n) };
  if (k >= 0) return out;
  if (P.isZero(out.n)) throw new P.TooBig('division by zero');
  return { n: out.d, d: out.n };
}

/** Whether some factor (not a number) is in three or more of the terms: worth collecting before expanding. */
function sharesFactors(xs: readonly Expr[]): boolean {
  if (xs.length < 4) return false;
  const count = new Map<number, number>();
  for (const x of xs) {
    if (x.kind !== 'mul') continue;
    for (const f of x.args) {
      if (f.kind === 'num') continue;
      const k = (count.get(f.id) ?? 0) + 1;
      if (k >= 3) return true;
      count.set(f.id, k);
    }
  }
  return false;
}

/** A term of a sum as its factors (nodes), the numeric coefficient one of them. */
type FactorList = readonly Expr[];

/**
 * A sum read term by term, except that terms sharing factors are collected
 * first: the factor f in the most terms splits the sum into f*(what those
 * terms have besides f) + (the others), recursively, and a product of
 * factors is read once per distinct list (by its tail). So the derivative of
 * a product, sum_i prod_{j != i} f_j, costs O(n^2) term operations rather
 * than O(n^3): d/dx (x + 1)*...*(x + 60) expands within a region's work.
 * Exact: only distributivity.
 */
function readSum(w: Work, xs: readonly Expr[], index: Map<string, number>, n: number, memo: Map<number, RationalFunction>, depth: number): RationalFunction {
  const read = (x: Expr): RationalFunction => readRational(w, x, index, n, memo, depth + 1);
  if (!sharesFactors(xs)) return xs.map(read).reduce((a, b) => addRF(w, a, b)); // the common case: term by term
  const lists: FactorList[] = xs.map((x) => (x.kind === 'mul' ? x.args : [x]));
  const products = new Map<string, RationalFunction>();
  // The product of a factor list, each tail read once: [f1..fn] is f1 times [f2..fn].
  const product = (fs: FactorList, from = 0): RationalFunction => {
    if (from === fs.length - 1) return read(fs[from]!);
    let key = '';
    for (let i = from; i < fs.length; i++) key += `${fs[i]!.id},`;
    const known = products.get(key);
    if (known) return known;
    w.spend(1);
    const out = mulRF(w, read(fs[from]!), product(fs, from + 1));
    products.set(key, out);
    return out;
  };
  const sum = (terms: readonly FactorList[]): RationalFunction => {
    const nonEmpty = terms.filter((t) => t.length > 0);
    const ones = terms.length - nonEmpty.length; // terms that were the shared factor alone
    let out: RationalFunction | null = ones > 0 ? { n: P.constant(n, { p: BigInt(ones), q: 1n }), d: P.constant(n, P.ONE_R) } : null;
    const plus = (x: RationalFunction): void => {
      out = out ? addRF(w, out, x) : x;
    };
    // The factor (not a number) in the most terms.
    const count = new Map<number, { f: Expr; k: number }>();
    let best: { f: Expr; k: number } | null = null;
    for (const t of nonEmpty) {
      for (const f of t) {
        if (f.kind === 'num') continue;
        const c = count.get(f.id) ?? { f, k: 0 };
        c.k++;
        count.set(f.id, c);
        if (!best || c.k > best.k) best = c;
      }
    }
    w.spend(nonEmpty.length);
    if (!best || best.k < 2) {
      for (const t of nonEmpty) plus(product(t));
    } else {
      const f = best.f;
      const withF: FactorList[] = [];
      const rest: FactorList[] = [];
      for (const t of nonEmpty) (t.includes(f) ? withF : rest).push(t);
      plus(mulRF(w, read(f), sum(withF.map((t) => t.filter((g) => g !== f)))));
      if (rest.length > 0) plus(sum(rest));
    }
    return out ?? { n: [], d: P.constant(n, P.ONE_R) };
  };
  return sum(lists);
}

function addRF(w: Work, a: RationalFunction, b: RationalFunction): RationalFunction {
  if (P.equals(a.d, b.d)) return { n: P.add(w, a.n, b.n), d: a.d };
  const n = a.n[0]?.e.length ?? b.n[0]?.e.length ?? a.d[0]!.e.length;
  const g = P.gcd(w, a.d, b.d, n);
  const ad = P.divide(w, a.d, g)!;
  const bd = P.divide(w, b.d, g)!;
  return { n: P.add(w, P.mul(w, a.n, bd), P.mul(w, b.n, ad)), d: P.mul(w, a.d, bd) };
}

const mulRF = (w: Work, a: RationalFunction, b: RationalFunction): RationalFunction => ({ n: P.mul(w, a.n, b.n), d: P.mul(w, a.d, b.d) });

/** Sums (and bases of powers) met in a region: candidates to show as factors. */
export function knownFactors(w: Work, root: Expr, index: Map<string, number>, n: number, memo: Map<number, RationalFunction>): Poly[] {
  const out: Poly[] = [];
  const stack: Expr[] = [root];
  const seen = new Set<number>([root.id]);
  while (stack.length > 0 && seen.size <= MAX_REGION) {
    const e = stack.pop()!;
    const r = readingOf(e);
    if (r.t === 'add' && e !== root) {
      // The numerator of the sum over its common denominator, without monomial factors: 1 + 1/x gives x + 1.
      const f = readRational(w, e, index, n, memo);
      const m = P.monomialContent(f.n, n);
      const p = P.normalise(P.divideMonomial(f.n, m));
      if (!P.isConstant(p) && !out.some((q) => P.equals(p, q))) out.push(p);
    }
    for (const x of r.t === 'add' || r.t === 'mul' ? r.xs : r.t === 'pow' ? [r.base] : []) {
      if (!seen.has(x.id)) {
        seen.add(x.id);
        stack.push(x);
      }
    }
  }
  return out;
}

