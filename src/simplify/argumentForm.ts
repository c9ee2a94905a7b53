// One function of one argument in two dress: sin(2*(x + 1)) and sin(2*x + 2)
// in one sum are the same kernel, but neither form is cheaper than the other,
// so the simplifier left both and their difference was not 0 (nor was
// exp(x*(m - 1)) - exp(m*x - x), a derivative of the Rubi suites). At the
// top of a region, the calls of one function (and the powers of one base to a
// symbolic exponent) whose arguments are equal as polynomials in the same
// kernels are written as one of them, the cheapest; the builders then
// collect the like terms.
//
// Exact wherever the node is defined: two arguments that are equal
// polynomials in the same kernels are equal, and defined, wherever those
// kernels are, so the calls on them are the same function at the same points.
import type { Expr } from '../core/expr.js';
import { isRecoverable } from '../core/budget.js';
import { regionLeaves, replaceInRegion } from './combinators.js';
import { compareCost, cost } from './cost.js';
import * as P from './poly.js';
import { collectKernels, isWrittenOut, readRational } from './rational/read.js';
import { Writer } from './rational/write.js';
import { MAX_FOLD_COST } from './normalForm.js';

/** Most calls and powers looked at in one region, and most nodes walked. */
const MAX_HEADS = 24;
const MAX_WALK = 300;

/** The calls and symbolic powers of the region of e (not inside its roots or calls), or null past the bounds. */
function regionHeads(e: Expr): Expr[] | null {
  const leaves = regionLeaves(e, MAX_WALK);
  if (!leaves) return null;
  const out = leaves.filter((x) => x.kind === 'call' || (x.kind === 'pow' && x.exp.kind !== 'num'));
  return out.length > MAX_HEADS ? null : out;
}

/** What a head's arguments are compared in: the function and arity, or the base of a power. */
const headKey = (x: Expr): string =>
  x.kind === 'call' ? `c${x.fn}/${x.args.length}/${x.derivs.join(',')}` : x.kind === 'pow' ? `p${x.base.id}` : '';

/** The parts compared: a call's arguments, a power's exponent. */
const partsOf = (x: Expr): readonly Expr[] => (x.kind === 'call' ? x.args : x.kind === 'pow' ? [x.exp] : []);

/**
 * A key for an argument that two arguments share exactly when they are equal
 * polynomials in the same kernels: the kernels' ids and the expanded form.
 * An argument that is not a sum or product is its own key; one with a
 * denominator that is not a number, or past the bounds, has none (null).
 */
function argumentKey(a: Expr, memo: Map<number, string | null>): string | null {
  const known = memo.get(a.id);
  if (known !== undefined) return known;
  // A sum of monomials (or one) is the builders' form of its polynomial already: its own key.
  let key: string | null = `n${a.id}`;
  if (!isWrittenOut(a)) {
    try {
      const { kernels, index } = collectKernels(a);
      const size = kernels.length;
      if (size === 0 || size > 12) key = size === 0 ? key : null;
      else {
        const w = new P.Work(P.LIMITS.work);
        const f = readRational(w, a, index, size, new Map());
        if (!P.isConstant(f.d)) key = null;
        else {
          const written = new Writer(kernels, size, w).expanded(P.scale(f.n, { p: f.d[0]!.c.q, q: f.d[0]!.c.p }));
          // Every kernel still in it: defined where the written form is, so it shares that one's key.
          const all = kernels.every((_, i) => f.n.some((t) => t.e[i]! > 0));
          key = all && isWrittenOut(written) ? `n${written.id}` : `${kernels.map((k) => k.node.id).join(',')}:${written.id}`;
        }
      }
    } catch (err) {
      if (err instanceof P.TooBig || isRecoverable(err)) key = null;
      else throw err;
    }
  }
  memo.set(a.id, key);
  return key;
}

/** e with each call (symbolic power) written as the cheapest of those equal to it in its region, or null if none is. */
export function sameArgumentForm(e: Expr): Expr | null {
  if ((e.kind !== 'add' && e.kind !== 'mul') || cost(e) > MAX_FOLD_COST) return null;
  const heads = regionHeads(e);
  if (!heads || heads.length < 2) return null;
  // Written-out arguments are their own keys, all distinct: one not written out must be there to merge.
  if (heads.every((h) => partsOf(h).every(isWrittenOut))) return null;
  // A cheap screen: only heads that share a function (a base) with another are read.
  const byHead = new Map<string, Expr[]>();
  for (const h of heads) {
    const k = headKey(h);
    const list = byHead.get(k);
    if (list) list.push(h);
    else byHead.set(k, [h]);
  }
  const memo = new Map<number, string | null>();
  const replace = new Map<number, Expr>();
  for (const [k, list] of byHead) {
    if (list.length < 2) continue;
    const groups = new Map<string, Expr[]>();
    for (const h of list) {
      const keys = partsOf(h).map((a) => argumentKey(a, memo));
      if (keys.some((x) => x === null)) continue;
      const key = `${k}|${keys.join('|')}`;
      const g = groups.get(key);
      if (g) g.push(h);
      else groups.set(key, [h]);
    }
    for (const g of groups.values()) {
      if (g.length < 2) continue;
      const best = g.reduce((a, b) => (compareCost(b, a) < 0 ? b : a));
      for (const h of g) if (h !== best) replace.set(h.id, best);
    }
  }
  if (replace.size === 0) return null;
  try {
    return replaceInRegion(e, replace);
  } catch (err) {
    if (isRecoverable(err)) return null;
    throw err;
  }
}

