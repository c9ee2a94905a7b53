// What one simplify call may spend, and the memos whose contents depend on
// it. A fresh one is made for every call and passed to every pass that spends
// it (the rewriters, the code rules, the polynomial arithmetic), so no call's
// budget or half-finished memo leaks into the next: the same question gets
// the same answer whatever ran before. What was spent is counted, so tests
// can bound the work of a call instead of timing it.
import type { Expr } from '../core/expr.js';
import type { Layout } from './rational/write.js';
import { unlimited, type Budget } from '../core/budget.js';

export class SimplifyWork {
  /** Candidate rewrites left (each rewrite a rule makes costs one). */
  rewritesLeft: number;
  /** Polynomial term operations left for the code rules (see poly.ts Work). */
  polyLeft: number;
  /** What was spent: rules tried at a node, rewrites made, polynomial term operations, regions read as rational functions. */
  readonly spent = { attempts: 0, rewrites: 0, poly: 0, regions: 0 };
  /** The code rules' layouts of a node (by id), worked out once per call. */
  readonly layouts = new Map<number, readonly Layout[]>();
  /** The cheapest form found for a region node on its own (by id). */
  readonly best = new Map<number, Expr>();

  constructor(
    rewrites: number,
    poly: number,
    /** The call's limits (steps, time, signal): every rewrite tried and polynomial operation spends a step. */
    readonly meter: Budget = unlimited('simplify'),
  ) {
    this.rewritesLeft = rewrites;
    this.polyLeft = poly;
  }

  /**
   * The default allowance for an input of `size` distinct nodes and `edges`
   * argument slots (a product of 60 factors has 60): linear in them.
   */
  static forSize(size: number, rewrites?: number, edges = size, meter?: Budget): SimplifyWork {
    return new SimplifyWork(rewrites ?? 2000 + 20 * size, 30_000 + 5 * Math.max(size, edges), meter);
  }
}

/** What a simplify call spent (see SimplifyOptions.stats). */
export interface SimplifyStats {
  /** Distinct nodes of the input. */
  nodes: number;
  /** Rewrites made by rules (kept or not). */
  rewrites: number;
  /** Rules tried at a node (each data rule, fold or code rule applied to one node, whether it rewrote it or not). */
  attempts?: number;
  /** Polynomial term operations of the code rules. */
  polyWork: number;
  /** Regions read as rational functions. */
  regions: number;
}
