// Rewriting strategies as small combinators. A rewriter maps a node to a node
// and returns its input (the same object) when it has nothing to do, so
// "changed" is `!==`. Every strategy here is iterative over the graph and
// memoised by node id; none recurses on the depth of the input.
import { rebuild } from '../core/build.js';
import type { Expr } from '../core/expr.js';
import { children, postorderUntil } from '../core/traverse.js';
import { isRecoverable } from '../core/budget.js';
import { compareCost, cost as costOf, improves } from './cost.js';
import { TooBig } from './poly.js';

export type Rewriter = (e: Expr) => Expr;

/** What postwalk needs of its memo, by node id (a per-call Map). */
export interface Memo {
  get(id: number): Expr | undefined;
  has(id: number): boolean;
  set(id: number, value: Expr): unknown;
}

export const identity: Rewriter = (e) => e;

/** Applies the rewriters one after the other. */
export const chain =
  (...rs: Rewriter[]): Rewriter =>
  (e) =>
    rs.reduce((x, r) => r(x), e);

/** The result of the first rewriter that changes the node. */
export const first =
  (...rs: Rewriter[]): Rewriter =>
  (e) => {
    for (const r of rs) {
      const out = r(e);
      if (out !== e) return out;
    }
    return e;
  };

/** Hooks around each alternative of `best` (for tracing: the log of the kept one only). */
export interface AlternativeHooks {
  begin(): void;
  take(): unknown;
  /** The kept alternative's log, appended where the rewrite happened. */
  keep(log: unknown): void;
}

/** The cheapest of what the rewriters make of the node (the first of equal cost); the node if none changes it. */
export const best =
  (rs: readonly Rewriter[], hooks?: AlternativeHooks): Rewriter =>
  (e) => {
    let out = e;
    let kept: unknown;
    for (const r of rs) {
      hooks?.begin();
      const x = r(e);
      const log = hooks?.take();
      if (x !== e && (out === e || compareCost(x, out) < 0)) {
        out = x;
        kept = log;
      }
    }
    if (out !== e) hooks?.keep(kept);
    return out;
  };

/** Applies `r` only where `pred` holds. */
export const when =
  (pred: (e: Expr) => boolean, r: Rewriter): Rewriter =>
  (e) =>
    pred(e) ? r(e) : e;

/** Hooks around the evaluation of candidates (for tracing: the log of the kept path only). */
export interface CandidateHooks {
  /** A candidate's finishing starts. */
  begin(): void;
  /** ... and ends: what was logged in between. */
  take(): unknown;
  /** The rewrite before -> candidate is kept, with the log of its finishing. */
  commit(before: Expr, candidate: Expr, log: unknown): void;
}

/**
 * Keeps what `r` makes of a node when it is a strict improvement (cost.ts
 * `improves`), and then lets `finish` (the rest of the simplification) go on
 * from it. Where `lookahead(e, candidate)` allows, a candidate that is not
 * itself an improvement is finished first and kept if the finished form is
 * one (a rewrite may pass through a larger form when that form then
 * simplifies below the original); elsewhere nothing is explored
 * speculatively. Either way no sequence of kept rewrites can cycle. A
 * finished form exactly as cheap as the node is reported to `asCheap` (the
 * node's equal-cost alternative, which a sum or product may use).
 */
export const cheaper =
  (
    r: Rewriter,
    finish: Rewriter = identity,
    hooks?: CandidateHooks,
    lookahead: (e: Expr, candidate: Expr) => boolean = () => false,
    asCheap?: (e: Expr, out: Expr) => void,
  ): Rewriter =>
  (e) => {
    const candidate = r(e);
    if (candidate === e) return e;
    if (!improves(candidate, e) && !lookahead(e, candidate)) return e;
    hooks?.begin();
    const out = finish(candidate);
    const log = hooks?.take();
    if (!improves(out, e)) {
      if (asCheap && out !== e && !improves(e, out)) asCheap(e, out);
      return e;
    }
    hooks?.commit(e, candidate, log);
    return out;
  };

/**
 * Like `cheaper` for a rule that proposes several forms: each (up to `limit`,
 * cheapest first) is finished, and the best strict improvement is kept.
 */
export const cheapest =
  (
    proposals: (e: Expr) => readonly Expr[],
    finish: Rewriter = identity,
    hooks?: CandidateHooks,
    limit = 3,
    slack = 0,
  ): Rewriter =>
  (e) => {
    // Forms much costlier than the node seldom finish below it: only near ones are tried.
    const near = costOf(e) + slack;
    const cands = [...new Set(proposals(e))]
      .filter((c) => c !== e && costOf(c) <= near)
      .sort(compareCost)
      .slice(0, limit);
    let best = e;
    let bestCandidate = e;
    let bestLog: unknown;
    for (const c of cands) {
      hooks?.begin();
      const out = finish(c);
      const log = hooks?.take();
      if (improves(out, best)) {
        best = out;
        bestCandidate = c;
        bestLog = log;
      }
    }
    if (bestCandidate === e) return e;
    hooks?.commit(e, bestCandidate, bestLog);
    return best;
  };

/**
 * Bottom-up over the graph: children first (each distinct node once), the node
 * rebuilt from its rewritten children, then `r` at the node. The memo maps a
 * node to its result and every result to itself, so walking a graph that
 * shares subterms, or walking a result again, is linear. A node is marked as
 * its own result while `r` works on it, so a rewrite that leads back to it
 * stops there (cycle detection).
 */
export function postwalk(r: Rewriter, memo: Memo = new Map()): Rewriter {
  const walk: Rewriter = (root) => {
    const done = memo.get(root.id);
    if (done) return done;
    const stack: Expr[] = [root];
    while (stack.length > 0) {
      const n = stack[stack.length - 1]!;
      if (memo.has(n.id)) {
        stack.pop();
        continue;
      }
      const kids = children(n);
      let pending = false;
      for (let i = kids.length - 1; i >= 0; i--) {
        if (!memo.has(kids[i]!.id)) {
          stack.push(kids[i]!);
          pending = true;
        }
      }
      if (pending) continue;
      stack.pop();
      const rebuilt = rebuild(n, kids.map((k) => memo.get(k.id)!));
      memo.set(n.id, n); // in progress: a path back to n ends at n
      let out: Expr;
      if (rebuilt === n) out = r(n);
      else if (memo.has(rebuilt.id)) out = memo.get(rebuilt.id)!;
      else if (children(rebuilt).every((k) => memo.get(k.id) === k)) {
        memo.set(rebuilt.id, rebuilt);
        out = r(rebuilt);
      } else out = walk(rebuilt); // the builder made new subterms: walk them too (shallow)
      memo.set(n.id, out);
      memo.set(rebuilt.id, out);
      if (!memo.has(out.id)) memo.set(out.id, out);
    }
    return memo.get(root.id)!;
  };
  return walk;
}

/** Sums, products and integer powers: the nodes a rational function is made of. */
export const isRegionNode = (e: Expr): boolean =>
  e.kind === 'add' || e.kind === 'mul' || (e.kind === 'pow' && e.exp.kind === 'num' && e.exp.value.q === 1n);

/**
 * The distinct nodes a region is made of (its leaves: what is neither a sum, a
 * product nor an integer power), walking down from e through sums, products
 * and integer powers' bases; null past `max` nodes walked.
 */
export function regionLeaves(e: Expr, max: number): Expr[] | null {
  const out: Expr[] = [];
  const seen = new Set<number>();
  const stack = [e];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (seen.has(x.id)) continue;
    seen.add(x.id);
    if (seen.size > max) return null;
    if (x.kind === 'add' || x.kind === 'mul') stack.push(...x.args);
    else if (x.kind === 'pow' && x.exp.kind === 'num' && x.exp.value.q === 1n) stack.push(x.base);
    else out.push(x);
  }
  return out;
}

/**
 * The region of e with the nodes `replace` names (by id) replaced: sums,
 * products and integer powers' bases are walked down and rebuilt, each
 * distinct node once; what is replaced is not walked into. The builders may
 * throw a MathError (a division by 0 a replacement makes): the caller decides.
 */
export function replaceInRegion(e: Expr, replace: ReadonlyMap<number, Expr>): Expr {
  const done = new Map<number, Expr>();
  const write = (x: Expr): Expr => {
    const r = replace.get(x.id) ?? done.get(x.id);
    if (r) return r;
    let out = x;
    if (x.kind === 'add' || x.kind === 'mul') out = rebuild(x, x.args.map(write));
    else if (x.kind === 'pow' && x.exp.kind === 'num' && x.exp.value.q === 1n) out = rebuild(x, [write(x.base), x.exp]);
    done.set(x.id, out);
    return out;
  };
  return write(e);
}

/**
 * Bottom-up like postwalk, but `r` runs only at the top of each region: a
 * maximal subgraph of sums, products and integer powers (what one rational
 * function is read from). A region's inner sums are not rewritten on their
 * own: the rewrite at its top sees them all at once. Since a shared node may
 * sit inside one region and at the top of another, both of its results are
 * memoised (`inner`: rebuilt only; `top`: rewritten).
 */
export function regions(r: Rewriter, inner: Memo = new Map(), top: Memo = new Map()): Rewriter {
  const atTop = (n: Expr): Expr => {
    const done = top.get(n.id);
    if (done) return done;
    const i = inner.get(n.id)!;
    top.set(n.id, i); // in progress
    const out = isRegionNode(i) ? r(i) : i;
    top.set(n.id, out);
    // A rewritten region is new: the next round (see fixpoint) looks at it again.
    if (out === i) top.set(i.id, i);
    return out;
  };
  return (root) => {
    for (const n of postorderUntil([root], (e) => inner.has(e.id))) {
      const region = isRegionNode(n);
      const kids = children(n).map((c, i) =>
        region && isRegionNode(c) && !(n.kind === 'pow' && i === 1) ? inner.get(c.id)! : atTop(c),
      );
      inner.set(n.id, rebuild(n, kids));
    }
    return atTop(root);
  };
}

export interface FixpointOptions {
  /** Most applications of the rewriter (default 16). */
  readonly budget?: number;
}

/**
 * Applies `r` until nothing changes, a result repeats (a cycle), or the budget
 * runs out; returns the cheapest form seen (the first of equal cost).
 */
export const fixpoint =
  (r: Rewriter, options: FixpointOptions = {}): Rewriter =>
  (e) => {
    const budget = options.budget ?? 16;
    const seen = new Set<number>([e.id]);
    let best = e;
    let cur = e;
    for (let i = 0; i < budget; i++) {
      const next = r(cur);
      if (next === cur || seen.has(next.id)) break;
      seen.add(next.id);
      if (compareCost(next, best) < 0) best = next;
      cur = next;
    }
    return compareCost(cur, best) <= 0 ? cur : best;
  };

/**
 * A region fold memoised by node (its result depends on the node alone) that gives up, null, past
 * its bounds: the polynomial work's TooBig or a MathError of the exact arithmetic. A BudgetError
 * (the call's own limits) passes through and is not kept.
 */
export function boundedFold(fold: (e: Expr) => Expr | null): (e: Expr) => Expr | null {
  const results = new WeakMap<Expr, Expr | null>();
  return (e) => {
    const known = results.get(e);
    if (known !== undefined) return known;
    let out: Expr | null = null;
    try {
      out = fold(e);
    } catch (err) {
      if (!(err instanceof TooBig) && !isRecoverable(err)) throw err;
    }
    results.set(e, out);
    return out;
  };
}
