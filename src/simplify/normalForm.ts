// The circular and hyperbolic functions of a region (a sum or product, with
// its integer powers) rewritten over one base angle per family, as a rational
// function of sin and cos of that angle (and of exp of it for the hyperbolic
// functions and exp), reduced by sin^2 = 1 - cos^2 and written back: where
// the terms of a sum are the same function in different dress (product-to-sum
// forms, double angles, shifts by pi, reciprocals, a mix of sinh and exp) this
// finds that they cancel, which no pattern at a single node can.
//
// Exact wherever the node is defined: every function is replaced by its value
// in sin(b), cos(b) (exp(b)): sin(n*b + c*pi) by the addition formulas (a
// polynomial identity), tan = sin/cos, sec = 1/cos, ... and sinh(u) =
// (exp(u) - exp(-u))/2, coth(u) = (exp(u) + exp(-u))/(exp(u) - exp(-u)), ...
// (a denominator vanishes exactly where the function it replaces has a pole).
// Reducing a numerator or denominator by sin(b)^2 + cos(b)^2 = 1 does not
// change its value at any real point; cancelling their gcd removes holes only.
import { add, call, mul, num, pow, sym, ONE, PI } from '../core/build.js';
import type { Expr } from '../core/expr.js';
import { isRecoverable } from '../core/budget.js';
import { nodeMemo } from '../core/memo.js';
import { gcd as igcd, ratMul, type Rational } from '../core/rational.js';
import { substitute } from '../diff/substitute.js';
import { freeSymbols } from '../core/traverse.js';
import { evaluate } from '../eval/evaluate.js';
import { compareCost, cost } from './cost.js';
import * as P from './poly.js';
import { collectKernels, kernelsOfAll, knownFactors, readRational, type Kernel } from './rational/read.js';
import { layouts, Writer } from './rational/write.js';
import { reduceNumericRoots } from './rational/root.js';
import { boundedFold } from './combinators.js';

const CIRC = new Set(['sin', 'cos', 'tan', 'cot', 'sec', 'csc']);
/** A circular function of one argument (sin, cos, tan, cot, sec, csc), not a derivative of one. */
export const isCircularCall = (e: Expr): e is Expr & { kind: 'call' } => e.kind === 'call' && e.derivs.length === 0 && e.args.length === 1 && CIRC.has(e.fn);
const HYP = new Set(['sinh', 'cosh', 'tanh', 'coth', 'sech', 'csch']);
const MAX_MULTIPLE = 12;
const MAX_CALLS = 24;
/** Denominators r of r*pi where the builders give sin and cos exactly. */
const EXACT_PI = new Set([1n, 2n, 3n, 4n, 6n]);

interface Term {
  readonly w: Expr; // the unit (ONE for a number)
  readonly c: Rational;
}

/** An angle as c1*w1 + c2*w2 + ... (+ a multiple of pi, kept apart for the circular functions). */
function terms(arg: Expr, piApart: boolean): { ts: Term[]; pi: Rational } | null {
  const ts: Term[] = [];
  let pi: Rational = { p: 0n, q: 1n };
  for (const t of arg.kind === 'add' ? arg.args : [arg]) {
    let c: Rational = { p: 1n, q: 1n };
    let w = t;
    if (t.kind === 'num') {
      c = t.value;
      w = ONE;
    } else if (t.kind === 'mul' && t.args[0]!.kind === 'num') {
      c = t.args[0].value;
      w = t.args.length === 2 ? t.args[1]! : mul(...t.args.slice(1));
    }
    // r*pi with a denominator the builders fold comes apart (sin(x + pi/4)); another (pi/12) is a term like x.
    if (piApart && w === PI && EXACT_PI.has(c.q)) {
      if (pi.p !== 0n) return null;
      pi = c;
      continue;
    }
    ts.push({ w, c });
  }
  return { ts, pi };
}

const ratGcd = (a: Rational, b: Rational): Rational => {
  const p = igcd(a.p < 0n ? -a.p : a.p, b.p < 0n ? -b.p : b.p);
  const qa = a.q;
  const qb = b.q;
  const l = (qa / igcd(qa, qb)) * qb;
  return { p, q: l };
};

interface Family {
  readonly w: Expr;
  g: Rational;
  /** Coefficients met, to tell whether the family has more than one multiple. */
  readonly seen: Set<string>;
  readonly circular: boolean;
  readonly exp: boolean;
  /** The calls that have it, and their functions. */
  readonly members: Set<number>;
  readonly fns: Set<string>;
  /** Shifted by pi, an angle with several terms, or under a square. */
  dressed: boolean;
  s?: Expr;
  c?: Expr;
  e?: Expr;
}

const divides = (g: Rational, c: Rational): bigint | null => {
  // c/g an integer?
  const p = c.p * g.q;
  const q = c.q * g.p;
  return p % q === 0n ? p / q : null;
};

type CallNode = Expr & { kind: 'call' };

interface Plan {
  families: Map<string, Family>;
  calls: CallNode[];
  /** Each call's angle as terms (by call id). */
  splits: Map<number, { ts: Term[]; pi: Rational }>;
}

/** The trig, hyperbolic and exp calls of the region of e (through sums, products and integer powers), and those squared or more. */
function regionCalls(e: Expr): { calls: CallNode[]; powered: Set<number>; sums: boolean } | null {
  let sums = false;
  const calls: CallNode[] = [];
  const powered = new Set<number>();
  const seen = new Set<number>();
  // A node met again under a square is walked again (at most twice in all), so a call squared
  // anywhere is marked whatever the order of the walk (sin(x) - cos(x) + cos(x)^2).
  const seenUnder = new Set<number>();
  // Each node with whether it is under a square or higher power (of itself or of a sum it is in).
  const stack: Array<[Expr, boolean]> = [[e, false]];
  let nodes = 0;
  while (stack.length > 0) {
    const [x, under] = stack.pop()!;
    if (seenUnder.has(x.id) || (!under && seen.has(x.id))) continue;
    const first = !seen.has(x.id);
    seen.add(x.id);
    if (under) seenUnder.add(x.id);
    if (first && ++nodes > 300) return null;
    if (x.kind === 'add' || x.kind === 'mul') {
      if (x.kind === 'add') sums = true;
      const squares = under || (x.kind === 'mul' && squaresImplicitly(x.args));
      for (const a of x.args) stack.push([a, squares]);
    } else if (x.kind === 'pow' && x.exp.kind === 'num' && x.exp.value.q === 1n) {
      stack.push([x.base, under || x.exp.value.p >= 2n || x.exp.value.p <= -2n]);
    } else if (x.kind === 'call' && x.derivs.length === 0 && x.args.length === 1 && (CIRC.has(x.fn) || HYP.has(x.fn) || x.fn === 'exp')) {
      if (under) powered.add(x.id);
      if (!first) continue;
      calls.push(x);
      if (calls.length > MAX_CALLS) return null;
    }
  }
  return { calls, powered, sums };
}

type Split = { ts: Term[]; pi: Rational };

/** The families of the calls, or null when there is nothing for the normal form to find. */
function plan(calls: readonly CallNode[], powered: ReadonlySet<number>, isSum: boolean, always = false): Plan | null {
  if (calls.length < (always ? 1 : 2)) return null;
  const raw: Array<{ x: CallNode; circular: boolean; split: Split }> = [];
  for (const x of calls) {
    const circular = CIRC.has(x.fn);
    const split = terms(x.args[0]!, circular);
    if (!split) return null;
    raw.push({ x, circular, split });
  }
  // An angle with several terms is split only where one of its terms is met in another call
  // (sin(a + 2*x) with cos(x)): b*cos(w*t + p) + w*sin(w*t + p) keeps w*t + p as one unit.
  const met = new Map<string, Set<number>>(); // unit => the angles it is a term of
  for (const r of raw) {
    for (const t of r.split.ts) {
      const k = familyKey(r.circular, t.w);
      const angles = met.get(k) ?? new Set<number>();
      angles.add(r.x.args[0]!.id);
      met.set(k, angles);
    }
  }
  const splits = new Map<number, Split>();
  for (const r of raw) {
    const ts = r.split.ts;
    if (ts.length > 1 && !ts.some((t) => met.get(familyKey(r.circular, t.w))!.size > 1)) {
      const whole = r.split.pi.p === 0n ? r.x.args[0]! : add(...ts.map((t) => mul(num(t.c), t.w)));
      r.split = { ts: [{ w: whole, c: { p: 1n, q: 1n } }], pi: r.split.pi };
    }
    splits.set(r.x.id, r.split);
  }
  const families = new Map<string, Family>();
  for (const { x, circular, split } of raw) {
    for (const t of split.ts) {
      const key = familyKey(circular, t.w);
      let f = families.get(key);
      if (!f) {
        f = { w: t.w, g: { p: t.c.p < 0n ? -t.c.p : t.c.p, q: t.c.q }, seen: new Set(), circular, exp: !circular, members: new Set(), fns: new Set(), dressed: false };
        families.set(key, f);
      } else f.g = ratGcd(f.g, t.c);
      f.seen.add(`${t.c.p}/${t.c.q}`);
      f.members.add(x.id);
      f.fns.add(x.fn);
      if (circular && (split.pi.p !== 0n || split.ts.length > 1 || powered.has(x.id))) f.dressed = true;
    }
  }
  // Something to find, in a family met by two calls or more: multiples of one angle, a shift, tan or
  // a reciprocal, sin and cos with a square among them; a hyperbolic function, fractional multiples of exp.
  let found = false;
  for (const f of families.values()) {
    for (const key of f.seen) {
      const [p, q] = key.split('/').map(BigInt) as [bigint, bigint];
      const n = divides(f.g, { p, q });
      if (n === null || n > BigInt(MAX_MULTIPLE) || n < BigInt(-MAX_MULTIPLE)) return null;
    }
    if (f.members.size < 2) continue;
    const fns = [...f.fns];
    if (f.circular) {
      // In a product alone, multiples of an angle only grow (2*cos(2*x)*cos(3*x)); reciprocals may cancel.
      if ((f.seen.size > 1 && isSum) || fns.some((g) => g !== 'sin' && g !== 'cos') || (f.dressed && f.fns.size > 1) || (f.fns.has('sin') && f.fns.has('cos') && f.dressed)) found = true;
    } else if (fns.some((g) => HYP.has(g)) || (f.g.q !== 1n && f.seen.size > 1)) found = true;
  }
  if (!found && !always) return null;
  return { families, calls: [...calls], splits };
}

/** Families of circular functions and of exp (and the hyperbolic functions) are apart: sin(x)*exp(x) has two. */
const familyKey = (circular: boolean, w: Expr): string => `${circular ? 'c' : 'e'}${w.id}`;

/** Names no parsed or written expression has (checked): numbered per call, so the kernel order is the same every time. */
const FRESH = '\u0000';

/** (cos(n*b), sin(n*b)) in C = cos(b), S = sin(b). */
function multiple(n: number, C: Expr, S: Expr): [Expr, Expr] {
  let c: Expr = ONE;
  let s: Expr = num(0);
  for (let k = 0; k < Math.abs(n); k++) [c, s] = [add(mul(c, C), mul(-1, s, S)), add(mul(s, C), mul(c, S))];
  return n < 0 ? [c, mul(-1, s)] : [c, s];
}

/** The region with every call replaced by its value in the fresh symbols. */
function rewritten(e: Expr, p: Plan, bindings: Map<string, Expr>): Expr {
  let fresh = 0;
  const freshSym = (tag: string): Expr => sym(`${FRESH}${tag}${fresh++}`);
  const fam = (circular: boolean, w: Expr): Family => p.families.get(familyKey(circular, w))!;
  const cosSin = (f: Family): [Expr, Expr] => {
    if (!f.c) {
      f.c = freshSym('c');
      f.s = freshSym('s');
      const b = mul(num(f.g), f.w);
      bindings.set((f.c as Expr & { name: string }).name, call('cos', b));
      bindings.set((f.s as Expr & { name: string }).name, call('sin', b));
    }
    return [f.c, f.s!];
  };
  const expOf = (f: Family): Expr => {
    if (!f.e) {
      f.e = freshSym('e');
      bindings.set((f.e as Expr & { name: string }).name, call('exp', mul(num(f.g), f.w)));
    }
    return f.e;
  };
  const replace = (x: Expr & { kind: 'call' }): Expr => {
    const circular = CIRC.has(x.fn);
    const split = p.splits.get(x.id)!;
    if (circular) {
      let c: Expr = call('cos', mul(num(split.pi), PI));
      let s: Expr = call('sin', mul(num(split.pi), PI));
      for (const t of split.ts) {
        const f = fam(true, t.w);
        const [C, S] = cosSin(f);
        const [cn, sn] = multiple(Number(divides(f.g, t.c)!), C, S);
        [c, s] = [add(mul(c, cn), mul(-1, s, sn)), add(mul(s, cn), mul(c, sn))];
      }
      switch (x.fn) {
        case 'sin':
          return s;
        case 'cos':
          return c;
        case 'tan':
          return mul(s, pow(c, -1));
        case 'cot':
          return mul(c, pow(s, -1));
        case 'sec':
          return pow(c, -1);
        default:
          return pow(s, -1);
      }
    }
    let X: Expr = ONE;
    for (const t of split.ts) {
      const f = fam(false, t.w);
      X = mul(X, pow(expOf(f), Number(divides(f.g, t.c)!)));
    }
    const inv = pow(X, -1);
    switch (x.fn) {
      case 'exp':
        return X;
      case 'sinh':
        return mul(num(1n, 2n), add(X, mul(-1, inv)));
      case 'cosh':
        return mul(num(1n, 2n), add(X, inv));
      case 'tanh':
        return mul(add(X, mul(-1, inv)), pow(add(X, inv), -1));
      case 'coth':
        return mul(add(X, inv), pow(add(X, mul(-1, inv)), -1));
      case 'sech':
        return mul(2, pow(add(X, inv), -1));
      default:
        return mul(2, pow(add(X, mul(-1, inv)), -1));
    }
  };
  const memo = new Map<number, Expr>();
  const walk = (x: Expr): Expr => {
    const seen = memo.get(x.id);
    if (seen) return seen;
    let out = x;
    if (x.kind === 'add') out = add(...x.args.map(walk));
    else if (x.kind === 'mul') out = mul(...x.args.map(walk));
    else if (x.kind === 'pow' && x.exp.kind === 'num' && x.exp.value.q === 1n) out = pow(walk(x.base), x.exp);
    else if (x.kind === 'call' && p.calls.includes(x)) out = replace(x);
    memo.set(x.id, out);
    return out;
  };
  return walk(e);
}

/** p reduced by s^2 = 1 - c^2 (s, c: variable numbers): no power of s above 1 is left. */
function reduce(w: P.Work, p: P.Poly, s: number, c: number): P.Poly {
  let out = p;
  for (let round = 0; round < 2 * P.LIMITS.degree; round++) {
    const high = out.filter((t) => t.e[s]! >= 2);
    if (high.length === 0) return out;
    const low = out.filter((t) => t.e[s]! < 2);
    const moved: P.Term[] = [];
    for (const t of high) {
      const e = [...t.e];
      e[s] = e[s]! - 2;
      moved.push({ e, c: t.c });
      const e2 = [...e];
      e2[c] = e2[c]! + 2;
      moved.push({ e: e2, c: { p: -t.c.p, q: t.c.q } });
    }
    out = P.fromTerms(w, [...low, ...moved]);
  }
  return out;
}

const NORMAL_FORM = boundedFold((e: Expr) => normalForm(e));

/**
 * The normal-form folds read regions of at most this many operations: each reading of a large
 * region costs milliseconds and is tried at every node of it, and on the Rubi suites no identity
 * they find needs more (91.1% of d - integrand reach 0 with the bound and without).
 */
export const MAX_FOLD_COST = 100;

/** The normal form of e written back in its cheapest layout, or null. */
export function trigNormalForm(e: Expr): Expr | null {
  // The size first: the screen recurses on the region, which the size bounds.
  if ((e.kind !== 'add' && e.kind !== 'mul') || cost(e) > MAX_FOLD_COST || !worthReading(e)) return null;
  return NORMAL_FORM(e);
}

/**
 * A quick screen, memoised by node: how many circular, hyperbolic and exp calls, and roots, the
 * region of a node has (each capped at 2; an overcount where parts are shared, which
 * only lets through), and whether an exp has a fractional multiple (exp(x/2)).
 */
// Packed in one small integer (a node memo slot): circ + 3*hyp + 9*exp + 27*frac + 54*roots + 162*dressed,
// dressed: a circular function other than sin and cos, of a multiple or a shifted or compound angle,
// or squared or more (without one, sin and cos of one angle have nothing for the normal form).
const SCREEN = nodeMemo<number>();
const pack = (circ: number, hyp: number, exp: number, frac: number, roots: number, dressed: number): number =>
  Math.min(circ, 2) + 3 * Math.min(hyp, 2) + 9 * Math.min(exp, 2) + 27 * frac + 54 * Math.min(roots, 2) + 162 * dressed;
const digit = (k: number, at: number, base: number): number => Math.floor(k / at) % base;
/** Roots of sums or products (sqrt(x^2 + 1), (x*(x + 1))^(3/2)) in the region of e, capped at 2. */
export const rootCount = (e: Expr): number => digit(counts(e), 54, 3);
const dressedAngle = (a: Expr): boolean =>
  a.kind === 'add' || (a.kind === 'mul' && a.args[0]!.kind === 'num' && !(a.args[0].value.q === 1n && (a.args[0].value.p === 1n || a.args[0].value.p === -1n)));
function counts(e: Expr): number {
  const known = SCREEN.get(e);
  if (known !== undefined) return known;
  let out = 0;
  if (e.kind === 'add' || e.kind === 'mul') {
    let [circ, hyp, exp, frac, roots, dressed] = [0, 0, 0, 0, 0, 0];
    if (e.kind === 'mul' && squaresImplicitly(e.args)) dressed = 1;
    for (const a of e.args) {
      const k = counts(a);
      if (k === 0) continue;
      circ += digit(k, 1, 3);
      hyp += digit(k, 3, 3);
      exp += digit(k, 9, 3);
      frac |= digit(k, 27, 2);
      roots += digit(k, 54, 3);
      dressed |= digit(k, 162, 2);
    }
    out = pack(circ, hyp, exp, frac, roots, dressed);
  } else if (e.kind === 'pow' && e.exp.kind === 'num') {
    if (e.exp.value.q === 1n) {
      out = counts(e.base);
      const p = e.exp.value.p;
      if (digit(out, 1, 3) > 0 && (p >= 2n || p <= -2n) && digit(out, 162, 2) === 0) out += 162;
    } else if (e.base.kind === 'add' || e.base.kind === 'mul' || e.base.kind === 'num' || isCircularCall(e.base)) out = pack(0, 0, 0, 0, 1, 0);
  } else if (e.kind === 'call' && e.derivs.length === 0 && e.args.length === 1) {
    const a = e.args[0]!;
    if (CIRC.has(e.fn)) out = pack(1, 0, 0, 0, 0, (e.fn !== 'sin' && e.fn !== 'cos') || dressedAngle(a) ? 1 : 0);
    else if (HYP.has(e.fn)) out = pack(0, 1, 0, 0, 0, 0);
    else if (e.fn === 'exp') {
      const ts = a.kind === 'add' ? a.args : [a];
      const frac = ts.some((t) => (t.kind === 'num' ? t.value.q !== 1n : t.kind === 'mul' && t.args[0]!.kind === 'num' && t.args[0].value.q !== 1n));
      out = pack(0, 0, 1, frac ? 1 : 0, 0, 0);
    }
  }
  SCREEN.set(e, out);
  return out;
}

/**
 * Factors of a product that multiply circular functions by a sum of them (cos(x)*(7*cos(x) - 24*sin(x))):
 * squares once written out, as cos(x)^2 is, so sin^2 = 1 - cos^2 may have something to find.
 */
function squaresImplicitly(factors: readonly Expr[]): boolean {
  let circular = 0;
  let sum = false;
  for (const f of factors) {
    if (digit(counts(f), 1, 3) === 0) continue;
    circular++;
    if (f.kind === 'add' || (f.kind === 'pow' && f.base.kind === 'add')) sum = true;
  }
  return circular >= 2 && sum;
}

/** Can the region of e have anything for the normal form to find? */
function worthReading(e: Expr): boolean {
  const k = counts(e);
  const [circ, hyp, exp, frac, dressed] = [digit(k, 1, 3), digit(k, 3, 3), digit(k, 9, 3), digit(k, 27, 2), digit(k, 162, 2)];
  return (circ >= 2 && dressed === 1) || (hyp >= 1 && hyp + exp >= 2) || (frac === 1 && exp >= 2);
}

/**
 * The normal form of e written back in its cheapest layout, whatever its cost, or null
 * when e has nothing for it (the screens) or it is out of bounds. For tests.
 */
export function normalFormOf(e: Expr): Expr | null {
  if ((e.kind !== 'add' && e.kind !== 'mul') || !worthReading(e)) return null;
  try {
    return normalForm(e, true);
  } catch (err) {
    if (err instanceof P.TooBig || isRecoverable(err)) return null;
    throw err;
  }
}

/**
 * A sum, or a product with a sum among its factors ((sin(2*x) - 2*sin(x)*cos(x))/4): where multiples
 * of an angle meet in a sum they may cancel; in a product of calls alone they only grow.
 */
const isSumLike = (e: Expr): boolean => e.kind === 'add' || (e.kind === 'mul' && e.args.some((a) => a.kind === 'add'));

function normalForm(e: Expr, any = false): Expr | null {
  const region = regionCalls(e);
  // A product of powers of functions alone is the data rules' (sec(x)^2*tan(x), csc(x)*tan(x)).
  if (!region || !region.sums) return null;
  const p = plan(region.calls, region.powered, isSumLike(e));
  if (!p) return null;
  const vars = freeSymbols(e);
  if (vars.some((v) => v.startsWith(FRESH))) return null;
  // Where no written-back form could be kept (keeps), only a 0 is worth finding: no layouts, and
  // not even the reading where the node's value at two points says it is not 0.
  const zeroOnly = !any && !mayKeep(p);
  if (zeroOnly && !nearZero(e, vars)) return null;
  const bindings = new Map<string, Expr>();
  const r = rewritten(e, p, bindings);
  if (r.kind === 'num') return r; // the builders cancelled it all
  const { kernels, index } = collectKernels(r);
  const size = kernels.length;
  if (size === 0 || size > 12) return null;
  const w = new P.Work(P.LIMITS.work);
  const memo = new Map();
  const f = readRational(w, r, index, size, memo);
  const pairs: Array<[number, number]> = [];
  for (const fam of p.families.values()) {
    if (!fam.s) continue;
    const si = kernels.findIndex((k) => k.node === fam.s);
    const ci = kernels.findIndex((k) => k.node === fam.c);
    if (si >= 0 && ci >= 0) pairs.push([si, ci]);
  }
  // Which of sin^2 and cos^2 to eliminate decides what the gcd sees ((1 + sin)^2 is 2*sin - cos^2 + 2
  // without sin^2): both ways, the cheaper kept.
  const known = () => knownFactors(w, r, index, size, memo);
  const back = (x: Expr) => substitute(x, bindings);
  let best: Expr | null = null;
  for (const flip of pairs.length > 0 && !zeroOnly ? [false, true] : [false]) {
    let { n, d } = f;
    for (const [si, ci] of pairs) {
      n = reduce(w, n, flip ? ci : si, flip ? si : ci);
      d = reduce(w, d, flip ? ci : si, flip ? si : ci);
    }
    if (zeroOnly) return P.isZero(reduceNumericRoots(w, n, kernels)) ? num(0) : null;
    const out = writeBack(e, { kernels, size, w, n, d, known, back, any });
    if (out?.kind === 'num') return out;
    if (out && (any || keeps(out, p)) && (!best || compareCost(out, best) < 0)) best = out;
  }
  return best;
}

/**
 * Is a written-back form one to keep (a number always)? Only where it holds no hyperbolic
 * function written as exp, and its circular functions are of angles the node had
 * ((tan(x) + cot(x))*sin(x) => 1/cos(x)), not sec(3*x + pi/4)^3 in sin(3*x) and cos(3*x), nor
 * 2*cos(2*x)*cos(3*x) - 3*sin(2*x)*sin(3*x) in powers of cos(x): a form of new kernels is one
 * the rest of the simplifier cannot work on with the node's neighbours (and not one a person
 * writes).
 */
/** Can a form written back in the base angles pass keeps: no hyperbolic function, every base angle one of the node's? */
function mayKeep(p: Plan): boolean {
  if (p.calls.some((x) => HYP.has(x.fn))) return false;
  const angles = new Set(p.calls.map((x) => x.args[0]!.id));
  for (const f of p.families.values()) if (!angles.has(mul(num(f.g), f.w).id)) return false;
  return true;
}

function keeps(out: Expr, p: Plan): boolean {
  if (p.calls.some((x) => HYP.has(x.fn))) return false;
  const angles = new Set(p.calls.map((x) => x.args[0]!.id));
  const seen = new Set<number>();
  const stack = [out];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (seen.has(x.id)) continue;
    seen.add(x.id);
    if (x.kind === 'call' && (CIRC.has(x.fn) || x.fn === 'exp') && !angles.has(x.args[0]!.id)) return false;
    if (x.kind === 'add' || x.kind === 'mul') stack.push(...x.args);
    else if (x.kind === 'pow') stack.push(x.base);
  }
  return true;
}

/** A region read as n/d over its kernels, and how to write it back. */
export interface Reading {
  readonly kernels: readonly Kernel[];
  readonly size: number;
  readonly w: P.Work;
  readonly n: P.Poly;
  readonly d: P.Poly;
  /** Sums met in the region, to show as factors. */
  readonly known: () => P.Poly[];
  /** From the kernels written back to the node's own terms. */
  readonly back: (x: Expr) => Expr;
  /** Any cost (for tests), else only a strict improvement on e. */
  readonly any: boolean;
}

/** n/d in lowest terms, written back in its cheapest layout: 0, a strict improvement on e, or null. */
export function writeBack(e: Expr, r: Reading): Expr | null {
  const { w, size } = r;
  let n = reduceNumericRoots(w, r.n, r.kernels);
  let d = reduceNumericRoots(w, r.d, r.kernels);
  if (P.isZero(n)) return num(0);
  if (P.isZero(d)) return null;
  const g = P.gcd(w, n, d, size);
  const cancelled = !P.isConstant(g);
  if (cancelled) {
    n = P.divide(w, n, g)!;
    d = P.divide(w, d, g)!;
  }
  const cn = P.numericContent(n);
  const cd = P.numericContent(d);
  const dc = { p: cd.p * (d[0]!.c.p < 0n ? -1n : 1n), q: cd.q };
  const c = { p: cn.p * dc.q, q: cn.q * dc.p };
  const norm = (x: Rational): Rational => (x.q < 0n ? { p: -x.p, q: -x.q } : x);
  const coef = norm(c);
  const n1 = P.scale(n, { p: cn.q, q: cn.p });
  const d1 = P.scale(d, norm({ p: dc.q, q: dc.p }));
  const limit = r.any ? Infinity : cost(e) + 8;
  let best: Expr | null = null;
  for (const l of layouts(coef, n1, d1, new Writer(r.kernels, size, w), r.known(), e.kind === 'add', cancelled, limit)) {
    const back = r.back(l.e);
    if (!best || compareCost(back, best) < 0) best = back;
  }
  return best && (r.any || compareCost(best, e) < 0) ? best : null;
}


/**
 * Could e be 0: its value at two fixed points small (or not a number there)? A screen only: the
 * exact reading decides. 1e-6 relative to the largest term, far above rounding, far below a value.
 */
function nearZero(e: Expr, vars: readonly string[]): boolean {
  for (const seed of [0.6180339887, 1.3247179572]) {
    const scope: Record<string, number> = {};
    vars.forEach((v, i) => (scope[v] = seed + 0.1113 * i));
    let v: number;
    let scale = 1;
    try {
      v = evaluate(e, scope);
      if (e.kind === 'add') for (const t of e.args) scale = Math.max(scale, Math.abs(evaluate(t, scope)));
    } catch {
      return true;
    }
    if (Number.isFinite(v) && Number.isFinite(scale) && Math.abs(v) > 1e-6 * scale) return false;
  }
  return true;
}

/**
 * e (a sum or product) with its circular functions written in sin and cos of one base angle per
 * family, reduced by sin^2 = 1 - cos^2, in lowest terms and written out: one form for radicands
 * that are the same function in different dress (4 - 3*sin(x)^2 and 3*cos(x)^2 + 1), or null
 * (no circular function, or another function these read: hyperbolic, exp). Equal to e wherever e
 * is defined, and defined there.
 */
export function circularCanonical(e: Expr): Expr | null {
  if ((e.kind !== 'add' && e.kind !== 'mul' && !isCircularCall(e)) || digit(counts(e), 1, 3) === 0) return null;
  try {
    const region = regionCalls(e);
    if (!region || region.calls.some((x) => !CIRC.has(x.fn))) return null;
    const p = plan(region.calls, region.powered, e.kind === 'add', true);
    if (!p) return null;
    if (freeSymbols(e).some((v) => v.startsWith(FRESH))) return null;
    const bindings = new Map<string, Expr>();
    const r = rewritten(e, p, bindings);
    if (r.kind === 'num') return r;
    // sin and cos of every base angle among the kernels, met or not (4 - 3*sin(x)^2 becomes 3*cos(x)^2 + 1).
    const { kernels, index } = kernelsOfAll([r, ...[...p.families.values()].flatMap((f) => (f.s ? [add(f.s, f.c!)] : []))]);
    const size = kernels.length;
    if (size === 0 || size > 12) return null;
    const w = new P.Work(P.LIMITS.work);
    let { n, d } = readRational(w, r, index, size, new Map());
    for (const fam of p.families.values()) {
      const si = kernels.findIndex((k) => k.node === fam.s);
      const ci = kernels.findIndex((k) => k.node === fam.c);
      if (si < 0 || ci < 0) continue;
      n = reduce(w, n, si, ci);
      d = reduce(w, d, si, ci);
    }
    n = reduceNumericRoots(w, n, kernels);
    d = reduceNumericRoots(w, d, kernels);
    if (P.isZero(d)) return null;
    const g = P.gcd(w, n, d, size);
    if (!P.isConstant(g)) {
      n = P.divide(w, n, g)!;
      d = P.divide(w, d, g)!;
    }
    const writer = new Writer(kernels, size, w);
    return substitute(mul(writer.expanded(n), pow(writer.expanded(d), -1)), bindings);
  } catch (err) {
    if (err instanceof P.TooBig || isRecoverable(err)) return null;
    throw err;
  }
}
