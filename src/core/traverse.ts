// Iterative traversals over the shared graph: every pass in leibniz walks a
// node list from `postorder`, so depth never touches the JS call stack and a
// shared subterm is visited once.
import type { Expr } from './expr.js';

const LEAF: readonly Expr[] = Object.freeze([]);

export function children(e: Expr): readonly Expr[] {
  switch (e.kind) {
    case 'num':
    case 'sym':
      return LEAF;
    case 'add':
    case 'mul':
    case 'call':
      return e.args;
    case 'pow':
      return [e.base, e.exp];
  }
}

/** Distinct nodes reachable from the roots, each after all of its children. */
export const postorder = (...roots: Expr[]): Expr[] => postorderUntil(roots, () => false);

/**
 * Like postorder, but never enters a node for which `stop` holds (nor lists
 * it): a pass that already handled part of a graph walks only the rest.
 */
export function postorderUntil(roots: readonly Expr[], stop: (e: Expr) => boolean): Expr[] {
  const out: Expr[] = [];
  const seen = new Set<number>();
  // Two parallel stacks (node, next child to visit): no tuple per node.
  const nodes: Expr[] = [];
  const next: number[] = [];
  for (const root of roots) {
    if (seen.has(root.id) || stop(root)) continue;
    seen.add(root.id);
    nodes.push(root);
    next.push(0);
    while (nodes.length > 0) {
      const top = nodes.length - 1;
      const kids = children(nodes[top]!);
      const i = next[top]!;
      if (i < kids.length) {
        next[top] = i + 1;
        const child = kids[i]!;
        if (!seen.has(child.id) && !stop(child)) {
          seen.add(child.id);
          nodes.push(child);
          next.push(0);
        }
      } else {
        out.push(nodes.pop()!);
        next.pop();
      }
    }
  }
  return out;
}

/**
 * Bottom-up fold: `f(node, childResults)` once per distinct node, memoised by
 * node. A node already in the memo is not entered, so folding a new node over an
 * analysed graph costs only the new nodes; work on a shared graph is linear.
 * Results must not be `undefined` (that marks a node not yet folded). The
 * long-lived memos live on the nodes (core/memo.ts), so an entry goes when
 * its node does.
 */
export function fold<T>(root: Expr, f: (e: Expr, kids: T[]) => T, memo: NodeMemo<T> = new Map()): T {
  const known = memo.get(root);
  if (known !== undefined) return known;
  const stack: Expr[] = [root];
  while (stack.length > 0) {
    const n = stack[stack.length - 1]!;
    if (memo.get(n) !== undefined) {
      stack.pop();
      continue;
    }
    const kids = children(n);
    let ready = true;
    for (let i = kids.length - 1; i >= 0; i--) {
      if (memo.get(kids[i]!) === undefined) {
        stack.push(kids[i]!);
        ready = false;
      }
    }
    if (!ready) continue;
    stack.pop();
    memo.set(n, f(n, kids.map((k) => memo.get(k)!)));
  }
  return memo.get(root)!;
}

/** What fold needs of its memo: a node memo (core/memo.ts) or a Map keyed by node. */
export interface NodeMemo<T> {
  get(e: Expr): T | undefined;
  set(e: Expr, value: T): unknown;
}

export const CONSTANTS: ReadonlySet<string> = new Set(['pi', 'e']);

/** Free variables (not constants), sorted by name. */
export function freeSymbols(...roots: Expr[]): string[] {
  const names = new Set<string>();
  for (const n of postorder(...roots)) if (n.kind === 'sym' && !CONSTANTS.has(n.name)) names.add(n.name);
  return [...names].sort(compareNames);
}

/** Name order with digit runs compared as numbers: x2 < x10. */
export function compareNames(a: string, b: string): number {
  if (a === b) return 0;
  const ra = nameParts(a);
  const rb = nameParts(b);
  if (ra === null && rb === null) return a < b ? -1 : 1; // no digits: plain order
  const pa = ra ?? [a];
  const pb = rb ?? [b];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x === y) continue;
    const nx = isDigit(x.charCodeAt(0));
    const ny = isDigit(y.charCodeAt(0));
    if (nx && ny && x.length !== y.length) return x.length - y.length;
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length || (a < b ? -1 : 1);
}

// A name's runs of digits and non-digits (null when it has no digit), cached: names recur.
const partsCache = new Map<string, readonly string[] | null>();
const DIGIT = /\d/;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
function nameParts(name: string): readonly string[] | null {
  let parts = partsCache.get(name);
  if (parts === undefined) {
    parts = DIGIT.test(name) ? (name.match(/(\d+)|(\D+)/g) ?? []) : null;
    if (partsCache.size > 10_000) partsCache.clear(); // bounded: fresh names come and go
    partsCache.set(name, parts);
  }
  return parts;
}

/** Number of distinct nodes in the graph. */
export function dagSize(...roots: Expr[]): number {
  return postorder(...roots).length;
}
