// The expression core: immutable, hash-consed nodes. Building the same
// expression twice returns the same object, so structural equality is `===`
// and `id` (dense, from 0) is a memo key for every pass.
import type { Rational } from './rational.js';

export type Kind = 'num' | 'sym' | 'add' | 'mul' | 'pow' | 'call';

interface Node {
  readonly id: number;
  readonly kind: Kind;
  /** Longest path to a leaf (leaves are 0): a cheap first key for ordering deep terms. */
  readonly height: number;
}
/** An exact rational number. */
export interface Num extends Node {
  readonly kind: 'num';
  readonly value: Rational;
}
/** A variable, a constant (`pi`, `e`) or, in rules, a pattern variable (`?a`). */
export interface Sym extends Node {
  readonly kind: 'sym';
  readonly name: string;
}
/** n-ary sum; operands flattened and ordered, numeric term first. */
export interface Add extends Node {
  readonly kind: 'add';
  readonly args: readonly Expr[];
}
/** n-ary product; operands flattened and ordered, numeric coefficient first. */
export interface Mul extends Node {
  readonly kind: 'mul';
  readonly args: readonly Expr[];
}
export interface Pow extends Node {
  readonly kind: 'pow';
  readonly base: Expr;
  readonly exp: Expr;
}
/**
 * A function applied to arguments. `derivs` lists, sorted, the (0-based)
 * argument positions an undefined function is differentiated by:
 * f'(x) is { fn: 'f', derivs: [0] }. Known functions always have none.
 */
export interface Call extends Node {
  readonly kind: 'call';
  readonly fn: string;
  readonly args: readonly Expr[];
  readonly derivs: readonly number[];
}

export type Expr = Num | Sym | Add | Mul | Pow | Call;

const table = new Map<string, Expr>();
let nextId = 0;

function intern<T extends Expr>(key: string, make: (id: number) => T): T {
  const found = table.get(key);
  if (found) return found as T;
  const node = make(nextId++);
  Object.freeze(node);
  table.set(key, node);
  return node;
}

const ids = (args: readonly Expr[]): string => args.map((a) => a.id).join(',');

// The raw makers below only intern; the normalising builders live in build.ts.
const above = (args: readonly Expr[]): number => {
  let h = 0;
  for (const a of args) if (a.height > h) h = a.height;
  return h + 1;
};

export const makeNum = (value: Rational): Num =>
  intern(`n${value.p}/${value.q}`, (id) => ({ id, kind: 'num', height: 0, value }));
export const makeSym = (name: string): Sym => intern(`s${name}`, (id) => ({ id, kind: 'sym', height: 0, name }));
export const makeAdd = (args: readonly Expr[]): Add =>
  intern(`a${ids(args)}`, (id) => ({ id, kind: 'add', height: above(args), args: Object.freeze([...args]) }));
export const makeMul = (args: readonly Expr[]): Mul =>
  intern(`m${ids(args)}`, (id) => ({ id, kind: 'mul', height: above(args), args: Object.freeze([...args]) }));
export const makePow = (base: Expr, exp: Expr): Pow =>
  intern(`p${base.id},${exp.id}`, (id) => ({ id, kind: 'pow', height: above([base, exp]), base, exp }));
export const makeCall = (fn: string, args: readonly Expr[], derivs: readonly number[] = []): Call =>
  intern(`c${fn}|${derivs.join(',')}|${ids(args)}`, (id) => ({
    id,
    kind: 'call',
    height: above(args),
    fn,
    args: Object.freeze([...args]),
    derivs: Object.freeze([...derivs]),
  }));

/** How many distinct nodes have been built so far (ids are below this). */
export const nodeCount = (): number => nextId;

export function isExpr(x: unknown): x is Expr {
  return typeof x === 'object' && x !== null && 'kind' in x && 'id' in x;
}
