// derivative(e, 'x', n): forward mode over the distinct nodes of e, children
// first, memoised by node id, so the derivative of a shared graph is a shared
// graph and the work is linear in the number of distinct nodes.
//
// Two passes. The first records, per node, its derivative as a list of terms
// partial * (derivative of a child), skipping children whose derivative is 0:
// a node that does not contain x gets 0 without computing any partial. The
// second builds expressions. A chain such as sin(sin(...sin(x)...)) is a run
// of one-term, singly-used links; building it link by link would flatten a
// growing product at every level (quadratic), so the factors of a whole run
// are collected and multiplied in one builder call.
//
// The n-th derivative iterates and watches for a repeat: results are
// hash-consed, so when the k-th derivative is c times an earlier j-th one
// (same node after splitting off the number c), every later one is too, and
// the n-th is read off: d^100000/dx^100000 sin(x) is found after two steps.
import { describeValue, ownOptions } from '../core/options.js';
import { expectFunction, expectNumber, opt, optional } from '../core/check-args.js';
import { expectDefinitions } from '../parse/definitions.js';
import { budgetOf, unlimited, type Budget, type LimitOptions } from '../core/budget.js';
import { ONE, ZERO, addOf, mul, mulOf, num, pow, splitCoefficient, sym } from '../core/build.js';
import type { Expr } from '../core/expr.js';
import { MathError, ratInv, ratMul, type Rational } from '../core/rational.js';
import { CONSTANTS, dagSize, postorder, children } from '../core/traverse.js';
import { toExpr } from '../parse/parser.js';
import { graphSize, simplify } from '../simplify/simplify.js';
import { partial, type DefinedContext } from './partials.js';
import type { Definitions } from '../parse/definitions.js';
import { piecewiseDerivative } from './piecewise.js';
import { refuseUndefinedConstants } from '../eval/undefinedParts.js';

export interface DerivativeOptions extends LimitOptions {
  /** Refuse (MathError) when an intermediate n-th derivative has more distinct nodes than this. Default 200,000. */
  readonly maxNodes?: number;
  /** Called for each rewrite the simplifier makes on each raw derivative (as simplify's `trace`). */
  readonly trace?: (ruleName: string, before: Expr, after: Expr) => void;
  /**
   * Called with each intermediate order k (1 <= k < order) before the next is
   * taken, unless the run already ended there (a 0, or a repeat): a caller's
   * own budget (the command line's printable size and time) throws from here.
   */
  readonly onOrder?: (k: number, d: Expr) => void;
  /** User definitions (from definitions(...)) of the functions e calls: differentiated through their bodies. */
  readonly define?: Definitions;
  /** @internal The budget of an enclosing call (taylor, hessian), spent by this one too. */
  readonly meter?: Budget;
}

/** The context partials need for defined functions (none without definitions). */
export function definedContext(defs: Definitions | undefined, meter?: Budget, fn = 'derivative'): DefinedContext | undefined {
  if (defs !== undefined) expectDefinitions(defs, fn, opt('define'));
  if (defs === undefined || defs.byName.size === 0) return undefined;
  const ctx: DefinedContext = { defs, differentiate: (e, wrt) => derivativeOnce(e, wrt, new Map(), ctx, meter) };
  return ctx;
}

export const DEFAULT_MAX_NODES = 200_000;

/** Partials already built, by node id and child index: shared across the calls of gradient, jacobian, hessian. */
export type PartialCache = Map<number, Array<Expr | undefined>>;

/**
 * Derivatives with more distinct nodes than this get local cleaning only
 * (simplify's `local`: the data rules bottom-up, no polynomial arithmetic on
 * whole regions), whose cost is linear with a small constant; up to
 * LOCAL_MAX_NODES. Beyond that they are returned as the builders normalised
 * them (call simplify yourself).
 */
export const SIMPLIFY_MAX_NODES = 5000;
export const LOCAL_MAX_NODES = 100_000;

/**
 * The one simplification step applied to every derivative (switch here): up
 * to `maxNodes` distinct nodes in full, then local cleaning (see above). The
 * command line, about to print a result, passes Infinity; simplify
 * remembers its final answers by input node, so a Hessian's mirrored entries
 * cost a lookup.
 */
export function tidy(
  e: Expr,
  options: { readonly maxNodes?: number; readonly trace?: DerivativeOptions['trace']; readonly meter?: Budget } = {},
): Expr {
  // Own properties only: internal callers pass plain literals ({ meter }), and a polluted
  // Object.prototype.trace must not reach simplify.
  const own = <K extends 'maxNodes' | 'trace' | 'meter'>(k: K): (typeof options)[K] => (Object.hasOwn(options, k) ? options[k] : undefined);
  const maxNodes = own('maxNodes') ?? SIMPLIFY_MAX_NODES;
  const trace = own('trace');
  const meter = own('meter');
  const base = { ...(trace ? { trace } : {}), ...(meter ? { meter } : {}) };
  if (maxNodes === Infinity) return simplify(e, base);
  const graph = graphSize(e);
  if (graph.nodes <= maxNodes) return simplify(e, { ...base, graph });
  if (graph.nodes <= LOCAL_MAX_NODES) return simplify(e, { ...base, local: true, graph });
  return e;
}

/** tidy without a size limit, for results about to be printed. */
export const tidyAll = (es: readonly Expr[], meter?: Budget): Expr[] =>
  es.map((e) => tidy(e, meter ? { maxNodes: Infinity, meter } : { maxNodes: Infinity }));

const NAME = /^[A-Za-z_\u00C0-\u024F\u0370-\u03FF][A-Za-z_\u00C0-\u024F\u0370-\u03FF0-9]*$/;

/** Checks that `wrt` names a variable one can differentiate by. */
export function checkVariable(wrt: unknown, fn?: string): string {
  if (typeof wrt !== 'string') throw new MathError(`${fn === undefined ? '' : `${fn}: `}the variable to differentiate by must be a name, got ${describeValue(wrt)}`);
  if (CONSTANTS.has(wrt)) {
    throw new MathError(`cannot differentiate with respect to ${wrt}: it is a constant, not a variable`);
  }
  if (!NAME.test(wrt)) throw new MathError(`cannot differentiate with respect to '${wrt}': not a variable name`);
  return wrt;
}

export { toExpr };

/** Checks the fields of DerivativeOptions that derivative and taylor read themselves (the limits: budgetOf). */
export function derivativeFields(options: DerivativeOptions, fn: string): void {
  const n = optional(options, 'maxNodes', expectNumber, fn);
  if (n !== undefined && !(n > 0)) throw new MathError(`${fn}: the option maxNodes must be a positive number (or Infinity), got ${describeValue(n)}`);
  optional(options, 'trace', expectFunction, fn);
  optional(options, 'onOrder', expectFunction, fn);
}

/**
 * The `order`-th derivative of `e` with respect to the variable `wrt`,
 * simplified. order 0 returns e itself.
 */
export function derivative(e: Expr | string, wrt: string, order = 1, given?: DerivativeOptions): Expr {
  const options = ownOptions(given, 'derivative');
  checkVariable(wrt, 'derivative');
  if (typeof order !== 'number' || !Number.isSafeInteger(order) || order < 0) {
    throw new MathError(`derivative: the order of a derivative must be a whole number >= 0, got ${describeValue(order)}`);
  }
  const expr = toExpr(e, 'derivative');
  derivativeFields(options, 'derivative');
  if (order === 0) return expr;
  refuseUndefinedConstants(expr, 'derivative');
  const maxNodes = options.maxNodes ?? DEFAULT_MAX_NODES;
  const meter = options.meter ?? budgetOf(options, 'derivative');
  const cache: PartialCache = new Map();
  const defined = definedContext(options.define, meter);
  const seq: Expr[] = [expr];
  const seen = new Map<number, { k: number; c: Rational }>();
  const note = (k: number, d: Expr): void => {
    const [c, rest] = splitCoefficient(d);
    if (!seen.has(rest.id)) seen.set(rest.id, { k, c });
  };
  note(0, expr);
  for (let k = 1; k <= order; k++) {
    const d = tidy(derivativeOnce(seq[k - 1]!, wrt, cache, defined, meter), { trace: options.trace, meter });
    if (d === ZERO || k === order) return d;
    if (order > 1 && maxNodes !== Infinity) {
      const size = dagSize(d);
      if (size > maxNodes) {
        throw new MathError(
          `derivative of order ${k + 1} not attempted: the derivative of order ${k} already has ${size} distinct nodes (budget ${maxNodes})`,
        );
      }
    }
    const [c, rest] = splitCoefficient(d);
    const prev = seen.get(rest.id);
    if (prev) return readOff(seq, d, prev.k, k, ratMul(c, ratInv(prev.c)), order, meter);
    options.onOrder?.(k, d);
    note(k, d);
    seq.push(d);
  }
  throw new Error('unreachable');
}

/**
 * The k-th derivative d is `ratio` times the j-th one, so for every m >= 0 the
 * (k + m)-th is ratio times the (j + m)-th, and the n-th is
 * ratio^q * (the (j + r)-th) with n - j = q (k - j) + r.
 */
function readOff(seq: Expr[], d: Expr, j: number, k: number, ratio: Rational, n: number, meter: Budget): Expr {
  seq.push(d);
  const period = k - j;
  const q = Math.floor((n - j) / period);
  const r = (n - j) % period;
  const base = seq[j + r]!;
  if (ratio.p === ratio.q) return base;
  return tidy(mul(pow(num(ratio), q), base), { meter });
}

type Lazy = 'zero' | 'one' | Term[];
/** partial * (derivative of ref); ref null: that derivative is 1. */
interface Term {
  readonly coef: Expr;
  readonly ref: Expr | null;
}

/**
 * The graph of one or more roots, prepared once for derivatives by several
 * variables (gradient, Jacobian, Hessian): its nodes in postorder and, per
 * node, its users with the child slot. A derivative by x then visits only the
 * nodes that contain x, found by walking up from x, so the gradient of a sum
 * of n terms in n variables costs O(n), not O(n^2).
 */
export class DiffGraph {
  private readonly pos = new Map<number, number>();
  /** Per node id: its users and the slot, as flat pairs (user, slot, user, slot, ...). */
  private readonly users = new Map<number, Array<Expr | number>>();

  constructor(
    roots: readonly Expr[],
    private readonly meter: Budget = unlimited('derivative'),
  ) {
    const nodes = postorder(...roots);
    meter.spend(nodes.length);
    for (let k = 0; k < nodes.length; k++) {
      const n = nodes[k]!;
      this.pos.set(n.id, k);
      const kids = children(n);
      meter.spend(kids.length);
      for (let i = 0; i < kids.length; i++) {
        const id = kids[i]!.id;
        let list = this.users.get(id);
        if (!list) this.users.set(id, (list = []));
        list.push(n, i);
      }
    }
  }

  /**
   * The nodes that contain x, in postorder, and for each the slots of its
   * children that contain x (ascending).
   */
  dependents(x: Expr): { readonly order: Expr[]; readonly slots: Map<number, number[]> } {
    const slots = new Map<number, number[]>();
    if (!this.pos.has(x.id)) return { order: [], slots };
    const order: Expr[] = [x];
    const seen = new Set<number>([x.id]);
    for (let k = 0; k < order.length; k++) {
      const list = this.users.get(order[k]!.id);
      if (!list) continue;
      this.meter.spend(list.length);
      for (let j = 0; j < list.length; j += 2) {
        const user = list[j] as Expr;
        let s = slots.get(user.id);
        if (!s) slots.set(user.id, (s = []));
        s.push(list[j + 1] as number);
        if (!seen.has(user.id)) {
          seen.add(user.id);
          order.push(user);
        }
      }
    }
    const pos = this.pos;
    order.sort((a, b) => pos.get(a.id)! - pos.get(b.id)!);
    for (const s of slots.values()) if (s.length > 1) s.sort((a, b) => a - b);
    return { order, slots };
  }
}

/**
 * The first derivative, unsimplified. The cache (optional) keeps partials for
 * the next call; `graph`, a DiffGraph holding e, is shared by the calls of a
 * gradient (one is made for e alone otherwise).
 */
export function derivativeOnce(
  e: Expr,
  wrt: string,
  cache: PartialCache = new Map(),
  defined?: DefinedContext,
  meter: Budget = unlimited('derivative'),
  graph: DiffGraph = new DiffGraph([e], meter),
): Expr {
  const x = sym(wrt);
  // The nodes that contain x, children first; every other node has derivative 0.
  const { order: nodes, slots } = graph.dependents(x);
  const lazy = new Map<number, Lazy>();
  const lazyOf = (n: Expr): Lazy => lazy.get(n.id) ?? 'zero';
  // A piecewise node that contains x is differentiated piece by piece
  // (piecewise.ts), since its seams may depend on x even when its pieces do not.
  const pieced = new Set<number>();
  for (const n of nodes) {
    if (n === x) {
      lazy.set(n.id, 'one');
      continue;
    }
    const kids = children(n);
    const dependent = slots.get(n.id)!;
    meter.spend(dependent.length);
    if (n.kind === 'call' && n.fn === 'piecewise' && n.derivs.length === 0) {
      pieced.add(n.id);
      const refs: Term[] = [];
      for (const i of dependent) {
        const k = kids[i]!;
        if (typeof lazyOf(k) !== 'string') refs.push({ coef: ONE, ref: k }, { coef: ONE, ref: k }); // twice: built, never folded into a run
      }
      lazy.set(n.id, refs);
      continue;
    }
    // The partial of a product by one factor is the product of the others: charged up front, so
    // a product of n factors that all contain x (n^2 slots) stops at once when that is over budget.
    if (n.kind === 'mul') meter.spend(dependent.length * kids.length);
    let terms: Term[] | undefined;
    for (const i of dependent) {
      const dk = lazyOf(kids[i]!);
      if (dk === 'zero') continue;
      const coef = cachedPartial(n, i, kids.length, cache, defined);
      if (coef === ZERO) continue;
      (terms ??= []).push({ coef, ref: dk === 'one' ? null : kids[i]! });
    }
    lazy.set(n.id, terms ?? 'zero');
  }
  const top = lazyOf(e);
  if (top === 'zero') return ZERO;
  const built = new Map<number, Expr>();
  if (top === 'one') return ONE;

  // How often each derivative is used by the terms reachable from the root
  // (reverse postorder visits every user before the node it uses).
  const uses = new Map<number, number>([[e.id, 1]]);
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i]!;
    const l = lazy.get(n.id)!;
    if (!uses.has(n.id) || typeof l === 'string') continue;
    for (const t of l) if (t.ref) uses.set(t.ref.id, (uses.get(t.ref.id) ?? 0) + 1);
  }
  // A one-term, singly-used link is folded into its user's run; others are built and kept.
  const inlined = (n: Expr): boolean => {
    const l = lazy.get(n.id)!;
    return n !== e && uses.get(n.id) === 1 && typeof l !== 'string' && l.length === 1 && !pieced.has(n.id);
  };
  const slopeOf = (k: Expr): Expr => {
    const l = lazyOf(k);
    return l === 'zero' ? ZERO : l === 'one' ? ONE : built.get(k.id)!;
  };
  for (const n of nodes) {
    const l = lazy.get(n.id)!;
    if (!uses.has(n.id) || typeof l === 'string' || inlined(n)) continue;
    if (pieced.has(n.id)) {
      const args = (n as Expr & { kind: 'call' }).args;
      built.set(n.id, piecewiseDerivative(args, args.map(slopeOf)));
      continue;
    }
    const sum: Expr[] = [];
    for (const t of l) {
      const factors = [t.coef];
      let ref = t.ref;
      while (ref && inlined(ref)) {
        const next = (lazy.get(ref.id) as Term[])[0]!;
        factors.push(next.coef);
        ref = next.ref;
      }
      if (ref) factors.push(built.get(ref.id)!);
      meter.spend(factors.length);
      sum.push(factors.length === 1 ? factors[0]! : mulOf(factors));
    }
    meter.spend(sum.length);
    built.set(n.id, sum.length === 1 ? sum[0]! : addOf(sum));
  }
  return built.get(e.id)!;
}

function cachedPartial(n: Expr, i: number, arity: number, cache: PartialCache, defined?: DefinedContext): Expr {
  let row = cache.get(n.id);
  if (!row) {
    row = new Array<Expr | undefined>(arity);
    cache.set(n.id, row);
  }
  return (row[i] ??= partial(n, i, defined));
}
