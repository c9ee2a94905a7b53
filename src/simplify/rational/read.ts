// Reading a region (a maximal subgraph of sums, products and integer powers)
// as a rational function p/q over Q in its "kernels": symbols, function calls,
// roots; exp(k*u) is exp(u)^k and x^(p/q) is (x^(1/q))^p. All of it is bounded
// (the region's size and depth, and the caller's polynomial Work): past the
// bounds it throws TooBig and the caller leaves the node as it is.
import { call, mul, num, pow, ONE } from '../../core/build.js';
import type { Expr } from '../../core/expr.js';
import { compare } from '../../core/order.js';
import { isInteger, type Rational } from '../../core/rational.js';
import * as P from '../poly.js';
import type { Poly, Work } from '../poly.js';

/** A kernel: an opaque factor, and how to write it to an integer power. */
export interface Kernel {
  /** The node the kernel stands for (to the power 1). */
  readonly node: Expr;
  readonly power: (k: number) => Expr;
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

/** How one node of a region is read. */
function readingOf(e: Expr): Reading {
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
export function collectKernels(root: Expr): { kernels: Kernel[]; index: Map<string, number> } {
  const found = new Map<string, Kernel>();
  let visited = 0;
  const stack: Array<[Expr, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [e, depth] = stack.pop()!;
    if (++visited > MAX_REGION || depth > MAX_DEPTH) throw new P.TooBig('region too large');
    const r = readingOf(e);
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
export function readRational(w: Work, e: Expr, index: Map<string, number>, n: number, memo: Map<number, RationalFunction>, depth = 0): RationalFunction {
  if (depth > MAX_DEPTH) throw new P.TooBig('too deep');
  const seen = memo.get(e.id);
  if (seen) return seen;
  const out = readNode(w, e, index, n, memo, depth);
  memo.set(e.id, out);
  return out;
}

function readNode(w: Work, e: Expr, index: Map<string, number>, n: number, memo: Map<number, RationalFunction>, depth: number): RationalFunction {
  const r = readingOf(e);
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
      return r.xs.map((x) => readRational(w, x, index, n, memo, depth + 1)).reduce((a, b) => addRF(w, a, b));
    case 'mul':
      return r.xs.map((x) => readRational(w, x, index, n, memo, depth + 1)).reduce((a, b) => mulRF(w, a, b));
    case 'pow': {
      const b = readRational(w, r.base, index, n, memo, depth + 1);
      const k = Math.abs(r.k);
      const out = { n: P.pow(w, b.n, k, n), d: P.pow(w, b.d, k, n) };
      if (r.k >= 0) return out;
      if (P.isZero(out.n)) throw new P.TooBig('division by zero');
      return { n: out.d, d: out.n };
    }
  }
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
  let visited = 0;
  while (stack.length > 0 && visited++ < MAX_REGION) {
    const e = stack.pop()!;
    const r = readingOf(e);
    if (r.t === 'add' && e !== root) {
      // The numerator of the sum over its common denominator, without monomial factors: 1 + 1/x gives x + 1.
      const f = readRational(w, e, index, n, memo);
      const m = P.monomialContent(f.n, n);
      const p = P.normalise(P.divideMonomial(f.n, m));
      if (!P.isConstant(p) && !out.some((q) => P.equals(p, q))) out.push(p);
    }
    if (r.t === 'add' || r.t === 'mul') stack.push(...r.xs);
    else if (r.t === 'pow') stack.push(r.base);
  }
  return out;
}

