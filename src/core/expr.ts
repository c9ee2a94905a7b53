// The expression core: immutable, hash-consed nodes. Building the same
// expression twice returns the same object, so structural equality is `===`
// and `id` (dense, from 0) is a memo key for every pass.
import type { Rational } from './rational.js';
import { isStamped, stamp } from './memo.js';
import { SweepSchedule, WeakValueMap } from './weak.js';

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

// The hash-cons tables. Composite nodes are keyed by a numeric hash of their
// kind and children's ids (no key strings to build: this is the hottest path
// of every pass), with a short bucket per hash checked field by field. The
// tables hold nodes weakly (core/weak.ts): a node nobody holds is collected
// with everything memoised on it (memos are WeakMaps keyed by the node), and
// building it again later gives a new node with a new id. Ids are never
// reused, so a memo keyed by id can never confuse two nodes.
let nextId = 0;
const syms = new WeakValueMap<string, Sym>();
const SMALL = 1024;
// Small integers are held strongly: at most 2,049 nodes, and the commonest.
const smallInts: Array<Num | undefined> = [];
const nums = new WeakValueMap<string | number, Num>();
const P_RANGE = 2n ** 30n;
const Q_RANGE = 2n ** 22n;
/** A fraction's table key: a number when p and q are small (no BigInt to text), else its text. */
const numKey = (v: Rational): string | number =>
  v.p > -P_RANGE && v.p < P_RANGE && v.q < Q_RANGE ? Number(v.q) * 2 ** 31 + Number(v.p) + 2 ** 30 : `${v.p}/${v.q}`;
type Slot = WeakRef<Expr> | Array<WeakRef<Expr>>;
const composite = new Map<number, Slot>();
const fnHashes = new Map<string, number>();
let compositeLive = 0;
const compositeSweep = new SweepSchedule(sweepComposite);

/** Drops the composite table's entries whose node was collected; returns how many are left. */
function sweepComposite(): number {
  let left = 0;
  for (const [h, slot] of composite) {
    if (!Array.isArray(slot)) {
      if (slot.deref() === undefined) composite.delete(h);
      else left++;
      continue;
    }
    const live = slot.filter((r) => r.deref() !== undefined);
    if (live.length === 0) composite.delete(h);
    else composite.set(h, live.length === 1 ? live[0]! : live);
    left += live.length;
  }
  compositeLive = left;
  return left;
}

// Nodes this module built carry a private memo field (core/memo.ts). A node
// structured-cloned from a worker (or forged) has the same fields but not that
// one, and its id means another node here: it must never be trusted by id.
// Builders and entry points check for it (isBuilt) and re-intern anything
// else from its fields (build.ts intern).
function done<T extends Expr>(node: T): T {
  stamp(node);
  Object.freeze(node);
  return node;
}

/** Was x built by this copy of leibniz (so its id is a valid memo key here)? */
export const isBuilt = (x: unknown): x is Expr => typeof x === 'object' && x !== null && isStamped(x);

const mix = (h: number, x: number): number => Math.imul(h ^ x, 0x9e3779b1) ^ (h >>> 15);

function hashArgs(seed: number, args: readonly Expr[]): number {
  let h = seed;
  for (let i = 0; i < args.length; i++) h = mix(h, args[i]!.id);
  return mix(h, args.length) | 0;
}

function fnHash(fn: string): number {
  let h = fnHashes.get(fn);
  if (h === undefined) {
    h = 7;
    for (let i = 0; i < fn.length; i++) h = mix(h, fn.charCodeAt(i));
    if (fnHashes.size > 10_000) fnHashes.clear(); // bounded: fresh function names come and go
    fnHashes.set(fn, h);
  }
  return h;
}

const sameList = <T>(a: readonly T[], b: readonly T[]): boolean => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

/** Is n the add, mul or call node of these fields? (Powers are looked up in makePow.) */
function same(n: Expr, kind: 'add' | 'mul' | 'call', args: readonly Expr[], fn: string, derivs: readonly number[]): boolean {
  if (n.kind !== kind) return false;
  if (n.kind === 'call' && (n.fn !== fn || !sameList(n.derivs, derivs))) return false;
  return sameList((n as Add).args, args);
}

// Lookup and insertion are split so that a hit allocates nothing: `find`
// leaves the hash it computed for the `insert` that follows a miss.
let pendingHash = 0;

/** The existing node of this kind and children, if any. */
function find(kind: 'add' | 'mul' | 'call', h: number, args: readonly Expr[], fn = '', derivs: readonly number[] = NO_DERIVS): Expr | undefined {
  pendingHash = h;
  const slot = composite.get(h);
  if (slot === undefined) return undefined;
  if (!Array.isArray(slot)) {
    const n = slot.deref();
    return n !== undefined && same(n, kind, args, fn, derivs) ? n : undefined;
  }
  for (const r of slot) {
    const n = r.deref();
    if (n !== undefined && same(n, kind, args, fn, derivs)) return n;
  }
  return undefined;
}

/** Files a new node under the hash of the `find` that just missed. */
function insert<T extends Expr>(node: T): T {
  done(node);
  const h = pendingHash;
  const slot = composite.get(h);
  const ref = new WeakRef<Expr>(node);
  if (slot === undefined) composite.set(h, ref);
  else if (Array.isArray(slot)) slot.push(ref);
  else composite.set(h, [slot, ref]);
  compositeLive++;
  compositeSweep.inserted();
  return node;
}

const NO_DERIVS: readonly number[] = Object.freeze([]);

// Every node has every field, in one order (the ones its kind lacks are undefined):
// one hidden class for all kinds, so the loads of the passes (e.kind, e.args, a
// node's memo fields) stay monomorphic. With a shape per kind they were
// megamorphic, and the corpus bench ran 16% slower.
function newNode<T extends Expr>(
  kind: Kind,
  height: number,
  value: Rational | undefined,
  name: string | undefined,
  args: readonly Expr[] | undefined,
  base: Expr | undefined,
  exp: Expr | undefined,
  fn: string | undefined,
  derivs: readonly number[] | undefined,
): T {
  return { id: nextId++, kind, height, value, name, args, base, exp, fn, derivs } as unknown as T;
}

// The raw makers below only intern; the normalising builders live in build.ts.
const above = (args: readonly Expr[]): number => {
  let h = 0;
  for (const a of args) if (a.height > h) h = a.height;
  return h + 1;
};

export function makeNum(value: Rational): Num {
  const small = value.q === 1n && value.p >= -SMALL && value.p <= SMALL ? Number(value.p) + SMALL : -1;
  if (small >= 0) {
    const found = smallInts[small];
    if (found) return found;
  }
  const key = small >= 0 ? 0 : numKey(value);
  let node = small >= 0 ? undefined : nums.get(key);
  if (!node) {
    node = done(newNode<Num>('num', 0, value, undefined, undefined, undefined, undefined, undefined, undefined));
    if (small >= 0) smallInts[small] = node;
    else nums.set(key, node);
  }
  return node;
}

export function makeSym(name: string): Sym {
  let node = syms.get(name);
  if (!node) {
    node = done(newNode<Sym>('sym', 0, undefined, name, undefined, undefined, undefined, undefined, undefined));
    syms.set(name, node);
  }
  return node;
}

export const makeAdd = (args: readonly Expr[]): Add =>
  (find('add', hashArgs(1, args), args) as Add | undefined) ??
  insert(newNode<Add>('add', above(args), undefined, undefined, Object.freeze([...args]), undefined, undefined, undefined, undefined));

export const makeMul = (args: readonly Expr[]): Mul =>
  (find('mul', hashArgs(2, args), args) as Mul | undefined) ??
  insert(newNode<Mul>('mul', above(args), undefined, undefined, Object.freeze([...args]), undefined, undefined, undefined, undefined));

export function makePow(base: Expr, exp: Expr): Pow {
  const h = mix(mix(mix(3, base.id), exp.id), 2) | 0;
  const slot = composite.get(h);
  if (slot !== undefined) {
    // Inline lookup: a power has no argument list to pass to `find`.
    if (!Array.isArray(slot)) {
      const n = slot.deref();
      if (n !== undefined && n.kind === 'pow' && n.base === base && n.exp === exp) return n;
    } else {
      for (const r of slot) {
        const n = r.deref();
        if (n !== undefined && n.kind === 'pow' && n.base === base && n.exp === exp) return n;
      }
    }
  }
  pendingHash = h;
  return insert(newNode<Pow>('pow', Math.max(base.height, exp.height) + 1, undefined, undefined, undefined, base, exp, undefined, undefined));
}

export function makeCall(fn: string, args: readonly Expr[], derivs: readonly number[] = NO_DERIVS): Call {
  const seed = derivs.length === 0 ? fnHash(fn) : derivs.reduce(mix, fnHash(fn) ^ 0x5bd1e995);
  return (
    (find('call', hashArgs(seed, args), args, fn, derivs) as Call | undefined) ??
    insert(
      newNode<Call>('call', above(args), undefined, undefined, Object.freeze([...args]), undefined, undefined, fn, derivs.length === 0 ? NO_DERIVS : Object.freeze([...derivs])),
    )
  );
}

/** How many distinct nodes have been built so far (ids are below this; collected nodes included). */
export const nodeCount = (): number => nextId;

/** Entries in the intern tables (live nodes, and dead ones not yet swept): for the memory bench and test. */
export const internedCount = (): number => compositeLive + syms.size + nums.size + smallInts.filter(Boolean).length;

export function isExpr(x: unknown): x is Expr {
  return typeof x === 'object' && x !== null && Object.hasOwn(x, 'kind') && Object.hasOwn(x, 'id');
}
